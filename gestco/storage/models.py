"""The schema: one peewee model per table, the single place it is written.

A new database is created from these models (`create_schema`); the steps of
gestco.storage.migrations bring every older file and server database to exactly the same schema,
and tests/storage/test_schema_matches_models.py compares the two on both engines. So a
model says what today's tables hold, down to what v1 wrote and later steps kept:

- every integer is 64-bit: SQLite's INTEGER is, and on a server they are BIGINT (v5);
  money is integer cents, rates basis points;
- defaults are the database's own (`DEFAULT ''`), so a row written by another tool gets
  them too; `default=` repeats them for rows peewee writes;
- a primary key is written as v1 wrote it, without NOT NULL (KeyMixin);
- every index is named and declared with its table's model, foreign keys make none of
  their own.

The staff's tables are in storage.staff_models, payments and invoices in
storage.money_models; storage.schema lists them all and writes the DDL.

Models are bound to the proxy `gestco.storage.binding.database`: queries run on whichever
database is open. They are named after their tables (Clients, Orders), so they never clash
with the frozen records the services return (gestco.domain.records' Client, Order). Add a
column or a table here and in a new migration step, never one without the other.
"""

from __future__ import annotations

import peewee

from gestco.domain.records import DEFAULT_TAX_BP
from gestco.storage.columns import BaseModel, RowId, TextKey, integer, refers_to, text


class Settings(BaseModel):
    key = TextKey(primary_key=True)
    value = text()

    class Meta:
        table_name = "settings"


class Sequences(BaseModel):
    """The yearly order counters (orders-YYYY), bumped in each order's transaction."""

    name = TextKey(primary_key=True)
    last_value = integer()

    class Meta:
        table_name = "sequences"


class ChangeCounters(BaseModel):
    """One counter per area, bumped by every write on SQLite (gestco.changes)."""

    area = TextKey(primary_key=True)
    n = integer()

    class Meta:
        table_name = "change_counters"


class Clients(BaseModel):
    id = RowId()
    phone = text()  # E.164
    first_name = text("")
    last_name = text("")
    email = text("")
    address = text("")
    postal_code = text("")
    city = text("")
    country = text("")
    notes = text("")
    created_at = text()
    updated_at = text()
    version = integer(1)
    search_last = text("")  # search_key(last, first): the name prefix search's index (v2)
    search_first = text("")
    # The relationship (v8): marketing consent (1/0) and when it was last given or withdrawn
    # ('' never asked); when the client was anonymised ('' never: gestco.services.client_rights).
    marketing_consent = integer(0)
    consent_at = text("")
    anonymised_at = text("")

    class Meta:
        table_name = "clients"


class Products(BaseModel):
    id = RowId()
    sku = text()
    name = text()
    unit_price_cents = integer(check="unit_price_cents >= 0")
    tax_rate_bp = integer(DEFAULT_TAX_BP, check="tax_rate_bp BETWEEN 0 AND 10000")
    on_hand = integer(0)
    reserved = integer(0)
    reorder_level = integer(0)
    active = integer(1)
    created_at = text()
    updated_at = text()
    name_key = text("")  # search_key(name) (v2)

    class Meta:
        table_name = "products"


class Orders(BaseModel):
    id = RowId()
    number = text()
    client = refers_to(Clients)
    channel = text()
    status = text()
    created_at = text()
    validated_at = text()
    shipping_date = text()
    shipped_at = text(null=True)
    delivered_at = text(null=True)
    shipping_address = text("")
    notes = text("")
    total_excl_cents = integer()
    total_tax_cents = integer()
    total_cents = integer()
    version = integer(1)
    updated_at = text()
    # Where an imported order came from (v7): '' for the counter's own orders, else
    # shopify, woocommerce or file; the source's id (unique per source) and the number
    # people call it; the status and payment state the source gave at the last import
    # (gestco.services.order_imports compares them with the next import).
    source = text("")
    external_id = text("")
    external_number = text("")
    imported_status = text("")
    payment_status = text("")  # the source's payment state; GESTCO's own: services.payments
    # What the shop received on the order, net of refunds: the sum of its payments, written
    # in each payment's transaction (v9) so the orders table shows and filters the balance
    # due (total_cents - paid_cents) without reading the payments; `gestco check` compares.
    paid_cents = integer(0)

    class Meta:
        table_name = "orders"


class OrderLines(BaseModel):
    id = RowId()
    order = refers_to(Orders)
    position = integer()
    product = refers_to(Products)
    description = text()
    quantity = integer(check="quantity > 0")
    unit_price_cents = integer(check="unit_price_cents >= 0")
    discount_bp = integer(0, check="discount_bp BETWEEN 0 AND 10000")
    tax_rate_bp = integer()
    total_cents = integer()
    tax_cents = integer()

    class Meta:
        table_name = "order_lines"


class StatusChanges(BaseModel):
    id = RowId()
    order = refers_to(Orders)
    from_status = text(null=True)
    to_status = text()
    changed_at = text()
    changed_by = text()
    note = text("")
    approved_by = text("")  # the manager whose PIN approved the change (v6)

    class Meta:
        table_name = "status_changes"


