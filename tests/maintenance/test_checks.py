"""`gestco check`'s invariant queries stay one pass over their tables on either engine."""

from __future__ import annotations

import pytest

from gestco.maintenance.checks import INVARIANTS
from gestco.storage import binding, raw_sql
from tests.support.shop import Shop

OLD_HISTORY = (  # the first version: a subquery per order (PostgreSQL: 10+ min at 100k)
    "SELECT o.number FROM orders o LEFT JOIN status_changes h ON h.id = (SELECT max(id)"
    " FROM status_changes WHERE order_id = o.id) WHERE h.to_status IS NULL"
)


def _per_row_subquery(sql: str) -> bool:
    """Whether the engine's plan runs a subquery again for each row."""
    if binding.is_postgres():
        return "SubPlan" in "\n".join(str(r[0]) for r in raw_sql.fetch_all("EXPLAIN " + sql))
    return any("CORRELATED" in str(step) for step in raw_sql.fetch_all("EXPLAIN QUERY PLAN " + sql))


def test_the_plan_reader_sees_a_subquery_per_row(shop: Shop) -> None:
    assert _per_row_subquery(OLD_HISTORY)


@pytest.mark.parametrize(("title", "sql"), [(t, q) for t, q, _ in INVARIANTS])
def test_each_invariant_is_one_pass(shop: Shop, title: str, sql: str) -> None:
    client = shop.client()
    product = shop.product()
    shop.order(client.id, (product.id, 2))
    assert not _per_row_subquery(sql), title
