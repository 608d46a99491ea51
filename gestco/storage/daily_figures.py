"""Keeping the daily figures (storage.figures_models) equal to the orders, in the transaction
of every write that changes one.

Every change of an order locks it first (storage.write_rules' lock order; builder.lock):
when an order is locked, what it adds to the daily figures is read (before the transaction
changes it), and a new order is noted when it is inserted. Just before the outermost
transaction commits (storage.transactions.atomic calls write_rules.before_commit), what the
same orders add now is read again and the difference is added to the daily rows, keys in
order, one upsert a row. So every path that writes orders (the counter, the order view,
payments, imports, anonymising) keeps the figures without knowing of them, a savepoint rolled
back leaves no trace (its changes are gone when the orders are read again), and kill -9
loses both or neither.

On a server the daily rows are the last rows a transaction locks, taken in key order, so
two transactions meeting on the same day wait for each other but never deadlock.

The grouped queries of SUMMARIES, over every order, rebuild the tables (the demo's bulk
writer, `gestco check --rebuild-figures`) and are what `gestco check` compares them with.
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
from gestco.storage.prepared import Prepared

CANCELLED = "cancelled"
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


def _sales() -> Any:
    first = StatusChanges.select(
        StatusChanges.order.alias("order_id"), fn.MIN(StatusChanges.id).alias("first_id")
    )
    lines = OrderLines.select(
        OrderLines.order.alias("order_id"),
        fn.SUM(OrderLines.quantity).alias("items"),
        fn.SUM(_discount).alias("discounts"),
    )
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
    return query.group_by(day, Orders.channel, Orders.source, operator)


def _products() -> Any:
    day = _day(Orders.validated_at)
    return (
        OrderLines.select(
            day, OrderLines.product, fn.SUM(OrderLines.quantity), fn.SUM(OrderLines.total_cents)
        )
        .join(Orders, on=(Orders.id == OrderLines.order))
        .where(_kept)
        .group_by(day, OrderLines.product)
    )


def _statuses() -> Any:
    day = _day(Orders.created_at)
    return Orders.select(day, Orders.status, builder.every_row).group_by(day, Orders.status)


@dataclass(frozen=True)
class Summary:
    """A daily table and the query summing the orders into its rows: its key's columns,
    then its sums, in the query's order."""

    model: type[BaseModel]
    key: tuple[peewee.Field, ...]
    sums: tuple[peewee.Field, ...]
    query: Callable[[], Any]

    @property
    def columns(self) -> tuple[peewee.Field, ...]:
        return self.key + self.sums

    def recomputed(self) -> Any:
        """Its rows as the orders give them (every order)."""
        return self.query()

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

# One order with its lines, and its creator (the first status change): what it adds to each
# table is summed from these rows below, the same sums as the queries above. Its SQL is
# written once (storage.prepared), as are the upserts: keeping the daily figures costs a new
# order about 0.5 ms (profiled over 300 orders, 2026-12-03); through the builder it was 3.4 ms,
# halving the orders created per second.
_creator = StatusChanges.alias("creator")
_ORDER = Prepared(
    lambda order_id: (
        Orders.select(
            _day(Orders.validated_at),
            _day(Orders.created_at),
            Orders.channel,
            Orders.source,
            Orders.status,
            Orders.total_cents,
            Orders.total_excl_cents,
            Orders.paid_cents,
            _creator.select(_creator.changed_by)
            .where(_creator.order == Orders.id)
            .order_by(_creator.id)
            .limit(1),
            OrderLines.product,
            OrderLines.quantity,
            OrderLines.total_cents,
            _discount,
        )
        .join(OrderLines, JOIN.LEFT_OUTER, on=(OrderLines.order == Orders.id))
        .where(Orders.id == order_id)
    )
)


