"""What an order does to stock, as the one rule the services and the demo share."""

from __future__ import annotations

from itertools import pairwise

from gestco.domain.records import RESERVING_STATUSES, STATUSES, TRANSITIONS, status_path
from gestco.domain.stock_moves import (
    ORDER_CANCELLED,
    ORDER_EDITED,
    ORDER_SHIPPED,
    StockMove,
    edit_moves,
    status_moves,
)

LINES = [(1, 2), (2, 1), (1, 3)]  # one movement a line, as the services write them


def test_a_new_order_reserves_each_line():
    assert status_moves(None, "pending", LINES) == [
        StockMove(1, "reserve", 0, 2, ""),
        StockMove(2, "reserve", 0, 1, ""),
        StockMove(1, "reserve", 0, 3, ""),
    ]


def test_shipping_takes_the_goods_off_the_shelf_and_out_of_reserved():
    assert status_moves("processing", "shipped", [(1, 2)]) == [
        StockMove(1, "shipment", -2, -2, ORDER_SHIPPED)
    ]


def test_cancelling_an_open_order_gives_its_units_back():
    for before in ("pending", "on_hold", "processing"):
        assert status_moves(before, "cancelled", [(1, 2)]) == [
            StockMove(1, "release", 0, -2, ORDER_CANCELLED)
        ]


def test_every_other_allowed_step_moves_nothing():
    moving = {("processing", "shipped")} | {(s, "cancelled") for s in TRANSITIONS}
    for before in STATUSES:
        for after in TRANSITIONS[before]:
            if (before, after) not in moving:
                assert status_moves(before, after, LINES) == [], (before, after)


def test_every_path_leaves_reserved_as_the_order_holds_it_and_on_hand_as_shipped():
    """Summed along any allowed path, the moves hold the units exactly while the order is
    open, and take them off the shelf only if it was shipped."""

    for stops in [(s,) for s in STATUSES] + [("processing", "cancelled"), ("on_hold", "pending")]:
        path = status_path(*stops)
        moves = status_moves(None, path[0], [(1, 4)])
        for before, after in pairwise(path):
            moves += status_moves(before, after, [(1, 4)])
        reserved = sum(m.reserved_delta for m in moves)
        on_hand = sum(m.on_hand_delta for m in moves)
        assert reserved == (4 if path[-1] in RESERVING_STATUSES else 0), path
        assert on_hand == (-4 if "shipped" in path else 0), path


def test_editing_lines_reserves_or_releases_the_difference_per_product():
    assert edit_moves({1: 5, 2: 1}, {1: 3, 3: 2, 2: 1}) == [
        StockMove(1, "release", 0, -2, ORDER_EDITED),
        StockMove(3, "reserve", 0, 2, ORDER_EDITED),
    ]
    assert edit_moves({1: 1}, {1: 1}) == []


def test_a_step_moves_stock_in_proportion_to_the_quantity():
    """The demo asks once per step for one unit and scales it (gestco.demo_orders)."""
    for before in (None, *STATUSES):
        for after in STATUSES:
            unit = status_moves(before, after, [(0, 1)])
            assert status_moves(before, after, [(7, 5)]) == [
                m._replace(product_id=7, on_hand_delta=5 * m.on_hand_delta,
                           reserved_delta=5 * m.reserved_delta)
                for m in unit
            ]  # fmt: skip
