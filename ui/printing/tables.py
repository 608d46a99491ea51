"""The A4 documents' tables as Qt rich text: the lines, the VAT summary beside the totals, the
signature boxes of the delivery note. Each row's cells are written in reading order and
placed from the start of the line (pieces.row: mirrored in a right-to-left document)."""

from __future__ import annotations

from html import escape

from gestco.services.paper import Paper
from ui.printing.pieces import INK, RULE, SHADE, figures, money_rows, row
from ui.printing.texts import Words

_GRID = 'cellspacing="0" border="0.5" style="border-collapse:collapse; border-color:{rule}"'


def lines_table(paper: Paper, words: Words, *, prices: bool) -> str:
    """The lines, their header in a `thead` (repeated on each page of a long document)."""
    speech = words.speech
    start, end = speech.start, speech.end
    heads: list[tuple[str, str, str]] = [
        (words.sku, start, "14%"),
        (words.description, start, "37%" if prices else "66%"),
        (words.quantity, end, "8%"),
    ]
    if prices:
        heads += [
            (words.unit_price_short, end, "12%"),
            (words.discount, end, "10%"),
            (words.vat, end, "7%"),
            (words.line_total, end, "12%"),
        ]
    else:
        heads.append((words.delivered, end, "12%"))
    head = row(
        [
            f'<th align="{align}" valign="middle" width="{width}" bgcolor="{INK}">'
            f'<font color="white">{label}</font></th>'
            for label, align, width in heads
        ],
        speech,
    )
    rows = []
    for n, line in enumerate(paper.lines):
        shade = f' bgcolor="{SHADE}"' if n % 2 else ""
        cells = [
            f"<td>{escape(speech.number(line.sku))}</td>",
            f"<td>{escape(speech.name(line.description))}</td>",
            f'<td align="{end}">{speech.count(line.quantity)}</td>',
        ]
        if prices:
            discount = speech.rate(line.discount_bp) if line.discount_bp else ""
            cells += [
                f'<td align="{end}">{speech.money(line.unit_price_cents)}</td>',
                f'<td align="{end}">{discount}</td>',
                f'<td align="{end}">{speech.rate(line.tax_rate_bp)}</td>',
                f'<td align="{end}">{speech.money(line.total_cents)}</td>',
            ]
        else:
            cells.append(f'<td align="{end}">&nbsp;</td>')
        rows.append(f"<tr{shade}>{row(cells, speech)}</tr>")
    return (
        f'<table width="100%" cellpadding="4" {_GRID.format(rule=RULE)}>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def vat_table(paper: Paper, words: Words) -> str:
    speech = words.speech
    labels = (words.vat_rate, words.base, words.vat_amount, words.total)
    head = row(
        [
            f'<th align="{speech.start if i == 0 else speech.end}" bgcolor="{SHADE}">{label}</th>'
            for i, label in enumerate(labels)
        ],
        speech,
    )
    body = "".join(
        "<tr>"
        + row(
            [
                f"<td>{speech.rate(vat.rate_bp)}</td>",
                f'<td align="{speech.end}">{speech.money(vat.base_cents)}</td>',
                f'<td align="{speech.end}">{speech.money(vat.tax_cents)}</td>',
                f'<td align="{speech.end}">{speech.money(vat.total_cents)}</td>',
            ],
            speech,
        )
        + "</tr>"
        for vat in paper.vat
    )
    return (
        f'<table width="100%" cellpadding="3" {_GRID.format(rule=RULE)}>'
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


def totals(paper: Paper, words: Words, *, vat: bool) -> str:
    """The VAT summary at the start of the line, the totals and the payments at its end."""
    speech = words.speech
    summary = vat_table(paper, words) if vat and paper.vat else ""
    cells = [
        f'<td width="52%" valign="top">{summary}</td>',
        '<td width="6%"></td>',
        f'<td width="42%" valign="top">{figures(money_rows(paper, words), speech)}</td>',
    ]
    return (
        f'<table width="100%" cellspacing="0" cellpadding="0"><tr>{row(cells, speech)}</tr></table>'
    )


def signature_boxes(words: Words) -> str:
    room = "<br>" * 5
    box = f"border:1px solid {RULE}"
    note = "font-size:7.5pt; color:#555"
    # No cell spacing: the boxes line up with the lines table's edges; a gap cell between.
    cells = [
        f'<td width="48%" style="{box}"><span style="{note}">{words.shop_signature}</span>'
        f"{room}</td>",
        '<td width="4%"></td>',
        f'<td width="48%" style="{box}"><b>{words.received_ok}</b><br>'
        f'<span style="{note}">{words.signature}</span>{room}</td>',
    ]
    return (
        '<p></p><table width="100%" cellspacing="0" cellpadding="8">'
        f"<tr>{row(cells, words.speech)}</tr></table>"
    )
