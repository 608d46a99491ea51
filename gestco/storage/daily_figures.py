"""Keeping the daily figures (storage.figures_models) equal to the orders, in the transaction
of every write that changes one.

Every change of an order locks it first (storage.write_rules' lock order; builder.lock):
when an order is locked, what it adds to the daily figures is read (before the transaction
changes it), and a new order is noted when it is inserted. Just before the outermost
transaction commits (storage.transactions.atomic), what the same orders add now is read again
and the difference is added to the daily rows, keys in order, in three upserts. So every path
that writes orders (the counter, the order view, payments, imports, anonymising) keeps the
figures without knowing of them, a savepoint rolled back leaves no trace (its changes are
gone when the orders are read again), and kill -9 loses both or neither.

On a server the daily rows are the last rows a transaction locks, taken in key order, so
two transactions meeting on the same day wait for each other but never deadlock.

The same grouped queries, over every order, rebuild the tables (the v10 step, the demo's
bulk writer) and are what `gestco check` compares the tables with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee

from gestco.storage import builder, write_rules
from gestco.storage.builder import JOIN, SQL, Case, fn
from gestco.storage.columns import BaseModel
from gestco.storage.figures_models import DAILY_MODELS, DailyProducts, DailySales, DailyStatuses
from gestco.storage.models import OrderLines, Orders, StatusChanges

CANCELLED = "cancelled"
BATCH = 500  # order ids per IN (...) of the reads around a write
_STATE = "daily_figures"

_kept = Orders.status != CANCELLED
# What a line's discount took off: its total before the discount minus its total.
_discount = OrderLines.quantity * OrderLines.unit_price_cents - OrderLines.total_cents
_NO_OPERATOR = SQL("''")  # a literal: a server groups by the SELECT's own expression


def _day(column: Any) -> Any:
    """The shop's date of a local timestamp text ('YYYY-MM-DD HH:MM:SS'): its first ten
    characters (positions as literals, for the same reason)."""
    return fn.SUBSTR(column, SQL("1"), SQL("10"))


def _kept_sum(expression: Any) -> Any:
    return fn.SUM(Case(None, [(_kept, expression)], 0))


def _sales(ids: Sequence[int] | None) -> Any:
    first = StatusChanges.select(
        StatusChanges.order.alias("order_id"), fn.MIN(StatusChanges.id).alias("first_id")
    )
    lines = OrderLines.select(
        OrderLines.order.alias("order_id"),
        fn.SUM(OrderLines.quantity).alias("items"),
        fn.SUM(_discount).alias("discounts"),
    )
    if ids is not None:
        first = first.where(StatusChanges.order.in_(list(ids)))
        lines = lines.where(OrderLines.order.in_(list(ids)))
    first = first.group_by(StatusChanges.order).alias("first_change")
    lines = lines.group_by(OrderLines.order).alias("line_sums")
    creator = StatusChanges.alias("creator")
    day, operator = _day(Orders.validated_at), fn.COALESCE(creator.changed_by, _NO_OPERATOR)
    owed = _kept & (Orders.total_cents > Orders.paid_cents)
    query = (
        Orders.select(
            day,
            Orders.channel,
            Orders.source,
            operator,
            builder.every_row,
            fn.SUM(Case(None, [(Orders.status == CANCELLED, 1)], 0)),
            _kept_sum(Orders.total_cents),
            _kept_sum(Orders.total_excl_cents),
            _kept_sum(fn.COALESCE(lines.c.items, 0)),
            _kept_sum(fn.COALESCE(lines.c.discounts, 0)),
            fn.SUM(Case(None, [(owed, Orders.total_cents - Orders.paid_cents)], 0)),
        )
        .join_from(Orders, first, JOIN.LEFT_OUTER, on=(first.c.order_id == Orders.id))
        .join_from(Orders, creator, JOIN.LEFT_OUTER, on=(creator.id == first.c.first_id))
        .join_from(Orders, lines, JOIN.LEFT_OUTER, on=(lines.c.order_id == Orders.id))
    )
    if ids is not None:
        query = query.where(Orders.id.in_(list(ids)))
    return query.group_by(day, Orders.channel, Orders.source, operator)


def _products(ids: Sequence[int] | None) -> Any:
    day = _day(Orders.validated_at)
    query = (
        OrderLines.select(
            day, OrderLines.product, fn.SUM(OrderLines.quantity), fn.SUM(OrderLines.total_cents)
        )
        .join(Orders, on=(Orders.id == OrderLines.order))
        .where(_kept)
    )
    if ids is not None:
        query = query.where(OrderLines.order.in_(list(ids)))
    return query.group_by(day, OrderLines.product)


def _statuses(ids: Sequence[int] | None) -> Any:
    day = _day(Orders.created_at)
    query = Orders.select(day, Orders.status, builder.every_row)
    if ids is not None:
        query = query.where(Orders.id.in_(list(ids)))
    return query.group_by(day, Orders.status)


@dataclass(frozen=True)
class Summary:
    """A daily table and the query summing the orders into its rows: its key's columns,
    then its sums, in the query's order."""

    model: type[BaseModel]
    key: tuple[peewee.Field, ...]
    sums: tuple[peewee.Field, ...]
    query: Callable[[Sequence[int] | None], Any]

    @property
    def columns(self) -> tuple[peewee.Field, ...]:
        return self.key + self.sums

    def recomputed(self) -> Any:
        """Its rows as the orders give them (every order)."""
        return self.query(None)

    def stored(self) -> Any:
        """Its rows as stored, those whose sums are not all zero."""
        nonzero = [column != 0 for column in self.sums]
        where = nonzero[0]
        for condition in nonzero[1:]:
            where = where | condition
        return self.model.select(*self.columns).where(where)


