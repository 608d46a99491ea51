"""Writing the audit trail: every change to an order, a client, a product, the stock, a setting
or an operator, one row per field with its old and new value, in the transaction of the
change; and the events around them (sign-ins, failed attempts, delays, locks, approvals).

The rows are only ever inserted (the database refuses an UPDATE or DELETE: schema step v6).
Values are written as the tables store them, as text: a replay of a record's rows, field by
field from its first value, gives the record as stored (tests/core/test_audit.py). Secrets
never come here: a password or PIN change is a row whose values are empty.

Reading it (filters, exports) is gestco.services.audit.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum

from gestco.domain.staff import Actor
from gestco.domain.timestamps import now, to_text
from gestco.storage import binding
from gestco.storage.staff_models import insert_audit_rows

# What a row is about. Changes name the record they changed; events name the operator.
CHANGE_KINDS = ("order", "client", "product", "stock", "setting", "operator")
EVENT_KINDS = (
    "sign_in",  # a password or PIN accepted
    "sign_in_failed",  # a wrong one (or a disabled operator's)
    "sign_in_refused",  # tried while the name waits out its delay (not even checked)
    "sign_out",
    "lock",
    "approval",  # a manager's PIN accepted for a clerk's change
    "approval_failed",  # a wrong PIN, a disabled operator, or a role that approves nothing
    "failures_cleared",  # an admin cleared an operator's wrong attempts (and so its delay)
)
KINDS = CHANGE_KINDS + EVENT_KINDS
# Who a failed or refused try is recorded under when no operator has the name typed: the
# trail never keeps what was typed there (it may be someone's password, or forged lines).
UNKNOWN = "?"
_LABEL_MAX = 100


def stored(value: object) -> str | None:
    """A value as the audit trail keeps it: the text the table holds (None stays None)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return to_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _inside_transaction() -> None:
    if binding.database.transaction_depth() == 0:
        raise RuntimeError("an audit row belongs in the transaction of what it records")


def record_changes(
    actor: Actor,
    *,
    kind: str,
    entity: str,
    record_id: object,
    label: str,
    before: Mapping[str, object] | None,
    after: Mapping[str, object] | None,
    note: str = "",
) -> int:
    """One row per field whose stored value differs between `before` and `after` (None: the
    record did not exist before, or is gone after). Returns the rows written."""
    _inside_transaction()
    old = {name: stored(value) for name, value in (before or {}).items()}
    new = {name: stored(value) for name, value in (after or {}).items()}
    stamp = to_text(now())
    rows = [  # in staff_models.AUDIT_COLUMNS' order
        (
            stamp,
            actor.username,
            actor.workstation,
            kind,
            entity,
            str(record_id),
            label[:_LABEL_MAX],
            name,
            old.get(name),
            new.get(name),
            actor.approved_by,
            note,
        )
        for name in (*old, *(n for n in new if n not in old))
        if name not in old or name not in new or old[name] != new[name]
    ]
    if rows:
        insert_audit_rows(rows)
    return len(rows)


def record_secret_change(
    actor: Actor, *, record_id: int, label: str, field: str, note: str
) -> None:
    """A password or PIN set, changed or removed: that it happened, never the secret."""
    _inside_transaction()
    _insert(
        actor.username,
        actor.workstation,
        "operator",
        entity="operators",
        record_id=str(record_id),
        label=label,
        field=field,
        note=note,
    )


def record_event(
    operator: str,
    workstation: str,
    kind: str,
    *,
    record_id: object = "",
    label: str = "",
    note: str = "",
    approved_by: str = "",
) -> None:
    """A sign-in, a failed attempt, a lock, an approval... `operator` is who did it: an
    operator's username as stored, `cli:<login>`, or UNKNOWN (a failed attempt with a name
    no operator has); `record_id` the operator's id when there is one."""
    _inside_transaction()
    if kind not in EVENT_KINDS:
        raise ValueError(kind)
    _insert(
        operator[:_LABEL_MAX],
        workstation,
        kind,
        entity="operators",
        record_id="" if record_id is None else str(record_id),
        label=label,
        note=note,
        approved_by=approved_by,
    )


def _insert(
    operator: str,
    workstation: str,
    kind: str,
    *,
    entity: str,
    record_id: str,
    label: str,
    field: str = "",
    note: str = "",
    approved_by: str = "",
) -> None:
    insert_audit_rows(
        [
            (
                to_text(now()),
                operator,
                workstation,
                kind,
                entity,
                record_id,
                label[:_LABEL_MAX],
                field,
                None,
                None,
                approved_by,
                note,
            )
        ]
    )
