"""A Paper (gestco.services.paper) as Qt rich text: the HTML of the A4 documents (the
receipt's: ui.printing.receipt; the tables: ui.printing.tables; the shared pieces:
ui.printing.pieces), and the QTextDocument it becomes, with its QR code and logo as the
document's resources.

One HTML per kind, written from the same pieces (the shop's header, the client's box, the
lines table, the totals): Qt's HTML is a subset, so the pieces keep to what its importer
reads (tables with attributes, `thead` for the header row it repeats on each page,
`bgcolor`, `align`, font sizes in points, `dir` on the body and on paragraphs). The page
footer (page x/y) is painted by ui.printing.pages, not written here: a text document knows
nothing of its pages' numbers.

The document's language (Paper.language, the shop's setting; Speech) gives its labels, its
numbers' locale and its direction: an Arabic document is laid out right to left, the shop on
the right, the title and the numbers on the left, the columns from the right.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage, QPaintDevice, QTextDocument, QTextOption

from gestco.domain.arabic_amounts import arabic_closing_sentence
from gestco.domain.legal_identity import DocumentKind
from gestco.domain.phones import format_phone
from gestco.services.paper import Paper
from gestco.services.shop_logo import shop_logo
from ui.printing import texts
from ui.printing.pieces import (
    INK,
    LOGO_URL,
    QR_URL,
    SHADE,
    address_html,
    qr_image,
    row,
    shop_block,
    text_html,
)
from ui.printing.receipt import receipt_html
from ui.printing.speech import ARABIC, Speech
from ui.printing.tables import lines_table, signature_boxes, totals
from ui.printing.texts import Words
from ui.runtime import fonts


def _title(paper: Paper, speech: Speech) -> str:
    return (
        f'<p align="{speech.end}"><span style="font-size:16pt; font-weight:bold; color:{INK}">'
        f"{texts.heading(paper.kind, speech)}</span></p>"
    )


def _heading(paper: Paper, words: Words) -> str:
    speech, said = words.speech, words.inline
    day = speech.day  # each value written as printed: isolated, escaped below
    rows = [(said["number"], speech.number(paper.number)), (said["date"], day(paper.issued_at))]
    if paper.is_invoice:
        rows.append((said["order"], speech.number(paper.order_number)))
    if paper.kind == DocumentKind.CREDIT_NOTE and paper.credited_number:
        invoice = speech.html(texts.TITLES[DocumentKind.INVOICE], inline=True)
        rows.append((invoice, speech.number(paper.credited_number)))
    if paper.operator:
        rows.append((said["served_by"], speech.name(paper.operator.removeprefix("cli:"))))
    if paper.shipping_date and paper.kind in (
        DocumentKind.ORDER_SLIP,
        DocumentKind.DELIVERY_NOTE,
    ):
        rows.append((said["expected"], day(paper.shipping_date)))
    # The label's padding on the side of its value.
    pad = "padding-left" if speech.rtl else "padding-right"
    body = "".join(
        "<tr>"
        + row(
            (
                f'<td valign="middle" style="color:#555; {pad}:10px">{label}</td>',
                f'<td align="{speech.end}" valign="middle"><b>{escape(value)}</b></td>',
            ),
            speech,
        )
        + "</tr>"
        for label, value in rows
    )
    return f'<table align="{speech.end}" cellspacing="0" cellpadding="1">{body}</table>'


def _client_box(paper: Paper, words: Words, *, with_delivery: bool) -> str:
    speech = words.speech
    client = paper.client
    lines = [f"<b>{escape(speech.name(client.name))}</b>"]
    if client.address:
        lines.append(address_html(client.address, paper.shop.country, speech))
    if client.phone:
        lines.append(escape(speech.number(format_phone(client.phone, paper.region))))
    if client.email:
        lines.append(escape(speech.number(client.email)))
    caption = 'style="color:#555; font-size:7.5pt"'
    client_cell = (
        f'<td width="50%" bgcolor="{SHADE}"><span {caption}>'
        f"{speech.html(texts.LABELS['client'], upper=True)}</span><br>{'<br>'.join(lines)}</td>"
    )
    if with_delivery and paper.shipping_address:
        other = (
            f'<td width="50%"><span {caption}>'
            f"{speech.html(texts.LABELS['delivery_address'], upper=True)}</span><br>"
            f"{address_html(paper.shipping_address, paper.shop.country, speech)}</td>"
        )
    else:
        other = '<td width="50%"></td>'
    cells = row([other, client_cell], speech)
    return f'<table width="100%" cellspacing="0" cellpadding="6"><tr>{cells}</tr></table>'


def _closing(paper: Paper, speech: Speech) -> str:
    shop = paper.shop
    parts = []
    if shop.terms:
        parts.append(f'<p style="font-size:7.5pt; color:#444">{text_html(shop.terms, speech)}</p>')
    if shop.footer:
        parts.append(
            f'<p align="center" style="font-size:8pt">{text_html(shop.footer, speech)}</p>'
        )
    return "".join(parts)


def in_words(paper: Paper, speech: Speech) -> str:
    """An invoice's total in words: the French sentence it was issued with (its snapshot's);
    in an Arabic or bilingual document the Arabic one, said from the same total, after it or
    alone (the French is the issued one: Arabic documents print only the Arabic)."""
    if not paper.words:
        return ""
    parts = [] if speech.rtl else [f"<p><i>{escape(paper.words)}</i></p>"]
    if ARABIC in speech.parts:
        credit = paper.kind == DocumentKind.CREDIT_NOTE
        sentence = arabic_closing_sentence(credit, paper.total_cents, paper.currency)
        parts.append(f'<p dir="rtl">{escape(sentence)}</p>')
    return "".join(parts)


def a4_html(paper: Paper, *, logo: bool, qr: bool, delivery_prices: bool = False) -> str:
    """The slip, the delivery note (its prices only when asked), the invoice or the credit
    note, for an A4 page."""
    speech = Speech(paper.language)
    words = Words(speech)
    qr_cell = (
        f'<td width="90" align="{speech.end}" valign="top"><img src="{QR_URL.toString()}"'
        ' width="84" height="84"></td>'
        if qr
        else ""
    )
    # The title over the numbers and the QR code: the whole other half for "BON DE
    # LIVRAISON", which the numbers' column alone would break in two.
    shop = f'<td width="50%" valign="top" rowspan="2">{shop_block(paper, speech, logo=logo)}</td>'
    title = f'<td colspan="{2 if qr else 1}" valign="top">{_title(paper, speech)}</td>'
    numbers = f'<td valign="top">{_heading(paper, words)}</td>'
    top = (
        '<table width="100%" cellspacing="0" cellpadding="0">'
        f"<tr>{row([shop, title], speech)}</tr>"
        f"<tr>{row([numbers, qr_cell] if qr else [numbers], speech)}</tr></table>"
    )
    delivery = paper.kind == DocumentKind.DELIVERY_NOTE
    parts = [top, "<p></p>", _client_box(paper, words, with_delivery=not paper.is_invoice)]
    if paper.kind == DocumentKind.CREDIT_NOTE and paper.credited_number:
        credits = words.inline["credits"].replace(
            "%1", escape(speech.number(paper.credited_number))
        )
        parts.append(f"<p><b>{credits}</b></p>")
    parts.append("<p></p>")
    prices = delivery_prices or not delivery
    parts.append(lines_table(paper, words, prices=prices))
    parts.append("<p></p>")
    if prices:
        parts.append(totals(paper, words, vat=True))
    parts.append(in_words(paper, speech))
    if paper.notes and not paper.is_invoice:
        notes = words.inline["notes"]
        parts.append(f"<p><b>{notes}{speech.colon}</b> {text_html(paper.notes, speech)}</p>")
    if delivery:
        parts.append(signature_boxes(words))
    if paper.kind == DocumentKind.ORDER_SLIP:
        parts.append(f'<p style="color:#555">{words.inline["keep_slip"]}</p>')
    parts.append(_closing(paper, speech))
    return "".join(parts)


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
    speech = Speech(paper.language)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    font = QFont()
    font.setFamilies(fonts.document_families())
    font.setPointSizeF(8.0 if receipt else 9.0)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    # Every block in the document's direction: without it Qt takes each block's from its
    # first letter, and a client box opening on an Arabic name would turn right to left in
    # a French document (`dir` on the body sets the blocks the HTML writes; the option, any
    # other).
    option = QTextOption(document.defaultTextOption())
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if speech.rtl else Qt.LayoutDirection.LeftToRight
    )
    document.setDefaultTextOption(option)
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
    document.setHtml(f'<body dir="{speech.direction}" style="color:{INK}">{html}</body>')
    return document
