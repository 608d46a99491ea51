"""SQLite files opened on a connection of their own, outside the bound database: read only (a
backup's check, a restore's comparison, migrate-to's source, the shop id of a file not
opened), or to wait for the writers still running on a file set aside."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import SQL, fn

from gestco.storage.models import Orders
from gestco.storage.names import plain_sql

FileConnection = sqlite3.Connection
FileError = sqlite3.Error  # what reading a file that is not (or no longer) a database raises


def read_only(path: Path, *, timeout: float = 5.0, autocommit: bool = False) -> sqlite3.Connection:
    """A read-only connection to the file at `path` (its URI, so a name with `?` or `#` is
    the file's own); `autocommit`: the driver opens no transaction, the caller's BEGIN does."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if autocommit:
        return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    return sqlite3.connect(uri, uri=True, timeout=timeout)


def wait_for_writers(path: Path, timeout: float) -> None:
    """The file's write lock, taken and let go: a transaction that was running on it has
    ended. The connection goes through `path`, so its -wal and -shm are the ones the running
    writers use. A damaged or foreign file: nobody writes to it, nothing to wait for."""
    try:
        conn = sqlite3.connect(path, timeout=timeout)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.rollback()
        finally:
            conn.close()
    except sqlite3.Error:
        pass


_NEWEST = (
    Orders.select(Orders.number, Orders.created_at)
    .order_by(Orders.created_at.desc(), Orders.id.desc())
    .limit(1)
)


def orders_summary(path: Path) -> tuple[int, str, str] | None:
    """(orders, newest number, its creation time as stored) in the GESTCO file at `path`,
    read only; None when it cannot be read as one."""
    try:
        conn = read_only(path)
        try:
            count = conn.execute(*plain_sql(Orders.select(fn.COUNT(SQL("*"))))).fetchone()[0]
            newest = conn.execute(*plain_sql(_NEWEST)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return int(count), newest[0] if newest else "", newest[1] if newest else ""
