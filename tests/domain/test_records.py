"""The shop's rules as the domain states them once: the status machine's paths, what an
order holds and whether its lines can change, what is available to it, the reorder rule."""

from __future__ import annotations

from datetime import date, datetime
from itertools import product as grid

import pytest

from gestco.domain.records import (
    NEW_STATUS,
    RESERVING_STATUSES,
    STATUSES,
    Order,
    OrderLine,
    Product,
    ProductInput,
    available_to_order,
    follows_transitions,
    short_lines,
    status_path,
    units_by_product,
)
from gestco.services import stock


def _product(pid: int = 1, on_hand: int = 10, reserved: int = 0, level: int = 0, active=True):
    return Product(pid, f"P-{pid}", f"Product {pid}", 100, 2000, on_hand, reserved, level, active)


def _line(product_id: int, quantity: int) -> OrderLine:
    return OrderLine(product_id, f"P-{product_id}", "x", quantity, 100, 0, 2000, 100, 17)


def _order(status: str, *lines: tuple[int, int]) -> Order:
    moment = datetime(2026, 12, 1, 10, 0)
    return Order(
        1, "CMD-2026-000001", 1, "A B", "+212612345678", "counter", status, moment, moment,
        date(2026, 12, 1), None, None, "", "", 0, 0, 0, 1,
        lines=tuple(_line(p, q) for p, q in lines),
    )  # fmt: skip


def test_every_status_is_reached_from_a_new_order_by_allowed_steps():
    for status in STATUSES:
        path = status_path(status)
        assert path[0] == NEW_STATUS and path[-1] == status
        assert follows_transitions(path)
    assert status_path("delivered") == ("pending", "processing", "shipped", "delivered")
    assert status_path("processing", "cancelled") == ("pending", "processing", "cancelled")
    assert status_path() == ("pending",)


def test_a_status_that_cannot_be_reached_is_refused():
    with pytest.raises(ValueError, match="no way from delivered to pending"):
        status_path("delivered", "pending")


def test_a_history_follows_the_machine_or_not():
    assert not follows_transitions([])
    assert not follows_transitions(["processing"])  # an order starts new
    assert not follows_transitions(["pending", "shipped"])  # skips processing
    assert not follows_transitions(["pending", "cancelled", "pending"])  # final status
    assert not follows_transitions(["pending", "lost"])
    assert follows_transitions(["pending", "on_hold", "pending", "processing"])


def test_an_order_holds_its_lines_while_open_and_nothing_after():
    lines = ((1, 2), (2, 1), (1, 3))  # a product on two lines counts once, added up
    for status in STATUSES:
        held = _order(status, *lines).held_stock
        assert held == ({1: 5, 2: 1} if status in RESERVING_STATUSES else {})


def test_lines_change_only_while_pending():
    assert [s for s in STATUSES if _order(s).lines_editable] == ["pending"]


def test_what_is_available_to_an_order_counts_what_it_already_holds():
    product = _product(on_hand=10, reserved=8)
    assert available_to_order(product) == 2
    assert available_to_order(product, {1: 5}) == 7
    assert available_to_order(product, {2: 5}) == 2  # another product's hold is not its


def test_short_lines_count_all_lines_of_a_product_together():
    a, b = _product(1, on_hand=5), _product(2, on_hand=1)
    assert short_lines([(a, 3), (b, 1), (a, 2)]) == []
    assert short_lines([(a, 3), (b, 1), (a, 3)]) == [0, 2]
    assert short_lines([(a, 3), (b, 2)], {2: 1}) == []  # the order's own unit counts
    assert units_by_product([(1, 3), (2, 1), (1, 2)]) == {1: 5, 2: 1}


def test_reorder_rule_and_shortfall():
    assert _product(on_hand=5, level=5).needs_reorder  # at the level: reorder
    assert not _product(on_hand=6, level=5).needs_reorder
    assert _product(on_hand=10, reserved=6, level=5).needs_reorder  # available counts
    assert not _product(on_hand=0, level=5, active=False).needs_reorder  # no longer sold
    assert _product(on_hand=10, reserved=12, level=3).reorder_shortfall == 5
    assert _product(on_hand=10, level=3).reorder_shortfall == 0


def test_the_stock_queries_find_exactly_what_the_reorder_rule_says(shop):
    """The filter and the count are SQL: they must pick the products the screen colours."""
    client = shop.client()
    made = []
    for i, (on_hand, level, held, active) in enumerate(
        grid((0, 3, 6), (0, 3, 5), (0, 2), (True, False))
    ):
        product = shop.product(sku=f"P-{i}", name=f"Product {i}", stock_qty=on_hand)
        if level or not active:
            stock.update_product(
                product.id,
                ProductInput(
                    sku=product.sku,
                    name=product.name,
                    unit_price="1",
                    reorder_level=level,
                    active=active,
                ),
            )
        if held and active and on_hand >= held:
            shop.order(client.id, (product.id, held))
        made.append(product.id)
    products = stock.get_products(made)
    wanted = sorted(p.id for p in products.values() if p.needs_reorder)
    assert 0 < len(wanted) < len(made)  # the grid has both kinds
    assert sorted(p.id for p in stock.list_products(to_reorder=True)) == wanted
    assert stock.reorder_count() == len(wanted)


def test_a_product_keyed_without_a_rate_takes_the_default_vat():
    from gestco.domain.money import parse_rate
    from gestco.domain.records import DEFAULT_TAX_BP

    keyed = ProductInput(sku="A", name="a", unit_price="1")
    assert parse_rate(keyed.tax_rate, field="tax_rate") == DEFAULT_TAX_BP == 2000
