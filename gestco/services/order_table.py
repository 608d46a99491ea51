"""The read side for big tables: filters and sorts in SQL, keyset pages, counts and sums.

Pages use row-value keysets `(sort_key, id) < (?, ?)`: the form SQLite answers from the
index at any depth (the spelled-out OR form scans; STACK_NOTES).

The SQL here is written by hand, with its names from the models: the orders table builds
a page of 200 rows in 1.3 ms this way, 11 ms as peewee tuples (a jump must repaint within
16 ms), and writing its id lists' and counts' SQL through the builder would cost each
keystroke of a filter as much again.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from gestco.domain.errors import ValidationError
from gestco.domain.order_numbers import number_start, searched_number
from gestco.domain.phones import phone_prefix
from gestco.domain.records import CHANNELS, STATUSES, OrderRow
from gestco.domain.relationship import check_tag, tag_key
from gestco.domain.text import PREFIX_END, search_key, search_text
from gestco.services.clients import ORDER_ROW_SQL, count_and_sum_where, order_row
from gestco.services.settings import region
from gestco.storage import binding, builder, raw_sql
from gestco.storage.builder import SQL, fn
from gestco.storage.models import Clients, ClientTags, Orders, Products, Tags
from gestco.storage.names import Alias, table

_o, _c = Alias(Orders, "o"), Alias(Clients, "c")  # as ORDER_ROW_SQL names them

_ID, _CLIENTS = Clients.id.column_name, table(Clients)
_PHONE, _LAST, _FIRST = (
    field.column_name for field in (Clients.phone, Clients.search_last, Clients.search_first)
)
# A phone or name prefix among the clients (clients_phone, clients_search_last, _first).
_BY_PHONE = f"{_PHONE} >= ? AND {_PHONE} < ?"
_BY_NAME = f"({_LAST} >= ? AND {_LAST} < ?) OR ({_FIRST} >= ? AND {_FIRST} < ?)"
# The clients holding a tag, by its key (tags_name_key, then client_tags_tag): a filter on
# them reads the tagged clients' orders through orders_client.
_ct, _t = Alias(ClientTags, "ct"), Alias(Tags, "t")
_TAGGED = (
    f"{_o.client} IN (SELECT {_ct.client} FROM {_ct.table} JOIN {_t.table}"
    f" ON {_t.id} = {_ct.tag} WHERE {_t.name_key} = ?)"
)


class OrderSort(Enum):
    """Sortable columns of the orders table -> the SQL expression sorted on."""

    CREATED = _o.created_at
    NUMBER = _o.number
    CLIENT = _c.search_last
    PHONE = _c.phone
    CHANNEL = _o.channel
    STATUS = _o.status
    SHIPPING = _o.shipping_date
    TOTAL = _o.total_cents


@dataclass(frozen=True, slots=True)
class OrderFilter:
    status: str | None = None
    channel: str | None = None
    date_from: date | None = None  # created on or after
    date_to: date | None = None  # created on or before
    text: str = ""  # an order number, a phone (prefix) or a client's name (prefix)
    tag: str = ""  # the orders of the clients holding this tag (any case)
    # Only orders the client still owes money on (not cancelled, received < total; no index
    # of its own: the sort's index drives the query and each row is checked, as `channel`
    # is under a sort by client).
    balance_due: bool = False


NO_FILTER = OrderFilter()


def _day(value: object, field: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError(field, "Choose a date.")
    return value


# Which sorts an index answers together with each filter (see migrations): for the others,
# the sort's own index should drive the query and the filter be checked row by row.
SORTS_INDEXED_WITH = {
    "status": {"CREATED", "TOTAL", "SHIPPING", "STATUS"},
    "channel": {"CREATED", "CHANNEL"},
    "created_at": {"CREATED"},
}


def order_where(flt: OrderFilter, *, driven_by: OrderSort | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause of a filter. With `driven_by`, filters that have no index together
    with that sort are kept off their own index (raw_sql.not_indexed), so SQLite walks the sort's
    index and stops after LIMIT rows instead of sorting every matching row first."""
    clauses: list[str] = []
    params: list[Any] = []

    def column(name: str) -> str:
        expr = getattr(_o, name)
        if driven_by is not None and driven_by.name not in SORTS_INDEXED_WITH[name]:
            return raw_sql.not_indexed(expr)
        return expr

    if flt.status:
        if flt.status not in STATUSES:
            raise ValidationError("status", "Unknown status.")
        clauses.append(f"{column('status')} = ?")
        params.append(flt.status)
    if flt.channel:
        if flt.channel not in CHANNELS:
            raise ValidationError("channel", "Unknown channel.")
        clauses.append(f"{column('channel')} = ?")
        params.append(flt.channel)
    if flt.date_from:
        clauses.append(f"{column('created_at')} >= ?")
        params.append(_day(flt.date_from, "date_from").isoformat())
    if flt.date_to and _day(flt.date_to, "date_to") < date.max:  # up to 9999-12-31: no bound
        clauses.append(f"{column('created_at')} < ?")
        params.append((flt.date_to + timedelta(days=1)).isoformat())
    if flt.tag:
        clauses.append(_TAGGED)
        params.append(tag_key(check_tag(flt.tag)))
    if flt.balance_due:
        clauses.append(f"{_o.paid_cents} < {_o.total_cents} AND {_o.status} <> 'cancelled'")
    text = search_text(flt.text) if flt.text else ""
    if text is None:
        clauses.append("1 = 0")  # a character no order can hold (a lone surrogate)
    elif text:
        number = searched_number(text)
        if number is not None:
            clauses.append(f"{_o.number} = ?")
            params.append(number)
        elif (key := number_start(text)) is not None:
            # A number being typed ('CMD-2026-00000', '2026-00'): the orders it begins.
            clauses.append(f"{_o.number} >= ? AND {_o.number} < ?")
            params += [key, key + PREFIX_END]
        elif externals := _external_numbers(text):
            # An imported order's own number ('#1001', '5023'), exactly: it wins over a phone
            # prefix of the same digits (orders_external_number; probed first, so a shop
            # without such an order keeps the plans below).
            marks = ", ".join("?" * len(externals))
            clauses.append(f"{_o.external_number} IN ({marks}) AND {_IMPORTED}")
            params += externals
        elif (prefix := phone_prefix(text, region())) is not None:
            clauses.append(f"{_o.client} IN (SELECT {_ID} FROM {_CLIENTS} WHERE {_BY_PHONE})")
            params += [prefix, prefix + PREFIX_END]
        elif not (key := search_key(text)):
            # Only combining marks ('\u0301'): as a name prefix '' would match every client.
            clauses.append("1 = 0")
        else:
            clauses.append(f"{_o.client} IN (SELECT {_ID} FROM {_CLIENTS} WHERE {_BY_NAME})")
            params += [key, key + PREFIX_END, key, key + PREFIX_END]
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_IMPORTED = f"{_o.source} <> ''"  # as the partial index says it (orders_external_number)


