"""`gestco migrate-to URL`: a shop's SQLite file copied into an empty PostgreSQL database,
in one transaction, then verified (row counts and the shop's invariants). The SQLite file
is only read (a read-only connection): it stays as it was, a fallback until the server runs.
It may be in use meanwhile: every table is read in ONE read transaction, so the copy is the
file as it was at one instant (each order with its lines), whatever is written after."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gestco.domain.errors import DatabaseError, ValidationError
from gestco.maintenance.checks import run_checks
from gestco.storage import migrations, opening, raw_sql, sqlite_files, transactions

TABLES = migrations.DATA_TABLES
BATCH = 5000


def migrate_to(
    source: Path, url: str, progress: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Copy `source` into the empty database at `url`; returns the rows copied per table."""
    say = progress or (lambda _text: None)
    if not source.is_file():
        raise ValidationError("db", "No database file at {path}.", path=str(source))
    # isolation_level=None: the driver opens no transaction of its own; ours is explicit.
    src = sqlite_files.read_only(source, autocommit=True)
    try:
        src.execute("BEGIN")  # deferred: the snapshot is taken at the first read, just below
        version = src.execute("PRAGMA user_version").fetchone()[0]
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if version != migrations.SCHEMA_VERSION:
            raise ValidationError(
                "db",
                "Open {path} once with this GESTCO first (its schema is {found}, this "
                "program writes {known}).",
                path=str(source),
                found=version,
                known=migrations.SCHEMA_VERSION,
            )
        opening.open_database(url)
        if raw_sql.scalar(
            "SELECT (SELECT count(*) FROM clients) + (SELECT count(*) FROM orders)"
            " + (SELECT count(*) FROM products)"
        ):
            raise ValidationError(
                "url", "The server's database is not empty: migrate into a new, empty one."
            )
        copied = {}
        with transactions.atomic():  # all of it or none of it
            for table in TABLES:
                columns = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
                names = ", ".join(columns)
                raw_sql.execute(f"DELETE FROM {table}")  # the rows the schema creation put there
                cursor = src.execute(f"SELECT {names} FROM {table} ORDER BY 1")
                copied[table] = 0
                while rows := cursor.fetchmany(BATCH):
                    raw_sql.copy_rows(table, columns, rows)
                    copied[table] += len(rows)
                say(f"{table}: {copied[table]:,} rows")
                if "id" in columns:
                    raw_sql.restart_ids(table)
        _verify(src, copied)  # against the same snapshot
        return copied
    finally:
        src.close()  # ends the read transaction


def _verify(src: sqlite_files.FileConnection, copied: dict[str, int]) -> None:
    for table, count in copied.items():
        there = raw_sql.scalar(f"SELECT count(*) FROM {table}")
        here = src.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if not here == count == there:
            raise DatabaseError(
                "The copy of {table} does not match: {here} rows here, {there} there.",
                table=table,
                here=here,
                there=there,
            )
    problems = run_checks()
    if problems:
        raise DatabaseError("The copied database fails its check: {problem}", problem=problems[0])
