"""The receipt as Qt rich text: the slip for the 80 mm counter printer."""

from __future__ import annotations

from html import escape

from gestco.services.paper import Paper
from ui.display import formatting
from ui.printing import texts
from ui.printing.pieces import QR_URL, RULE, figures, money, money_rows, rate, shop_block, text_html
from ui.printing.texts import Words


def receipt_html(paper: Paper) -> str:
    """The slip for the 80 mm counter printer: one column, every line readable at arm's
    length, the totals and the balance last, the QR code of the number at the foot."""
    words = Words()
    rule = f'<hr style="color:{RULE}">'
    parts = [shop_block(paper, words, logo=False, centred=True)]
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
        unit = f"{formatting.count(line.quantity)} × {money(line.unit_price_cents)}"
        if line.discount_bp:
            unit += f" −{rate(line.discount_bp)}"
        rows.append(
            f'<tr><td style="color:#444">&nbsp;&nbsp;{unit}</td>'
            f'<td align="right">{money(line.total_cents)}</td></tr>'
        )
    parts.append(f'<table width="100%" cellspacing="0" cellpadding="1">{"".join(rows)}</table>')
    parts.append(rule)
    parts.append(figures(money_rows(paper, words)))
    if paper.vat:
        vat = " · ".join(
            f"{escape(words.vat)} {rate(row.rate_bp)}\u00a0: {money(row.tax_cents)}"
            for row in paper.vat
        )
        parts.append(f'<p style="font-size:7pt; color:#444">{vat}</p>')
    if paper.qr_payload:
        parts.append(
            f'<p align="center"><img src="{QR_URL.toString()}" width="90" height="90"></p>'
        )
    if paper.shop.footer:
        parts.append(f'<p align="center">{text_html(paper.shop.footer)}</p>')
    return "".join(parts)
