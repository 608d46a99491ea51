"""What went wrong in the engine, told by the error's code, never by its message's words
(a rule's message or a product's name can hold "full" or "locked"; the code cannot lie).

SQLite: `sqlite3.Error.sqlite_errorcode` (Python 3.11+); its low byte is the primary result
code (SQLITE_IOERR_WRITE & 0xFF == SQLITE_IOERR). PostgreSQL: psycopg's `sqlstate` (SQLSTATE,
the same code write_rules reads). peewee wraps the driver's error (its `orig`), and SQLite
rolls back by itself on a full disk so that peewee's failed ROLLBACK hides the cause in
`__context__`: the whole chain is read.

A server that refuses a connection gives no SQLSTATE (libpq reports only text: measured with
psycopg 3 for a wrong password, an unknown database, a refused port); db._connection_error
reads that text, the one place that has to.
"""

from __future__ import annotations

import sqlite3
from enum import StrEnum


class Fault(StrEnum):
    """The engine errors a person can act on."""

    FULL = "full"  # free some space
    READ_ONLY = "read_only"  # make the file or disk writable
    BUSY = "busy"  # another writer holds it: try again
    DAMAGED = "damaged"  # restore a backup


_SQLITE_FAULTS = {
    sqlite3.SQLITE_FULL: Fault.FULL,
    sqlite3.SQLITE_READONLY: Fault.READ_ONLY,
    sqlite3.SQLITE_BUSY: Fault.BUSY,
    sqlite3.SQLITE_LOCKED: Fault.BUSY,
    sqlite3.SQLITE_CORRUPT: Fault.DAMAGED,
    sqlite3.SQLITE_NOTADB: Fault.DAMAGED,
    sqlite3.SQLITE_IOERR: Fault.DAMAGED,
}
_SQLSTATE_FAULTS = {
    "53100": Fault.FULL,  # disk_full
    "25006": Fault.READ_ONLY,  # read_only_sql_transaction (a standby, a read-only session)
}
# When several show in one chain: the first that applies, as a clerk should read it (a full
# disk also fails the ROLLBACK that follows).
_PRIORITY = (Fault.FULL, Fault.READ_ONLY, Fault.BUSY, Fault.DAMAGED)


def error_chain(exc: BaseException, limit: int = 8) -> list[BaseException]:
    """`exc`, the driver error it wraps (a peewee error's `orig`; a first argument that is an
    error) and those it was raised while handling or from, nearest first, each once."""
    chain: list[BaseException] = []
    pending: list[BaseException] = [exc]
    while pending and len(chain) < limit:
        current = pending.pop(0)
        if any(current is seen for seen in chain):
            continue
        chain.append(current)
        inner = current.args[0] if current.args else None
        linked = (getattr(current, "orig", None), inner, current.__cause__, current.__context__)
        pending += [error for error in linked if isinstance(error, BaseException)]
    return chain


def sqlite_codes(exc: BaseException) -> set[int]:
    """The SQLite primary result codes found in `exc`'s chain."""
    return {
        code & 0xFF
        for error in error_chain(exc)
        if isinstance(code := getattr(error, "sqlite_errorcode", None), int)
    }


def fault(exc: BaseException) -> Fault | None:
    """What `exc` means for the person at the counter, or None: a refused change (a
    constraint, a trigger's rule, a bad statement) or an error of another kind."""
    chain = error_chain(exc)
    found = {_SQLITE_FAULTS[code] for code in sqlite_codes(exc) if code in _SQLITE_FAULTS}
    found |= {
        _SQLSTATE_FAULTS[state]
        for error in chain
        if (state := getattr(error, "sqlstate", None)) in _SQLSTATE_FAULTS
    }
    return next((kind for kind in _PRIORITY if kind in found), None)
