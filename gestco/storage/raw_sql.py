"""Hand-written SQL on the bound database, for the paths where peewee's query building costs
what a person feels (each caller says its figure), and for bulk work: placeholders and rows
adapted to the engine, a read repeated once after a lost server connection, id arrays,
COPY, row locks in the one lock order."""

from __future__ import annotations

import sqlite3
import sys
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import peewee

from gestco.storage.binding import database, is_postgres
from gestco.storage.transactions import _connection_lost, _lost
from gestco.workstation.addresses import is_server_url

# TCP keepalives, both ways: this workstation notices a server gone silent, and the server
# notices a workstation gone (network cut) after ~25 s instead of TCP's two hours.


def _q(sql: str) -> str:
    """The services write `?` placeholders; psycopg wants `%s` (and `%%` for a percent)."""
    if is_postgres():
        return sql.replace("%", "%%").replace("?", "%s")
    return sql


def _p(params: Sequence[Any]) -> Sequence[Any]:
    """PostgreSQL text cannot hold NUL: a searched text with one matches nothing stored
    (writes refuse NUL before they get here, gestco.domain.text.clean), so it is dropped."""
    if is_postgres() and any(isinstance(p, str) and "\x00" in p for p in params):
        return [p.replace("\x00", "") if isinstance(p, str) else p for p in params]
    return params


def fetch_all(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Prepared SQL for hot read paths: skips peewee's query building (~90 µs a query)."""
    rows = _read(sql, params, lambda cursor: cursor.fetchall())
    return rows if not is_postgres() else [tuple(r) for r in rows]


def fetch_one(sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
    row = _read(sql, params, lambda cursor: cursor.fetchone())
    return tuple(row) if row is not None else None


def built_rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The rows of SQL that peewee wrote for this engine (gestco.storage.builder), read as
    fetch_all reads."""
    found = _read(sql, params, lambda cursor: cursor.fetchall(), built=True)
    return found if not is_postgres() else [tuple(r) for r in found]


def built_first_row(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    row = _read(sql, params, lambda cursor: cursor.fetchone(), built=True)
    return tuple(row) if row is not None else None


def built_execute(sql: str, params: Sequence[Any]) -> int:
    """A write peewee wrote for this engine, in the caller's transaction (never repeated):
    the number of rows it changed."""
    return int(database.execute_sql(sql, _p(params)).rowcount)


def _read(
    sql: str, params: Sequence[Any], take: Callable[[Any], Any], *, built: bool = False
) -> Any:
    """One read. If the server connection turns out lost, a read outside a transaction is
    repeated once on a fresh connection (reading twice changes nothing): the first refresh
    after a server restart just works. Inside a transaction, or if the server is still
    away, the clear 'connection lost' DatabaseError. `built`: peewee wrote the SQL (and its
    placeholders) for this engine already."""
    if not built:
        sql = _q(sql)
    try:
        return take(database.execute_sql(sql, _p(params)))
    except (peewee.OperationalError, peewee.InterfaceError):
        if not (is_postgres() and _connection_lost()):
            raise
        if database.transaction_depth() > 0:
            raise _lost() from None
    try:
        return take(database.execute_sql(sql, _p(params)))
    except (peewee.OperationalError, peewee.InterfaceError):
        _connection_lost()  # still away: drop the connection again for the next try
        raise _lost() from None


def restart_ids(table: str) -> None:
    """After rows were copied with their ids: new rows continue after the highest one
    (PostgreSQL identity columns do not follow explicit ids; SQLite needs nothing)."""
    if is_postgres():
        database.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
            f" coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
        )


class _RawServer:
    """A psycopg connection that takes the core's `?` SQL, as sqlite3 does (for the bench)."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql.replace("%", "%%").replace("?", "%s"), params)

    def close(self) -> None:
        self.conn.close()


def raw_connection(target: str) -> Any:
    """A plain driver connection to the same database, with nothing of GESTCO's in between:
    the bench's baseline (sqlite3 on a file, psycopg on a server)."""
    if is_server_url(target):
        return _RawServer(target)
    return sqlite3.connect(target)


def copy_rows(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Bulk-load rows into `table` within the current transaction: PostgreSQL's COPY (about
    four times executemany's rate), an executemany on SQLite."""
    names = ", ".join(columns)
    if not is_postgres():
        marks = ", ".join("?" * len(columns))
        execute_many(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        return
    with database.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def execute_many(sql: str, rows: Sequence[Sequence[Any]]) -> None:
    database.cursor().executemany(_q(sql), rows)


def fetch_ids(sql: str, params: Sequence[Any] = ()) -> array[int]:
    """The first column of `sql` (non-negative integers, in the query's order) as an array.

    SQLite writes the ids as one hex string (16 digits each) that becomes the array's bytes
    without a Python object per id: a million ids in ~0.25 s and ~24 MB transient, against
    ~0.28 s and ~70 MB for a million 1-tuples through the cursor.
    """
    ids = array("q")
    if is_postgres():
        ids.extend(r[0] for r in database.execute_sql(_q(sql), _p(params)))
        return ids
    row = database.execute_sql(
        f"SELECT group_concat(printf('%016x', id), '') FROM ({sql})", params
    ).fetchone()
    if row and row[0]:
        ids.frombytes(bytes.fromhex(row[0]))
        if sys.byteorder == "little":
            ids.byteswap()  # the hex digits are big-endian
    return ids


def data_version() -> int:
    """Changes whenever another connection commits to the file (SQLite PRAGMA data_version;
    a PostgreSQL server tells its listeners instead: listen())."""
    row = database.execute_sql("PRAGMA data_version").fetchone()
    return int(row[0])


def not_indexed(expression: str) -> str:
    """`expression` written so the engine does not pick an index for it (SQLite: unary +;
    PostgreSQL's planner costs the choice itself)."""
    return expression if is_postgres() else f"+{expression}"


def execute(sql: str, params: Sequence[Any] = ()) -> int:
    """Run one statement, return the number of rows it changed."""
    return int(database.execute_sql(_q(sql), _p(params)).rowcount)


def iterate(sql: str, params: Sequence[Any] = (), batch: int = 2000) -> Iterator[tuple[Any, ...]]:
    cursor = database.execute_sql(_q(sql), _p(params))
    while rows := cursor.fetchmany(batch):
        yield from rows