class StockMovements(BaseModel):
    id = RowId()
    product = refers_to(Products)
    kind = text()
    on_hand_delta = integer()
    reserved_delta = integer()
    order = refers_to(Orders, null=True)
    reason = text("")
    created_at = text()
    created_by = text()

    class Meta:
        table_name = "stock_movements"


class Imports(BaseModel):
    """Every import of a file (v7): what was read (its name and SHA-256), by whom, where and
    when, the format, what it found (new, updated, unchanged, conflicts, errors), and
    whether it was a dry run and whether it wrote anything (an all-or-nothing import with
    errors writes nothing). Only ever inserted."""

    id = RowId()
    at = text()
    operator = text()
    workstation = text("")
    kind = text()  # orders, clients
    file_name = text()
    sha256 = text()
    format = text()
    dry_run = integer(0)
    valid_only = integer(0)
    applied = integer(0)
    new_count = integer(0)
    updated_count = integer(0)
    unchanged_count = integer(0)
    conflict_count = integer(0)
    error_count = integer(0)

    class Meta:
        table_name = "imports"


class Tags(BaseModel):
    """A word clients are grouped by ("grossiste", "VIP") (v8): `name` as first typed,
    `name_key` (domain.relationship.tag_key: NFKC, case-folded) unique."""

    id = RowId()
    name = text()
    name_key = text()
    created_at = text()

    class Meta:
        table_name = "tags"


class ClientTags(BaseModel):
    """Which client has which tag (v8): one row a pair."""

    id = RowId()
    client = refers_to(Clients)
    tag = refers_to(Tags)
    created_at = text()

    class Meta:
        table_name = "client_tags"


class ClientNotes(BaseModel):
    """A client's timeline (v8): a note, a call, a visit or a message, who and when. Only
    inserted by the services (a correction is a new note); anonymising blanks `body`."""

    id = RowId()
    client = refers_to(Clients)
    at = text()
    kind = text()
    body = text()
    operator = text()
    workstation = text("")

    class Meta:
        table_name = "client_notes"


class SchemaMeta(BaseModel):
    """A server's schema version (SQLite keeps it in the file header, PRAGMA user_version)."""

    key = TextKey(primary_key=True)
    value = peewee.BigIntegerField(null=True)

    class Meta:
        table_name = "gestco_meta"


def _index(
    model: type[BaseModel],
    name: str,
    *fields: peewee.Field,
    unique: bool = False,
    where: peewee.Node | None = None,
) -> None:
    model.add_index(peewee.ModelIndex(model, fields, unique=unique, name=name, where=where))


# The indexes, each named as the step that made it named it. Why each exists is said where
# it was made (gestco.migrations) and where it is used (gestco.queries).
_index(Clients, "clients_phone", Clients.phone, unique=True)
_index(Clients, "clients_search_last", Clients.search_last)
_index(Clients, "clients_search_first", Clients.search_first)
_index(Products, "products_sku", Products.sku, unique=True)
_index(Products, "products_name_key", Products.name_key)
_index(Orders, "orders_number", Orders.number, unique=True)
_index(Orders, "orders_created", Orders.created_at, Orders.id)
_index(Orders, "orders_status", Orders.status, Orders.created_at, Orders.id)
_index(Orders, "orders_total", Orders.total_cents, Orders.id)
_index(Orders, "orders_shipping", Orders.shipping_date, Orders.id)
_index(Orders, "orders_channel", Orders.channel, Orders.created_at)
_index(Orders, "orders_client", Orders.client, Orders.created_at, Orders.status, Orders.channel)
_index(Orders, "orders_status_total", Orders.status, Orders.total_cents)
_index(Orders, "orders_status_shipping", Orders.status, Orders.shipping_date)
# Imported orders only (partial: the counter's orders, source '', are in neither): the
# source's id is unique per source, and the text filter finds an external number.
_index(
    Orders,
    "orders_external",
    Orders.source,
    Orders.external_id,
    unique=True,
    where=peewee.SQL("source <> ''"),
)
_index(Orders, "orders_external_number", Orders.external_number, where=peewee.SQL("source <> ''"))
_index(OrderLines, "order_lines_order", OrderLines.order, OrderLines.position)
_index(StatusChanges, "status_changes_order", StatusChanges.order)
_index(StockMovements, "stock_movements_product", StockMovements.product)
_index(Imports, "imports_at", Imports.at, Imports.id)
_index(Imports, "imports_sha256", Imports.sha256)
_index(Tags, "tags_name_key", Tags.name_key, unique=True)
_index(ClientTags, "client_tags_client", ClientTags.client, ClientTags.tag, unique=True)
_index(ClientTags, "client_tags_tag", ClientTags.tag, ClientTags.client)
_index(ClientNotes, "client_notes_client", ClientNotes.client, ClientNotes.at, ClientNotes.id)
