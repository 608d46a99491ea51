"""The manager's figures over a period (issue 20): the dashboard's and `gestco report`'s.

    figures(Period(start, end)) -> Figures      needs Permission.VIEW_FIGURES
    presets(today) -> {'today', '7d', '30d', 'this_month', 'last_month', 'this_year'}

The rules (gestco.domain.figures): revenue counts the orders that are not cancelled, on the
day they were validated (the local date of `validated_at`: its first ten characters);
totals, buckets, channels, sources, products and operators are over the orders validated in
the period; the statuses over the orders created in it; the balance due over every order not
cancelled. An order's operator is who created it: its first status change's `changed_by`.
`orders` in a bucket, a channel or a source counts the orders the revenue counts (not
cancelled); a Totals' and an operator's `orders` count them all, the cancelled ones too.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from gestco.domain.figures import (
    Bucket,
    Figures,
    LowStock,
    OperatorFigure,
    Period,
    ProductFigure,
    Share,
    StatusCount,
    Totals,
    bucket_kind,
    bucket_of,
    bucket_starts,
)
from gestco.domain.permissions import Permission
from gestco.domain.records import CHANNELS, STATUSES
from gestco.services import session
from gestco.storage import builder
from gestco.storage.builder import Case, fn
from gestco.storage.models import OrderLines, Orders, Products, StatusChanges
from gestco.storage.staff_models import OperatorRow

TOP = 10
CANCELLED = "cancelled"
LOW_STOCK_LIMIT = 50

_kept = Orders.status != CANCELLED
_day = fn.SUBSTR(Orders.validated_at, 1, 10)  # 'YYYY-MM-DD HH:MM:SS' -> the local date
# What a line's discount took off: its total before the discount minus its total.
_discount = OrderLines.quantity * OrderLines.unit_price_cents - OrderLines.total_cents


def _sum(expression: Any) -> Any:
    return fn.COALESCE(fn.SUM(expression), 0)


def _within(column: Any, period: Period) -> Any:
    """`column`, a local timestamp text, falls on a day of `period`."""
    after = (period.end + timedelta(days=1)).isoformat()
    return (column >= period.start.isoformat()) & (column < after)


def presets(today: date) -> dict[str, Period]:
    """The dashboard's periods, ending today (last month: the whole month before this one)."""
    first = today.replace(day=1)
    last_month_end = first - timedelta(days=1)
    return {
        "today": Period(today, today),
        "7d": Period(today - timedelta(days=6), today),
        "30d": Period(today - timedelta(days=29), today),
        "this_month": Period(first, today),
        "last_month": Period(last_month_end.replace(day=1), last_month_end),
        "this_year": Period(today.replace(month=1, day=1), today),
    }


def figures(period: Period) -> Figures:
    """Every figure of the dashboard over `period` and its previous period (read only)."""
    session.require(Permission.VIEW_FIGURES)
    kind = bucket_kind(period)
    return Figures(
        period=period,
        totals=totals(period),
        previous=totals(period.previous()),
        bucket=kind,
        per_bucket=_per_bucket(period, kind),
        by_channel=_shares(Orders.channel, period, every=CHANNELS),
        by_source=_shares(Orders.source, period),
        by_status=_by_status(period),
        top_products=_top(period, by_revenue=False),
        top_by_revenue=_top(period, by_revenue=True),
        low_stock=_low_stock(),
        operators=_operators(period),
        balance_due_cents=_balance_due(),
    )


def totals(period: Period) -> Totals:
    """The totals of the orders validated in `period` (Totals says which count what)."""
    window = _within(Orders.validated_at, period)
    row = builder.first_row(
        Orders.select(
            builder.every_row,
            _sum(Case(None, [(Orders.status == CANCELLED, 1)], 0)),
            _sum(Case(None, [(_kept, Orders.total_cents)], 0)),
            _sum(Case(None, [(_kept, Orders.total_excl_cents)], 0)),
        ).where(window)
    )
    lines = builder.first_row(
        OrderLines.select(_sum(OrderLines.quantity), _sum(_discount))
        .join(Orders, on=(Orders.id == OrderLines.order))
        .where(window & _kept)
    )
    orders, cancelled, revenue, excl = (int(v) for v in row or (0, 0, 0, 0))
    items, discounts = (int(v) for v in lines or (0, 0))
    return Totals(orders, cancelled, revenue, excl, items, discounts)


def _per_bucket(period: Period, kind: str) -> tuple[Bucket, ...]:
    found: dict[date, list[int]] = {start: [0, 0] for start in bucket_starts(period, kind)}
    query = (
        Orders.select(_day, builder.every_row, _sum(Orders.total_cents))
        .where(_within(Orders.validated_at, period) & _kept)
        .group_by(_day)
    )
    for day, count, revenue in builder.rows(query):
        bucket = found[bucket_of(date.fromisoformat(day), period, kind)]
        bucket[0] += int(count)
        bucket[1] += int(revenue)
    return tuple(Bucket(start, n, cents) for start, (n, cents) in found.items())


