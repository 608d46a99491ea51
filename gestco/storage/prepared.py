"""Queries written once by peewee's builder and kept as SQL, for the hot single-row reads
and the few writes every order makes.

Writing a query's SQL costs the builder about 0.25 ms each time: an order found by number
with its lines and history took 0.86 ms through it, 0.05 ms as raw SQL, 0.04 ms with the
SQL kept (1,000,000 orders, this 2-core machine; README, Speed). So these few queries are
still written with the builder, from the models, but their SQL is made once per engine and
run again with new values. The same holds for the writes each order makes (its stock
movements, the operator's check): creating an order went from 937 orders/s before the
builder to 162/s with it, 5.9 ms an order, most of it writing SQL (a 5,000-order demo,
this 2-core machine, 2026-12-02).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import peewee

from gestco.storage import raw_sql
from gestco.storage.binding import is_postgres


class _Argument(str):
    """A value that stands for an argument while the SQL is written: text no caller passes,
    which every field's conversion leaves as it is (text stays text, int() fails on it)."""

    __slots__ = ()


class Prepared:
    """`Prepared(lambda phone: Clients.select(...).where(Clients.phone == phone))`, then
    `.first_row(phone)` or `.rows(phone)`: the builder's query, its SQL written once."""

    def __init__(self, build: Callable[..., peewee.Query], *, arity: int | None = None) -> None:
        """`arity`: how many arguments `build` takes, when it takes them as *args."""
        self._build = build
        self._arity = len(inspect.signature(build).parameters) if arity is None else arity
        self._written: dict[bool, tuple[str, list[Any]]] = {}  # per engine: PostgreSQL or not

    def _sql(self, args: tuple[Any, ...]) -> tuple[str, list[Any]]:
        written = self._written.get(is_postgres())
        if written is None:
            stand_ins = [_Argument(f"\x00argument {i}\x00") for i in range(self._arity)]
            sql, params = self._build(*stand_ins).sql()
            slots = {stand_in: i for i, stand_in in enumerate(stand_ins)}
            # each parameter: the position of the argument it stands for, or a constant
            template = [(slots[p], None) if p in slots else (None, p) for p in params]
            if sorted(i for i, _ in template if i is not None) != list(range(self._arity)):
                raise ValueError(f"each argument must appear once in the query: {sql}")
            written = self._written[is_postgres()] = (sql, template)
        sql, template = written
        return sql, [constant if i is None else args[i] for i, constant in template]

    def rows(self, *args: Any) -> list[tuple[Any, ...]]:
        return raw_sql.built_rows(*self._sql(args))

    def first_row(self, *args: Any) -> tuple[Any, ...] | None:
        return raw_sql.built_first_row(*self._sql(args))

    def execute(self, *args: Any) -> int:
        """A write (INSERT, UPDATE) inside the caller's transaction: the rows it changed."""
        return raw_sql.built_execute(*self._sql(args))
