"""Change notices: each write marks what it changed, in its own transaction, and other
windows, workstations and the CLI learn of it within a second.

SQLite: a counter per area; a feed polls `PRAGMA data_version` (one cheap statement) and
reads the three counters only after another connection committed. PostgreSQL: the same
counters, plus NOTIFY on commit; the feed LISTENs on a connection of its own, so nothing
polls the tables.
"""

from __future__ import annotations

import os
from typing import Any

from gestco import db

CHANNEL = "gestco_changes"


def bump(*areas: str) -> None:
    """Mark `areas` changed. Runs inside the caller's write transaction."""
    if db.database.transaction_depth() == 0:
        raise RuntimeError("a change mark belongs in the transaction of the change")
    for area in areas:
        db.execute("UPDATE change_counters SET n = n + 1 WHERE area = ?", (area,))
        if db.is_postgres():  # delivered when (and only if) the transaction commits
            db.execute("SELECT pg_notify(?, ?)", (CHANNEL, f"{area} {os.getpid()}"))


AREAS = ("clients", "orders", "stock")


def announce_everything() -> None:
    """After a restore: every window, here and on other workstations, reloads all it shows."""
    with db.atomic():
        bump(*AREAS)


def marks() -> dict[str, int]:
    return {str(area): int(n) for area, n in db.fetch_all("SELECT area, n FROM change_counters")}


def committed_elsewhere_token() -> int:
    """A number that changes when another connection commits (cheap to poll)."""
    return db.data_version()


class ChangeFeed:
    """What other processes changed since the last poll: a set of areas."""

    def __init__(self) -> None:
        self._listener: Any = None
        if db.is_postgres():
            self._listener = db.listen(CHANNEL)
            return
        self._token = committed_elsewhere_token()
        self._marks = marks()

    def poll(self) -> set[str]:
        if self._listener is not None:
            own = f" {os.getpid()}"
            return {
                payload.split()[0]
                for payload in db.drain_notifications(self._listener)
                if not payload.endswith(own)
            }
        token = committed_elsewhere_token()
        if token == self._token:
            return set()
        self._token = token
        current = marks()
        changed = {area for area, n in current.items() if self._marks.get(area) != n}
        self._marks = current
        return changed

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None
