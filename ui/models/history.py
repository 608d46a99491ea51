"""An order's status history as a timeline: when, from, to, who, note."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from gestco.domain.records import StatusChange
from ui.display import formatting
from ui.display.labels import STATUS_COLORS, status_label
from ui.models.base import ROW_ROLE, RowsTableModel

__all__ = ["ROW_ROLE", "Column", "HistoryModel"]


class Column(IntEnum):
    WHEN = 0
    FROM = 1
    TO = 2
    WHO = 3
    NOTE = 4


class HistoryModel(RowsTableModel):
    columns = Column

    def header(self, column: Column) -> str:
        return {
            Column.WHEN: self.tr("When"),
            Column.FROM: self.tr("From"),
            Column.TO: self.tr("To"),
            Column.WHO: self.tr("Who"),
            Column.NOTE: self.tr("Note"),
        }[column]

    def cell(self, change: StatusChange, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.WHEN:
                return formatting.moment(change.changed_at)
            if column == Column.FROM:
                return status_label(change.from_status) if change.from_status else "—"
            if column == Column.TO:
                return status_label(change.to_status)
            return change.changed_by if column == Column.WHO else change.note
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.TO:
            return STATUS_COLORS.get(change.to_status)
        return None
