"""`gestco check`: the file's own checks, then the shop's invariants. Each finding is a line
a manager can pass on; no finding means the data is consistent."""

from __future__ import annotations

import functools
import operator
from typing import Any

from gestco.domain.order_numbers import (
    COUNTER_PREFIX,
    COUNTER_YEAR_AT,
    MAX_SEQ_DIGITS,
    PREFIX,
    SEQ_AT,
    SEQ_DIGITS,
    YEAR_AT,
    YEAR_DIGITS,
)
from gestco.domain.records import RESERVING_STATUSES, STATUSES
from gestco.maintenance.document_checks import DOCUMENT_INVARIANTS
from gestco.maintenance.figure_checks import FIGURE_INVARIANTS
from gestco.storage import binding, builder, raw_sql
from gestco.storage.builder import JOIN, SQL, Cast, Expression, Field, Model, fn
from gestco.storage.models import (
    Clients,
    OrderLines,
    Orders,
    Products,
    Sequences,
    StatusChanges,
    StockMovements,
)

LIMIT = 20  # findings listed per kind; the count says how many in all


def _listed(title: str, rows: list[tuple[object, ...]], describe: str) -> list[str]:
    lines = [f"{title}: " + describe.format(*row) for row in rows[:LIMIT]]
    if len(rows) > LIMIT:
        lines.append(f"{title}: ... and {len(rows) - LIMIT} more")
    return lines


def _sums(model: type[Model], key: Field, **sums: Field) -> Any:
    """`key` and the sums of the given columns per `key`: one grouped pass, a derived table
    the checks join once (a subquery per row, on PostgreSQL, is minutes at 100k orders)."""
    columns = [fn.SUM(field).alias(name) for name, field in sums.items()]
    return model.select(key.alias("key"), *columns).group_by(key)


_lines = _sums(OrderLines, OrderLines.order, total=OrderLines.total_cents, tax=OrderLines.tax_cents)
_lines = _lines.alias("l")
_moves = _sums(StockMovements, StockMovements.product, s=StockMovements.on_hand_delta).alias("m")
_held = (
    _sums(OrderLines, OrderLines.product, q=OrderLines.quantity)
    .join(Orders, on=(Orders.id == OrderLines.order))
    .where(Orders.status.in_(sorted(RESERVING_STATUSES)))
    .alias("r")
)
_last = (
    StatusChanges.select(StatusChanges.order.alias("key"), fn.MAX(StatusChanges.id).alias("id"))
    .group_by(StatusChanges.order)
    .alias("last")
)
_h = StatusChanges.alias("h")
# An order number's year and sequence, by position (gestco.domain.order_numbers; SQL's substr
# counts from 1); a counter's year in its name. Positions as literals, not parameters: a
# server groups by the year only if the SELECT's expression is the GROUP BY's.
_year = fn.SUBSTR(Orders.number, SQL(str(YEAR_AT + 1)), SQL(str(YEAR_DIGITS)))
_seq = fn.MAX(Cast(fn.SUBSTR(Orders.number, SQL(str(SEQ_AT + 1))), "INTEGER"))
_counter_year = fn.SUBSTR(Sequences.name, SQL(str(COUNTER_YEAR_AT + 1)), SQL(str(YEAR_DIGITS)))
_number_forms = [
    f"{PREFIX}{'_' * YEAR_DIGITS}-{'_' * digits}"
    for digits in range(SEQ_DIGITS, MAX_SEQ_DIGITS + 1)
]
_total, _tax = fn.COALESCE(_lines.c.total, 0), fn.COALESCE(_lines.c.tax, 0)
_LEFT = JOIN.LEFT_OUTER

