"""Engine errors told apart by their codes: real SQLite errors of each kind, a server's
SQLSTATE, and messages whose words would mislead a reading of the text."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import peewee
import pytest

from gestco.storage import transactions
from gestco.storage.engine_errors import Fault, error_chain, fault


def _raised(action: Callable[[], object]) -> BaseException:
    with pytest.raises((sqlite3.Error, peewee.PeeweeException)) as raised:
        action()
    return raised.value


def _connect(path: Path, **options: object) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, **options)
    conn.execute("CREATE TABLE IF NOT EXISTS t (x)")
    return conn


def test_a_full_disk(tmp_path: Path) -> None:
    conn = _connect(tmp_path / "f.sqlite3")
    conn.execute("PRAGMA max_page_count = 3")
    error = _raised(lambda: conn.execute("INSERT INTO t VALUES (randomblob(100000))"))
    assert fault(error) is Fault.FULL
    assert "disk is full" in transactions.storage_error(error).message


def test_a_read_only_file(tmp_path: Path) -> None:
    conn = _connect(tmp_path / "r.sqlite3")
    conn.execute("PRAGMA query_only = 1")
    error = _raised(lambda: conn.execute("INSERT INTO t VALUES (1)"))
    assert fault(error) is Fault.READ_ONLY


def test_a_file_another_writer_holds(tmp_path: Path) -> None:
    holder = _connect(tmp_path / "b.sqlite3")
    holder.execute("BEGIN IMMEDIATE")
    other = _connect(tmp_path / "b.sqlite3", timeout=0)
    error = _raised(lambda: other.execute("BEGIN IMMEDIATE"))
    assert fault(error) is Fault.BUSY
    holder.execute("ROLLBACK")


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "n.sqlite3"
    path.write_bytes(b"these are not the pages of a database" * 200)
    conn = sqlite3.connect(path)
    error = _raised(lambda: conn.execute("SELECT * FROM sqlite_master"))
    assert fault(error) is Fault.DAMAGED


def test_a_rule_whose_words_sound_like_a_fault_is_a_refused_change(tmp_path: Path) -> None:
    """A trigger's message says "full" and "locked": the code (a constraint) says what it is.
    Reading the words, GESTCO told the clerk the disk was full."""
    conn = _connect(tmp_path / "w.sqlite3")
    conn.execute(
        "CREATE TRIGGER rule BEFORE INSERT ON t BEGIN"
        " SELECT RAISE(ABORT, 'shelf full: the product is locked, database busy'); END"
    )
    error = _raised(lambda: conn.execute("INSERT INTO t VALUES (1)"))
    assert fault(error) is None
    message = transactions.storage_error(error).message
    assert message.startswith("The database refused the change (shelf full")


def test_through_peewee_the_driver_error_is_read(tmp_path: Path) -> None:
    """peewee wraps sqlite3's error (its first argument, and the context it was raised in)."""
    database = peewee.SqliteDatabase(str(tmp_path / "p.sqlite3"))
    database.execute_sql("CREATE TABLE t (x)")
    database.execute_sql("PRAGMA query_only = 1")
    error = _raised(lambda: database.execute_sql("INSERT INTO t VALUES (1)"))
    assert isinstance(error, peewee.OperationalError)
    assert any(isinstance(inner, sqlite3.Error) for inner in error_chain(error))
    assert fault(error) is Fault.READ_ONLY
    database.close()


class _ServerError(Exception):
    """A psycopg error as the driver raises it: the server's code in `sqlstate`."""

    def __init__(self, message: str, sqlstate: str) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def test_a_servers_codes() -> None:
    assert fault(_ServerError('could not extend file "base/1/2"', "53100")) is Fault.FULL
    assert fault(_ServerError("cannot execute INSERT", "25006")) is Fault.READ_ONLY
    wrapped = peewee.OperationalError(_ServerError("no space left", "53100"))
    assert fault(wrapped) is Fault.FULL
    # A unique violation whose value holds the words: a refused change, not a full disk.
    assert fault(_ServerError("duplicate key (sku)=(FULL-READ-ONLY)", "23505")) is None
