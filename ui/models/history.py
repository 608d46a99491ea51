"""A record's history as one timeline: an order's status changes beside the changes to its
fields (the audit trail), a client's changes; when, what, from, to, who, note."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from gestco.domain.records import StatusChange
from gestco.domain.staff import AuditEvent
from ui.display import bidi, formatting
from ui.display.audit_words import field_label, field_value, note_text
from ui.display.labels import STATUS_COLORS, status_label
from ui.models.base import ROW_ROLE, RowsTableModel

__all__ = ["ROW_ROLE", "Column", "Entry", "HistoryModel", "order_history", "record_history"]

# An order's fields its status rows already tell (the status, when it shipped) or that follow
# from its lines (the totals), and what never changes once made: not repeated as field rows.
ORDER_SHOWN_ELSEWHERE = frozenset(
    {
        "number",
        "client_id",
        "status",
        "shipped_at",
        "delivered_at",
        "total_excl_cents",
        "total_tax_cents",
        "total_cents",
    }
)


@dataclass(frozen=True, slots=True)
class Entry:
    at: datetime
    what: str  # "Status", or the field's name in words
    before: str
    after: str
    who: str  # the operator, and the manager who approved if one had to
    note: str
    status: str = ""  # a status row's new status (its colour)


class Column(IntEnum):
    WHEN = 0
    WHAT = 1
    FROM = 2
    TO = 3
    WHO = 4
    NOTE = 5


def _who(operator: str, approved_by: str) -> str:
    if not approved_by:
        return operator
    return (
        QCoreApplication.translate("HistoryModel", "%1 (approved by %2)")
        .replace("%1", bidi.name(operator))
        .replace("%2", bidi.name(approved_by))
    )


def _status_entry(change: StatusChange) -> Entry:
    return Entry(
        at=change.changed_at,
        what=QCoreApplication.translate("HistoryModel", "Status"),
        before=status_label(change.from_status) if change.from_status else "—",
        after=status_label(change.to_status),
        who=_who(change.changed_by, change.approved_by),
        note=change.note,
        status=change.to_status,
    )


def _field_entries(trail: Iterable[AuditEvent], hidden: frozenset[str]) -> list[Entry]:
    """One row per changed field; a record's creation (every field new at once) is one row."""
    entries: list[Entry] = []
    created: set[tuple[datetime, str]] = set()
    for event in trail:
        if not event.field or event.field in hidden or event.field in ("password", "pin"):
            continue
        if event.old_value is None:  # made with the record: its creation, said once
            key = (event.at, event.operator)
            if key not in created:
                created.add(key)
                what = QCoreApplication.translate("HistoryModel", "Recorded")
                note = note_text(event.kind, event.note)
                entries.append(Entry(event.at, what, "", "", _who(event.operator, ""), note))
            continue
        entries.append(
            Entry(
                at=event.at,
                what=field_label(event.field),
                before=field_value(event.field, event.old_value),
                after=field_value(event.field, event.new_value),
                who=_who(event.operator, event.approved_by),
                note=note_text(event.kind, event.note),
            )
        )
    return entries


def order_history(changes: Iterable[StatusChange], trail: Iterable[AuditEvent]) -> list[Entry]:
    """The status changes and the field changes of one order, oldest first (a status change
    before the field changes made with it)."""
    rows = [_status_entry(c) for c in changes]
    rows += _field_entries(
        (e for e in trail if e.old_value is not None), ORDER_SHOWN_ELSEWHERE
    )  # its creation is the first status row
    return sorted(rows, key=lambda entry: (entry.at, not entry.status))


def record_history(trail: Iterable[AuditEvent]) -> list[Entry]:
    """A client's (or any record's) changes, oldest first."""
    return sorted(_field_entries(trail, frozenset()), key=lambda entry: entry.at)


class HistoryModel(RowsTableModel):
    columns = Column
    ltr_columns = frozenset({Column.WHEN})
    name_columns = frozenset({Column.FROM, Column.TO, Column.WHO, Column.NOTE})

    def header(self, column: Column) -> str:
        return {
            Column.WHEN: self.tr("When"),
            Column.WHAT: self.tr("What"),
            Column.FROM: self.tr("From"),
            Column.TO: self.tr("To"),
            Column.WHO: self.tr("Who"),
            Column.NOTE: self.tr("Note"),
        }[column]

    def cell(self, entry: Entry, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                Column.WHEN: formatting.moment(entry.at),
                Column.WHAT: entry.what,
                Column.FROM: entry.before,
                Column.TO: entry.after,
                Column.WHO: entry.who,
                Column.NOTE: entry.note,
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.FROM, Column.TO):
            return entry.before if column == Column.FROM else entry.after  # a long address
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.TO and entry.status:
            return STATUS_COLORS.get(entry.status)
        return None
