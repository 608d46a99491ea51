"""The manager's figures equal a plain computation over the orders read back: random
histories of orders created on various days by various operators, their lines edited while
pending, moved along (cancelled too), and periods across them."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gestco.domain.errors import PermissionDenied
from gestco.domain.figures import Period, bucket_kind, bucket_of, bucket_starts
from gestco.domain.records import CHANNELS, STATUSES, LineInput, Order, ProductInput
from gestco.services import orders, session, stock
from gestco.services.figures import figures, presets
from gestco.services.order_table import order_ids
from tests.support.shop import ACTOR, Shop

FIRST_DAY = date(2026, 2, 20)
PATHS = ((), ("processing",), ("processing", "shipped"), ("cancelled",), ("on_hold", "cancelled"))
line = st.tuples(st.integers(0, 2), st.integers(1, 3), st.sampled_from(["0", "5", "12.5"]))
story = st.fixed_dictionaries(
    {
        "day": st.integers(0, 75),
        "who": st.sampled_from([ACTOR, "alice", "bob"]),
        "channel": st.sampled_from(CHANNELS),
        "lines": st.lists(line, min_size=1, max_size=3),
        "edit": st.none() | st.lists(line, min_size=1, max_size=2),
        "path": st.sampled_from(PATHS),
    }
)


@pytest.fixture
def stocked(shop: Shop):
    client = shop.client()
    products = [
        shop.product(sku=f"P{i}", name=f"Produit {i}", price=price, stock_qty=100_000)
        for i, price in enumerate(("45.00", "9.99", "120.50"))
    ]
    return client, products


def _at(day: int, hour: int = 10):
    moment = datetime.combine(FIRST_DAY + timedelta(days=day), datetime.min.time())
    return mock.patch.object(orders, "now", lambda: moment.replace(hour=hour))


def _lines(products, keyed) -> list[LineInput]:
    return [LineInput(products[p].id, q, discount=d) for p, q, d in keyed]


def _play(client, products, stories) -> None:
    for s in stories:
        session.sign_in_owner(s["who"])
        with _at(s["day"]):
            order = orders.create_order(
                client_id=client.id, lines=_lines(products, s["lines"]), channel=s["channel"]
            )
        session.sign_in_owner(ACTOR)  # the later moves by someone else, a day later
        with _at(s["day"] + 1):
            if s["edit"] is not None:
                order = orders.update_order(
                    order_id=order.id,
                    expected_version=order.version,
                    lines=_lines(products, s["edit"]),
                )
            for status in s["path"]:
                order = orders.change_status(
                    order_id=order.id,
                    to_status=status,
                    expected_version=order.version,
                    note="test" if status == "cancelled" else "",
                )


def _in(moment: datetime, period: Period) -> bool:
    return period.start <= moment.date() <= period.end


def _expected(all_orders: list[Order], period: Period) -> dict[str, object]:
    """The figures computed in Python from the orders as read back."""
    validated = [o for o in all_orders if _in(o.validated_at, period)]
    kept = [o for o in validated if o.status != "cancelled"]
    kind = bucket_kind(period)
    buckets = {start: [0, 0] for start in bucket_starts(period, kind)}
    channels = {c: [0, 0] for c in CHANNELS}
    sources: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    quantity: Counter[int] = Counter()
    revenue: Counter[int] = Counter()
    for o in kept:
        for key, table in (
            (bucket_of(o.validated_at.date(), period, kind), buckets),
            (o.channel, channels),
            (o.source, sources),
        ):
            table[key][0] += 1  # type: ignore[index]
            table[key][1] += o.total_cents  # type: ignore[index]
        for ln in o.lines:
            quantity[ln.product_id] += ln.quantity
            revenue[ln.product_id] += ln.total_cents
    ops: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for o in validated:
        op = ops[o.history[0].changed_by]
        op[0] += 1
        if o.status == "cancelled":
            op[3] += 1
        else:
            op[1] += o.total_cents
            op[2] += _discounts(o)
    created = Counter(o.status for o in all_orders if _in(o.created_at, period))
    return {
        "totals": (
            len(validated),
            len(validated) - len(kept),
            sum(o.total_cents for o in kept),
            sum(o.total_excl_cents for o in kept),
            sum(ln.quantity for o in kept for ln in o.lines),
            sum(_discounts(o) for o in kept),
        ),
        "buckets": [(d, *v) for d, v in buckets.items()],
        "channels": {k: tuple(v) for k, v in channels.items()},
        "sources": {k: tuple(v) for k, v in sources.items()},
        "statuses": {s: created[s] for s in STATUSES},
        "quantity": sorted(quantity.items()),
        "revenue": sorted(revenue.items()),
        "operators": {k: tuple(v) for k, v in ops.items()},
        "balance": sum(o.total_cents for o in all_orders if o.status != "cancelled"),
    }


def _discounts(order: Order) -> int:
    return sum(ln.quantity * ln.unit_price_cents - ln.total_cents for ln in order.lines)


def _found(f) -> dict[str, object]:
    t = f.totals
    tops = {p.product_id: p for p in (*f.top_products, *f.top_by_revenue)}
    return {
        "totals": (
            t.orders,
            t.cancelled,
            t.revenue_cents,
            t.revenue_excl_cents,
            t.items,
            t.discounts_cents,
        ),
        "buckets": [(b.start, b.orders, b.revenue_cents) for b in f.per_bucket],
        "channels": {s.key: (s.orders, s.revenue_cents) for s in f.by_channel},
        "sources": {s.key: (s.orders, s.revenue_cents) for s in f.by_source},
        "statuses": {s.status: s.orders for s in f.by_status},
        "quantity": sorted((i, p.quantity) for i, p in tops.items()),
        "revenue": sorted((i, p.revenue_cents) for i, p in tops.items()),
        "operators": {
            o.login: (o.orders, o.revenue_cents, o.discounts_cents, o.cancellations)
            for o in f.operators
        },
        "balance": f.balance_due_cents,
    }


@settings(
    max_examples=int(os.environ.get("GESTCO_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    stories=st.lists(story, max_size=6),
    start=st.integers(-3, 78),
    length=st.sampled_from([1, 2, 7, 30, 70]),
)
def test_each_figure_equals_a_computation_over_the_orders(stocked, stories, start, length):
    client, products = stocked
    _play(client, products, stories)
    all_orders = [orders.get_order_by_id(i) for i in order_ids()]
    period = Period(
        FIRST_DAY + timedelta(days=start), FIRST_DAY + timedelta(days=start + length - 1)
    )
    found = figures(period)
    assert found.period == period and found.bucket == bucket_kind(period)
    assert _found(found) == _expected(all_orders, period)
    previous = _expected(all_orders, period.previous())["totals"]
    assert _found(figures(period.previous()))["totals"] == previous
    t = found.previous
    assert (
        t.orders,
        t.cancelled,
        t.revenue_cents,
        t.revenue_excl_cents,
        t.items,
        t.discounts_cents,
    ) == previous
    # The tops: the ten best by quantity (then revenue), by revenue (then quantity).
    got = {
        i: (q, r)
        for i, q in _expected(all_orders, period)["quantity"]  # type: ignore[misc]
        for j, r in _expected(all_orders, period)["revenue"]
        if i == j
    }  # type: ignore[misc]
    by_quantity = sorted(got, key=lambda i: (-got[i][0], -got[i][1], i))[:10]
    assert [p.product_id for p in found.top_products] == by_quantity
    by_revenue = sorted(got, key=lambda i: (-got[i][1], -got[i][0], i))[:10]
    assert [p.product_id for p in found.top_by_revenue] == by_revenue
    low = sorted(
        (p for p in stock.list_products() if p.needs_reorder), key=lambda p: (p.available, p.sku)
    )
    assert [(s.product_id, s.available) for s in found.low_stock] == [
        (p.id, p.available) for p in low
    ][:50]


def test_low_stock_and_an_operators_name(stocked, shop: Shop) -> None:
    client, _products = stocked
    rare = shop.product(sku="Z1", name="Rare", stock_qty=2)
    stock.update_product(
        rare.id, ProductInput(sku="Z1", name="Rare", unit_price="5", reorder_level=5)
    )
    shop.order(client.id, (rare.id, 1))
    found = figures(presets(date.today())["today"])
    assert [(s.sku, s.available, s.reorder_level) for s in found.low_stock] == [("Z1", 1, 5)]
    assert [(o.login, o.orders) for o in found.operators] == [(ACTOR, 1)]
    assert found.balance_due_cents == 500 and found.totals.revenue_cents == 500


def test_presets() -> None:
    p = presets(date(2026, 3, 15))
    assert p["today"] == Period(date(2026, 3, 15), date(2026, 3, 15))
    assert p["7d"].days == 7 and p["30d"].days == 30 and p["30d"].end == date(2026, 3, 15)
    assert p["this_month"] == Period(date(2026, 3, 1), date(2026, 3, 15))
    assert p["last_month"] == Period(date(2026, 2, 1), date(2026, 2, 28))
    assert p["this_year"] == Period(date(2026, 1, 1), date(2026, 3, 15))
    assert presets(date(2026, 1, 10))["last_month"] == Period(date(2025, 12, 1), date(2025, 12, 31))


def test_a_counter_clerk_may_not_see_the_figures(monkeypatch) -> None:
    from gestco.domain.permissions import Role

    monkeypatch.setattr(session, "_acting", lambda: mock.Mock(role=Role.COUNTER, username="c"))
    with pytest.raises(PermissionDenied):
        figures(presets(date.today())["today"])