def _shares(column: Any, period: Period, every: tuple[str, ...] = ()) -> tuple[Share, ...]:
    """Orders and revenue per value of `column` (every one of `every`, zeros included; then
    the others found), the most revenue first."""
    query = (
        Orders.select(column, builder.every_row, _sum(Orders.total_cents))
        .where(_within(Orders.validated_at, period) & _kept)
        .group_by(column)
    )
    found = {key: (0, 0) for key in every}
    for key, count, revenue in builder.rows(query):
        found[str(key)] = (int(count), int(revenue))
    shares = (Share(key, n, cents) for key, (n, cents) in found.items())
    return tuple(sorted(shares, key=lambda s: (-s.revenue_cents, -s.orders, s.key)))


def _by_status(period: Period) -> tuple[StatusCount, ...]:
    query = (
        Orders.select(Orders.status, builder.every_row)
        .where(_within(Orders.created_at, period))
        .group_by(Orders.status)
    )
    found = {str(status): int(count) for status, count in builder.rows(query)}
    others = sorted(set(found) - set(STATUSES))
    return tuple(StatusCount(s, found.get(s, 0)) for s in (*STATUSES, *others))


def _top(period: Period, *, by_revenue: bool) -> tuple[ProductFigure, ...]:
    quantity, revenue = _sum(OrderLines.quantity), _sum(OrderLines.total_cents)
    order = (revenue.desc(), quantity.desc()) if by_revenue else (quantity.desc(), revenue.desc())
    query = (
        OrderLines.select(Products.id, Products.sku, Products.name, quantity, revenue)
        .join(Orders, on=(Orders.id == OrderLines.order))
        .join_from(OrderLines, Products, on=(Products.id == OrderLines.product))
        .where(_within(Orders.validated_at, period) & _kept)
        .group_by(Products.id, Products.sku, Products.name)
        .order_by(*order, Products.id)
        .limit(TOP)
    )
    return tuple(
        ProductFigure(int(pid), sku, name, int(q), int(cents))
        for pid, sku, name, q, cents in builder.rows(query)
    )


def _low_stock() -> tuple[LowStock, ...]:
    """Active products at or below their reorder level (as the stock screen colours them),
    the least available first."""
    available = Products.on_hand - Products.reserved
    query = (
        Products.select(Products.id, Products.sku, Products.name, available, Products.reorder_level)
        .where((Products.active == 1) & (available <= Products.reorder_level))
        .order_by(available, Products.sku)
        .limit(LOW_STOCK_LIMIT)
    )
    return tuple(
        LowStock(int(pid), sku, name, int(left), int(level))
        for pid, sku, name, left, level in builder.rows(query)
    )


def _first_change() -> Any:
    """The id of an order's first status change (the row of its creation)."""
    first = StatusChanges.alias("first_change")
    return first.select(fn.MIN(first.id)).where(first.order == Orders.id)


def _operators(period: Period) -> tuple[OperatorFigure, ...]:
    window = _within(Orders.validated_at, period)
    by = StatusChanges.changed_by
    creation = (StatusChanges.order == Orders.id) & (StatusChanges.id == _first_change())
    query = (
        Orders.select(
            by,
            builder.every_row,
            _sum(Case(None, [(_kept, Orders.total_cents)], 0)),
            _sum(Case(None, [(Orders.status == CANCELLED, 1)], 0)),
        )
        .join(StatusChanges, on=creation)
        .where(window)
        .group_by(by)
    )
    found = {str(login): (int(n), int(cents), int(c)) for login, n, cents, c in builder.rows(query)}
    discounts = (
        OrderLines.select(by, _sum(_discount))
        .join(Orders, on=(Orders.id == OrderLines.order))
        .join(StatusChanges, on=creation)
        .where(window & _kept)
        .group_by(by)
    )
    taken: dict[str, int] = defaultdict(int)
    for login, cents in builder.rows(discounts):
        taken[str(login)] = int(cents)
    names = _names(list(found))
    figures_ = (
        OperatorFigure(login, names.get(login) or login, n, cents, taken[login], cancelled)
        for login, (n, cents, cancelled) in found.items()
    )
    return tuple(sorted(figures_, key=lambda f: (-f.revenue_cents, -f.orders, f.login)))


def _names(logins: list[str]) -> dict[str, str]:
    if not logins:
        return {}
    query = OperatorRow.select(OperatorRow.username, OperatorRow.display_name).where(
        OperatorRow.username.in_(logins)
    )
    return {str(login): str(name) for login, name in builder.rows(query)}


def _balance_due() -> int:
    """What the orders not cancelled are still owed (an overpaid one counts nothing)."""
    owed = (Orders.paid_cents < Orders.total_cents) & _kept
    total = builder.value(Orders.select(_sum(Orders.total_cents - Orders.paid_cents)).where(owed))
    return int(total)
