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

from datetime import date, timedelta
from typing import Any

from gestco.domain.change_areas import Area
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
from gestco.services.audit_trail import record_changes
from gestco.storage import builder, daily_figures, transactions
from gestco.storage.builder import fn
from gestco.storage.change_notices import bump
from gestco.storage.figures_models import DailyProducts, DailySales, DailyStatuses
from gestco.storage.models import Products
from gestco.storage.staff_models import OperatorRow

TOP = 10
LOW_STOCK_LIMIT = 50
# The daily rows (storage.figures_models), kept equal to the orders in their transactions:
# at 1,000,000 orders this year's figures read ~8,000 of them instead of ~460,000 orders.
_sales, _products, _statuses = DailySales, DailyProducts, DailyStatuses
_kept_orders = _sales.orders - _sales.cancelled


def _sum(expression: Any) -> Any:
    return fn.COALESCE(fn.SUM(expression), 0)


def _within(day: Any, period: Period) -> Any:
    """`day`, a 'YYYY-MM-DD' text, is a day of `period`."""
    return (day >= period.start.isoformat()) & (day <= period.end.isoformat())


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
        by_channel=_shares(_sales.channel, period, every=CHANNELS),
        by_source=_shares(_sales.source, period),
        by_status=_by_status(period),
        top_products=_top(period, by_revenue=False),
        top_by_revenue=_top(period, by_revenue=True),
        low_stock=_low_stock(),
        operators=_operators(period),
        balance_due_cents=_balance_due(),
    )


def totals(period: Period) -> Totals:
    """The totals of the orders validated in `period` (Totals says which count what)."""
    row = builder.first_row(
        _sales.select(
            _sum(_sales.orders),
            _sum(_sales.cancelled),
            _sum(_sales.revenue_cents),
            _sum(_sales.revenue_excl_cents),
            _sum(_sales.items),
            _sum(_sales.discounts_cents),
        ).where(_within(_sales.day, period))
    )
    orders, cancelled, revenue, excl, items, discounts = (int(v) for v in row or (0,) * 6)
    return Totals(orders, cancelled, revenue, excl, items, discounts)


def _per_bucket(period: Period, kind: str) -> tuple[Bucket, ...]:
    found: dict[date, list[int]] = {start: [0, 0] for start in bucket_starts(period, kind)}
    query = (
        _sales.select(_sales.day, _sum(_kept_orders), _sum(_sales.revenue_cents))
        .where(_within(_sales.day, period))
        .group_by(_sales.day)
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
        _sales.select(column, _sum(_kept_orders), _sum(_sales.revenue_cents))
        .where(_within(_sales.day, period))
        .group_by(column)
    )
    found = {key: (0, 0) for key in every}
    for key, count, revenue in builder.rows(query):
        if int(count) or int(revenue) or str(key) in found:
            found[str(key)] = (int(count), int(revenue))
    shares = (Share(key, n, cents) for key, (n, cents) in found.items())
    return tuple(sorted(shares, key=lambda s: (-s.revenue_cents, -s.orders, s.key)))


def _by_status(period: Period) -> tuple[StatusCount, ...]:
    query = (
        _statuses.select(_statuses.status, _sum(_statuses.orders))
        .where(_within(_statuses.day, period))
        .group_by(_statuses.status)
    )
    found = {str(status): int(count) for status, count in builder.rows(query)}
    others = sorted(s for s in set(found) - set(STATUSES) if found[s])
    return tuple(StatusCount(s, found.get(s, 0)) for s in (*STATUSES, *others))


def _top(period: Period, *, by_revenue: bool) -> tuple[ProductFigure, ...]:
    quantity, revenue = _sum(_products.quantity), _sum(_products.revenue_cents)
    order = (revenue.desc(), quantity.desc()) if by_revenue else (quantity.desc(), revenue.desc())
    query = (
        _products.select(Products.id, Products.sku, Products.name, quantity, revenue)
        .join(Products, on=(Products.id == _products.product))
        .where(_within(_products.day, period))
        .group_by(Products.id, Products.sku, Products.name)
        .having(quantity > 0)
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


def _operators(period: Period) -> tuple[OperatorFigure, ...]:
    query = (
        _sales.select(
            _sales.operator,
            _sum(_sales.orders),
            _sum(_sales.revenue_cents),
            _sum(_sales.discounts_cents),
            _sum(_sales.cancelled),
        )
        .where(_within(_sales.day, period))
        .group_by(_sales.operator)
    )
    found = {
        str(login): (int(n), int(cents), int(off), int(c))
        for login, n, cents, off, c in builder.rows(query)
        if int(n)
    }
    names = _names(list(found))
    figures_ = (
        OperatorFigure(login, names.get(login) or login, n, cents, off, cancelled)
        for login, (n, cents, off, cancelled) in found.items()
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
    return int(builder.value(_sales.select(_sum(_sales.due_cents))))


def rebuild_daily_figures() -> int:
    """Sum the daily figures again from the orders (`gestco check --rebuild-figures`, after
    the check found them out of step): one transaction, audited. Returns the rows rebuilt."""
    actor = session.require(Permission.BACKUP_RESTORE)
    with transactions.atomic():
        before = daily_figures.row_count()
        daily_figures.rebuild()
        after = daily_figures.row_count()
        bump(Area.ORDERS)
        record_changes(
            actor,
            kind="setting",
            entity="daily_figures",
            record_id="",
            label="daily figures",
            before={"rows": before},
            after={"rows": after, "rebuilt": True},
        )
    return after
