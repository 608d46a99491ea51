"""A Paper (gestco.services.paper) as Qt rich text: the HTML of each kind of document, and
the QTextDocument it becomes, with its QR code and logo as the document's resources.

One HTML per kind, written from the same pieces (the shop's header, the client's box, the
lines table, the totals): Qt's HTML is a subset, so the pieces keep to what its importer
reads (tables with attributes, `thead` for the header row it repeats on each page,
`bgcolor`, `align`, font sizes in points). The page footer (page x/y) is painted by
ui.printing.pages, not written here: a text document knows nothing of its pages' numbers.
"""

from __future__ import annotations

from html import escape
from io import BytesIO

import segno
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QImage, QPaintDevice, QTextDocument

from gestco.domain.errors import GestcoError
from gestco.domain.legal_identity import DocumentKind
from gestco.domain.money import format_rate
from gestco.domain.phones import format_phone, parse_phone
from gestco.services.paper import Paper
from ui.display import formatting
from ui.printing import texts
from ui.printing.texts import Words

QR_URL, LOGO_URL = QUrl("gestco-paper:qr"), QUrl("gestco-paper:logo")
INK, RULE, SHADE = "#1f2a36", "#9aa5b1", "#eef1f4"
FONT_FAMILIES = ["DejaVu Sans", "Segoe UI", "Arial", "Helvetica"]


def _text(value: str) -> str:
    """Text a person typed (several lines for an address) as HTML."""
    return "<br>".join(escape(line) for line in value.splitlines() if line.strip())


