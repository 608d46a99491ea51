"""A short list of orders held in memory (one client's orders): number, date, channel,
status, total. Big tables page from SQL instead (the orders tab)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from gestco.domain import OrderRow
from ui import formatting
from ui.labels import STATUS_COLORS, channel_label, status_label

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NUMBER = 0
    DATE = 1
    CHANNEL = 2
    STATUS = 3
    TOTAL = 4


class OrderRowsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OrderRow] = []

    def set_rows(self, rows: list[OrderRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> OrderRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.NUMBER: self.tr("Number"),
            Column.DATE: self.tr("Date"),
            Column.CHANNEL: self.tr("Channel"),
            Column.STATUS: self.tr("Status"),
            Column.TOTAL: self.tr("Total"),
        }
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        order = self._rows[index.row()]
        column = Column(index.column())
        if role == ROW_ROLE:
            return order
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NUMBER:
                return order.number
            if column == Column.DATE:
                return formatting.moment(order.created_at)
            if column == Column.CHANNEL:
                return channel_label(order.channel)
            if column == Column.STATUS:
                return status_label(order.status)
            return formatting.money(order.total_cents)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STATUS:
            return STATUS_COLORS.get(order.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.TOTAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
