"""A client's data rights (Moroccan law 09-08, the GDPR): everything GESTCO holds about one
client, exported as JSON or CSV; and anonymising a client.

Anonymising replaces who the client is and keeps what the shop sold: the name becomes
"Anonyme", the phone a placeholder (+999 and the client's id: +999 is no country's code, so
the number stays unique, is E.164 for the schema and `gestco check`, and no clerk can ever
type it), the e-mail, address, postal code, city and notes are emptied, and so are the
shipping addresses of their orders and the text of their timeline. Orders, their lines,
totals and history stay, and so do the client's figures. It is irreversible: GESTCO keeps
no copy of what it erased. The audit trail records that it happened, who did it and the
new values; its rows for these fields have no old value, on purpose (the trail is
append-only: a value written there could never be erased again). The trail's rows written
before, about the client's earlier changes, stay as they were (README, "The client
relationship").
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from gestco.domain.change_areas import reports_changes
from gestco.domain.errors import NotFoundError, ValidationError
from gestco.domain.money import format_cents
from gestco.domain.permissions import Permission
from gestco.domain.records import Client, is_row_id
from gestco.domain.text import search_key
from gestco.domain.timestamps import now, to_text
from gestco.services import session
from gestco.services.audit_trail import record_changes
from gestco.services.clients import client_stats, get_client, identify
from gestco.services.export import refuse_data_file
from gestco.services.orders import get_order_by_id
from gestco.services.relationship import relationship, timeline
from gestco.storage import binding, builder, transactions, write_rules
from gestco.storage.change_notices import bump
from gestco.storage.models import ClientNotes, Clients, Orders
from gestco.storage.staff_models import AuditRow
from gestco.workstation.atomic_file import write_beside

FORMAT_NAME = "gestco-client-data"
FORMAT_VERSION = 1
FORMATS = ("json", "csv")
ANONYMOUS_NAME = "Anonyme"
PLACEHOLDER_PREFIX = "+999"  # no country's calling code (ITU: reserved)
# The fields anonymising replaces, and with what (the phone: placeholder_phone).
ERASED = ("first_name", "last_name", "email", "address", "postal_code", "city", "notes")


def placeholder_phone(client_id: int) -> str:
    """'+999' and the id on 11 digits: 14 digits, unique per client, never a real number."""
    return f"{PLACEHOLDER_PREFIX}{client_id:011d}"


def client_by_phone(phone: str) -> Client:
    """The client this phone identifies (any writing); a bad number, or nobody, refused."""
    client = identify(phone)
    if client is None:
        raise ValidationError("phone", "No client has this number.")
    return client


# --- export ----------------------------------------------------------------------------------


def _money(cents: int) -> str:
    return format_cents(int(cents))


def _when(value: Any) -> str | None:
    return None if value is None else value.isoformat(sep=" ")


def client_data(client_id: int) -> dict[str, Any]:
    """Everything GESTCO holds about one client, as plain data (managers and up, as every
    export): details, consent, tags, timeline, figures, orders with their lines and
    history, and the audit trail's rows about the client, their notes and their orders."""
    actor = session.require(Permission.EXPORT)
    if not is_row_id(client_id):
        raise NotFoundError("This client no longer exists.")
    client = get_client(client_id)
    rel = relationship(client_id)
    stats = client_stats(client_id)
    order_ids = [
        int(r[0])
        for r in builder.rows(
            Orders.select(Orders.id).where(Orders.client == client_id).order_by(Orders.id)
        )
    ]
    notes = timeline(client_id, limit=100_000)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": to_text(now()),
        "exported_by": actor.username,
        "client": {
            "id": client.id,
            "phone": client.phone,
            "first_name": client.first_name,
            "last_name": client.last_name,
            "email": client.email,
            "address": client.address,
            "postal_code": client.postal_code,
            "city": client.city,
            "country": client.country,
            "notes": client.notes,
            "created_at": _when(client.created_at),
            "updated_at": _when(client.updated_at),
            "anonymised_at": _when(rel.anonymised_at),
        },
        "marketing_consent": {"given": rel.marketing_consent, "at": _when(rel.consent_at)},
        "tags": list(rel.tags),
        "timeline": [
            {"at": _when(n.at), "kind": n.kind, "text": n.text, "by": n.operator}
            for n in reversed(notes)  # oldest first, as every other list here
        ],
        "figures": {
            "orders": stats.orders_count,
            "spent": _money(stats.total_spent_cents),
            "average_basket": _money(stats.average_basket_cents),
            "last_order_at": _when(stats.last_order_at),
            "usual_products": [
                {"sku": p.sku, "name": p.name, "quantity": p.quantity} for p in stats.usual_products
            ],
        },
        "orders": [_order(get_order_by_id(order_id)) for order_id in order_ids],
        "audit": _audit_rows(client_id, [n.id for n in notes], order_ids),
    }


