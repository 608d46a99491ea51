"""One of the dashboard's small tables (top products, low stock, operators, statuses…): typed
rows (text, codes, integer cents, counts, days) shown the way the rest of the window writes
them. The same rows go to the CSV export as they are, so the file holds numbers, not the
screen's text. Every table of the dashboard is one of these: a read-only list of at most a
few dozen rows, its columns given with it (which is why the columns are not an IntEnum)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from gestco.services.export import (
    CHANNEL,
    COUNT,
    DAY,
    MOMENT,
    MONEY,
    PHONE,
    SOURCE,
    STATUS,
    Column,
)
from ui.display import bidi, formatting
from ui.display.labels import STATUS_COLORS, channel_label, source_label, status_label
from ui.models.base import RIGHT, ROW_ROLE

__all__ = ["ROW_ROLE", "FigureRowsModel", "shown"]
Index = QModelIndex | QPersistentModelIndex
NUMBERS = (MONEY, COUNT)
# Laid out left to right as one piece in the Arabic window (shown() stays plain: the printed
# report writes its own HTML).
LEFT_TO_RIGHT = (MONEY, COUNT, DAY, MOMENT, PHONE)
WORDS = (STATUS, CHANNEL, SOURCE)  # the window's own words


def shown(kind: str, value: Any, currency: str = "") -> str:
    """A typed value as the window writes it."""
    if value is None:
        return ""
    if kind == MONEY:
        return formatting.money(int(value), currency)
    if kind == COUNT:
        return formatting.count(int(value))
    if kind == DAY and isinstance(value, date):
        return formatting.day(value)
    if kind == STATUS:
        return status_label(str(value))
    if kind == CHANNEL:
        return channel_label(str(value))
    if kind == SOURCE:
        return source_label(str(value))
    return str(value)


class FigureRowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.headers: tuple[str, ...] = tuple(c.key for c in columns)
        self.rows: tuple[tuple[Any, ...], ...] = ()
        self.currency = ""

    def set_rows(
        self, rows: Sequence[Sequence[Any]], headers: Sequence[str], currency: str = ""
    ) -> None:
        if len(headers) != len(self.columns):
            raise ValueError("one header per column")
        self.beginResetModel()
        self.rows = tuple(tuple(row) for row in rows)
        self.headers, self.currency = tuple(headers), currency
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def row_at(self, row: int) -> tuple[Any, ...]:
        return self.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[section].kind in NUMBERS:
            return RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        kind, value = self.columns[index.column()].kind, row[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = shown(kind, value, self.currency if kind == MONEY else "")
            if kind in LEFT_TO_RIGHT:
                return bidi.ltr(text)
            return text if kind in WORDS else bidi.name(text)  # a product's, an operator's
        if role == Qt.ItemDataRole.TextAlignmentRole and kind in NUMBERS:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and kind == STATUS:
            return STATUS_COLORS.get(str(value))
        return None
