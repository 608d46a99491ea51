"""The orders table's balance due: each row carries what its order received, the "balance
due" filter keeps the orders still owed money, under every sort."""

from __future__ import annotations

import pytest

from gestco.services import order_table, payments
from gestco.services.order_table import OrderFilter, OrderSort
from tests.support.shop import Shop, advance


@pytest.fixture
def owed(shop: Shop):
    client = shop.client()
    product = shop.product(price="10.00", stock_qty=100)
    unpaid, partly, paid, cancelled = (shop.order(client.id, (product.id, n)) for n in (1, 2, 3, 4))
    payments.record_payment(order_id=partly.id, amount="5", method="cash")
    payments.record_payment(order_id=paid.id, amount="30", method="card")
    payments.record_payment(order_id=cancelled.id, amount="10", method="cash")
    cancelled = advance(cancelled, "cancelled", note="annulée")
    return unpaid, partly, paid, cancelled


def test_rows_carry_what_each_order_received(owed) -> None:
    rows = {r.number: r for r in order_table.list_orders().rows}
    assert [(rows[o.number].paid_cents, rows[o.number].balance_due_cents) for o in owed] == [
        (0, 1000),
        (500, 1500),
        (3000, 0),
        (1000, -1000),  # cancelled, still holding 10.00: to refund
    ]


@pytest.mark.parametrize("sort", list(OrderSort))
@pytest.mark.parametrize("descending", [True, False])
def test_the_balance_due_filter(owed, sort: OrderSort, descending: bool) -> None:
    unpaid, partly, _paid, _cancelled = owed
    flt = OrderFilter(balance_due=True)
    page = order_table.list_orders(flt, sort=sort, descending=descending)
    assert sorted(r.number for r in page.rows) == sorted([unpaid.number, partly.number])
    assert all(r.balance_due_cents > 0 for r in page.rows)
    ids = order_table.order_ids(flt, sort=sort, descending=descending)
    assert sorted(ids) == sorted([unpaid.id, partly.id])
    assert order_table.count_and_sum(flt) == (2, 1000 + 2000)
