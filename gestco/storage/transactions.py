"""Write transactions: one `atomic()` per write (BEGIN IMMEDIATE on a file), writes held while a
check of the file runs, and every storage failure turned into a DatabaseError a clerk can act
on (told by the engine's error code, never its words)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import peewee

from gestco.domain.errors import DatabaseError
from gestco.storage import engine_errors, write_rules
from gestco.storage.binding import database, is_postgres, replaced_underneath
from gestco.storage.engine_errors import Fault
from gestco.storage.write_rules import lock_timeout_s

_writes_held: str | None = None  # why writes wait (a check of the file still running)


def hold_writes(reason: str) -> None:
    """Refuse writes until release_writes(): reading goes on meanwhile."""
    global _writes_held
    _writes_held = reason


def release_writes() -> None:
    global _writes_held
    _writes_held = None


@contextmanager
def atomic() -> Iterator[None]:
    """One write transaction (BEGIN IMMEDIATE on SQLite). Storage failures come out as a
    DatabaseError a clerk can act on; the transaction is rolled back, nothing half-written."""
    outermost = database.transaction_depth() == 0
    if outermost:
        if _writes_held is not None:
            raise DatabaseError(
                "{reason} Try again in a moment; nothing was saved.", reason=_writes_held
            )
        write_rules.begin()
    try:
        with database.atomic():
            if database.transaction_depth() == 1 and replaced_underneath():
                # Checked holding the write lock (a restore waits for the writes running on
                # the old file before it returns): a write never goes into a file another
                # process's restore has set aside.
                raise _replaced()
            yield
            if outermost:  # not transaction_depth() == 1: it reads 1 inside a savepoint too
                write_rules.before_commit()  # the daily figures: its last locks
    except (
        peewee.OperationalError,
        sqlite3.OperationalError,
        peewee.DatabaseError,
        peewee.InterfaceError,
    ) as exc:
        if is_postgres() and _connection_lost():
            raise _lost() from None
        error = storage_error(exc)
        error.sqlstate = write_rules.sqlstate(exc)
        raise error from None


@contextmanager
def attempt() -> Iterator[None]:
    """One part of a larger write (an order of an import), inside the caller's transaction:
    a savepoint, so an error rolls back that part alone and the rest goes on. The change
    marks it made go with it (the next part that changes the same area marks it again).
    Take every row lock before the first attempt: a lock first taken inside a savepoint is
    released when it rolls back (PostgreSQL)."""
    if database.transaction_depth() == 0:
        raise RuntimeError("an attempt is a part of a write transaction")
    kept = write_rules.marks_made()
    try:
        with atomic():
            yield
    except BaseException:
        write_rules.forget_marks_since(kept)
        raise


def _replaced() -> DatabaseError:
    return DatabaseError(
        "The database file was replaced (a backup was restored meanwhile): nothing was "
        "saved. GESTCO reloads it; try again in a moment."
    )


def _connection_lost() -> bool:
    """Whether the server connection is gone (restart, network cut). If so it is dropped, and
    the next statement connects again by itself (peewee's autoconnect)."""
    real = database.obj
    conn = real._state.conn
    if conn is not None and not (getattr(conn, "broken", False) or getattr(conn, "closed", False)):
        return False  # an error of the statement (a deadlock, a constraint), not of the link
    if database.transaction_depth() > 0:
        return True  # the transaction unwinds first; atomic() drops the connection after
    try:
        real.close()
    except Exception:
        real._state.reset()  # a dead connection cannot even close cleanly
    return True


def _lost() -> DatabaseError:
    return DatabaseError(
        "The connection to the database server was lost: nothing was saved. GESTCO "
        "reconnects by itself; try again in a moment."
    )


def storage_error(exc: Exception) -> DatabaseError:
    """The engine's error in words the shop can act on, told apart by its code
    (gestco.storage.engine_errors). SQLite rolls back by itself on a full disk, so the error
    raised is often peewee's failed ROLLBACK: the cause is in the exception's context chain."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 5:
        chain.append(current)
        current = current.__context__
    code = write_rules.sqlstate(exc)
    if code in (write_rules.DEADLOCK, write_rules.SERIALIZATION_FAILURE):
        return DatabaseError(
            "The database is busy with another workstation: nothing was saved. Try again."
        )
    if code == write_rules.LOCK_TIMEOUT:
        return DatabaseError(
            "Another workstation has held the data this change needs for {seconds} s: "
            "nothing was saved. Try again in a moment.",
            seconds=f"{lock_timeout_s():g}",
        )
    kind = engine_errors.fault(exc)  # by the error's code (SQLite's, or the server's SQLSTATE)
    if kind is Fault.FULL:
        return DatabaseError(
            "The disk is full: nothing was saved. Free some space, then try again."
        )
    if kind is Fault.READ_ONLY:
        return DatabaseError(
            "The database file cannot be written (read-only disk or file): nothing was saved."
        )
    if kind is Fault.BUSY:
        return DatabaseError(
            "The database is busy with another workstation: nothing was saved. Try again."
        )
    if kind is Fault.DAMAGED:
        return DatabaseError(
            "The database file is damaged or unreadable ({reason}): nothing was saved. "
            "Restore a backup (Tools menu, or `gestco restore`).",
            reason=str(chain[-1]),
        )
    return DatabaseError(
        "The database refused the change ({reason}): nothing was saved.", reason=str(chain[-1])
    )
