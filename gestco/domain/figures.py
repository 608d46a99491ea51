"""The manager's figures (issue 20): what gestco.services.figures computes over a period, and
what the dashboard and `gestco report` show. Frozen records and small arithmetic, no I/O.

Revenue counts the orders that are not cancelled, on the day they were validated (the shop's
local date of `validated_at`); money is integer cents, incl. tax unless `_excl_`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class Period:
    """Days from `start` to `end`, both included (the shop's local dates)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The same number of days just before this period."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)


@dataclass(frozen=True, slots=True)
class Totals:
    """The orders validated in a period: all of them (`orders`), the cancelled among them;
    revenue, items and discounts over the others."""

    orders: int
    cancelled: int
    revenue_cents: int
    revenue_excl_cents: int
    items: int
    discounts_cents: int

    @property
    def kept(self) -> int:
        """The orders not cancelled: those the revenue counts."""
        return self.orders - self.cancelled

    @property
    def average_basket_cents(self) -> int | None:
        """Revenue / non-cancelled orders, rounded half up (None when there is none)."""
        if self.kept <= 0:
            return None
        return (2 * self.revenue_cents + self.kept) // (2 * self.kept)

    @property
    def items_per_order(self) -> float | None:
        if self.kept <= 0:
            return None
        return self.items / self.kept

    @property
    def cancellation_rate(self) -> float | None:
        if self.orders <= 0:
            return None
        return self.cancelled / self.orders


NO_TOTALS = Totals(0, 0, 0, 0, 0, 0)


def change(now: int | float | None, before: int | float | None) -> float | None:
    """The relative change from `before` to `now` (0.25 = +25 %); None when either is
    unknown or `before` is 0 (no change can be said from nothing)."""
    if now is None or before is None or before == 0:
        return None
    return (now - before) / abs(before)


@dataclass(frozen=True, slots=True)
class Bucket:
    """A day, or a month (its first day) over long periods."""

    start: date
    orders: int
    revenue_cents: int


@dataclass(frozen=True, slots=True)
class Share:
    """Orders and revenue of one channel code or source code ('' = the counter's own)."""

    key: str
    orders: int
    revenue_cents: int


@dataclass(frozen=True, slots=True)
class StatusCount:
    status: str
    orders: int


@dataclass(frozen=True, slots=True)
class ProductFigure:
    product_id: int
    sku: str
    name: str
    quantity: int
    revenue_cents: int


@dataclass(frozen=True, slots=True)
class LowStock:
    product_id: int
    sku: str
    name: str
    available: int  # on hand minus reserved
    reorder_level: int


@dataclass(frozen=True, slots=True)
class OperatorFigure:
    """What one operator created in the period (an order's operator: its first status
    change's `changed_by`)."""

    login: str
    name: str
    orders: int
    revenue_cents: int
    discounts_cents: int
    cancellations: int


@dataclass(frozen=True, slots=True)
class Figures:
    period: Period
    totals: Totals
    previous: Totals  # over period.previous()
    bucket: str  # 'day' | 'month'
    per_bucket: tuple[Bucket, ...]  # every bucket of the period, zeros included
    by_channel: tuple[Share, ...]
    by_source: tuple[Share, ...]
    by_status: tuple[StatusCount, ...]  # orders created in the period, every status
    top_products: tuple[ProductFigure, ...]  # 10, by quantity then revenue
    top_by_revenue: tuple[ProductFigure, ...]  # 10, by revenue then quantity
    low_stock: tuple[LowStock, ...]
    operators: tuple[OperatorFigure, ...]
    balance_due_cents: int  # all non-cancelled orders, whatever the period


MONTHLY_FROM_DAYS = 62  # a longer period is shown per month


def bucket_kind(period: Period) -> str:
    return "month" if period.days > MONTHLY_FROM_DAYS else "day"


def bucket_starts(period: Period, kind: str) -> list[date]:
    """The first day of every bucket of `period` (a month's bucket starts on its 1st, or on
    the period's start for the first one)."""
    starts: list[date] = []
    day = period.start
    while day <= period.end:
        starts.append(day)
        if kind == "day":
            day += timedelta(days=1)
        else:
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return starts


def bucket_of(day: date, period: Period, kind: str) -> date:
    """The start of the bucket holding `day` (a day of `period`)."""
    if kind == "day":
        return day
    return max(day.replace(day=1), period.start)
