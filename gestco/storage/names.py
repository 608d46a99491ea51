"""Table and column names for the SQL still written by hand (on a measured hot path, each
saying its figure), taken from the models so the schema is written only there."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import peewee


class Alias:
    """A table under an alias: `o = Alias(Order, "o")`, then f"{o.status} = ?" is
    "o.status = ?", `o.table` is "orders o", `o.client` the foreign key's column
    (o.client_id). A name the model does not have fails when the SQL is written."""

    def __init__(self, model: type[peewee.Model], alias: str) -> None:
        self._model = model
        self._alias = alias
        self.table = f"{model._meta.table_name} {alias}"

    def __call__(self, field: peewee.Field) -> str:
        """The name of one of the model's fields: o(Orders.status) is "o.status"."""
        assert field.model is self._model, field
        return f"{self._alias}.{field.column_name}"

    def __getattr__(self, name: str) -> str:
        meta = self._model._meta
        field = meta.fields.get(name) or meta.columns.get(name)
        if field is None:
            raise AttributeError(f"{meta.table_name} has no column {name}")
        return f"{self._alias}.{field.column_name}"


def columns(*fields: peewee.Field) -> str:
    """'id, phone, …': bare column names, for a statement on one table."""
    return ", ".join(field.column_name for field in fields)


def table(model: type[peewee.Model]) -> str:
    return str(model._meta.table_name)


def fields_of(model: type[peewee.Model], *, but: Sequence[str] = ()) -> list[peewee.Field]:
    """The table's fields in their column order, but those named in `but`."""
    return [field for field in model._meta.sorted_fields if field.name not in but]


def insert_sql(model: type[peewee.Model], fields: Sequence[peewee.Field] | None = None) -> str:
    """'INSERT INTO t (a, b) VALUES (?, ?)' for a bulk load: every column, or `fields`."""
    fields = fields_of(model) if fields is None else fields
    marks = ", ".join("?" * len(fields))
    return f"INSERT INTO {table(model)} ({columns(*fields)}) VALUES ({marks})"


def update_sql(model: type[peewee.Model], *fields: peewee.Field) -> str:
    """'UPDATE t SET a = ?, b = ? WHERE id = ?' for a bulk update by id."""
    assignments = ", ".join(f"{field.column_name} = ?" for field in fields)
    key: Any = model._meta.primary_key
    return f"UPDATE {table(model)} SET {assignments} WHERE {key.column_name} = ?"


_PLAIN = peewee.SqliteDatabase(None)


def plain_sql(query: peewee.Query) -> tuple[str, list[Any]]:
    """A builder query's SQL and values with `?` placeholders, for a plain driver connection
    to a database other than the open one (sqlite3 on another file, raw_sql.raw_connection)."""
    sql, params = _PLAIN.get_sql_context().sql(query).query()
    return sql, list(params)