# (kind, a query listing the rows that break the rule, how to say each one). Each runs in
# one pass over its tables: no subquery per row (tests/core/test_checks.py reads the plans).
INVARIANTS: tuple[tuple[str, builder.Query, str], ...] = (
    (
        "order totals",
        Orders.select(Orders.number, Orders.total_cents, _total, Orders.total_tax_cents, _tax)
        .join(_lines, _LEFT, on=(_lines.c.key == Orders.id))
        .where(
            (Orders.total_cents != _total)
            | (Orders.total_tax_cents != _tax)
            | (Orders.total_excl_cents != Orders.total_cents - Orders.total_tax_cents)
        ),
        "{0} says {1} (tax {3}) but its lines add up to {2} (tax {4})",
    ),
    (
        "on hand",
        Products.select(Products.sku, Products.on_hand, fn.COALESCE(_moves.c.s, 0))
        .join(_moves, _LEFT, on=(_moves.c.key == Products.id))
        .where(Products.on_hand != fn.COALESCE(_moves.c.s, 0)),
        "{0} shows {1} on hand but its movements add up to {2}",
    ),
    (
        "reserved",
        Products.select(Products.sku, Products.reserved, fn.COALESCE(_held.c.q, 0))
        .join(_held, _LEFT, on=(_held.c.key == Products.id))
        .where(Products.reserved != fn.COALESCE(_held.c.q, 0)),
        "{0} shows {1} reserved but its open orders hold {2}",
    ),
    (
        "numbers",
        Orders.select(_year, fn.COUNT(SQL("*")), _seq)
        .group_by(_year)
        .having(fn.COUNT(SQL("*")) != _seq),
        "year {0} has {1} orders but numbers run to {2}: a gap or a duplicate",
    ),
    (
        "counter",
        Sequences.select(Sequences.name, Sequences.last_value, fn.COALESCE(_seq, 0))
        .join(Orders, _LEFT, on=(_year == _counter_year))
        .where(Sequences.name.startswith(COUNTER_PREFIX))  # invoices' and credit notes': below
        .group_by(Sequences.name, Sequences.last_value)
        .having(Sequences.last_value != fn.COALESCE(_seq, 0)),
        "{0} is at {1} but the last order number is {2}",
    ),
    (
        "number form",
        # Six digits a year, seven past 999,999 (gestco.domain.order_numbers). LIKE, not
        # peewee's ILIKE: a server's LIKE tells case apart.
        Orders.select(Orders.number).where(
            functools.reduce(
                operator.and_,
                [Expression(Orders.number, "NOT LIKE", form) for form in _number_forms],
            )
        ),
        "{0} is not an order number of the form CMD-YYYY-NNNNNN",
    ),
    (
        "phone",
        # E.164: '+' then 8 to 15 ASCII digits. ltrim(x, '0123456789') is '' exactly when x
        # holds only ASCII digits, on SQLite and on PostgreSQL alike (no GLOB, no regex).
        Clients.select(
            Clients.id, Clients.first_name.concat(" ").concat(Clients.last_name), Clients.phone
        ).where(
            ~fn.LENGTH(Clients.phone).between(9, 16)
            | (fn.SUBSTR(Clients.phone, 1, 1) != "+")
            | (fn.LTRIM(fn.SUBSTR(Clients.phone, 2), "0123456789") != "")
        ),
        "client {0} ({1}) has the phone {2!r}, which is not + then 8 to 15 digits (E.164):"
        " correct it on the client's card",
    ),
    (
        "status",
        Orders.select(Orders.number, Orders.status).where(Orders.status.not_in(STATUSES)),
        "{0} has the unknown status {1}",
    ),
    (
        "history",
        # The last change of every order in one grouped pass. A subquery per order (the
        # first version) ran once per joined row on PostgreSQL: 100,000 orders, over 10 min.
        Orders.select(Orders.number, Orders.status, fn.COALESCE(_h.to_status, "nothing"))
        .join(_last, _LEFT, on=(_last.c.key == Orders.id))
        .join(_h, _LEFT, on=(_h.id == _last.c.id))
        .where(_h.to_status.is_null() | (_h.to_status != Orders.status)),
        "{0} is {1} but its history ends in {2}",
    ),
    *DOCUMENT_INVARIANTS,  # payments, invoices, credit notes
    *FIGURE_INVARIANTS,  # the daily figures equal the orders
)


def run_checks() -> list[str]:
    problems: list[str] = []
    if not binding.is_postgres():  # the file's own checks; a server enforces its keys itself
        integrity = [r[0] for r in raw_sql.fetch_all("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems += [f"integrity: {line}" for line in integrity]
            return problems  # a damaged file: the queries below cannot be trusted
        problems += _listed(
            "foreign key",
            raw_sql.fetch_all("PRAGMA foreign_key_check"),
            "{0} row {1} points to a missing {2}",
        )
    for title, query, describe in INVARIANTS:
        problems += _listed(title, builder.rows(query), describe)
    return problems