def _external_numbers(text: str) -> list[str]:
    """The forms of `text` that are an imported order's external number ('1001' is Shopify's
    '#1001'; 'cc-2025-0001' a call centre's 'CC-2025-0001'), or [] when none is. One probe
    of a partial index that holds imported orders only."""
    bare = text.removeprefix("#")
    forms = sorted({text, text.upper(), bare, bare.upper(), f"#{bare}"})
    o = Alias(Orders, "o")
    marks = ", ".join("?" * len(forms))
    row = raw_sql.fetch_one(
        f"SELECT 1 FROM {o.table} WHERE {o.external_number} IN ({marks}) AND {_IMPORTED} LIMIT 1",
        forms,
    )
    return forms if row else []


@dataclass(frozen=True, slots=True)
class OrderPage:
    rows: list[OrderRow]
    next_after: tuple[Any, int] | None  # pass as `after` for the next page; None at the end


def page_sql(
    flt: OrderFilter,
    *,
    sort: OrderSort,
    descending: bool,
    after: tuple[Any, int] | None,
    limit: int,
) -> tuple[str, list[Any]]:
    """The keyset page query: rows are (sort value, *ORDER_ROW_SQL columns)."""
    where, params = order_where(flt)
    direction = "DESC" if descending else "ASC"
    if after is not None:
        op = "<" if descending else ">"
        where += (" AND " if where else " WHERE ") + f"({sort.value}, {_o.id}) {op} (?, ?)"
        params += list(after)
    select = ORDER_ROW_SQL.replace("SELECT ", f"SELECT {sort.value}, ", 1)
    sql = f"{select}{where} ORDER BY {sort.value} {direction}, {_o.id} {direction} LIMIT ?"
    return sql, [*params, limit]


def list_orders(
    flt: OrderFilter = NO_FILTER,
    *,
    sort: OrderSort = OrderSort.CREATED,
    descending: bool = True,
    after: tuple[Any, int] | None = None,
    limit: int = 200,
) -> OrderPage:
    """One page of orders. `after` is the previous page's `next_after`."""
    sql, params = page_sql(flt, sort=sort, descending=descending, after=after, limit=limit)
    raw = raw_sql.fetch_all(sql, params)
    rows = [order_row(r[1:]) for r in raw]
    next_after = (raw[-1][0], raw[-1][1]) if len(raw) == limit else None
    return OrderPage(rows, next_after)


# Each sort spelled so that an index yields the rows already in order (no sort step):
# orders_created, orders_number, orders_total, orders_status, orders_channel,
# orders_shipping; the client sorts walk clients_search_last / clients_phone, then
# orders_client. The row id is always last, so the order is total and stable.
ORDER_BY: dict[OrderSort, str] = {
    sort: ", ".join(name + " {d}" for name in names)
    for sort, names in {
        OrderSort.CREATED: (_o.created_at, _o.id),
        OrderSort.NUMBER: (_o.number,),
        OrderSort.CLIENT: (_c.search_last, _c.id, _o.created_at, _o.id),
        OrderSort.PHONE: (_c.phone, _o.created_at, _o.id),
        OrderSort.CHANNEL: (_o.channel, _o.created_at, _o.id),
        OrderSort.STATUS: (_o.status, _o.created_at, _o.id),
        OrderSort.SHIPPING: (_o.shipping_date, _o.id),
        OrderSort.TOTAL: (_o.total_cents, _o.id),
    }.items()
}


