"""`gestco check`'s invariant queries stay one pass over their tables on either engine."""

from __future__ import annotations

import peewee
import pytest

from gestco.maintenance.checks import INVARIANTS
from gestco.storage import binding
from tests.support.shop import Shop

OLD_HISTORY = (  # the first version: a subquery per order (PostgreSQL: 10+ min at 100k)
    "SELECT o.number FROM orders o LEFT JOIN status_changes h ON h.id = (SELECT max(id)"
    " FROM status_changes WHERE order_id = o.id) WHERE h.to_status IS NULL"
)


def _per_row_subquery(query: str | peewee.Query) -> bool:
    """Whether the engine's plan runs a subquery again for each row."""
    sql, params = (query, []) if isinstance(query, str) else query.sql()
    explain = "EXPLAIN " if binding.is_postgres() else "EXPLAIN QUERY PLAN "
    plan = [str(step) for step in binding.database.execute_sql(explain + sql, params).fetchall()]
    return any(("SubPlan" if binding.is_postgres() else "CORRELATED") in step for step in plan)


def test_the_plan_reader_sees_a_subquery_per_row(shop: Shop) -> None:
    assert _per_row_subquery(OLD_HISTORY)


@pytest.mark.parametrize(("title", "query"), [(t, q) for t, q, _ in INVARIANTS])
def test_each_invariant_is_one_pass(shop: Shop, title: str, query: peewee.Query) -> None:
    client = shop.client()
    product = shop.product()
    shop.order(client.id, (product.id, 2))
    assert not _per_row_subquery(query), title
