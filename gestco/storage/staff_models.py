"""The staff tables (issue 17, schema step v6): operators, the sign-in delays, the audit
trail; part of the schema (gestco.storage.schema's DATA_MODELS include them, a new
database is created with them, tests/storage/test_schema_matches_models.py compares them
with what v6 made). Times are stored as the other tables store them: 'YYYY-MM-DD HH:MM:SS'
text (gestco.domain.timestamps). Flags are integers 1/0, as products.active.

The audit trail is append-only: `AuditRow` is only ever inserted; the database's triggers
(`append_only_statements`) refuse an UPDATE or DELETE of it whoever asks.
"""

from __future__ import annotations

from collections.abc import Sequence

import peewee

from gestco.storage import raw_sql
from gestco.storage.columns import BaseModel, RowId, TextKey, integer, text


class OperatorRow(BaseModel):
    """One operator. `username_key` (the username NFKC case-folded: domain.staff.username_key)
    is unique: 'Gerant', 'gerant' and the full-width 'ＧＥＲＡＮＴ' are one operator. The
    hashes are argon2id encodings (gestco.domain.passwords); `pin_hash` NULL: no PIN."""

    id = RowId()
    username = text()
    username_key = text()
    display_name = text("")
    role = text()
    password_hash = text()
    pin_hash = text(null=True)
    active = integer(1)
    created_at = text()
    updated_at = text()
    last_sign_in_at = text(null=True)
    version = integer(1)

    class Meta:
        table_name = "operators"


class SignInFailureRow(BaseModel):
    """Wrong passwords or PINs in a row for one name, whether or not an operator has it (so a
    delay never tells that a username exists): an operator's `username_key`, or '#' and a
    one-way argon2id key of a name nobody has (never the name typed: it may be a password
    typed into the wrong field; services.sign_in_tries); `retry_at` '' while free."""

    username_key = TextKey(primary_key=True)
    failures = integer()
    last_failed_at = text()
    retry_at = text("")

    class Meta:
        table_name = "sign_in_failures"


class AuditRow(BaseModel):
    """One line of the audit trail (gestco.domain.staff.AuditEvent)."""

    id = RowId()
    at = text()
    operator = text()
    workstation = text("")
    kind = text()
    entity = text("")
    record_id = text("")
    record_label = text("")
    field = text("")
    old_value = text(null=True)
    new_value = text(null=True)
    approved_by = text("")
    note = text("")

    class Meta:
        table_name = "audit_events"


def _index(model: type[BaseModel], name: str, *fields: peewee.Field, unique: bool = False) -> None:
    model.add_index(peewee.ModelIndex(model, fields, unique=unique, name=name))


# Named as v6 named them: the unique name, and the audit dialog's filters (by date, operator,
# kind, one record's history).
_index(OperatorRow, "operators_username_key", OperatorRow.username_key, unique=True)
_index(AuditRow, "audit_events_at", AuditRow.at, AuditRow.id)
_index(AuditRow, "audit_events_operator", AuditRow.operator, AuditRow.at)
_index(AuditRow, "audit_events_kind", AuditRow.kind, AuditRow.at)
_index(AuditRow, "audit_events_record", AuditRow.entity, AuditRow.record_id, AuditRow.id)

STAFF_MODELS = (OperatorRow, SignInFailureRow, AuditRow)

# The triggers that keep the audit trail append-only, as v6 wrote them (peewee has no
# triggers): an UPDATE or DELETE is refused on both engines, a TRUNCATE on a server too.
_SERVER_TRIGGERS = [
    """CREATE OR REPLACE FUNCTION gestco_audit_append_only() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN
                RAISE EXCEPTION USING MESSAGE = 'the audit trail is append-only: '
                    || TG_OP || ' refused';
            END $$""",
    "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events"
    " FOR EACH ROW EXECUTE FUNCTION gestco_audit_append_only()",
    "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events"
    " FOR EACH STATEMENT EXECUTE FUNCTION gestco_audit_append_only()",
]
_FILE_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: DELETE refused'); END""",
]


def append_only_statements(on_server: bool) -> list[str]:
    return list(_SERVER_TRIGGERS if on_server else _FILE_TRIGGERS)


# An order's creation writes ~15 audit rows: through AuditRow.insert_many peewee built ~7 ms
# of SQL for them (orders created a second fell from ~115 to ~48, measured on 2 cores); this
# statement, made once from the model's columns, goes through executemany instead.
AUDIT_COLUMNS = tuple(f.column_name for f in AuditRow._meta.sorted_fields if f.name != "id")
_AUDIT_INSERT = (
    f"INSERT INTO {AuditRow._meta.table_name} ({', '.join(AUDIT_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(AUDIT_COLUMNS))})"
)


def insert_audit_rows(rows: Sequence[Sequence[object]]) -> None:
    """Append rows to the audit trail, each a tuple in AUDIT_COLUMNS' order."""
    raw_sql.execute_many(_AUDIT_INSERT, rows)