def order_ids(
    flt: OrderFilter = NO_FILTER,
    *,
    sort: OrderSort = OrderSort.CREATED,
    descending: bool = True,
    limit: int | None = None,
) -> array[int]:
    """The ids of every order under the filter, in display order (8 bytes an order).

    The big orders table holds this array and builds rows only for the pages on screen:
    any row is one indexed lookup away, at any depth. A first page (`limit`) always walks
    the sort's index; the whole list does too when the filter keeps many orders (sorting
    850,000 delivered orders by client takes 3.5 s, walking the index 1 s).
    """
    walk = limit is not None or (sort in WALKABLE_SORTS and _keeps_many(flt))
    where, params = order_where(flt, driven_by=sort if walk else None)
    join = (
        f" JOIN {_c.table} ON {_c.id} = {_o.client}"
        if sort in (OrderSort.CLIENT, OrderSort.PHONE)
        else ""
    )
    order_by = ORDER_BY[sort].format(d="DESC" if descending else "ASC")
    sql = f"SELECT {_o.id} FROM {_o.table}{join}{where} ORDER BY {order_by}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return raw_sql.fetch_ids(sql, params)


# Sorts whose index can drive a whole filtered list: it follows the table's own order
# (created, number, channel/status then created) or carries the filtered columns (the
# clients' orders). Walking the total or shipping-date index would read the rows in random
# order: there, collecting the matches and sorting them is faster (0.4 s against 2.3 s).
WALKABLE_SORTS = frozenset(
    {
        OrderSort.CREATED,
        OrderSort.NUMBER,
        OrderSort.CHANNEL,
        OrderSort.STATUS,
        OrderSort.CLIENT,
        OrderSort.PHONE,
    }
)


def _keeps_many(flt: OrderFilter) -> bool:
    """Whether the status/channel/date part of a filter keeps over a tenth of the orders."""
    if flt.text or not (flt.status or flt.channel or flt.date_from or flt.date_to):
        return False
    everything = count_and_sum(NO_FILTER)[0]
    kept = count_and_sum(flt)[0]
    return kept * 10 > everything


def table_snapshot_in_worker(
    flt: OrderFilter, *, sort: OrderSort, descending: bool
) -> tuple[array[int], int]:
    """(all ids, sum of totals) for a worker thread. The thread gets its own connection
    for this and closes it after, so pool threads hold no file open between jobs."""
    try:
        ids = order_ids(flt, sort=sort, descending=descending)
        return ids, count_and_sum(flt)[1]
    finally:
        binding.close_database()  # this thread's connection only


def orders_by_ids(ids: Sequence[int]) -> list[OrderRow]:
    """Rows for these ids, in the order given (ids that no longer exist are skipped)."""
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    rows = {
        r[0]: order_row(r)
        for r in raw_sql.fetch_all(f"{ORDER_ROW_SQL} WHERE {_o.id} IN ({marks})", list(ids))
    }
    return [rows[i] for i in ids if i in rows]


def count_and_sum(flt: OrderFilter = NO_FILTER) -> tuple[int, int]:
    """(number of orders, sum of their totals in cents) under a filter. The sum follows the
    one rule of gestco.services.clients.count_and_sum_where: cancelled orders are counted,
    not summed (as a client's "spent")."""
    where, params = order_where(flt)
    return count_and_sum_where(where, params)


def count_client_matches(text: str) -> int:
    """How many clients `clients.search_clients(text)` finds with no limit: the phone prefix,
    or the first or last name prefix. Index range counts (clients_phone, clients_search_*),
    at each keystroke beside the suggestions: written by hand as they are."""
    if not isinstance(text, str) or not text.strip():
        return 0
    prefix = phone_prefix(text, region())
    if prefix is not None:
        sql, params = _BY_PHONE, [prefix, prefix + PREFIX_END]
    else:
        key = search_key(text)
        if not key:
            return 0
        sql, params = _BY_NAME, [key, key + PREFIX_END, key, key + PREFIX_END]
    row = raw_sql.fetch_one(f"SELECT count(*) FROM {_CLIENTS} WHERE {sql}", params)
    return int(row[0]) if row else 0


def holds_shop_data() -> bool:
    """Whether the database holds any client, product or order (the demo and the bench fill
    only an empty one, migrate-to copies only into one)."""
    return any(
        builder.first_row(model.select(model.id).limit(1)) for model in (Clients, Products, Orders)
    )


def database_counts() -> tuple[int, int]:
    """(clients, orders): for the status bar."""
    every = fn.COUNT(SQL("*"))
    return int(builder.value(Clients.select(every))), int(builder.value(Orders.select(every)))
