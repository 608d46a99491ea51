"""Queries written with peewee's query builder over the models, and how they run.

The services, checks and tools write their queries here with the models and this
vocabulary (fn, SQL, JOIN…), so that only storage imports peewee; they run through the same
read path as the hand-written SQL (gestco.storage.raw_sql: a read repeated once after a lost
server connection). Writes run with the query's own `.execute()`, inside the caller's
transaction (gestco.storage.transactions.atomic).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

import peewee
from peewee import JOIN, SQL, Case, Cast, Expression, Field, Model, ModelSelect, Query, fn

from gestco.storage import raw_sql, write_rules
from gestco.storage.binding import database, is_postgres

__all__ = [
    "JOIN",
    "SQL",
    "Case",
    "Cast",
    "Expression",
    "Field",
    "Model",
    "ModelSelect",
    "Query",
    "every_row",
    "first_row",
    "fn",
    "iterate",
    "lock",
    "locked",
    "rows",
    "value",
]

Row = TypeVar("Row", bound=peewee.Model)
every_row = fn.COUNT(SQL("*"))  # count(*): peewee's .count() wraps the query (17 ms at 1M)


def rows(query: Query) -> list[tuple[Any, ...]]:
    """The query's rows as tuples."""
    return raw_sql.built_rows(*query.sql())


def first_row(query: Query) -> tuple[Any, ...] | None:
    return raw_sql.built_first_row(*query.sql())


def value(query: Query) -> Any:
    """The first column of the query's first row (None when there is no row)."""
    row = first_row(query)
    return row[0] if row else None


def iterate(query: Query, batch: int = 2000) -> Iterator[tuple[Any, ...]]:
    """The query's rows, fetched `batch` at a time (a whole table, streamed)."""
    sql, params = query.sql()
    cursor = database.execute_sql(sql, params)
    while found := cursor.fetchmany(batch):
        yield from found


def locked(query: ModelSelect[Row], ids: Sequence[int]) -> ModelSelect[Row]:
    """`query`, a select of rows of one table by their ids, locking them in the one lock
    order (gestco.storage.write_rules: checked here). SQLite's BEGIN IMMEDIATE already
    serialises writers; on PostgreSQL's READ COMMITTED the rows are locked FOR NO KEY UPDATE,
    which the foreign-key checks of other writers' inserts (KEY SHARE) do not wait for."""
    model = query.model
    write_rules.check_lock(model._meta.table_name, ids)
    query = query.order_by(model._meta.primary_key)
    if not is_postgres():
        return query
    return query.for_update("FOR NO KEY UPDATE")  # type: ignore[arg-type]  # peewee takes it


def lock(model: type[peewee.Model], ids: Sequence[int]) -> None:
    """Lock rows of `model`'s table the transaction is about to change (see locked)."""
    if ids:
        key: Any = model._meta.primary_key
        rows(locked(model.select(key).where(key.in_(list(ids))), ids))
        write_rules.locked_now(model._meta.table_name, list(ids))
