"""Reading the audit trail: a manager's audit screen (filtered by operator, dates and kind,
newest first, a page at a time), its export, and one record's own trail (the order view's
field changes beside its status changes, a client page's history).

    list_events(AuditFilter(...), limit=200, before_id=None) -> list[AuditEvent]
    record_trail(entity, record_id) -> list[AuditEvent]     oldest first; no permission needed
    AUDIT_COLUMNS, audit_rows(AuditFilter(...)) -> Rows     for gestco.services.export.write_*
    audit_in_worker(path, flt=, fmt=, how=, progress=)      the audit screen's export thread

The trail is written by gestco.services.audit_trail, in the transaction of each change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from gestco.domain.permissions import Permission
from gestco.domain.staff import AuditEvent, username_key
from gestco.domain.timestamps import from_text
from gestco.services import session
from gestco.services.audit_trail import KINDS
from gestco.services.export import (
    COUNT,
    MACHINE,
    MOMENT,
    TEXT,
    Column,
    Presentation,
    Progress,
    Rows,
    write_file,
)
from gestco.storage import binding
from gestco.storage.staff_models import AuditRow, OperatorRow

MAX_PAGE = 10_000


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What the audit screen or `gestco audit` asks for; empty fields filter nothing.
    `since` and `until` are days, both included."""

    operator: str = ""  # a username as typed (any case), or `cli:<login>`
    since: date | None = None
    until: date | None = None
    kinds: tuple[str, ...] = field(default=())  # among audit_trail.KINDS
    entity: str = ""  # orders, clients, products, settings, operators
    record_id: str = ""


def _query(flt: AuditFilter) -> Any:
    query = AuditRow.select()
    if flt.operator:
        # Usernames are case-insensitive; the trail keeps the operator's as it is written.
        typed = flt.operator.strip()
        known = OperatorRow.get_or_none(OperatorRow.username_key == username_key(typed))
        names = {typed} | ({known.username} if known is not None else set())
        query = query.where(AuditRow.operator.in_(sorted(names)))
    if flt.since is not None:
        query = query.where(AuditRow.at >= flt.since.isoformat())
    if flt.until is not None:
        query = query.where(AuditRow.at < (flt.until + timedelta(days=1)).isoformat())
    kinds = [k for k in flt.kinds if k in KINDS]
    if flt.kinds:
        query = query.where(AuditRow.kind.in_(kinds or ["-"]))
    if flt.entity:
        query = query.where(AuditRow.entity == flt.entity)
    if flt.record_id:
        query = query.where(AuditRow.record_id == flt.record_id)
    return query


def _event(row: AuditRow) -> AuditEvent:
    at = from_text(row.at)
    assert at is not None
    return AuditEvent(
        id=int(row.id),
        at=at,
        operator=row.operator,
        workstation=row.workstation,
        kind=row.kind,
        entity=row.entity,
        record_id=row.record_id,
        record_label=row.record_label,
        field=row.field,
        old_value=row.old_value,
        new_value=row.new_value,
        approved_by=row.approved_by,
        note=row.note,
    )


def list_events(
    flt: AuditFilter = AuditFilter(), *, limit: int = 200, before_id: int | None = None
) -> list[AuditEvent]:
    """The trail newest first (managers and up); the next page is `before_id` = the last id."""
    session.require(Permission.AUDIT_VIEW)
    query = _query(flt)
    if before_id is not None:
        query = query.where(AuditRow.id < before_id)
    limit = max(0, min(limit, MAX_PAGE))
    return [_event(row) for row in query.order_by(AuditRow.id.desc()).limit(limit)]


def record_trail(entity: str, record_id: int | str) -> list[AuditEvent]:
    """One record's changes, oldest first: what the order view and the client page show
    beside their history (whoever may open the record may read its trail)."""
    query = AuditRow.select().where(
        (AuditRow.entity == entity) & (AuditRow.record_id == str(record_id))
    )
    return [_event(row) for row in query.order_by(AuditRow.id)]


AUDIT_COLUMNS = (
    Column("id", COUNT, 9),
    Column("at", MOMENT, 17),
    Column("operator", TEXT, 14),
    Column("workstation", TEXT, 14),
    Column("kind", TEXT, 14),
    Column("entity", TEXT, 10),
    Column("record_id", TEXT, 8),
    Column("record", TEXT, 17),
    Column("field", TEXT, 16),
    Column("old_value", TEXT, 24),
    Column("new_value", TEXT, 24),
    Column("approved_by", TEXT, 12),
    Column("note", TEXT, 24),
)


def audit_rows(flt: AuditFilter = AuditFilter()) -> Rows:
    """(count, rows) of the filtered trail, oldest first, for the export writers (managers
    and up). Streams: the trail of years of work never sits in memory."""
    session.require(Permission.AUDIT_VIEW)
    total = _query(flt).count()
    return total, _rows(_query(flt).order_by(AuditRow.id).iterator())


def _rows(rows: Iterable[AuditRow]) -> Any:
    for row in rows:
        event = _event(row)
        yield [
            event.id,
            event.at,
            event.operator,
            event.workstation,
            event.kind,
            event.entity,
            event.record_id,
            event.record_label,
            event.field,
            event.old_value or "",
            event.new_value or "",
            event.approved_by,
            event.note,
        ]


def audit_in_worker(
    target: str | Path,
    *,
    flt: AuditFilter,
    fmt: str = "csv",
    sheet: str = "Audit",
    how: Presentation = MACHINE,
    progress: Progress | None = None,
) -> int:
    """write_file of the filtered trail, for a worker thread (the audit screen's export): the
    thread gets its own connection for it and closes it after, as orders_in_worker does."""
    try:
        return write_file(
            target, AUDIT_COLUMNS, audit_rows(flt), fmt=fmt, sheet=sheet, how=how, progress=progress
        )
    finally:
        binding.close_database()  # this thread's connection only
