"""Change counters: each write bumps the counter of what it changed, in its own transaction.

Another window or workstation on the same database compares the counters (three integers,
read only when the engine says something was committed elsewhere) and refreshes only the
screens whose data changed.
"""

from __future__ import annotations

from gestco import db

AREAS = ("clients", "orders", "stock")


def bump(*areas: str) -> None:
    """Mark `areas` changed. Runs inside the caller's write transaction."""
    if db.database.transaction_depth() == 0:
        raise RuntimeError("a change mark belongs in the transaction of the change")
    for area in areas:
        db.execute("UPDATE change_counters SET n = n + 1 WHERE area = ?", (area,))


def marks() -> dict[str, int]:
    return {str(area): int(n) for area, n in db.fetch_all("SELECT area, n FROM change_counters")}


def committed_elsewhere_token() -> int:
    """A number that changes when another connection commits (cheap to poll)."""
    return db.data_version()