def _address(text: str, home: str) -> str:
    """An address as HTML, without its last line when that is the shop's own country (the
    stored form ends with the country's code: "MA" on a Moroccan shop's paper is noise)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and lines[-1].strip().upper() == home.upper():
        lines.pop()
    return _text("\n".join(lines))


def _shop_phone(typed: str, region: str) -> str:
    """The shop's phone as typed in its settings, written as the client's are."""
    try:
        return format_phone(parse_phone(typed, region), region)
    except GestcoError:
        return typed


def _money(cents: int) -> str:
    return formatting.money(cents)


def _rate(points: int) -> str:
    return f"{format_rate(points).replace('.', formatting.ui_locale().decimalPoint())}\u00a0%"


def qr_image(payload: str, scale: int = 16) -> QImage:
    """The payload as a QR code (segno writes the PNG, Qt reads it), large enough that the
    page only ever shrinks it (enlarged, its modules' edges blur). A full QR code, never
    segno's default Micro QR for short texts: most phones' cameras do not read those."""
    buffer = BytesIO()
    segno.make_qr(payload, error="m").save(buffer, kind="png", scale=scale, border=2)
    image = QImage()
    image.loadFromData(buffer.getvalue(), "PNG")
    # 1-bit images come out smeared once Qt scales them onto a page: full colour instead.
    return image.convertToFormat(QImage.Format.Format_RGB32)


def _shop_block(paper: Paper, words: Words, *, logo: bool, centred: bool = False) -> str:
    shop = paper.shop
    contact = " · ".join(
        escape(part)
        for part in (_shop_phone(shop.phone, paper.region) if shop.phone else "", shop.email)
        if part
    )
    ids = " · ".join(
        f"{escape(texts.identifier(code))}\u00a0: {escape(value)}"
        for code, value in paper.identifiers
    )
    parts = []
    if logo:
        parts.append(f'<img src="{LOGO_URL.toString()}" height="56"><br>')
    size = "11pt" if centred else "14pt"  # centred: the receipt's 72 mm of print
    parts.append(f'<span style="font-size:{size}; font-weight:bold; color:{INK}">')
    parts.append(f"{escape(shop.name)}</span>")
    if shop.address:
        parts.append(f"<br>{_text(shop.address)}")
    if contact:
        parts.append(f"<br>{contact}")
    if ids:
        parts.append(f'<br><span style="font-size:7.5pt; color:#444">{ids}</span>')
    align = ' align="center"' if centred else ""
    return f"<p{align}>{''.join(parts)}</p>"


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
        lines.append(_address(client.address, paper.shop.country))
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
            f"{_address(paper.shipping_address, paper.shop.country)}</td>",
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
                f'<td align="right">{_money(line.unit_price_cents)}</td>',
                f'<td align="right">{_rate(line.discount_bp) if line.discount_bp else ""}</td>',
                f'<td align="right">{_rate(line.tax_rate_bp)}</td>',
                f'<td align="right">{_money(line.total_cents)}</td>',
            ]
        else:
            cells.append('<td align="right">&nbsp;</td>')
        rows.append(f"<tr{shade}>{''.join(cells)}</tr>")
    return (
        f'<table width="100%" cellspacing="0" cellpadding="4" border="0.5"'
        f' style="border-collapse:collapse; border-color:{RULE}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _figures(rows: list[tuple[str, str, bool]]) -> str:
    body = "".join(
        f"<tr><td>{'<b>' if strong else ''}{escape(label)}{'</b>' if strong else ''}</td>"
        f'<td align="right">{"<b>" if strong else ""}{value}{"</b>" if strong else ""}</td></tr>'
        for label, value, strong in rows
    )
    return f'<table width="100%" cellspacing="0" cellpadding="3">{body}</table>'


def _money_rows(paper: Paper, words: Words) -> list[tuple[str, str, bool]]:
    currency = f" ({paper.currency})"
    rows = [
        (words.total_excl, _money(paper.total_excl_cents), False),
        (words.total_vat, _money(paper.total_tax_cents), False),
        (words.total + currency, _money(paper.total_cents), True),
    ]
    if paper.kind == DocumentKind.CREDIT_NOTE:
        return rows
    for payment in paper.payments:
        what = texts.method(payment.method)
        if payment.reference:
            what += f" {payment.reference}"
        rows.append(
            (f"{formatting.day(payment.paid_on)} · {what}", _money(payment.amount_cents), False)
        )
    if paper.payments:
        rows.append((words.received, _money(paper.received_cents), False))
    due = paper.balance_cents
    if due < 0:
        rows.append((words.to_refund + currency, _money(-due), True))
    else:
        rows.append((words.balance + currency, _money(due), True))
    return rows


def _vat_table(paper: Paper, words: Words) -> str:
    head = "".join(
        f'<th align="{"left" if i == 0 else "right"}" bgcolor="{SHADE}">{escape(label)}</th>'
        for i, label in enumerate((words.vat_rate, words.base, words.vat_amount, words.total))
    )
    body = "".join(
        f'<tr><td>{_rate(row.rate_bp)}</td><td align="right">{_money(row.base_cents)}</td>'
        f'<td align="right">{_money(row.tax_cents)}</td>'
        f'<td align="right">{_money(row.total_cents)}</td></tr>'
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
        f'<td width="42%" valign="top">{_figures(_money_rows(paper, words))}</td>'
        "</tr></table>"
    )


def _closing(paper: Paper) -> str:
    shop = paper.shop
    parts = []
    if shop.terms:
        parts.append(f'<p style="font-size:7.5pt; color:#444">{_text(shop.terms)}</p>')
    if shop.footer:
        parts.append(f'<p align="center" style="font-size:8pt">{_text(shop.footer)}</p>')
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
        f'<td width="50%" valign="top" rowspan="2">{_shop_block(paper, words, logo=logo)}</td>'
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
        parts.append(f"<p><b>{escape(words.notes)}\u00a0:</b> {_text(paper.notes)}</p>")
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


def receipt_html(paper: Paper) -> str:
    """The slip for the 80 mm counter printer: one column, every line readable at arm's
    length, the totals and the balance last, the QR code of the number at the foot."""
    words = Words()
    rule = f'<hr style="color:{RULE}">'
    parts = [_shop_block(paper, words, logo=False, centred=True)]
    parts.append(
        f'<p align="center"><b>{escape(texts.title(paper.kind).upper())}</b><br>'
        f"{escape(paper.number)}<br>{formatting.moment(paper.issued_at)}"
        + (
            f"<br>{escape(words.served_by)}\u00a0: {escape(paper.operator.removeprefix('cli:'))}"
            if paper.operator
            else ""
        )
        + f"<br>{escape(words.client)}\u00a0: {escape(paper.client.name)}</p>"
    )
    parts.append(rule)
    rows = []
    for line in paper.lines:
        rows.append(f'<tr><td colspan="2">{escape(line.description)}</td></tr>')
        unit = f"{formatting.count(line.quantity)} × {_money(line.unit_price_cents)}"
        if line.discount_bp:
            unit += f" −{_rate(line.discount_bp)}"
        rows.append(
            f'<tr><td style="color:#444">&nbsp;&nbsp;{unit}</td>'
            f'<td align="right">{_money(line.total_cents)}</td></tr>'
        )
    parts.append(f'<table width="100%" cellspacing="0" cellpadding="1">{"".join(rows)}</table>')
    parts.append(rule)
    parts.append(_figures(_money_rows(paper, words)))
    if paper.vat:
        vat = " · ".join(
            f"{escape(words.vat)} {_rate(row.rate_bp)}\u00a0: {_money(row.tax_cents)}"
            for row in paper.vat
        )
        parts.append(f'<p style="font-size:7pt; color:#444">{vat}</p>')
    if paper.qr_payload:
        parts.append(
            f'<p align="center"><img src="{QR_URL.toString()}" width="90" height="90"></p>'
        )
    if paper.shop.footer:
        parts.append(f'<p align="center">{_text(paper.shop.footer)}</p>')
    return "".join(parts)


def logo_image(paper: Paper) -> QImage | None:
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
    font.setFamilies(FONT_FAMILIES)
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
