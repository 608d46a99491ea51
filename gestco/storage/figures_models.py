"""The daily figures, v10 (issue 20): the orders summed per day, kept in the transaction of
every write that changes an order (gestco.storage.daily_figures), so the manager's figures
over a year read a few thousand rows instead of half a million orders. Part of the schema
(storage.schema's DATA_MODELS); `gestco check` proves them equal to the orders.

At 1,000,000 orders, figures() over this year took 9.2-10 s summed from the orders, 30 days
2.7-3.3 s (README, Speed). Each table's key is a unique index (the upsert's conflict target).
A row whose sums all went back to zero stays (a later order of that day reuses it).
"""

from __future__ import annotations

import peewee

from gestco.storage.columns import BaseModel, RowId, integer, text


class DailySales(BaseModel):
    """The orders validated on `day` (the first ten characters of validated_at, the shop's
    date) through one channel, from one source, created by one operator (the first status
    change's changed_by). `orders` counts them all, `cancelled` the cancelled ones; the other
    sums count the orders not cancelled only: revenue incl. and excl. tax, items (units),
    what line discounts took off, and what is still owed (never below zero an order)."""

    id = RowId()
    day = text()
    channel = text()
    source = text()
    operator = text()
    orders = integer(0)
    cancelled = integer(0)
    revenue_cents = integer(0)
    revenue_excl_cents = integer(0)
    items = integer(0)
    discounts_cents = integer(0)
    due_cents = integer(0)

    class Meta:
        table_name = "daily_sales"


class DailyProducts(BaseModel):
    """The units and revenue (lines' totals incl. tax) of `product` in the orders validated
    on `day` that are not cancelled."""

    id = RowId()
    day = text()
    product = integer()  # a product's id (no foreign key: the figures never stop a cleanup)
    quantity = integer(0)
    revenue_cents = integer(0)

    class Meta:
        table_name = "daily_products"


class DailyStatuses(BaseModel):
    """How many of the orders created on `day` are in `status` now."""

    id = RowId()
    day = text()
    status = text()
    orders = integer(0)

    class Meta:
        table_name = "daily_statuses"


def _unique(model: type[BaseModel], name: str, *fields: peewee.Field) -> None:
    model.add_index(peewee.ModelIndex(model, fields, unique=True, name=name))


_unique(
    DailySales,
    "daily_sales_key",
    DailySales.day,
    DailySales.channel,
    DailySales.source,
    DailySales.operator,
)
_unique(DailyProducts, "daily_products_key", DailyProducts.day, DailyProducts.product)
_unique(DailyStatuses, "daily_statuses_key", DailyStatuses.day, DailyStatuses.status)

DAILY_MODELS: tuple[type[BaseModel], ...] = (DailySales, DailyProducts, DailyStatuses)
