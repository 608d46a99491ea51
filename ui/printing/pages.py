"""A Paper painted page by page: on a printer (QPrinter), into a PDF (QPdfWriter, fonts
embedded) or on images (the screenshots, the preview's tests).

A4 documents: the text document is laid out in pages of the body's height (Qt breaks the
lines table between rows and repeats its `thead` row at the top of each page); each page
is painted by translating the painter to the body's place and drawing that page's slice of
the document, clipped, then the footer (number, page x/y) below it. QTextDocument.print()
would do the slicing, but it writes its own page numbers in the corner and takes no
footer: hence the loop. The receipt: 80 mm wide, no margins, one page exactly as tall as
its content (a receipt printer cuts where the page ends).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from gestco.domain.legal_identity import DocumentKind
from gestco.services.paper import Paper
from ui.display import bidi
from ui.printing import texts
from ui.printing.layout import build_document
from ui.printing.speech import Speech
from ui.runtime import fonts

MM_PER_INCH = 25.4
A4_MM = QSizeF(210.0, 297.0)
RECEIPT_WIDTH_MM = 80.0
PDF_DPI = 300


@dataclass(frozen=True, slots=True)
class Sheet:
    """Where things go on a page, in millimetres."""

    width: float
    height: float  # 0: as tall as the content (the receipt)
    side: float  # left and right margins
    top: float
    bottom: float  # below the footer
    footer: float  # the footer's band above the bottom margin (0: none)


A4_SHEET = Sheet(width=210.0, height=297.0, side=15.0, top=12.0, bottom=10.0, footer=8.0)
# "No margins": the page is the paper; 3 mm inside it keep the text off the printer's edge
# (an 80 mm printer prints about 72 mm of it).
RECEIPT_SHEET = Sheet(width=RECEIPT_WIDTH_MM, height=0.0, side=4.0, top=3.0, bottom=4.0, footer=0.0)


def sheet_for(kind: DocumentKind) -> Sheet:
    return RECEIPT_SHEET if kind == DocumentKind.RECEIPT else A4_SHEET


class Layout:
    """A paper laid out for one device: its text document, its body and its pages."""

    def __init__(
        self, paper: Paper, device: QPaintDevice, *, delivery_prices: bool = False
    ) -> None:
        self.paper = paper
        self.sheet = sheet = sheet_for(paper.kind)
        self.dpi = float(device.logicalDpiX())
        self.receipt = paper.kind == DocumentKind.RECEIPT
        self.document: QTextDocument = build_document(
            paper, device, receipt=self.receipt, delivery_prices=delivery_prices
        )
        width = self.px(sheet.width - 2 * sheet.side)
        if self.receipt:
            self.document.setTextWidth(width)
            body_height = self.document.size().height()
            self.height_mm = sheet.top + self.mm(body_height) + sheet.bottom
        else:
            body_height = self.px(sheet.height - sheet.top - sheet.bottom - sheet.footer)
            self.document.setPageSize(QSizeF(width, body_height))
            self.height_mm = sheet.height
        self.body = QRectF(self.px(sheet.side), self.px(sheet.top), width, body_height)
        self.page_count = 1 if self.receipt else max(1, self.document.pageCount())

    def px(self, mm: float) -> float:
        return mm / MM_PER_INCH * self.dpi

    def mm(self, px: float) -> float:
        return px / self.dpi * MM_PER_INCH

    def page_layout(self) -> QPageLayout:
        """The paper the device must hold: A4, or 80 mm × the receipt's height; no margins
        (they are the layout's, so the preview, the printer and the PDF agree)."""
        if self.receipt:
            size = QPageSize(
                QSizeF(self.sheet.width, self.height_mm),
                QPageSize.Unit.Millimeter,
                "receipt",
                QPageSize.SizeMatchPolicy.ExactMatch,
            )
        else:
            size = QPageSize(QPageSize.PageSizeId.A4)
        return QPageLayout(
            size,
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )

    def paint_page(self, painter: QPainter, index: int) -> None:
        """Page `index` (0-based), painted with the device's origin at the paper's corner."""
        body = self.body
        painter.save()
        painter.translate(body.left(), body.top() - index * body.height())
        self.document.drawContents(
            painter, QRectF(0, index * body.height(), body.width(), body.height())
        )
        painter.restore()
        if self.sheet.footer:
            self._paint_footer(painter, index)

    def _paint_footer(self, painter: QPainter, index: int) -> None:
        paper, speech = self.paper, Speech(self.paper.language)
        title = texts.title(paper.kind, speech)
        said = f"{title} {speech.number(paper.number)} · {speech.name(paper.shop.name)}"
        paint_footer(
            painter, self.body, self.px, self.sheet, said, index, self.page_count, speech=speech
        )


def paint_footer(
    painter: QPainter,
    body: QRectF,
    px: Callable[[float], float],
    sheet: Sheet,
    left: str,
    index: int,
    pages: int,
    *,
    speech: Speech | None = None,
) -> None:
    """The band under a page's body: a rule, `left`, and 'page x/y' on the right; in a
    right-to-left document (`speech`, else the window's language) mirrored, `left` on the
    right."""
    speech = speech or Speech()
    band = QRectF(body.left(), body.bottom() + px(2), body.width(), px(sheet.footer - 2))
    painter.save()
    painter.setPen(QPen(QColor("#9aa5b1"), max(1.0, px(0.2))))
    painter.drawLine(band.topLeft(), band.topRight())
    font = QFont()
    font.setFamilies(fonts.document_families())
    font.setPointSizeF(7.5)
    painter.setFont(font)
    painter.setPen(QColor("#444444"))
    # "x/y" kept whole and in that order in an Arabic footer.
    page = speech.text(texts.LABELS["page"], " — ").replace(
        "%1/%2", speech.number(f"{index + 1}/{pages}")
    )
    page = page.replace("%1", str(index + 1)).replace("%2", str(pages))
    # Absolute alignments, the direction given: a painter's drawText takes each text's from
    # its first letter, and mirrors Left/Right in a right-to-left one.
    side = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignAbsolute
    start, end = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
    if speech.rtl:
        start, end = end, start
        painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    else:
        painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    painter.drawText(band, int(side | start), left)
    painter.drawText(band, int(side | end), page)
    painter.restore()


def paint(paper: Paper, device: QPagedPaintDevice, *, delivery_prices: bool = False) -> int:
    """Every page of `paper` on `device` (a QPrinter or a QPdfWriter); the device's page is
    set to the paper's first. Returns the number of pages."""
    layout = Layout(paper, device, delivery_prices=delivery_prices)
    device.setPageLayout(layout.page_layout())
    layout = Layout(
        paper, device, delivery_prices=delivery_prices
    )  # again: the page size can move the dpi
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer could not start")
    try:
        for index in range(layout.page_count):
            if index:
                device.newPage()
            layout.paint_page(painter, index)
    finally:
        painter.end()
    return layout.page_count


def pdf_bytes(paper: Paper, *, delivery_prices: bool = False) -> bytes:
    """The paper as a PDF (fonts embedded: QPdfWriter's default), in memory."""
    title = f"{bidi.strip(texts.title(paper.kind, Speech(paper.language)))} {paper.number}"
    return pdf_in_memory(
        title, lambda writer: paint(paper, writer, delivery_prices=delivery_prices)
    )


def pdf_in_memory(title: str, paint_on: Callable[[QPdfWriter], object]) -> bytes:
    """What `paint_on` paints on a PDF writer, as the PDF's bytes."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setCreator("GESTCO")
    writer.setTitle(title)
    paint_on(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())


def page_images(paper: Paper, dpi: int = 110, *, delivery_prices: bool = False) -> list[QImage]:
    """Each page as an image at `dpi` (white paper): what the screenshots show."""
    dots_per_metre = round(dpi / MM_PER_INCH * 1000)
    probe = QImage(8, 8, QImage.Format.Format_RGB32)
    probe.setDotsPerMeterX(dots_per_metre)
    probe.setDotsPerMeterY(dots_per_metre)
    layout = Layout(paper, probe, delivery_prices=delivery_prices)
    size = (round(layout.px(layout.sheet.width)), round(layout.px(layout.height_mm)))
    images = []
    for index in range(layout.page_count):
        image = QImage(size[0], size[1], QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        layout.paint_page(painter, index)
        painter.end()
        images.append(image)
    return images
