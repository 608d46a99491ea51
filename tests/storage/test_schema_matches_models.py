"""The models are the schema: a database created from them and one migrated from the first
version (v1, then every step) are the same, on the engine the suite runs on (an SQLite
file, or the server under `make test-postgres`): tables, columns in their order, types,
nullability, defaults, identity columns, indexes (columns, order, uniqueness, partial
WHERE), foreign keys with their actions, CHECK constraints, the audit trail's append-only
triggers (and a server's trigger function), and the rows a new database starts with. The
comparison is proved strict: one wrong detail in the models fails it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import peewee
import pytest

from gestco.storage import migrations, schema
from tests.support.databases import ON_POSTGRES, TEST_DB, fresh_database

Shape = dict[str, Any]


def _normal(sql: str) -> str:
    """SQL text compared without its quoting, case and spacing."""
    return " ".join(sql.replace('"', "").lower().split())


def _checks(create_table: str) -> list[str]:
    """The CHECK expressions of a CREATE TABLE statement (SQLite keeps no catalogue of them)."""
    found = []
    for match in re.finditer(r"\bcheck\s*\(", create_table, re.IGNORECASE):
        depth, start = 1, match.end()
        end = start
        while depth:
            depth += {"(": 1, ")": -1}.get(create_table[end], 0)
            end += 1
        found.append(_normal(create_table[start : end - 1]))
    return sorted(found)


def _sqlite_shape(database: peewee.Database) -> Shape:
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return database.execute_sql(sql).fetchall()

    shape: Shape = {"version": rows("PRAGMA user_version")}
    for kind, name, table, sql in rows(
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
        " WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ):
        if kind == "table":
            shape[f"table {name}"] = {
                "kind": rows(f"PRAGMA table_list('{name}')"),  # without rowid, strict
                "columns": rows(f"PRAGMA table_xinfo('{name}')"),  # order, type, null, default
                "indexes": sorted(r[1:] for r in rows(f"PRAGMA index_list('{name}')")),
                "foreign keys": sorted(r[1:] for r in rows(f"PRAGMA foreign_key_list('{name}')")),
                "checks": _checks(sql),
            }
        elif kind == "index":
            where = re.split(r"\bwhere\b", _normal(sql), maxsplit=1)
            shape[f"index {name}"] = {
                "table": table,
                "columns": rows(f"PRAGMA index_xinfo('{name}')"),  # order, direction, collation
                "where": where[1].strip() if len(where) > 1 else None,
            }
        else:  # triggers (the audit trail's), views: none may appear on one side only
            shape[f"{kind} {name}"] = _normal(sql)
    return shape


def _server_shape(database: peewee.Database) -> Shape:
    def rows(sql: str) -> list[tuple[Any, ...]]:
        found = database.execute_sql(sql).fetchall()
        return [tuple(str(v).replace(f"{schema}.", "") for v in row) for row in found]

    schema = database.execute_sql("SELECT current_schema()").fetchone()[0]
    here = "= current_schema()"
    return {
        "version": rows("SELECT key, value FROM gestco_meta ORDER BY key"),
        "tables": rows(
            f"SELECT table_name, table_type FROM information_schema.tables WHERE table_schema"
            f" {here} ORDER BY 1"
        ),
        "columns": rows(
            "SELECT table_name, ordinal_position, column_name, data_type, is_nullable,"
            " column_default, is_identity, identity_generation, identity_start,"
            " identity_increment, identity_minimum, identity_maximum, identity_cycle,"
            " is_generated, collation_name, character_maximum_length, numeric_precision"
            f" FROM information_schema.columns WHERE table_schema {here} ORDER BY 1, 2"
        ),
        "indexes": rows(
            f"SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname {here}"
            " ORDER BY 2"
        ),
        "constraints": rows(  # keys, foreign keys (with ON DELETE), checks: by name
            "SELECT t.relname, c.conname, c.contype, pg_get_constraintdef(c.oid),"
            " c.condeferrable, c.convalidated FROM pg_constraint c"
            " JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
            f" WHERE n.nspname {here} ORDER BY 1, 2"
        ),
        "sequences": rows(
            "SELECT sequencename, data_type, start_value, min_value, max_value, increment_by,"
            f" cycle FROM pg_sequences WHERE schemaname {here} ORDER BY 1"
        ),
        "triggers": rows(
            "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t"
            " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            f" WHERE NOT t.tgisinternal AND n.nspname {here} ORDER BY 1"
        ),
        "functions": [
            (name, _normal(body))
            for name, body in rows(
                "SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace n"
                f" ON n.oid = p.pronamespace WHERE n.nspname {here} ORDER BY 1"
            )
        ],
    }


def shape(database: peewee.Database) -> Shape:
    """Everything of the schema the engine can tell, and the rows a new database holds."""
    described = (
        _server_shape(database)
        if isinstance(database, peewee.PostgresqlDatabase)
        else _sqlite_shape(database)
    )
    described["counters"] = database.execute_sql(
        "SELECT area, n FROM change_counters ORDER BY area"
    ).fetchall()
    return described


@contextmanager
def databases(tmp_path: Path, *names: str) -> Iterator[list[peewee.Database]]:
    """Empty databases: SQLite files, or schemas of the test server (each connection's
    search_path its own schema, as a shop's database has its public schema)."""
    opened: list[peewee.Database] = []
    if ON_POSTGRES:
        from playhouse.db_url import connect

        fresh_database(tmp_path)
        admin = connect(TEST_DB)
        for name in names:
            admin.execute_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
            admin.execute_sql(f"CREATE SCHEMA {name}")
        admin.close()
        opened = [connect(TEST_DB, options=f"-c search_path={name}") for name in names]
    else:
        opened = [peewee.SqliteDatabase(str(tmp_path / f"{name}.sqlite3")) for name in names]
    try:
        yield opened
    finally:
        for database in opened:
            database.close()
        if ON_POSTGRES:  # a schema left behind would be in a later test's pg_dump (its
            # gestco_meta read for the archive's version)
            admin = connect(TEST_DB)
            for name in names:
                admin.execute_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
            admin.close()


def from_steps(database: peewee.Database) -> None:
    migrations.migrate(database, target=1)  # the v1 DDL, as the first GESTCO wrote it
    assert migrations.migrate(database) == migrations.SCHEMA_VERSION  # then every step


def from_models(database: peewee.Database) -> None:
    assert migrations.migrate(database) == migrations.SCHEMA_VERSION


def test_a_database_created_from_the_models_is_one_migrated_from_v1(tmp_path: Path) -> None:
    with databases(tmp_path, "from_steps", "from_models") as (migrated, created):
        from_steps(migrated)
        from_models(created)
        expected, actual = shape(migrated), shape(created)
    assert actual == expected
    assert len(expected["counters"]) == 4  # and the shape holds what it says it does:
    assert any("orders_client" in str(value) for value in expected.values())
    trigger = "audit_events_append_only" if ON_POSTGRES else "trigger audit_events_no_delete"
    assert trigger in str(expected)


def _integer(on_server: bool) -> str:
    return "BIGINT" if on_server else "INTEGER"


# One detail of the schema wrong in the DDL the models give: (what, table, old, new).
# An empty `new` leaves the text out.
WRONG = [
    ("a column's type", "orders", '"total_cents" {int}', '"total_cents" {wrong}'),
    ("a NULL allowed", "orders", '"number" TEXT NOT NULL', '"number" TEXT'),
    ("a default", "products", "DEFAULT 2000", "DEFAULT 1000"),
    ("a CHECK left out", "order_lines", " CHECK (quantity > 0)", ""),
    (
        "a CHECK changed",
        "products",
        "CHECK (unit_price_cents >= 0)",
        "CHECK (unit_price_cents > 0)",
    ),
    (
        "a foreign key left out",
        "orders",
        ', FOREIGN KEY ("client_id") REFERENCES "clients" ("id")',
        "",
    ),
    (
        "ON DELETE",
        "orders",
        'REFERENCES "clients" ("id")',
        'REFERENCES "clients" ("id") ON DELETE CASCADE',
    ),
    ("a column renamed", "clients", '"notes"', '"remarks"'),
    ("an index left out", "orders_status_total", 'CREATE INDEX "orders_status_total"', ""),
    ("an index's columns", "orders_created", '("created_at", "id")', '("created_at")'),
    (
        "an index's column order",
        "orders_channel",
        '("channel", "created_at")',
        '("created_at", "channel")',
    ),
    ("an index's direction", "orders_total", '("total_cents", "id")', '("total_cents" DESC, "id")'),
    ("an index not unique", "orders_number", "CREATE UNIQUE INDEX", "CREATE INDEX"),
    (
        "a partial index",
        "orders_status_total",
        '"total_cents")',
        "\"total_cents\") WHERE status <> 'cancelled'",
    ),
]


def _edited(statements: list[str], target: str, old: str, new: str) -> list[str]:
    """The statements with one change in the one that creates `target` (a table or index)."""
    made = [s for s in statements if re.match(rf'CREATE (UNIQUE )?(TABLE|INDEX) "{target}" ', s)]
    assert len(made) == 1 and old in made[0], (target, old)
    if not new and made[0].startswith(old):
        return [s for s in statements if s is not made[0]]  # the whole statement left out
    return [s.replace(old, new, 1) if s is made[0] else s for s in statements]


@pytest.mark.parametrize(("what", "target", "old", "new"), WRONG, ids=[w[0] for w in WRONG])
def test_the_comparison_sees_one_wrong_detail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str, target: str, old: str, new: str
) -> None:
    """The same creation from DDL with `what` wrong: the shapes differ."""
    real: Callable[[peewee.Database], list[str]] = schema.schema_statements

    def wrong_statements(database: peewee.Database) -> list[str]:
        kinds = {"int": _integer(ON_POSTGRES), "wrong": "INTEGER" if ON_POSTGRES else "TEXT"}
        return _edited(real(database), target, old.format(**kinds), new.format(**kinds))

    with databases(tmp_path, "good", "bad") as (right, wrong):
        from_models(right)
        monkeypatch.setattr(schema, "schema_statements", wrong_statements)
        from_models(wrong)
        assert shape(wrong) != shape(right), what


def test_the_comparison_sees_a_trigger_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the audit trail's append-only triggers the shapes differ."""
    real: Callable[[peewee.Database], list[str]] = schema.schema_statements

    def no_triggers(database: peewee.Database) -> list[str]:
        return [s for s in real(database) if "CREATE TRIGGER" not in s]

    with databases(tmp_path, "good", "bad") as (right, wrong):
        from_models(right)
        monkeypatch.setattr(schema, "schema_statements", no_triggers)
        from_models(wrong)
        assert shape(wrong) != shape(right)