def _read(ids: Sequence[int], into: Sums, sign: int = 1) -> None:
    """Add (sign 1) or take off (-1) what the orders `ids` add to each table, into `into`."""
    for order_id in ids:
        rows = _ORDER.rows(order_id)
        if not rows:
            continue  # not there (yet, or any more: its insert rolled back)
        day, created, channel, source, status, total, excl, paid, creator = rows[0][:9]
        kept = status != CANCELLED
        lines = [row[9:] for row in rows if row[9] is not None]
        items = sum(int(quantity) for _, quantity, _, _ in lines) if kept else 0
        discounts = sum(int(off) for _, _, _, off in lines) if kept else 0
        revenue, excl_, due = (int(total), int(excl), max(0, int(total) - int(paid)))
        sales = (
            1,
            0 if kept else 1,
            *((revenue, excl_, items, discounts, due) if kept else (0,) * 5),
        )
        _add_into(into[DailySales], (day, channel, source, creator or ""), sales, sign)
        for product, quantity, line_total, _ in lines if kept else ():
            _add_into(
                into[DailyProducts], (day, int(product)), (int(quantity), int(line_total)), sign
            )
        _add_into(into[DailyStatuses], (created, status), (1,), sign)


def _add_into(
    rows: dict[tuple[Any, ...], list[int]], key: tuple[Any, ...], values: Sequence[int], sign: int
) -> None:
    sums = rows.setdefault(key, [0] * len(values))
    for i, value in enumerate(values):
        sums[i] += sign * value


@dataclass
class _Touched:
    """The current transaction's orders: read before it changed them (`before`) or new."""

    orders: set[int] = field(default_factory=set)
    before: Sums = field(default_factory=lambda: defaultdict(dict))


def _touched() -> _Touched:
    return write_rules.kept_state(_STATE, _Touched)


def _on_orders_locked(ids: list[Any]) -> None:
    touched = _touched()
    first_seen = sorted({int(i) for i in ids} - touched.orders)
    touched.orders.update(first_seen)
    _read(first_seen, touched.before)


def note_new_order(order_id: int) -> None:
    """An order this transaction inserted: it added nothing before (call it before anything
    else of this transaction locks it)."""
    _touched().orders.add(int(order_id))


def flush() -> None:
    """Add to the daily rows what the transaction's orders changed. Runs last in the
    outermost write transaction (storage.transactions.atomic, through write_rules.before_commit)."""
    touched = _touched()
    if not touched.orders:
        return
    change: Sums = defaultdict(dict)
    _read(sorted(touched.orders), change)
    for model, rows in touched.before.items():  # minus what they added before
        for key, sums in rows.items():
            _add_into(change[model], key, sums, -1)
    touched.orders.clear()  # a second flush (a nested caller) adds nothing again
    touched.before.clear()
    for summary in SUMMARIES:
        _add(summary, change[summary.model])


def _upsert(summary: Summary) -> Prepared:
    """One daily row's INSERT, or, when its key is there, its sums added to the row's."""
    columns = list(summary.columns)
    added = {c: c + getattr(peewee.EXCLUDED, c.column_name) for c in summary.sums}

    def build(*values: Any) -> Any:
        row = dict(zip(columns, values, strict=True))
        return summary.model.insert(row).on_conflict(
            conflict_target=list(summary.key), update=added
        )

    return Prepared(build, arity=len(columns))


_UPSERTS = {summary.model: _upsert(summary) for summary in SUMMARIES}


def _add(summary: Summary, rows: dict[tuple[Any, ...], list[int]]) -> None:
    """Each row's change, keys in order (on a server, the order the rows are locked in).
    One prepared statement a row: a new order changes three or four (0.05 ms each; the
    builder's multi-row upsert took 3.2 ms an order, half of creating one)."""
    upsert = _UPSERTS[summary.model]
    for key, sums in sorted(rows.items()):
        if any(sums):
            upsert.execute(*key, *sums)


def row_count() -> int:
    return sum(int(builder.value(s.model.select(builder.every_row))) for s in SUMMARIES)


# Registered when storage.opening (every process opens its database there) imports this.
write_rules.on_lock("orders", _on_orders_locked)
write_rules.on_commit(flush)


def rebuild() -> None:
    """The daily rows from every order, anew. Inside the caller's transaction."""
    for summary in SUMMARIES:
        summary.model.delete().execute()
        summary.model.insert_from(summary.recomputed(), list(summary.columns)).execute()
