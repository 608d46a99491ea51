"""The pieces every document is written from, as Qt rich text: an address, an amount, a rate,
the shop's header, a column of figures, the totals and the payments, the QR code.

Qt's rich text lays a table's columns out left to right whatever the direction of its text
(a `dir="rtl"` table keeps its first cell on the left): a right-to-left document writes its
cells in the mirrored order (`row`) and its alignments mirrored (Speech.start/end)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from io import BytesIO

import segno
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage

from gestco.domain.errors import GestcoError
from gestco.domain.legal_identity import DocumentKind
from gestco.domain.phones import format_phone, parse_phone
from gestco.services.paper import Paper
from ui.printing import texts
from ui.printing.speech import Speech
from ui.printing.texts import Words

QR_URL, LOGO_URL = QUrl("gestco-paper:qr"), QUrl("gestco-paper:logo")
INK, RULE, SHADE = "#1f2a36", "#9aa5b1", "#eef1f4"


def row(cells: Sequence[str], speech: Speech) -> str:
    """A table row's cells in reading order, placed from the start of the line."""
    return "".join(reversed(cells) if speech.rtl else cells)


def text_html(value: str, speech: Speech) -> str:
    """Text a person typed (several lines for an address) as HTML, each line isolated: a
    Latin line keeps its order in an Arabic document, an Arabic one in a French document."""
    return "<br>".join(escape(speech.name(line)) for line in value.splitlines() if line.strip())


def address_html(text: str, home: str, speech: Speech) -> str:
    """An address as HTML, without its last line when that is the shop's own country (the
    stored form ends with the country's code: "MA" on a Moroccan shop's paper is noise)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and lines[-1].strip().upper() == home.upper():
        lines.pop()
    return text_html("\n".join(lines), speech)


def shop_phone(typed: str, region: str) -> str:
    """The shop's phone as typed in its settings, written as the client's are."""
    try:
        return format_phone(parse_phone(typed, region), region)
    except GestcoError:
        return typed


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


def shop_block(paper: Paper, speech: Speech, *, logo: bool, centred: bool = False) -> str:
    shop = paper.shop
    contact = " · ".join(
        escape(speech.number(part))
        for part in (shop_phone(shop.phone, paper.region) if shop.phone else "", shop.email)
        if part
    )
    # Each identifier whole on its line (no break inside "Patente : 25123456"), and in an
    # Arabic document isolated: its Latin label would otherwise join the next one's into one
    # left-to-right run, the values away from their labels.
    ids = " · ".join(
        speech.item(
            f"{texts.identifier(code, speech)}{speech.colon} {escape(speech.number(value))}"
        ).replace(" ", "\u00a0")
        for code, value in paper.identifiers
    )
    parts = []
    if logo:
        parts.append(f'<img src="{LOGO_URL.toString()}" height="56"><br>')
    size = "11pt" if centred else "14pt"  # centred: the receipt's 72 mm of print
    parts.append(f'<span style="font-size:{size}; font-weight:bold; color:{INK}">')
    parts.append(f"{escape(speech.name(shop.name))}</span>")
    if shop.address:
        parts.append(f"<br>{text_html(shop.address, speech)}")
    if contact:
        parts.append(f"<br>{contact}")
    if ids:
        parts.append(f'<br><span style="font-size:7.5pt; color:#444">{ids}</span>')
    align = ' align="center"' if centred else ""
    return f"<p{align}>{''.join(parts)}</p>"


def figures(rows: list[tuple[str, str, bool]], speech: Speech) -> str:
    """Labels (HTML) and their amounts, the amounts at the end of the line."""
    body = "".join(
        "<tr>"
        + row(
            (
                f'<td valign="middle">{"<b>" if strong else ""}{label}'
                f"{'</b>' if strong else ''}</td>",
                f'<td align="{speech.end}" valign="middle">{"<b>" if strong else ""}{value}'
                f"{'</b>' if strong else ''}</td>",
            ),
            speech,
        )
        + "</tr>"
        for label, value, strong in rows
    )
    return f'<table width="100%" cellspacing="0" cellpadding="3">{body}</table>'


def money_rows(paper: Paper, words: Words) -> list[tuple[str, str, bool]]:
    speech, said = words.speech, words.inline
    money = speech.money
    currency = f" ({escape(speech.number(paper.currency))})"
    rows = [
        (said["total_excl"], money(paper.total_excl_cents), False),
        (said["total_vat"], money(paper.total_tax_cents), False),
        (words.with_suffix("total", currency), money(paper.total_cents), True),
    ]
    if paper.kind == DocumentKind.CREDIT_NOTE:
        return rows
    for payment in paper.payments:
        what = texts.method(payment.method, speech)
        if payment.reference:
            what += f" {escape(speech.name(payment.reference))}"
        rows.append((f"{speech.day(payment.paid_on)} · {what}", money(payment.amount_cents), False))
    if paper.payments:
        rows.append((said["received"], money(paper.received_cents), False))
    due = paper.balance_cents
    if due < 0:
        rows.append((words.with_suffix("to_refund", currency), money(-due), True))
    else:
        rows.append((words.with_suffix("balance", currency), money(due), True))
    return rows
