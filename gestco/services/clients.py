"""Clients: identify by phone, record, edit, search, and a client's orders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from email_validator import EmailNotValidError, validate_email

from gestco.domain.change_areas import reports_changes
from gestco.domain.errors import ConflictError, NotFoundError, ValidationError
from gestco.domain.permissions import Permission
from gestco.domain.phones import parse_phone, phone_prefix, phone_region
from gestco.domain.records import (
    MAX_ID,
    Client,
    ClientInput,
    ClientMatch,
    ClientStats,
    OrderRow,
    UsualProduct,
    is_row_id,
)
from gestco.domain.staff import Actor
from gestco.domain.text import PREFIX_END, clean, search_key, search_text
from gestco.domain.timestamps import from_text, now, to_text
from gestco.services import session
from gestco.services.audit_trail import record_changes
from gestco.services.settings import region
from gestco.storage import builder, raw_sql, transactions, write_rules
from gestco.storage.builder import fn
from gestco.storage.change_notices import bump
from gestco.storage.models import Clients, OrderLines, Orders, Products
from gestco.storage.names import Alias, columns, table
from gestco.storage.prepared import Prepared

CLIENT_FIELDS = (
    Clients.id,
    Clients.phone,
    Clients.first_name,
    Clients.last_name,
    Clients.email,
    Clients.address,
    Clients.postal_code,
    Clients.city,
    Clients.country,
    Clients.notes,
    Clients.created_at,
    Clients.updated_at,
    Clients.version,
)  # in the order of the Client record's fields
# The row of every orders list (order_row makes it an OrderRow), through the builder, and
# by hand for the big table's pages (gestco.queries says why).
ORDER_ROW_FIELDS = (
    Orders.id,
    Orders.number,
    Orders.created_at,
    Orders.client,
    Clients.first_name,
    Clients.last_name,
    Clients.phone,
    Orders.channel,
    Orders.status,
    Orders.shipping_date,
    Orders.total_cents,
    Orders.source,
    Orders.external_number,
    Orders.paid_cents,
)
_CLIENT_BY_PHONE = Prepared(
    lambda e164: Clients.select(*CLIENT_FIELDS).where(Clients.phone == e164)
)
_CLIENT_BY_ID = Prepared(lambda id_: Clients.select(*CLIENT_FIELDS).where(Clients.id == id_))
_o, _c = Alias(Orders, "o"), Alias(Clients, "c")
ORDER_ROW_SQL = (
    f"SELECT {', '.join((_o if f.model is Orders else _c)(f) for f in ORDER_ROW_FIELDS)}"
    f" FROM {_o.table} JOIN {_c.table} ON {_c.id} = {_o.client} "
)

# The suggestions under the phone field, computed at each keystroke, are written by hand:
# 0.014 ms a search, where peewee's builder spends about 0.1 ms writing the SQL each time
# (README, Speed). Index range reads only: clients_phone; clients_search_last and _first.
_MATCH = columns(Clients.id, Clients.phone, Clients.first_name, Clients.last_name, Clients.city)
_PHONE, _LAST, _FIRST = (
    f.column_name for f in (Clients.phone, Clients.search_last, Clients.search_first)
)
PHONE_SEARCH_SQL = (
    f"SELECT {_MATCH} FROM {table(Clients)} WHERE {_PHONE} >= ? AND {_PHONE} < ?"
    f" ORDER BY {_PHONE} LIMIT ?"
)
NAME_SEARCH_SQL = (
    f"SELECT {_MATCH} FROM ("
    f" SELECT * FROM (SELECT {_MATCH}, {_LAST} AS k FROM {table(Clients)}"
    f"  WHERE {_LAST} >= ? AND {_LAST} < ? ORDER BY {_LAST} LIMIT ?) by_last"
    f" UNION ALL SELECT * FROM (SELECT {_MATCH}, {_FIRST} AS k FROM {table(Clients)}"
    f"  WHERE {_FIRST} >= ? AND {_FIRST} < ? ORDER BY {_FIRST} LIMIT ?) by_first"
    # a client matched by both names once: the list holds `limit` clients, not fewer
    f") matches GROUP BY {_MATCH} ORDER BY min(k), {Clients.id.column_name} LIMIT ?"
)


def _client(row: tuple[Any, ...]) -> Client:
    values = list(row)
    values[10] = from_text(values[10])
    values[11] = from_text(values[11])
    return Client(*values)


_datetime = datetime.fromisoformat
_date = date.fromisoformat


def order_row(row: tuple[Any, ...]) -> OrderRow:
    """A row selected with ORDER_ROW_SQL -> OrderRow (shared by every orders list).
    Positional on purpose: this runs 200 times a page."""
    (id_, number, created, client_id, first, last, phone, channel, status, ship, total, source,
     external, paid) = row  # fmt: skip
    name = f"{first} {last}" if first and last else first or last
    return OrderRow(
        id_,
        number,
        _datetime(created),
        client_id,
        name,
        phone,
        channel,
        status,
        _date(ship),
        total,
        source,
        external,
        paid,
    )


MAX_MATCHES = 1000  # suggestions a search returns at most, whatever the caller asks


def identify(phone: str) -> Client | None:
    """The client with this phone (any common writing), or None. Bad numbers raise."""
    e164 = parse_phone(phone, region())
    row = _CLIENT_BY_PHONE.first_row(e164)
    return _client(row) if row else None


def get_client(client_id: int) -> Client:
    if not is_row_id(client_id):
        raise NotFoundError("This client no longer exists.")
    row = _CLIENT_BY_ID.first_row(client_id)
    if row is None:
        raise NotFoundError("This client no longer exists.")
    return _client(row)


def _validated(data: ClientInput) -> dict[str, str]:
    if not isinstance(data, ClientInput):
        raise ValidationError("client", "Client details are missing.")
    shop_region = region()
    values = {
        "phone": parse_phone(data.phone, shop_region),
        "first_name": clean(data.first_name, field="first_name", max_length=100),
        "last_name": clean(data.last_name, field="last_name", max_length=100),
        "address": clean(data.address, field="address", max_length=300, multiline=True),
        "postal_code": clean(data.postal_code, field="postal_code", max_length=20),
        "city": clean(data.city, field="city", max_length=100),
        "notes": clean(data.notes, field="notes", max_length=2000, multiline=True),
    }
    if not values["first_name"] and not values["last_name"]:
        raise ValidationError("last_name", "Enter the client's name (last name or first name).")
    country = clean(data.country, field="country", max_length=2).upper()
    if country and not (len(country) == 2 and country.isascii() and country.isalpha()):
        raise ValidationError(
            "country", "Enter the country as a two-letter code, such as MA or FR."
        )
    # A blank country is the phone's (a +33 number lives in France), else the shop's.
    values["country"] = country or phone_region(values["phone"], shop_region) or shop_region
    email = clean(data.email, field="email", max_length=254)
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError:
            raise ValidationError(
                "email", "This e-mail address is not valid: it looks like name@example.com."
            ) from None
    values["email"] = email
    values["search_last"] = search_key(values["last_name"], values["first_name"])
    values["search_first"] = search_key(values["first_name"], values["last_name"])
    return values


def _phone_owner(e164: str) -> tuple[int, str] | None:
    owner = Clients.select(Clients.id, Clients.first_name, Clients.last_name)
    row = builder.first_row(owner.where(Clients.phone == e164))
    return (int(row[0]), f"{row[1]} {row[2]}".strip()) if row else None


def _phone_taken(owner: tuple[int, str]) -> ValidationError:
    return ValidationError("phone", "This number already belongs to {name}.", name=owner[1])


# The fields of a client the audit trail follows (a replay of them gives the row).
AUDITED = (
    "phone",
    "first_name",
    "last_name",
    "email",
    "address",
    "postal_code",
    "city",
    "country",
    "notes",
)


def _audit(actor: Actor, before: Client | None, after: Client) -> None:
    record_changes(
        actor,
        kind="client",
        entity="clients",
        record_id=after.id,
        label=after.phone,
        before=None if before is None else {name: getattr(before, name) for name in AUDITED},
        after={name: getattr(after, name) for name in AUDITED},
    )


@write_rules.retried  # the same new phone saved at once elsewhere: the re-run names its holder
@reports_changes
def create_client(data: ClientInput) -> Client:
    """Record a new client (counter and up), as the signed-in operator."""
    actor = session.require(Permission.CLIENT_CREATE)
    values = _validated(data)
    stamp = to_text(now())
    with transactions.atomic():
        owner = _phone_owner(values["phone"])
        if owner:
            raise _phone_taken(owner)
        bump("clients")
        new_id = Clients.insert(**values, created_at=stamp, updated_at=stamp).execute()
        created = get_client(int(new_id))
        _audit(actor, None, created)
    return created


@write_rules.retried
@reports_changes
def update_client(
    client_id: int, data: ClientInput, *, expected_version: int | None = None
) -> Client:
    """Save edited details. With `expected_version`, refuse to overwrite someone else's save."""
    actor = session.require(Permission.CLIENT_EDIT)
    if isinstance(client_id, bool) or not isinstance(client_id, int):
        raise NotFoundError("This client no longer exists.")
    values = _validated(data)
    if not is_row_id(client_id):
        raise NotFoundError("This client no longer exists.")
    with transactions.atomic():
        builder.lock(Clients, [client_id])
        current = get_client(client_id)
        if builder.value(Clients.select(Clients.anonymised_at).where(Clients.id == client_id)):
            raise ValidationError(
                "client", "This client was anonymised: their details can no longer change."
            )
        if expected_version is not None and current.version != expected_version:
            raise ConflictError(
                "Someone else changed this client in the meantime: their version is shown, "
                "check it and make your change again."
            )
        owner = _phone_owner(values["phone"])
        if owner and owner[0] != client_id:
            raise _phone_taken(owner)
        bump("clients")
        changed = Clients.update(**values, updated_at=to_text(now()), version=Clients.version + 1)
        changed.where(Clients.id == client_id).execute()
        saved = get_client(client_id)
        _audit(actor, current, saved)
    return saved


