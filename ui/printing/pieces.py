"""The pieces every document is written from, as Qt rich text: an address, an amount, a rate,
the shop's header, a column of figures, the totals and the payments, the QR code."""

from __future__ import annotations

from html import escape
from io import BytesIO

import segno
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage

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


def text_html(value: str) -> str:
    """Text a person typed (several lines for an address) as HTML."""
    return "<br>".join(escape(line) for line in value.splitlines() if line.strip())


def address_html(text: str, home: str) -> str:
    """An address as HTML, without its last line when that is the shop's own country (the
    stored form ends with the country's code: "MA" on a Moroccan shop's paper is noise)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and lines[-1].strip().upper() == home.upper():
        lines.pop()
    return text_html("\n".join(lines))


def shop_phone(typed: str, region: str) -> str:
    """The shop's phone as typed in its settings, written as the client's are."""
    try:
        return format_phone(parse_phone(typed, region), region)
    except GestcoError:
        return typed


def money(cents: int) -> str:
    return formatting.money(cents)


def rate(points: int) -> str:
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


def shop_block(paper: Paper, words: Words, *, logo: bool, centred: bool = False) -> str:
    shop = paper.shop
    contact = " · ".join(
        escape(part)
        for part in (shop_phone(shop.phone, paper.region) if shop.phone else "", shop.email)
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
        parts.append(f"<br>{text_html(shop.address)}")
    if contact:
        parts.append(f"<br>{contact}")
    if ids:
        parts.append(f'<br><span style="font-size:7.5pt; color:#444">{ids}</span>')
    align = ' align="center"' if centred else ""
    return f"<p{align}>{''.join(parts)}</p>"


def figures(rows: list[tuple[str, str, bool]]) -> str:
    body = "".join(
        f"<tr><td>{'<b>' if strong else ''}{escape(label)}{'</b>' if strong else ''}</td>"
        f'<td align="right">{"<b>" if strong else ""}{value}{"</b>" if strong else ""}</td></tr>'
        for label, value, strong in rows
    )
    return f'<table width="100%" cellspacing="0" cellpadding="3">{body}</table>'


def money_rows(paper: Paper, words: Words) -> list[tuple[str, str, bool]]:
    currency = f" ({paper.currency})"
    rows = [
        (words.total_excl, money(paper.total_excl_cents), False),
        (words.total_vat, money(paper.total_tax_cents), False),
        (words.total + currency, money(paper.total_cents), True),
    ]
    if paper.kind == DocumentKind.CREDIT_NOTE:
        return rows
    for payment in paper.payments:
        what = texts.method(payment.method)
        if payment.reference:
            what += f" {payment.reference}"
        rows.append(
            (f"{formatting.day(payment.paid_on)} · {what}", money(payment.amount_cents), False)
        )
    if paper.payments:
        rows.append((words.received, money(paper.received_cents), False))
    due = paper.balance_cents
    if due < 0:
        rows.append((words.to_refund + currency, money(-due), True))
    else:
        rows.append((words.balance + currency, money(due), True))
    return rows
