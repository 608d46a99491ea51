"""A report on A4 (the dashboard's figures): Qt rich text with its images, painted page by
page with the same margins and footer (the title, page x/y) as the order papers, into a PDF
(fonts embedded) or on a printer. The content is the screen's business: it gives the HTML
and the images the HTML names (`<img src="name" width="page">`, or "half" for half of it).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextDocument,
)

from ui.printing.pages import A4_SHEET, MM_PER_INCH, paint_footer, pdf_in_memory
from ui.printing.pieces import INK
from ui.runtime import fonts


def _document(
    html: str, images: Mapping[str, QImage], width: float, device: QPagedPaintDevice
) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)  # points at the device's dots per inch
    font = QFont()
    font.setFamilies(fonts.document_families())
    font.setPointSizeF(9.0)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(
        f"h1 {{ color: {INK}; font-size: 15pt; }} h2 {{ color: {INK}; font-size: 11pt; }}"
        " th { background-color: #eef1f4; text-align: left; } td, th { padding: 2px 4px; }"
    )
    for name, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setTextWidth(width)
    # width="page" / "half": the body's width, whatever the device's dots per inch (an
    # image's width is read in pixels of 96 per inch, then scaled to the device's)
    room = width * 96 / device.logicalDpiX()
    html = html.replace('width="page"', f'width="{int(room * 0.98)}"')
    document.setHtml(html.replace('width="half"', f'width="{int(room * 0.48)}"'))
    return document


def paint_report(
    title: str, html: str, images: Mapping[str, QImage], device: QPagedPaintDevice
) -> int:
    """Every page on `device` (A4, portrait); returns the number of pages."""
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    sheet = A4_SHEET
    dpi = float(device.logicalDpiX())

    def px(mm: float) -> float:
        return mm / MM_PER_INCH * dpi

    width = px(sheet.width - 2 * sheet.side)
    height = px(sheet.height - sheet.top - sheet.bottom - sheet.footer)
    document = _document(html, images, width, device)
    document.setPageSize(QSizeF(width, height))
    pages = max(1, document.pageCount())
    body = QRectF(px(sheet.side), px(sheet.top), width, height)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer could not start")
    try:
        for index in range(pages):
            if index:
                device.newPage()
            painter.save()
            painter.translate(body.left(), body.top() - index * height)
            document.drawContents(painter, QRectF(0, index * height, width, height))
            painter.restore()
            paint_footer(painter, body, px, sheet, title, index, pages)
    finally:
        painter.end()
    return pages


def report_pdf(title: str, html: str, images: Mapping[str, QImage]) -> bytes:
    """The report as a PDF, in memory."""
    return pdf_in_memory(title, lambda writer: paint_report(title, html, images, writer))