SUMMARIES = (
    Summary(
        DailySales,
        (DailySales.day, DailySales.channel, DailySales.source, DailySales.operator),
        (
            DailySales.orders,
            DailySales.cancelled,
            DailySales.revenue_cents,
            DailySales.revenue_excl_cents,
            DailySales.items,
            DailySales.discounts_cents,
            DailySales.due_cents,
        ),
        _sales,
    ),
    Summary(
        DailyProducts,
        (DailyProducts.day, DailyProducts.product),
        (DailyProducts.quantity, DailyProducts.revenue_cents),
        _products,
    ),
    Summary(
        DailyStatuses, (DailyStatuses.day, DailyStatuses.status), (DailyStatuses.orders,), _statuses
    ),
)
assert tuple(s.model for s in SUMMARIES) == DAILY_MODELS

Sums = dict[type[BaseModel], dict[tuple[Any, ...], list[int]]]


def _read(ids: Sequence[int], into: Sums, sign: int = 1) -> None:
    """Add (sign 1) or take off (-1) what the orders `ids` add to each table, into `into`."""
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        for summary in SUMMARIES:
            width = len(summary.key)
            rows = into[summary.model]
            for row in builder.rows(summary.query(batch)):
                sums = rows.setdefault(tuple(row[:width]), [0] * len(summary.sums))
                for i, value in enumerate(row[width:]):
                    sums[i] += sign * int(value or 0)


@dataclass
class _Touched:
    """The current transaction's orders: read before it changed them (`before`) or new."""

    orders: set[int] = field(default_factory=set)
    before: Sums = field(default_factory=lambda: defaultdict(dict))


def _touched() -> _Touched:
    return write_rules.kept_state(_STATE, _Touched)  # type: ignore[no-any-return]


def _on_orders_locked(ids: list[Any]) -> None:
    touched = _touched()
    first_seen = sorted({int(i) for i in ids} - touched.orders)
    touched.orders.update(first_seen)
    _read(first_seen, touched.before)


write_rules.on_lock("orders", _on_orders_locked)


def note_new_order(order_id: int) -> None:
    """An order this transaction inserted: it added nothing before (call it before anything
    else of this transaction locks it)."""
    _touched().orders.add(int(order_id))


def flush() -> None:
    """Add to the daily rows what the transaction's orders changed. Runs last in the
    outermost write transaction (storage.transactions.atomic)."""
    touched = _touched()
    if not touched.orders:
        return
    change: Sums = defaultdict(dict)
    _read(sorted(touched.orders), change)
    for model, rows in touched.before.items():  # minus what they added before
        for key, sums in rows.items():
            now = change[model].setdefault(key, [0] * len(sums))
            for i, value in enumerate(sums):
                now[i] -= value
    touched.orders.clear()  # a second flush (a nested caller) adds nothing again
    touched.before.clear()
    for summary in SUMMARIES:
        _add(summary, change[summary.model])


def _add(summary: Summary, rows: dict[tuple[Any, ...], list[int]]) -> None:
    changed = sorted((key, sums) for key, sums in rows.items() if any(sums))
    if not changed:
        return
    values = [(*key, *sums) for key, sums in changed]
    added = {
        column: column + getattr(peewee.EXCLUDED, column.column_name) for column in summary.sums
    }
    summary.model.insert_many(values, fields=list(summary.columns)).on_conflict(
        conflict_target=list(summary.key), update=added
    ).execute()


def row_count() -> int:
    return sum(int(builder.value(s.model.select(builder.every_row))) for s in SUMMARIES)


def rebuild() -> None:
    """The daily rows from every order, anew. Inside the caller's transaction."""
    for summary in SUMMARIES:
        summary.model.delete().execute()
        summary.model.insert_from(summary.recomputed(), list(summary.columns)).execute()
