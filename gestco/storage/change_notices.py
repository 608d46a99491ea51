"""Change notices: each write marks what it changed, in its own transaction, and other
windows, workstations and the CLI learn of it within a second.

The areas are gestco.domain.change_areas.Area; the feed reports them as the same `Changes` a write
service returns to its caller, so a window handles its own writes and everyone else's alike.

SQLite: a counter per area; a feed polls `PRAGMA data_version` (one cheap statement) and
reads the three counters only after another connection committed (writers are serialised by
the file's write lock, so the counter rows cost no waiting). PostgreSQL: NOTIFY alone,
delivered at commit; no row is updated, since a row every writer updates is a lock every
writer waits for (and met in different orders, a deadlock). The feed LISTENs on a connection
of its own, so nothing polls the tables.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from typing import Any

from gestco.domain import change_areas
from gestco.domain.change_areas import EVERYTHING, NOTHING, Area, Changes
from gestco.domain.errors import DatabaseError
from gestco.storage import binding, builder, opening, postgres, raw_sql, transactions, write_rules
from gestco.storage.models import ChangeCounters

CHANNEL = "gestco_changes"


def bump(*areas: str) -> None:
    """Mark `areas` changed. Runs inside the caller's write transaction; once per area and
    transaction, however many rows of it the transaction writes."""
    change_areas.record(*areas)  # what the write service's result reports: the same areas
    if binding.database.transaction_depth() == 0:
        raise RuntimeError("a change mark belongs in the transaction of the change")
    for area in sorted(areas):
        if not write_rules.first_in_transaction(("change", area)):
            continue
        if binding.is_postgres():  # delivered when (and only if) the transaction commits
            raw_sql.execute("SELECT pg_notify(?, ?)", (CHANNEL, f"{area} {os.getpid()}"))
        else:
            counter = ChangeCounters.update(n=ChangeCounters.n + 1)
            counter.where(ChangeCounters.area == area).execute()


AREAS = tuple(Area)


def announce_everything() -> Changes:
    """After a restore: every window, here and on other workstations, reloads all it shows."""
    with transactions.atomic():
        bump(*AREAS)
    return EVERYTHING


def marks() -> dict[str, int]:
    counters = ChangeCounters.select(ChangeCounters.area, ChangeCounters.n)
    return {str(area): int(n) for area, n in builder.rows(counters)}


def committed_elsewhere_token() -> int:
    """A number that changes when another connection commits (cheap to poll)."""
    return raw_sql.data_version()


class ChangeFeed:
    """What other processes changed since the last poll: `Changes` (empty: nothing).

    On a server the LISTEN connection can drop (server restarted, network cut): the feed then
    reconnects by itself, waiting 1 s, then 2, 4… up to 30 s between attempts, and the first
    poll after it is back reports every area, since what changed meanwhile is unknown. Each
    attempt runs on a thread of its own (one to an unreachable host blocks up to 2 s): poll()
    never waits for the server, so the window calling it never freezes."""

    RETRY_FIRST = 1.0
    RETRY_MOST = 30.0

    def __init__(self) -> None:
        self._listener: Any = None
        self._on_server = binding.is_postgres()
        self._retry_at = 0.0
        self._retry_wait = self.RETRY_FIRST
        self._attempt: threading.Thread | None = None
        self._arrived: Any = None  # a connection the attempt's thread made, not yet taken
        self._lock = threading.Lock()
        self._closed = False
        self.reopened = 0  # times the file was restored underneath and reopened
        if self._on_server:
            self._listener = postgres.listen(CHANNEL)
            return
        self._token = committed_elsewhere_token()
        self._marks = marks()

    def poll(self) -> Changes:
        if self._on_server:
            return self._poll_server()
        if binding.replaced_underneath():
            # A backup restored by another process: reopen the path, reload everything.
            opening.open_database(binding.database_path(), create=False)  # never a new, empty one
            self.reopened += 1
            self._token = committed_elsewhere_token()
            self._marks = marks()
            return EVERYTHING
        token = committed_elsewhere_token()
        if token == self._token:
            return NOTHING
        self._token = token
        current = marks()
        changed = Changes.known(area for area, n in current.items() if self._marks.get(area) != n)
        self._marks = current
        return changed

    def _poll_server(self) -> Changes:
        if self._listener is None:
            return self._reconnect()
        try:
            payloads = postgres.drain_notifications(self._listener)
        except DatabaseError:
            self._drop()
            self._retry_at = time.monotonic() + self._retry_wait
            return NOTHING
        own = f" {os.getpid()}"
        return Changes.known(
            payload.split()[0] for payload in payloads if not payload.endswith(own)
        )

    def _reconnect(self) -> Changes:
        with self._lock:
            arrived, self._arrived = self._arrived, None
        if arrived is not None:
            self._listener = arrived
            self._retry_wait = self.RETRY_FIRST
            return EVERYTHING
        attempting = self._attempt is not None and self._attempt.is_alive()
        if not attempting and time.monotonic() >= self._retry_at:
            self._attempt = threading.Thread(
                target=self._attempt_listen, name="gestco-change-feed", daemon=True
            )
            self._attempt.start()
        return NOTHING

    def _attempt_listen(self) -> None:
        """On the attempt's thread: connect and LISTEN, or schedule the next attempt."""
        try:
            conn = postgres.listen(CHANNEL)
        except DatabaseError:
            self._retry_wait = min(self._retry_wait * 2, self.RETRY_MOST)
            self._retry_at = time.monotonic() + self._retry_wait
            return
        with self._lock:
            if not self._closed:
                self._arrived, conn = conn, None
        if conn is not None:  # the feed was closed meanwhile
            with contextlib.suppress(Exception):
                conn.close()

    @property
    def connected(self) -> bool:
        return not self._on_server or self._listener is not None

    def _drop(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(Exception):  # a dead connection closes all the same
                self._listener.close()
            self._listener = None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            arrived, self._arrived = self._arrived, None
        self._drop()
        if arrived is not None:
            with contextlib.suppress(Exception):
                arrived.close()