def _order(order: Any) -> dict[str, Any]:
    return {
        "number": order.number,
        "created_at": _when(order.created_at),
        "status": order.status,
        "channel": order.channel,
        "shipping_date": order.shipping_date.isoformat(),
        "shipped_at": _when(order.shipped_at),
        "delivered_at": _when(order.delivered_at),
        "shipping_address": order.shipping_address,
        "notes": order.notes,
        "total_excl": _money(order.total_excl_cents),
        "total_tax": _money(order.total_tax_cents),
        "total": _money(order.total_cents),
        "source": order.source,
        "external_number": order.external_number,
        "lines": [
            {
                "sku": line.sku,
                "description": line.description,
                "quantity": line.quantity,
                "unit_price": _money(line.unit_price_cents),
                "discount_bp": line.discount_bp,
                "tax_rate_bp": line.tax_rate_bp,
                "total": _money(line.total_cents),
                "tax": _money(line.tax_cents),
            }
            for line in order.lines
        ],
        "history": [
            {
                "at": _when(change.changed_at),
                "from": change.from_status,
                "to": change.to_status,
                "by": change.changed_by,
                "note": change.note,
                "approved_by": change.approved_by,
            }
            for change in order.history
        ],
    }


def _audit_rows(client_id: int, note_ids: list[int], order_ids: list[int]) -> list[dict]:
    about = (AuditRow.entity == "clients") & (AuditRow.record_id == str(client_id))
    for entity, ids in (("client_notes", note_ids), ("orders", order_ids)):
        if ids:
            about |= (AuditRow.entity == entity) & AuditRow.record_id.in_([str(i) for i in ids])
    query = AuditRow.select().where(about).order_by(AuditRow.id)
    return [
        {
            "at": row.at,
            "operator": row.operator,
            "workstation": row.workstation,
            "kind": row.kind,
            "entity": row.entity,
            "record_id": row.record_id,
            "field": row.field,
            "old_value": row.old_value,
            "new_value": row.new_value,
            "approved_by": row.approved_by,
            "note": row.note,
        }
        for row in query
    ]


def write_json(out: IO[str], data: dict[str, Any]) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


CSV_HEADER = ("section", "item", "field", "value")


