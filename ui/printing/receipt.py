"""The receipt as Qt rich text: the slip for the 80 mm counter printer."""

from __future__ import annotations

from html import escape

from gestco.services.paper import Paper
from ui.display import bidi
from ui.printing import texts
from ui.printing.pieces import QR_URL, RULE, figures, money_rows, row, shop_block, text_html
from ui.printing.speech import Speech
from ui.printing.texts import Words


def receipt_html(paper: Paper) -> str:
    """The slip for the 80 mm counter printer: one column, every line readable at arm's
    length, the totals and the balance last, the QR code of the number at the foot."""
    speech = Speech(paper.language)
    words = Words(speech)
    inline, colon = words.inline, speech.colon
    rule = f'<hr style="color:{RULE}">'
    parts = [shop_block(paper, speech, logo=False, centred=True)]
    operator = paper.operator.removeprefix("cli:")
    parts.append(
        f'<p align="center"><b>{texts.heading(paper.kind, speech)}</b><br>'
        f"{escape(speech.number(paper.number))}<br>{speech.moment(paper.issued_at)}"
        + (
            f"<br>{inline['served_by']}{speech.colon} {escape(speech.name(operator))}"
            if operator
            else ""
        )
        + f"<br>{inline['client']}{speech.colon} {escape(speech.name(paper.client.name))}</p>"
    )
    parts.append(rule)
    rows = []
    for line in paper.lines:
        rows.append(f'<tr><td colspan="2">{escape(speech.name(line.description))}</td></tr>')
        unit = f"{speech.count(line.quantity)} × {speech.money(line.unit_price_cents)}"
        if line.discount_bp:
            unit += f" {speech.number('−' + bidi.strip(speech.rate(line.discount_bp)))}"
        cells = [
            f'<td style="color:#444">&nbsp;&nbsp;{unit}</td>',
            f'<td align="{speech.end}">{speech.money(line.total_cents)}</td>',
        ]
        rows.append(f"<tr>{row(cells, speech)}</tr>")
    parts.append(f'<table width="100%" cellspacing="0" cellpadding="1">{"".join(rows)}</table>')
    parts.append(rule)
    parts.append(figures(money_rows(paper, words), speech))
    if paper.vat:
        vat = " · ".join(
            speech.item(
                f"{inline['vat']} {speech.rate(vat.rate_bp)}{colon} {speech.money(vat.tax_cents)}"
            )
            for vat in paper.vat
        )
        parts.append(f'<p style="font-size:7pt; color:#444">{vat}</p>')
    if paper.qr_payload:
        parts.append(
            f'<p align="center"><img src="{QR_URL.toString()}" width="90" height="90"></p>'
        )
    if paper.shop.footer:
        parts.append(f'<p align="center">{text_html(paper.shop.footer, speech)}</p>')
    return "".join(parts)