def search_clients(text: str, *, limit: int = 20) -> list[ClientMatch]:
    """Clients whose phone starts with the typed digits (any writing) or whose first or last
    name starts with the typed text. Index range scans only: fast at any size."""
    typed = search_text(text)
    if not typed or limit <= 0:
        return []  # nothing typed, or a character no client can hold (a lone surrogate)
    limit = min(limit, MAX_MATCHES)
    text = typed
    prefix = phone_prefix(text, region())
    if prefix is not None:
        rows = raw_sql.fetch_all(PHONE_SEARCH_SQL, (prefix, prefix + PREFIX_END, limit))
    else:
        key = search_key(text)
        if not key:
            return []
        bounds = (key, key + PREFIX_END, limit)
        rows = raw_sql.fetch_all(NAME_SEARCH_SQL, (*bounds, *bounds, limit))
    seen: set[int] = set()
    matches = []
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            matches.append(ClientMatch(*row))
    return matches


def client_orders(client_id: int, *, limit: int | None = None) -> list[OrderRow]:
    """A client's orders, newest first."""
    if not is_row_id(client_id):
        return []
    query = (
        Orders.select(*ORDER_ROW_FIELDS)
        .join(Clients, on=(Clients.id == Orders.client))
        .where(Orders.client == client_id)
        .order_by(Orders.created_at.desc(), Orders.id.desc())
    )
    if limit is not None:
        query = query.limit(max(0, min(limit, MAX_ID)))
    return [order_row(r) for r in builder.rows(query)]