def csv_rows(data: dict[str, Any]) -> Iterator[tuple[str, str, str, str]]:
    """The same data as one CSV: a row per value (section, which item in it, field, value);
    an order's lines and history are items `CMD-…/line 1`, `CMD-…/history 2`."""

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value)

    for name in ("format", "version", "exported_at", "exported_by"):
        yield ("export", "", name, cell(data[name]))
    for name, value in data["client"].items():
        yield ("client", "", name, cell(value))
    for name, value in data["marketing_consent"].items():
        yield ("marketing_consent", "", name, cell(value))
    for tag in data["tags"]:
        yield ("tags", "", "tag", tag)
    for i, note in enumerate(data["timeline"], start=1):
        for name, value in note.items():
            yield ("timeline", str(i), name, cell(value))
    for name, value in data["figures"].items():
        if name != "usual_products":
            yield ("figures", "", name, cell(value))
    for i, product in enumerate(data["figures"]["usual_products"], start=1):
        for name, value in product.items():
            yield ("usual_products", str(i), name, cell(value))
    for order in data["orders"]:
        number = order["number"]
        for name, value in order.items():
            if name not in ("lines", "history"):
                yield ("orders", number, name, cell(value))
        for part in ("lines", "history"):
            for i, item in enumerate(order[part], start=1):
                for name, value in item.items():
                    yield (
                        "orders",
                        f"{number}/{part[:-1] if part == 'lines' else part} {i}",
                        name,
                        cell(value),
                    )
    for i, row in enumerate(data["audit"], start=1):
        for name, value in row.items():
            yield ("audit", str(i), name, cell(value))


def write_csv(out: IO[str], data: dict[str, Any]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(data))


def write_client_data(target: str | Path, data: dict[str, Any], fmt: str) -> None:
    """Into `target`, written beside it and renamed at the end; never the shop's database,
    one of its files, or any database or backup (as every export)."""
    if fmt not in FORMATS:
        raise ValidationError("format", "Choose JSON or CSV.")
    target = Path(target)
    refuse_data_file(target, binding.database_path())
    write = write_json if fmt == "json" else write_csv
    with write_beside(target) as side:
        # CSV with a BOM: a spreadsheet reads it as UTF-8 (the shop's client may open it).
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        with open(side, "w", encoding=encoding, newline="") as out:
            write(out, data)


# --- anonymising -----------------------------------------------------------------------------


@write_rules.retried
@reports_changes
def anonymise_client(client_id: int) -> Client:
    """Erase who the client is (managers and up; irreversible: the caller has asked for
    confirmation). Their orders, totals and figures stay."""
    actor = session.require(Permission.CLIENT_ANONYMISE)
    if isinstance(client_id, bool) or not isinstance(client_id, int) or not is_row_id(client_id):
        raise NotFoundError("This client no longer exists.")
    stamp = to_text(now())
    with transactions.atomic():
        order_ids = [
            int(r[0])
            for r in builder.rows(
                Orders.select(Orders.id).where(Orders.client == client_id).order_by(Orders.id)
            )
        ]
        builder.lock(Orders, order_ids)  # the lock order: orders, then the client
        builder.lock(Clients, [client_id])
        get_client(client_id)  # gone meanwhile: NotFoundError
        if relationship(client_id).anonymised_at is not None:
            raise ValidationError("client", "This client is already anonymised.")
        phone = placeholder_phone(client_id)
        erased: dict[str, Any] = {name: "" for name in ERASED}
        erased["last_name"] = ANONYMOUS_NAME
        bump("clients", "orders")
        Clients.update(
            phone=phone,
            **erased,
            search_last=search_key(ANONYMOUS_NAME),
            search_first="",
            anonymised_at=stamp,
            updated_at=stamp,
            version=Clients.version + 1,
        ).where(Clients.id == client_id).execute()
        ClientNotes.update(body="").where(ClientNotes.client == client_id).execute()
        note = "anonymised: the former values are not kept"
        after = {"phone": phone, **erased, "anonymised_at": stamp}
        record_changes(
            actor,
            kind="client",
            entity="clients",
            record_id=client_id,
            label=phone,
            before={name: None for name in after},
            after=after,
            note=note,
        )
        for order_id in order_ids:
            order = get_order_by_id(order_id)
            if order.shipping_address:
                Orders.update(
                    shipping_address="", updated_at=stamp, version=Orders.version + 1
                ).where(Orders.id == order_id).execute()
                record_changes(
                    actor,
                    kind="order",
                    entity="orders",
                    record_id=order_id,
                    label=order.number,
                    before={"shipping_address": None},
                    after={"shipping_address": ""},
                    note=note,
                )
        return get_client(client_id)
