"""peewee tables. Only the core uses them; screens get dataclasses from gestco.domain.

The schema itself is created by gestco.migrations; these classes mirror it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import peewee as pw

from gestco.db import database

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"


def now() -> datetime:
    """Local wall-clock time to the second: what the shop's clock says."""
    return datetime.now().replace(microsecond=0)


def to_text(value: datetime) -> str:
    return value.strftime(TIMESTAMP_FORMAT)


def from_text(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class TimestampField(pw.TextField):
    """'YYYY-MM-DD HH:MM:SS' text: sorts as time, reads the same from raw SQL."""

    def db_value(self, value: Any) -> Any:
        return to_text(value) if isinstance(value, datetime) else value

    def python_value(self, value: Any) -> Any:
        return from_text(value)


class DayField(pw.TextField):
    def db_value(self, value: Any) -> Any:
        return value.isoformat() if isinstance(value, date) else value

    def python_value(self, value: Any) -> Any:
        return date.fromisoformat(value) if value else None


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class Client(BaseModel):
    phone = pw.TextField(unique=True)
    first_name = pw.TextField(default="")
    last_name = pw.TextField(default="")
    search_last = pw.TextField(default="")
    search_first = pw.TextField(default="")
    email = pw.TextField(default="")
    address = pw.TextField(default="")
    postal_code = pw.TextField(default="")
    city = pw.TextField(default="")
    country = pw.TextField(default="")
    notes = pw.TextField(default="")
    created_at = TimestampField()
    updated_at = TimestampField()
    version = pw.IntegerField(default=1)

    class Meta:
        table_name = "clients"


class Product(BaseModel):
    sku = pw.TextField(unique=True)
    name = pw.TextField()
    name_key = pw.TextField(default="")
    unit_price_cents = pw.IntegerField()
    tax_rate_bp = pw.IntegerField(default=2000)
    on_hand = pw.IntegerField(default=0)
    reserved = pw.IntegerField(default=0)
    reorder_level = pw.IntegerField(default=0)
    active = pw.BooleanField(default=True)
    created_at = TimestampField()
    updated_at = TimestampField()

    class Meta:
        table_name = "products"


class Order(BaseModel):
    number = pw.TextField(unique=True)
    client = pw.ForeignKeyField(Client, backref="orders", column_name="client_id")
    channel = pw.TextField()
    status = pw.TextField()
    created_at = TimestampField()
    validated_at = TimestampField()
    shipping_date = DayField()
    shipped_at = TimestampField(null=True)
    delivered_at = TimestampField(null=True)
    shipping_address = pw.TextField(default="")
    notes = pw.TextField(default="")
    total_excl_cents = pw.IntegerField()
    total_tax_cents = pw.IntegerField()
    total_cents = pw.IntegerField()
    version = pw.IntegerField(default=1)
    updated_at = TimestampField()

    class Meta:
        table_name = "orders"


class OrderLine(BaseModel):
    order = pw.ForeignKeyField(Order, backref="lines", column_name="order_id")
    position = pw.IntegerField()
    product = pw.ForeignKeyField(Product, column_name="product_id")
    description = pw.TextField()
    quantity = pw.IntegerField()
    unit_price_cents = pw.IntegerField()
    discount_bp = pw.IntegerField(default=0)
    tax_rate_bp = pw.IntegerField()
    total_cents = pw.IntegerField()
    tax_cents = pw.IntegerField()

    class Meta:
        table_name = "order_lines"


class StatusChange(BaseModel):
    order = pw.ForeignKeyField(Order, backref="history", column_name="order_id")
    from_status = pw.TextField(null=True)
    to_status = pw.TextField()
    changed_at = TimestampField()
    changed_by = pw.TextField()
    note = pw.TextField(default="")

    class Meta:
        table_name = "status_changes"


class StockMovement(BaseModel):
    product = pw.ForeignKeyField(Product, column_name="product_id")
    kind = pw.TextField()
    on_hand_delta = pw.IntegerField()
    reserved_delta = pw.IntegerField()
    order = pw.ForeignKeyField(Order, null=True, column_name="order_id")
    reason = pw.TextField(default="")
    created_at = TimestampField()
    created_by = pw.TextField()

    class Meta:
        table_name = "stock_movements"


class Sequence(BaseModel):
    name = pw.TextField(primary_key=True)
    last_value = pw.IntegerField()

    class Meta:
        table_name = "sequences"


class Setting(BaseModel):
    key = pw.TextField(primary_key=True)
    value = pw.TextField()

    class Meta:
        table_name = "settings"
