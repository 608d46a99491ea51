"""The dashboard's figures as tables: which columns each section has (typed as the exports'
columns, so a CSV gets numbers and codes' words), their headers in the screen's language,
and the rows taken from the core's Figures. One place for the screen, the CSV and the PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from gestco.domain.figures import Figures
from gestco.services.export import CHANNEL, COUNT, DAY, MONEY, SOURCE, STATUS, TEXT, Column
from ui.display.labels import QT_TRANSLATE_NOOP
from ui.models.figure_rows import FigureRowsModel
from ui.widgets.dashboard_cards import summary_rows
from ui.widgets.tables import keyboard_table

CONTEXT = "DashboardTables"
Rows = list[tuple[Any, ...]]


@dataclass(frozen=True)
class Section:
    key: str  # the objectName's stem and the CSV's file name
    title: str  # marked for translation (DashboardTables)
    columns: tuple[Column, ...]
    headers: tuple[str, ...]  # marked for translation, one per column
    rows: Callable[[Figures, str], Rows]  # (figures, currency) -> typed rows

    def shown_title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.title)

    def shown_headers(self, figures: Figures | None = None) -> list[str]:
        headers = [QCoreApplication.translate(CONTEXT, h) for h in self.headers]
        if self.key == "sales" and figures is not None and figures.bucket == "month":
            headers[0] = QCoreApplication.translate("DashboardTables", "Month")
        return headers


def _products(which: str) -> Callable[[Figures, str], Rows]:
    def rows(figures: Figures, _currency: str) -> Rows:
        chosen = figures.top_products if which == "quantity" else figures.top_by_revenue
        return [(p.sku, p.name, p.quantity, p.revenue_cents) for p in chosen]

    return rows


_PRODUCT_COLUMNS = (
    Column("sku", TEXT, 12),
    Column("name", TEXT, 32),
    Column("quantity", COUNT, 9),
    Column("revenue", MONEY, 12),
)
_PRODUCT_HEADERS = (
    QT_TRANSLATE_NOOP("DashboardTables", "SKU"),
    QT_TRANSLATE_NOOP("DashboardTables", "Product"),
    QT_TRANSLATE_NOOP("DashboardTables", "Quantity"),
    QT_TRANSLATE_NOOP("DashboardTables", "Revenue incl. tax"),
)
_SHARE_HEADERS = (
    QT_TRANSLATE_NOOP("DashboardTables", "Orders"),
    QT_TRANSLATE_NOOP("DashboardTables", "Revenue incl. tax"),
)

SUMMARY = Section(
    "summary",
    QT_TRANSLATE_NOOP("DashboardTables", "Key figures"),
    (Column("figure", TEXT, 24), Column("now", TEXT, 16), Column("before", TEXT, 16),
     Column("change", TEXT, 10)),
    (
        QT_TRANSLATE_NOOP("DashboardTables", "Figure"),
        QT_TRANSLATE_NOOP("DashboardTables", "This period"),
        QT_TRANSLATE_NOOP("DashboardTables", "The period before"),
        QT_TRANSLATE_NOOP("DashboardTables", "Change"),
    ),
    lambda f, currency: list(summary_rows(f, currency)),
)  # fmt: skip
SALES = Section(
    "sales",
    QT_TRANSLATE_NOOP("DashboardTables", "Sales"),
    (Column("day", DAY, 12), Column("orders", COUNT, 9), Column("revenue", MONEY, 12)),
    (QT_TRANSLATE_NOOP("DashboardTables", "Day"), *_SHARE_HEADERS),
    lambda f, _c: [(b.start, b.orders, b.revenue_cents) for b in f.per_bucket],
)
CHANNELS = Section(
    "channels",
    QT_TRANSLATE_NOOP("DashboardTables", "By channel"),
    (Column("channel", CHANNEL, 14), Column("orders", COUNT, 9), Column("revenue", MONEY, 12)),
    (QT_TRANSLATE_NOOP("DashboardTables", "Channel"), *_SHARE_HEADERS),
    lambda f, _c: [(s.key, s.orders, s.revenue_cents) for s in f.by_channel],
)
SOURCES = Section(
    "sources",
    QT_TRANSLATE_NOOP("DashboardTables", "By source"),
    (Column("source", SOURCE, 14), Column("orders", COUNT, 9), Column("revenue", MONEY, 12)),
    (QT_TRANSLATE_NOOP("DashboardTables", "Source"), *_SHARE_HEADERS),
    lambda f, _c: [(s.key, s.orders, s.revenue_cents) for s in f.by_source],
)
STATUSES = Section(
    "statuses",
    QT_TRANSLATE_NOOP("DashboardTables", "Orders by status"),
    (Column("status", STATUS, 14), Column("orders", COUNT, 9)),
    (
        QT_TRANSLATE_NOOP("DashboardTables", "Status"),
        QT_TRANSLATE_NOOP("DashboardTables", "Orders created"),
    ),
    lambda f, _c: [(s.status, s.orders) for s in f.by_status],
)
TOP_QUANTITY = Section(
    "topQuantity",
    QT_TRANSLATE_NOOP("DashboardTables", "Best sellers by quantity"),
    _PRODUCT_COLUMNS,
    _PRODUCT_HEADERS,
    _products("quantity"),
)
TOP_REVENUE = Section(
    "topRevenue",
    QT_TRANSLATE_NOOP("DashboardTables", "Best sellers by revenue"),
    _PRODUCT_COLUMNS,
    _PRODUCT_HEADERS,
    _products("revenue"),
)
LOW_STOCK = Section(
    "lowStock",
    QT_TRANSLATE_NOOP("DashboardTables", "Low stock"),
    (Column("sku", TEXT, 12), Column("name", TEXT, 32), Column("available", COUNT, 9),
     Column("reorder_level", COUNT, 9)),
    (
        QT_TRANSLATE_NOOP("DashboardTables", "SKU"),
        QT_TRANSLATE_NOOP("DashboardTables", "Product"),
        QT_TRANSLATE_NOOP("DashboardTables", "Available"),
        QT_TRANSLATE_NOOP("DashboardTables", "Reorder at"),
    ),
    lambda f, _c: [(s.sku, s.name, s.available, s.reorder_level) for s in f.low_stock],
)  # fmt: skip
OPERATORS = Section(
    "operators",
    QT_TRANSLATE_NOOP("DashboardTables", "Per operator"),
    (Column("operator", TEXT, 20), Column("orders", COUNT, 9), Column("revenue", MONEY, 12),
     Column("discounts", MONEY, 12), Column("cancellations", COUNT, 9)),
    (
        QT_TRANSLATE_NOOP("DashboardTables", "Operator"),
        QT_TRANSLATE_NOOP("DashboardTables", "Orders"),
        QT_TRANSLATE_NOOP("DashboardTables", "Revenue incl. tax"),
        QT_TRANSLATE_NOOP("DashboardTables", "Discounts"),
        QT_TRANSLATE_NOOP("DashboardTables", "Cancelled"),
    ),
    lambda f, _c: [
        (o.name, o.orders, o.revenue_cents, o.discounts_cents, o.cancellations)
        for o in f.operators
    ],
)  # fmt: skip
SECTIONS = (
    SUMMARY, SALES, CHANNELS, SOURCES, STATUSES, TOP_QUANTITY, TOP_REVENUE, LOW_STOCK, OPERATORS
)  # fmt: skip


def figure_table(section: Section, parent: QWidget) -> QTableView:
    """A read-only table of `section` (Tab leaves it; whole rows; no row numbers)."""
    view = QTableView(parent)
    view.setObjectName(f"{section.key}Table")
    keyboard_table(view)
    model = FigureRowsModel(section.columns, view)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().lineSpacing() + 6)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    wide = next((i for i, c in enumerate(section.columns) if c.key in ("name", "operator")), 0)
    header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Stretch)
    return view


def model_of(view: QTableView) -> FigureRowsModel:
    model = view.model()
    assert isinstance(model, FigureRowsModel)
    return model
