"""The import's pure rules (gestco.domain.import_rules): an order met again, the status
machine's ways, a shop's money off as GESTCO's percentage, an order's discount shared."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gestco.domain.import_rules import (
    CONFLICT,
    UNCHANGED,
    UPDATED,
    Decision,
    decide,
    discount_bp_for,
    spread,
    way,
)
from gestco.domain.money import line_amounts
from gestco.domain.records import STATUSES, TRANSITIONS


@pytest.mark.parametrize(
    ("status", "imported", "new", "expected"),
    [
        # the source says what it said: unchanged, whatever GESTCO did
        ("pending", "pending", "pending", Decision(UNCHANGED)),
        ("shipped", "pending", "pending", Decision(UNCHANGED)),
        # GESTCO left it where the import put it: the shop's change, by the machine's steps
        ("pending", "pending", "shipped", Decision(UPDATED, ("processing", "shipped"))),
        ("processing", "processing", "on_hold", Decision(UPDATED, ("on_hold",))),
        ("pending", "pending", "cancelled", Decision(UPDATED, ("cancelled",))),
        ("shipped", "shipped", "pending", Decision(CONFLICT)),  # no way back
        ("delivered", "delivered", "cancelled", Decision(CONFLICT)),
        # GESTCO moved it: forward steps only
        ("processing", "pending", "processing", Decision(UPDATED)),  # agree: recorded
        ("processing", "pending", "shipped", Decision(UPDATED, ("shipped",))),
        ("processing", "pending", "cancelled", Decision(UPDATED, ("cancelled",))),
        ("on_hold", "pending", "processing", Decision(UPDATED, ("pending", "processing"))),
        ("shipped", "pending", "cancelled", Decision(CONFLICT, moved=True)),
        ("shipped", "pending", "processing", Decision(CONFLICT, moved=True)),
        ("cancelled", "pending", "processing", Decision(CONFLICT, moved=True)),
        ("processing", "pending", "on_hold", Decision(CONFLICT, moved=True)),
    ],
)
def test_an_order_met_again(status: str, imported: str, new: str, expected: Decision) -> None:
    decided = decide(
        status=status,
        imported_status=imported,
        imported_payment="paid",
        new_status=new,
        new_payment="paid",
    )
    assert decided == expected


def test_a_payment_change_alone_updates_the_payment_only() -> None:
    decided = decide(
        status="delivered",
        imported_status="shipped",
        imported_payment="paid",
        new_status="shipped",
        new_payment="partially_refunded",
    )
    assert decided == Decision(UPDATED)  # GESTCO's delivered stays: no step


@given(st.sampled_from(STATUSES), st.sampled_from(STATUSES), st.booleans())
def test_every_way_is_steps_the_machine_allows(current: str, target: str, forward: bool) -> None:
    found = way(current, target, forward_only=forward)
    if found is None:
        return
    steps = (current, *found)
    assert steps[-1] == target
    assert all(b in TRANSITIONS[a] for a, b in pairwise(steps))


@given(
    st.integers(1, 1000),
    st.integers(1, 10**7),
    st.integers(0, 10**9),
    st.sampled_from([0, 550, 1000, 2000]),
)
def test_money_off_as_a_percentage_comes_to_the_cent_or_closest(
    quantity: int, unit: int, off: int, tax: int
) -> None:
    bp = discount_bp_for(quantity, unit, off, tax)
    assert 0 <= bp <= 10_000
    target = max(quantity * unit - off, 0)
    total = line_amounts(quantity, unit, bp, tax)[0]
    # One basis point moves the line by a ten-thousandth of it: never further than that.
    assert abs(total - target) <= quantity * unit // 10_000 + 1


def test_the_shops_usual_discounts_are_exact() -> None:
    assert discount_bp_for(2, 4590, 500, 2000) == 545  # 5.00 off 2 x 45.90
    assert line_amounts(2, 4590, 545, 2000)[0] == 9180 - 500
    assert discount_bp_for(1, 4590, 459, 2000) == 1000  # 10 %
    assert discount_bp_for(1, 4590, 0, 2000) == 0
    assert discount_bp_for(1, 4590, 9999, 2000) == 10_000  # more than the line: all of it


@given(st.integers(-5, 10**6), st.lists(st.integers(0, 10**5), max_size=8))
def test_an_orders_discount_is_shared_over_its_lines(amount: int, weights: list[int]) -> None:
    parts = spread(amount, weights)
    assert len(parts) == len(weights)
    assert sum(parts) == max(min(amount, sum(weights)), 0)
    assert all(0 <= p <= w for p, w in zip(parts, weights, strict=True))
