"""The audit screen's table: one line of the audit trail per row, newest first, a page at a
time (the screen asks for the next page below the last row)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from gestco.domain.staff import AuditEvent
from gestco.domain.text import visible
from ui.display import formatting
from ui.display.audit_words import field_label, field_value, kind_label, note_text
from ui.models.base import ROW_ROLE, RowsTableModel

__all__ = ["ROW_ROLE", "AuditModel", "Column"]


class Column(IntEnum):
    WHEN = 0
    OPERATOR = 1
    WORKSTATION = 2
    KIND = 3
    RECORD = 4
    FIELD = 5
    BEFORE = 6
    AFTER = 7
    APPROVED_BY = 8
    NOTE = 9


class AuditModel(RowsTableModel):
    columns = Column
    ltr_columns = frozenset({Column.WHEN})
    name_columns = frozenset(Column) - {Column.WHEN, Column.KIND, Column.FIELD}

    def add_rows(self, events: list[AuditEvent]) -> None:
        """The next page, below the rows shown."""
        if not events:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(events) - 1)
        self._rows.extend(events)
        self.endInsertRows()

    @property
    def last_id(self) -> int | None:
        return self._rows[-1].id if self._rows else None

    def header(self, column: Column) -> str:
        return {
            Column.WHEN: self.tr("When"),
            Column.OPERATOR: self.tr("Operator"),
            Column.WORKSTATION: self.tr("Workstation"),
            Column.KIND: self.tr("Kind"),
            Column.RECORD: self.tr("Record"),
            Column.FIELD: self.tr("Field"),
            Column.BEFORE: self.tr("Before"),
            Column.AFTER: self.tr("After"),
            Column.APPROVED_BY: self.tr("Approved by"),
            Column.NOTE: self.tr("Note"),
        }[column]

    def cell(self, event: AuditEvent, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.WHEN:
                return formatting.moment(event.at)
            if column == Column.KIND:
                return kind_label(event.kind, event.entity)
            if column == Column.FIELD:
                return field_label(event.field) if event.field else ""
            # Stored text is shown escaped, as `gestco audit` prints it: one value stays one
            # line, and a control or direction character cannot disguise a row.
            if column == Column.BEFORE:
                return visible(field_value(event.field, event.old_value))
            if column == Column.AFTER:
                return visible(field_value(event.field, event.new_value))
            return visible(
                {
                    Column.OPERATOR: event.operator,
                    Column.WORKSTATION: event.workstation,
                    Column.RECORD: event.record_label,
                    Column.APPROVED_BY: event.approved_by,
                    Column.NOTE: note_text(event.kind, event.note),
                }[column]
            )
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.BEFORE, Column.AFTER):
            return visible((event.old_value if column == Column.BEFORE else event.new_value) or "")
        return None
