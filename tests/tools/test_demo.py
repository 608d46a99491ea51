"""The demo's orders are what the application itself would have recorded."""

from __future__ import annotations

from itertools import groupby

from gestco.domain.records import follows_transitions
from gestco.maintenance import checks
from gestco.storage import binding, opening, raw_sql
from tests.support.databases import demo_database


def test_every_demo_history_follows_the_status_machine(tmp_path):
    target = demo_database(tmp_path / "demo.sqlite3", clients=50, orders=2000, products=8, seed=3)
    opening.open_database(target)
    try:
        statuses = dict(raw_sql.fetch_all("SELECT id, status FROM orders"))
        history = raw_sql.fetch_all(
            "SELECT order_id, from_status, to_status FROM status_changes ORDER BY order_id, id"
        )
        problems = checks.run_checks()
    finally:
        binding.close_database()
    paths = set()
    for order_id, steps in groupby(history, key=lambda row: row[0]):
        rows = list(steps)
        path = tuple(to for _, _, to in rows)
        assert follows_transitions(path), (order_id, path)
        assert [before for _, before, _ in rows] == [None, *path[:-1]], (order_id, rows)
        assert path[-1] == statuses.pop(order_id)
        paths.add(path)
    assert statuses == {}  # every order has a history
    assert ("pending", "processing", "cancelled") in paths and len(paths) == 7
    assert problems == []  # stock, totals and numbers as the services would leave them
