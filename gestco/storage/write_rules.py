"""How writes from several workstations stay out of each other's way: the one lock order
every write transaction follows, the server's error codes, and the single retry of a
transaction the server broke off.

The lock order (PostgreSQL; on SQLite, BEGIN IMMEDIATE already serialises writers, and the
same calls only check the rule). A write transaction locks rows table by table in
LOCK_ORDER, and within a table in increasing key order:

    1. orders      the order being changed (its version is checked under this lock)
    2. clients     the client being edited
    3. products    every product whose stock or details the write changes, in id order,
                   all of them before the first one is changed
    4. sequences   the yearly order-number counter: last, held for the shortest time
    5. operators   an operator being changed (never in the same transaction as the others)

Change notices hold no row at all on a server (NOTIFY, queued at commit), so no row is
shared by every writer. Locks are FOR NO KEY UPDATE: the foreign-key checks of inserted
lines and movements (KEY SHARE) never wait on them. Two writers that follow this order can
wait for each other but never each hold what the other wants: no deadlock. `check_lock`
refuses a lock taken against the order (a programming error, caught by the tests), and
`record_movement` refuses to change a product that was not locked first.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar

from gestco.domain.errors import DatabaseError
from gestco.storage import binding

LOCK_ORDER = ("orders", "clients", "products", "sequences", "operators")

# SQLSTATEs (PostgreSQL's error codes, stable across versions and languages).
DEADLOCK = "40P01"
SERIALIZATION_FAILURE = "40001"
LOCK_TIMEOUT = "55P03"  # lock_not_available: lock_timeout ran out
UNIQUE_VIOLATION = "23505"
IDLE_IN_TRANSACTION_TIMEOUT = "25P03"
# Worth running the whole transaction again once: the server broke it off only because of
# another transaction's timing. A unique key taken by another workstation's commit in the
# same instant is one too: the second run's own check sees the holder and names it.
RETRYABLE = frozenset({DEADLOCK, SERIALIZATION_FAILURE, UNIQUE_VIOLATION})


def sqlstate(exc: BaseException) -> str | None:
    """The server's error code of `exc` or of the driver error it wraps (peewee puts the
    psycopg error first in its own error's args), None for SQLite and link failures."""
    current: BaseException | None = exc
    for _ in range(5):
        if current is None:
            return None
        code = getattr(current, "sqlstate", None)
        if isinstance(code, str):
            return code
        inner = current.args[0] if current.args else None
        if isinstance(inner, BaseException) and getattr(inner, "sqlstate", None):
            return str(inner.sqlstate)  # type: ignore[attr-defined]
        current = current.__cause__ or current.__context__
    return None


class _Transaction(threading.local):
    """The locks the calling thread's current write transaction took (peewee gives each
    thread its own connection, so its own transaction)."""

    def __init__(self) -> None:
        self.locked: dict[str, set[Any]] = {}
        self.seen: set[object] = set()
        self.kept: dict[str, Any] = {}  # what a listener keeps until the commit (kept_state)


_current = _Transaction()
# Called with a table's keys just locked (after the lock is held): gestco.storage.daily_figures
# reads what an order adds to the daily figures before the transaction changes it.
_lock_listeners: dict[str, Callable[[list[Any]], None]] = {}
# Called last in each outermost write transaction, before it commits (the daily figures add
# what the transaction changed).
_commit_listeners: list[Callable[[], None]] = []


def begin() -> None:
    """A new outermost write transaction starts on this thread: nothing is held yet."""
    _current.locked = {}
    _current.seen = set()
    _current.kept = {}


def on_lock(table: str, listener: Callable[[list[Any]], None]) -> None:
    """Have `listener` called with the keys of `table` each time a transaction locks some."""
    _lock_listeners[table] = listener


def locked_now(table: str, keys: list[Any]) -> None:
    listener = _lock_listeners.get(table)
    if listener is not None and keys:
        listener(keys)


def on_commit(listener: Callable[[], None]) -> None:
    """Have `listener` run last in every outermost write transaction, before its commit."""
    if listener not in _commit_listeners:
        _commit_listeners.append(listener)


def before_commit() -> None:
    for listener in _commit_listeners:
        listener()


def kept_state(name: str, make: Callable[[], Any]) -> Any:
    """A value kept for the current transaction under `name` (made on first use), gone at
    the next transaction's begin()."""
    if name not in _current.kept:
        _current.kept[name] = make()
    return _current.kept[name]


def check_lock(table: str, keys: Iterable[Any]) -> list[Any]:
    """Record that the transaction locks `keys` of `table` now; returns them sorted (the
    order to lock them in). Raises RuntimeError if that breaks the lock order."""
    wanted = sorted(set(keys))
    held = _current.locked.setdefault(table, set())
    new = [key for key in wanted if key not in held]
    if new:  # rows already held cost no wait: taking them again is always fine
        rank = LOCK_ORDER.index(table)
        later = [t for t, rows in _current.locked.items() if rows and LOCK_ORDER.index(t) > rank]
        if later:
            raise RuntimeError(f"lock order: {table} locked after {', '.join(later)}")
        if held and new[0] < max(held):
            raise RuntimeError(f"lock order: {table} {new[0]} locked after {max(held)}")
        held.update(new)
    return wanted


def holds(table: str, key: Any) -> bool:
    return key in _current.locked.get(table, ())


def first_in_transaction(mark: object) -> bool:
    """True the first time `mark` is seen in the current transaction (one change notice
    per area and transaction, however many rows of it the transaction writes)."""
    if mark in _current.seen:
        return False
    _current.seen.add(mark)
    return True


def marks_made() -> frozenset[object]:
    """The marks the current transaction made so far (first_in_transaction)."""
    return frozenset(_current.seen)


def forget_marks_since(kept: frozenset[object]) -> None:
    """A savepoint rolled back: what it marked is undone with it, so it may be marked again."""
    _current.seen = set(kept)


P = ParamSpec("P")
R = TypeVar("R")
retries = 0  # transactions run a second time in this process (the mixed-work test reports it)


def retried(service: Callable[P, R]) -> Callable[P, R]:
    """Run a write service; if the server broke its transaction off (deadlock, serialisation
    failure, a unique key taken in the same instant), run the whole of it once more before
    telling the user. Inside another service's transaction it just runs: the outermost
    one is the transaction, and the one retried."""

    @functools.wraps(service)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        global retries
        if binding.database.transaction_depth() > 0:
            return service(*args, **kwargs)
        try:
            return service(*args, **kwargs)
        except DatabaseError as error:
            if error.sqlstate not in RETRYABLE:
                raise
        retries += 1
        return service(*args, **kwargs)

    return run


BUSY_TIMEOUT_S = 10  # seconds a write waits for another's write lock on a file (SQLite)

# A write waits for another workstation's row locks at most as long as SQLite's busy timeout,
# then says so (tests shorten it through the environment).
LOCK_TIMEOUT_ENV = "GESTCO_PG_LOCK_TIMEOUT_S"


def lock_timeout_s() -> float:
    return float(os.environ.get(LOCK_TIMEOUT_ENV) or BUSY_TIMEOUT_S)
