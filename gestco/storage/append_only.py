"""Tables that are only ever inserted into: the payments, the invoices and credit notes and
their lines (schema step v8). As the audit trail's (gestco.storage.staff_models), their
triggers refuse an UPDATE or a DELETE on both engines, and a TRUNCATE on a server, whoever
asks: an issued invoice cannot be changed or removed, not even by hand in a SQL shell
(short of dropping the trigger, which `gestco check`'s schema comparison would show).
"""

from __future__ import annotations

from collections.abc import Iterable

SERVER_FUNCTION = "gestco_append_only"

_FUNCTION = f"""CREATE OR REPLACE FUNCTION {SERVER_FUNCTION}() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN
                RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only: '
                    || TG_OP || ' refused';
            END $$"""


def _server(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION {SERVER_FUNCTION}()",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {SERVER_FUNCTION}()",
    ]


def _file(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} is append-only: {op} refused'); END"""
        for op in ("UPDATE", "DELETE")
    ]


def statements(tables: Iterable[str], on_server: bool) -> list[str]:
    """The DDL making each of `tables` append-only on the engine (after the tables exist)."""
    tables = list(tables)
    if on_server:
        return [_FUNCTION, *(sql for table in tables for sql in _server(table))]
    return [sql for table in tables for sql in _file(table)]
