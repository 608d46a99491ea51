"""The whole dashboard on paper: the period, the key figures, the charts as they are drawn on
screen, and every table, as Qt rich text for ui.printing.report."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from html import escape
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from gestco.domain.figures import Figures
from ui.display import formatting
from ui.models.figure_rows import NUMBERS, shown
from ui.printing.report import report_pdf
from ui.widgets.dashboard_tables import SECTIONS, SUMMARY, Section


def title(figures: Figures) -> str:
    period = figures.period
    return (
        QCoreApplication.translate("DashboardReport", "Dashboard %1 – %2")
        .replace("%1", formatting.day(period.start))
        .replace("%2", formatting.day(period.end))
    )


def _table(section: Section, figures: Figures, currency: str) -> str:
    rows = section.rows(figures, currency)
    if not rows:
        none = QCoreApplication.translate("DashboardReport", "None.")
        return f"<p>{escape(none)}</p>"
    kinds = [c.kind for c in section.columns]
    head = "".join(
        f"<th{' align=right' if k in NUMBERS else ''}>{escape(h)}</th>"
        for h, k in zip(section.shown_headers(figures), kinds, strict=True)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' align=right' if k in NUMBERS else ''}>{escape(shown(k, v))}</td>"
            for k, v in zip(kinds, row, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    return (
        '<table width="100%" cellspacing="0" cellpadding="3" border="0">'
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


def report_html(figures: Figures, currency: str, charts: dict[str, str]) -> str:
    """`charts`: section key -> the image name the report carries for it."""
    parts = [
        f"<h1>{escape(title(figures))}</h1>",
        "<p>"
        + escape(
            QCoreApplication.translate(
                "DashboardReport",
                "Compared with the period before (%1 – %2). Revenue counts the orders that"
                " are not cancelled, on the day they were validated; money in %3.",
            )
            .replace("%1", formatting.day(figures.period.previous().start))
            .replace("%2", formatting.day(figures.period.previous().end))
            .replace("%3", currency or "—")
        )
        + "</p>",
        f"<h2>{escape(SUMMARY.shown_title())}</h2>",
        _table(SUMMARY, figures, currency),
    ]
    for section in SECTIONS[1:]:
        parts.append(f"<h2>{escape(section.shown_title())}</h2>")
        if section.key in charts:
            size = "page" if section.key == "sales" else "half"
            parts.append(f'<p><img src="{charts[section.key]}" width="{size}"></p>')
        parts.append(_table(section, figures, currency))
    return "".join(parts)


class Drawn(Protocol):
    def image(self) -> QImage: ...


def pdf(figures: Figures, currency: str, charts: Mapping[str, Drawn]) -> bytes:
    """The whole dashboard as a PDF: `charts` (section key -> a chart) drawn as on screen."""
    images = {f"chart-{key}": chart.image() for key, chart in charts.items()}
    names = {key: f"chart-{key}" for key in charts}
    return report_pdf(title(figures), report_html(figures, currency, names), images)


def file_stem(text: str) -> str:
    """A file name's start from a title: 'Meilleures ventes par quantité' ->
    'meilleures-ventes-par-quantite'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "figures"
