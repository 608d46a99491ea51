"""The figures' records: periods, their previous period, the totals' ratios, the change."""

from __future__ import annotations

from datetime import date

import pytest

from gestco.domain.figures import Period, Totals, bucket_kind, bucket_starts, change


def test_a_period_and_the_one_before() -> None:
    march = Period(date(2026, 3, 1), date(2026, 3, 31))
    assert march.days == 31
    assert march.previous() == Period(date(2026, 1, 29), date(2026, 2, 28))
    assert Period(date(2026, 1, 1), date(2026, 1, 1)).previous().days == 1
    with pytest.raises(ValueError):
        Period(date(2026, 1, 2), date(2026, 1, 1))


def test_the_ratios_of_the_totals() -> None:
    totals = Totals(
        orders=4,
        cancelled=1,
        revenue_cents=1001,
        revenue_excl_cents=834,
        items=7,
        discounts_cents=50,
    )
    assert totals.average_basket_cents == 334  # 333.67 rounded
    assert totals.items_per_order == pytest.approx(7 / 3)
    assert totals.cancellation_rate == 0.25
    empty = Totals(0, 0, 0, 0, 0, 0)
    assert (empty.average_basket_cents, empty.items_per_order, empty.cancellation_rate) == (
        None,
        None,
        None,
    )
    only_cancelled = Totals(2, 2, 0, 0, 0, 0)
    assert only_cancelled.average_basket_cents is None
    assert only_cancelled.cancellation_rate == 1.0


def test_change() -> None:
    assert change(150, 100) == 0.5
    assert change(50, 100) == -0.5
    assert change(1, 0) is None and change(None, 3) is None and change(3, None) is None


def test_buckets() -> None:
    year = Period(date(2026, 1, 15), date(2026, 12, 31))
    assert bucket_kind(year) == "month"
    starts = bucket_starts(year, "month")
    assert starts[0] == date(2026, 1, 15) and starts[1] == date(2026, 2, 1) and len(starts) == 12
    week = Period(date(2026, 12, 28), date(2027, 1, 3))
    assert bucket_kind(week) == "day" and len(bucket_starts(week, "day")) == 7
