"""A Paper (gestco.services.paper) as Qt rich text: the HTML of the A4 documents (the
receipt's: ui.printing.receipt; the shared pieces: ui.printing.pieces), and
the QTextDocument it becomes, with its QR code and logo as the document's resources.

One HTML per kind, written from the same pieces (the shop's header, the client's box, the
lines table, the totals): Qt's HTML is a subset, so the pieces keep to what its importer
reads (tables with attributes, `thead` for the header row it repeats on each page,
`bgcolor`, `align`, font sizes in points). The page footer (page x/y) is painted by
ui.printing.pages, not written here: a text document knows nothing of its pages' numbers.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QFont, QImage, QPaintDevice, QTextDocument

from gestco.domain.legal_identity import DocumentKind
from gestco.domain.phones import format_phone
from gestco.services.paper import Paper
from gestco.services.shop_logo import shop_logo
from ui.display import formatting
from ui.printing import texts
from ui.printing.pieces import (
    INK,
    LOGO_URL,
    QR_URL,
    RULE,
    SHADE,
    address_html,
    figures,
    money,
    money_rows,
    qr_image,
    rate,
    shop_block,
    text_html,
)
from ui.printing.receipt import receipt_html
from ui.printing.texts import Words
from ui.runtime import fonts


def _title(paper: Paper) -> str:
    name = escape(texts.title(paper.kind).upper())
    return (
        f'<p align="right"><span style="font-size:16pt; font-weight:bold; color:{INK}">'
        f"{name}</span></p>"
    )


def _heading(paper: Paper, words: Words) -> str:
    rows = [(words.number, paper.number), (words.date, formatting.day(paper.issued_at))]
    if paper.is_invoice:
        rows.append((words.order, paper.order_number))
    if paper.kind == DocumentKind.CREDIT_NOTE and paper.credited_number:
        rows.append((texts.title(DocumentKind.INVOICE), paper.credited_number))
    if paper.operator:
        rows.append((words.served_by, paper.operator.removeprefix("cli:")))
    if paper.shipping_date and paper.kind in (
        DocumentKind.ORDER_SLIP,
        DocumentKind.DELIVERY_NOTE,
    ):
        rows.append((words.expected, formatting.day(paper.shipping_date)))
    body = "".join(
        f'<tr><td style="color:#555; padding-right:10px">{escape(label)}</td>'
        f'<td align="right"><b>{escape(value)}'
        "</b></td></tr>"
        for label, value in rows
    )
    return f'<table align="right" cellspacing="0" cellpadding="1">{body}</table>'


def _client_box(paper: Paper, words: Words, *, with_delivery: bool) -> str:
    client = paper.client
    lines = [f"<b>{escape(client.name)}</b>"]
    if client.address:
        lines.append(address_html(client.address, paper.shop.country))
    if client.phone:
        lines.append(escape(format_phone(client.phone, paper.region)))
    if client.email:
        lines.append(escape(client.email))
    cells = [
        f'<td width="50%" bgcolor="{SHADE}"><span style="color:#555; font-size:7.5pt">'
        f"{escape(words.client.upper())}</span><br>{'<br>'.join(lines)}</td>"
    ]
    if with_delivery and paper.shipping_address:
        cells.insert(
            0,
            f'<td width="50%"><span style="color:#555; font-size:7.5pt">'
            f"{escape(words.delivery_address.upper())}</span><br>"
            f"{address_html(paper.shipping_address, paper.shop.country)}</td>",
        )
    else:
        cells.insert(0, '<td width="50%"></td>')
    return f'<table width="100%" cellspacing="0" cellpadding="6"><tr>{"".join(cells)}</tr></table>'


def _lines_table(paper: Paper, words: Words, *, prices: bool) -> str:
    """The lines, their header in a `thead` (repeated on each page of a long document)."""
    heads: list[tuple[str, str, str]] = [
        (words.sku, "left", "14%"),
        (words.description, "left", "37%" if prices else "66%"),
        (words.quantity, "right", "8%"),
    ]
    if prices:
        heads += [
            (words.unit_price_short, "right", "12%"),
            (words.discount, "right", "10%"),
            (words.vat, "right", "7%"),
            (words.line_total, "right", "12%"),
        ]
    else:
        heads.append((words.delivered, "right", "12%"))
    head = "".join(
        f'<th align="{align}" width="{width}" bgcolor="{INK}"><font color="white">'
        f"{escape(label)}</font></th>"
        for label, align, width in heads
    )
    rows = []
    for n, line in enumerate(paper.lines):
        shade = f' bgcolor="{SHADE}"' if n % 2 else ""
        cells = [
            f"<td>{escape(line.sku)}</td>",
            f"<td>{escape(line.description)}</td>",
            f'<td align="right">{formatting.count(line.quantity)}</td>',
        ]
        if prices:
            cells += [
                f'<td align="right">{money(line.unit_price_cents)}</td>',
                f'<td align="right">{rate(line.discount_bp) if line.discount_bp else ""}</td>',
                f'<td align="right">{rate(line.tax_rate_bp)}</td>',
                f'<td align="right">{money(line.total_cents)}</td>',
            ]
        else:
            cells.append('<td align="right">&nbsp;</td>')
        rows.append(f"<tr{shade}>{''.join(cells)}</tr>")
    return (
        f'<table width="100%" cellspacing="0" cellpadding="4" border="0.5"'
        f' style="border-collapse:collapse; border-color:{RULE}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _vat_table(paper: Paper, words: Words) -> str:
    head = "".join(
        f'<th align="{"left" if i == 0 else "right"}" bgcolor="{SHADE}">{escape(label)}</th>'
        for i, label in enumerate((words.vat_rate, words.base, words.vat_amount, words.total))
    )
    body = "".join(
        f'<tr><td>{rate(row.rate_bp)}</td><td align="right">{money(row.base_cents)}</td>'
        f'<td align="right">{money(row.tax_cents)}</td>'
        f'<td align="right">{money(row.total_cents)}</td></tr>'
        for row in paper.vat
    )
    return (
        f'<table width="100%" cellspacing="0" cellpadding="3" border="0.5"'
        f' style="border-collapse:collapse; border-color:{RULE}">'
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


def _totals(paper: Paper, words: Words, *, vat: bool) -> str:
    left = _vat_table(paper, words) if vat and paper.vat else ""
    return (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="52%" valign="top">{left}</td><td width="6%"></td>'
        f'<td width="42%" valign="top">{figures(money_rows(paper, words))}</td>'
        "</tr></table>"
    )


def _closing(paper: Paper) -> str:
    shop = paper.shop
    parts = []
    if shop.terms:
        parts.append(f'<p style="font-size:7.5pt; color:#444">{text_html(shop.terms)}</p>')
    if shop.footer:
        parts.append(f'<p align="center" style="font-size:8pt">{text_html(shop.footer)}</p>')
    return "".join(parts)


def a4_html(paper: Paper, *, logo: bool, qr: bool, delivery_prices: bool = False) -> str:
    """The slip, the delivery note (its prices only when asked), the invoice or the credit
    note, for an A4 page."""
    words = Words()
    qr_cell = (
        f'<td width="90" align="right" valign="top"><img src="{QR_URL.toString()}" width="84"'
        ' height="84"></td>'
        if qr
        else ""
    )
    # The title over the numbers and the QR code: the whole right half for "BON DE
    # LIVRAISON", which the numbers' column alone would break in two.
    top = (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="50%" valign="top" rowspan="2">{shop_block(paper, words, logo=logo)}</td>'
        f'<td colspan="{2 if qr else 1}" valign="top">{_title(paper)}</td></tr>'
        f'<tr><td valign="top">{_heading(paper, words)}</td>{qr_cell}</tr></table>'
    )
    delivery = paper.kind == DocumentKind.DELIVERY_NOTE
    parts = [top, "<p></p>", _client_box(paper, words, with_delivery=not paper.is_invoice)]
    if paper.kind == DocumentKind.CREDIT_NOTE and paper.credited_number:
        parts.append(f"<p><b>{escape(words.credits.replace('%1', paper.credited_number))}</b></p>")
    parts.append("<p></p>")
    prices = delivery_prices or not delivery
    parts.append(_lines_table(paper, words, prices=prices))
    parts.append("<p></p>")
    if prices:
        parts.append(_totals(paper, words, vat=True))
    if paper.words:
        parts.append(f"<p><i>{escape(paper.words)}</i></p>")
    if paper.notes and not paper.is_invoice:
        parts.append(f"<p><b>{escape(words.notes)}\u00a0:</b> {text_html(paper.notes)}</p>")
    if delivery:
        parts.append(_signature_boxes(words))
    if paper.kind == DocumentKind.ORDER_SLIP:
        parts.append(f'<p style="color:#555">{escape(words.keep_slip)}</p>')
    parts.append(_closing(paper))
    return "".join(parts)


def _signature_boxes(words: Words) -> str:
    room = "<br>" * 5
    box = f"border:1px solid {RULE}"
    note = "font-size:7.5pt; color:#555"
    # No cell spacing: the boxes line up with the lines table's edges; a gap cell between.
    return (
        '<p></p><table width="100%" cellspacing="0" cellpadding="8"><tr>'
        f'<td width="48%" style="{box}"><span style="{note}">'
        f"{escape(words.shop_signature)}</span>{room}</td>"
        '<td width="4%"></td>'
        f'<td width="48%" style="{box}"><b>{escape(words.received_ok)}</b><br>'
        f'<span style="{note}">{escape(words.signature)}</span>{room}</td>'
        "</tr></table>"
    )


def logo_image(paper: Paper) -> QImage | None:
    """The shop's logo: the image kept in the database (services.shop_logo: it comes with
    the database to every workstation), else the file the shop's details name."""
    image = QImage()
    if image.loadFromData(shop_logo()):
        return image
    path = paper.shop.logo_path
    if not path:
        return None
    image = QImage(path)
    return None if image.isNull() else image


def build_document(
    paper: Paper, device: QPaintDevice, *, receipt: bool, delivery_prices: bool = False
) -> QTextDocument:
    """The document laid out for `device` (its resolution: a PDF's, a printer's, an image's)."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    font = QFont()
    font.setFamilies(fonts.document_families())
    font.setPointSizeF(8.0 if receipt else 9.0)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    logo = logo_image(paper)
    if logo is not None:
        document.addResource(QTextDocument.ResourceType.ImageResource, LOGO_URL, logo)
    qr = bool(paper.qr_payload)
    if qr:
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QR_URL, qr_image(paper.qr_payload)
        )
    html = (
        receipt_html(paper)
        if receipt
        else a4_html(paper, logo=logo is not None, qr=qr, delivery_prices=delivery_prices)
    )
    document.setHtml(f'<body style="color:{INK}">{html}</body>')
    return document
