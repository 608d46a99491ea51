"""Change notices: each write marks what it changed, in its own transaction, and other
windows, workstations and the CLI learn of it within a second.

The areas are gestco.change_areas.Area; the feed reports them as the same `Changes` a write
service returns to its caller, so a window handles its own writes and everyone else's alike.

SQLite: a counter per area; a feed polls `PRAGMA data_version` (one cheap statement) and
reads the counters only after another connection committed. PostgreSQL: the same
counters, plus NOTIFY on commit; the feed LISTENs on a connection of its own, so nothing
polls the tables.
"""

from __future__ import annotations

import contextlib
import os
import time
from typing import Any

from gestco import change_areas, db
from gestco.change_areas import EVERYTHING, NOTHING, Area, Changes
from gestco.errors import DatabaseError

CHANNEL = "gestco_changes"


def bump(*areas: str) -> None:
    """Mark `areas` changed. Runs inside the caller's write transaction."""
    change_areas.record(*areas)  # what the write service's result reports: the same areas
    if db.database.transaction_depth() == 0:
        raise RuntimeError("a change mark belongs in the transaction of the change")
    for area in areas:
        db.execute("UPDATE change_counters SET n = n + 1 WHERE area = ?", (area,))
        if db.is_postgres():  # delivered when (and only if) the transaction commits
            db.execute("SELECT pg_notify(?, ?)", (CHANNEL, f"{area} {os.getpid()}"))


AREAS = tuple(Area)


def announce_everything() -> Changes:
    """After a restore: every window, here and on other workstations, reloads all it shows."""
    with db.atomic():
        bump(*AREAS)
    return EVERYTHING


def marks() -> dict[str, int]:
    return {str(area): int(n) for area, n in db.fetch_all("SELECT area, n FROM change_counters")}


def committed_elsewhere_token() -> int:
    """A number that changes when another connection commits (cheap to poll)."""
    return db.data_version()


class ChangeFeed:
    """What other processes changed since the last poll: `Changes` (empty: nothing).

    On a server the LISTEN connection can drop (server restarted, network cut): the feed then
    reconnects by itself, waiting 1 s, then 2, 4… up to 30 s between attempts (an attempt to
    an unreachable host blocks up to 2 s), and the first poll after it is back reports every
    area, since what changed meanwhile is unknown."""

    RETRY_FIRST = 1.0
    RETRY_MOST = 30.0

    def __init__(self) -> None:
        self._listener: Any = None
        self._on_server = db.is_postgres()
        self._retry_at = 0.0
        self._retry_wait = self.RETRY_FIRST
        self.reopened = 0  # times the file was restored underneath and reopened
        if self._on_server:
            self._listener = db.listen(CHANNEL)
            return
        self._token = committed_elsewhere_token()
        self._marks = marks()

    def poll(self) -> Changes:
        if self._on_server:
            return self._poll_server()
        if db.replaced_underneath():
            # A backup restored by another process: reopen the path, reload everything.
            db.open_database(db.database_path())
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
            payloads = db.drain_notifications(self._listener)
        except DatabaseError:
            self.close()
            self._retry_at = time.monotonic() + self._retry_wait
            return NOTHING
        own = f" {os.getpid()}"
        return Changes.known(
            payload.split()[0] for payload in payloads if not payload.endswith(own)
        )

    def _reconnect(self) -> Changes:
        if time.monotonic() < self._retry_at:
            return NOTHING
        try:
            self._listener = db.listen(CHANNEL)
        except DatabaseError:
            self._retry_wait = min(self._retry_wait * 2, self.RETRY_MOST)
            self._retry_at = time.monotonic() + self._retry_wait
            return NOTHING
        self._retry_wait = self.RETRY_FIRST
        return EVERYTHING

    @property
    def connected(self) -> bool:
        return not self._on_server or self._listener is not None

    def close(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(Exception):  # a dead connection closes all the same
                self._listener.close()
            self._listener = None
