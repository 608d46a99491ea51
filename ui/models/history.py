"""An order's status history as a timeline: when, from, to, who, note."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from gestco.domain import StatusChange
from ui import formatting
from ui.labels import STATUS_COLORS, status_label

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    WHEN = 0
    FROM = 1
    TO = 2
    WHO = 3
    NOTE = 4


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[StatusChange] = []

    def set_rows(self, rows: tuple[StatusChange, ...] | list[StatusChange]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return {
            Column.WHEN: self.tr("When"),
            Column.FROM: self.tr("From"),
            Column.TO: self.tr("To"),
            Column.WHO: self.tr("Who"),
            Column.NOTE: self.tr("Note"),
        }[Column(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        change = self._rows[index.row()]
        column = Column(index.column())
        if role == ROW_ROLE:
            return change
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.WHEN:
                return formatting.moment(change.changed_at)
            if column == Column.FROM:
                return status_label(change.from_status) if change.from_status else "—"
            if column == Column.TO:
                return status_label(change.to_status)
            if column == Column.WHO:
                return change.changed_by
            return change.note
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.TO:
            return STATUS_COLORS.get(change.to_status)
        return None