# The one rule for what a sum of orders adds up, wherever it is shown (the orders table's
# total, a client's "spent"): every order is listed and counted; a cancelled order's total
# is not summed. orders_status_total covers it (no table read).
SUMMED_STATUSES_SQL = f"{_o.status} <> 'cancelled'"


def count_and_sum_where(where: str, params: Sequence[Any]) -> tuple[int, int]:
    """(orders, sum of their totals by the rule above) for `FROM orders o{where}`."""
    row = raw_sql.fetch_one(
        f"SELECT count(*), coalesce(sum(CASE WHEN {SUMMED_STATUSES_SQL} THEN {_o.total_cents}"
        f" END), 0) FROM {_o.table}{where}",
        list(params),
    )
    assert row is not None
    return int(row[0]), int(row[1])


USUAL_PRODUCTS = 3


def client_stats(client_id: int) -> ClientStats:
    """Orders count, total spent (the summing rule: cancelled orders count for nothing), last
    order time, the average basket of the orders summed and the usual products (the three
    bought in the largest quantities over the orders summed; ties by SKU)."""
    if not is_row_id(client_id):
        raise NotFoundError("This client no longer exists.")
    count, spent = count_and_sum_where(f" WHERE {_o.client} = ?", (client_id,))
    summed = Orders.client == client_id, Orders.status != "cancelled"
    last = builder.value(Orders.select(fn.MAX(Orders.created_at)).where(Orders.client == client_id))
    baskets = int(builder.value(Orders.select(fn.COUNT(Orders.id)).where(*summed)) or 0)
    quantity = fn.SUM(OrderLines.quantity)
    usual = (
        OrderLines.select(Products.sku, Products.name, quantity)
        .join(Orders, on=(Orders.id == OrderLines.order))
        .join(Products, on=(Products.id == OrderLines.product))
        .where(*summed)
        .group_by(Products.id, Products.sku, Products.name)
        .order_by(quantity.desc(), Products.sku)
        .limit(USUAL_PRODUCTS)
    )
    products = tuple(UsualProduct(sku, name, int(q)) for sku, name, q in builder.rows(usual))
    average = (spent + baskets // 2) // baskets if baskets else 0  # to the nearest cent
    return ClientStats(count, spent, from_text(last), average, products)
