"""GESTCO's own order files (docs/import-format.md): CSV with one row per line, the order's
cells on its first row (or repeated), grouped by order_ref; or JSON, a list of orders each
with its client and lines. For what no shop exports: a call centre's spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import tzinfo
from typing import Any

from gestco.domain.errors import ValidationError
from gestco.domain.money import MAX_LINES
from gestco.imports import status_maps, values
from gestco.imports.assembly import Cell, Checks, ClientCells, Draft, read_client
from gestco.imports.grouping import Group, check_overflow, grouped, order_cell
from gestco.imports.json_stream import objects
from gestco.imports.records import ImportedLine, ImportedOrder, ImportFileError, ImportProblem
from gestco.imports.table import Table, header_key

# Canonical column -> the names accepted for it (English, then what a French spreadsheet
# says; accents do not matter, table.header_key). The client's are those of client files too.
CLIENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "phone": ("phone", "téléphone", "tel"),
    "email": ("email", "e-mail", "courriel"),
    "first_name": ("first_name", "prénom"),
    "last_name": ("last_name", "nom"),
    "address": ("address", "adresse"),
    "postal_code": ("postal_code", "code_postal", "code postal"),
    "city": ("city", "ville"),
    "country": ("country", "pays"),
}
COLUMNS: dict[str, tuple[str, ...]] = {
    "order_ref": ("order_ref", "référence", "ref"),
    "number": ("number", "numéro"),
    "created_at": ("created_at", "date"),
    "channel": ("channel", "canal"),
    "status": ("status", "statut"),
    "payment_status": ("payment_status", "paiement"),
    **CLIENT_COLUMNS,
    "shipping_address": ("shipping_address", "adresse_livraison", "adresse de livraison"),
    "notes": ("notes", "note", "remarques"),
    "shipping": ("shipping", "livraison", "frais_de_port", "frais de port"),
    "sku": ("sku", "article", "code_article"),
    "description": ("description", "désignation"),
    "quantity": ("quantity", "quantité", "qté"),
    "unit_price": ("unit_price", "prix_unitaire", "prix unitaire", "prix"),
    "discount": ("discount", "remise"),
    "tax_rate": ("tax_rate", "tva"),
}
ORDER_COLUMNS = (
    "number", "created_at", "channel", "status", "payment_status", "phone", "email",
    "first_name", "last_name", "address", "postal_code", "city", "country",
    "shipping_address", "notes", "shipping",
)  # fmt: skip
REQUIRED = ("order_ref", "sku", "quantity")


def resolve(table: Table) -> dict[str, str]:
    """Canonical column -> its key in this file, for the columns the file has."""
    found: dict[str, str] = {}
    for column, names in COLUMNS.items():
        for name in names:
            if table.has(header_key(name)):
                found[column] = header_key(name)
                break
    return found


def looks_like(keys: Iterable[str]) -> bool:
    present = set(keys)
    return any(header_key(name) in present for name in COLUMNS["order_ref"][:2]) and any(
        header_key(name) in present for name in COLUMNS["sku"]
    )


class _Reader:
    def __init__(self, *, region: str, tz: tzinfo | None, decimal_mark: str, channel: str):
        self.region, self.tz, self.mark, self.channel = region, tz, decimal_mark, channel

    def discount(self, checks: Checks, line: int, cell: Cell) -> tuple[int, int]:
        """(cents, bp): '2.50' is money off the line, '10%' a percentage."""
        column, raw = cell
        text = str(raw).strip() if raw is not None else ""
        if not text:
            return 0, 0
        if text.endswith("%"):
            rate = checks.read(line, cell, lambda v: values.rate_bp(str(v), field=column) or 0, 0)
            return 0, rate
        cents = values.amount_cents
        return checks.read(
            line, cell, lambda v: cents(v, field=column, decimal_mark=self.mark), 0
        ), 0

    def line(self, checks: Checks, line: int, cells: Mapping[str, Cell]) -> ImportedLine:
        mark = self.mark
        sku_cell, qty_cell = cells["sku"], cells["quantity"]
        price_cell, rate_cell = cells["unit_price"], cells["tax_rate"]
        discount_cents, discount_bp = self.discount(checks, line, cells["discount"])
        return ImportedLine(
            sku=checks.read(line, sku_cell, lambda v: values.sku(v, field=sku_cell[0]), ""),
            description=checks.text(line, cells["description"], max_length=200),
            quantity=checks.read(
                line,
                qty_cell,
                lambda v: values.quantity(v, field=qty_cell[0], decimal_mark=mark),
                1,
            ),
            unit_price_cents=checks.read(
                line,
                price_cell,
                lambda v: values.optional_cents(
                    v, field=price_cell[0], decimal_mark=mark, limit=10**9
                ),
                None,
            ),
            tax_rate_bp=checks.read(
                line, rate_cell, lambda v: values.rate_bp(v, field=rate_cell[0]), None
            ),
            discount_cents=discount_cents,
            discount_bp=discount_bp,
            line_number=line,
        )

    def order(self, draft: Draft, cells: Mapping[str, Cell], client: ClientCells) -> None:
        checks, line = draft.checks, draft.line_number
        date_cell = cells["created_at"]
        draft.external_number = checks.text(line, cells["number"], 40) or draft.external_id
        draft.created_at = checks.read(
            line, date_cell, lambda v: values.moment(v, field=date_cell[0], tz=self.tz), None
        )
        for name, table, default in (
            ("channel", status_maps.GESTCO_CHANNEL, self.channel),
            ("status", status_maps.GESTCO_STATUS, "pending"),
            ("payment_status", status_maps.GESTCO_PAYMENT, "unpaid"),
        ):
            column = cells[name][0]

            def code(
                raw: object, t: Mapping[str, str] = table, c: str = column, d: str = default
            ) -> str:
                return status_maps.gestco_code(t, str(raw or ""), field=c, default=d)

            setattr(draft, name, checks.read(line, cells[name], code, default))
        draft.source_status = str(cells["status"][1] or "")
        draft.client = read_client(checks, line, client, self.region)
        address = checks.text(line, cells["shipping_address"], 500, multiline=True)
        draft.shipping_address = address or draft.client.postal_address
        draft.notes = checks.text(line, cells["notes"], 2000, multiline=True)
        ship = cells["shipping"]
        draft.shipping_cents = checks.read(
            line,
            ship,
            lambda v: values.amount_cents(v or "0", field=ship[0], decimal_mark=self.mark),
            0,
        )


def client_cells(cells: Mapping[str, Cell]) -> ClientCells:
    """The client's cells among an order's (or a client file's row's), by canonical name."""
    return ClientCells(
        phones=(cells["phone"],),
        email=cells["email"],
        first_name=cells["first_name"],
        last_name=cells["last_name"],
        address=(cells["address"],),
        postal_code=cells["postal_code"],
        city=cells["city"],
        country=cells["country"],
    )


def read_csv(
    table: Table, *, region: str, tz: tzinfo | None, decimal_mark: str, channel: str
) -> Iterator[ImportedOrder | ImportProblem]:
    found = resolve(table)
    missing = [column for column in REQUIRED if column not in found]
    if missing:
        raise ImportFileError(
            "The file has no column {columns}: GESTCO's format needs order_ref, sku and"
            " quantity (docs/import-format.md).",
            columns=", ".join(missing),
        )
    reader = _Reader(region=region, tz=tz, decimal_mark=decimal_mark, channel=channel)
    ref_key = found["order_ref"]
    for group in grouped(table.rows(), lambda row: row.cells.get(ref_key, ""), table.name(ref_key)):
        if isinstance(group, ImportProblem):
            yield group
            continue
        yield from _csv_order(reader, table, found, group).results()


def _csv_order(reader: _Reader, table: Table, found: dict[str, str], group: Group) -> Draft:
    checks = Checks(group.key)
    first = group.rows[0]
    draft = Draft("file", group.key, group.key, first.line_number, checks)
    draft.last_line_number = group.rows[-1].line_number
    check_overflow(checks, group)

    def cell(column: str) -> Cell:
        key = found.get(column)
        if key is None:
            return column, ""
        if column in ORDER_COLUMNS:
            return order_cell(checks, table, group, key)
        return table.name(key), first.cells.get(key, "")

    cells = {column: cell(column) for column in COLUMNS if column in ORDER_COLUMNS}
    reader.order(draft, cells, client_cells(cells))
    for row in group.rows:
        line_cells = {
            column: (table.name(found[column]), row.cells.get(found[column], ""))
            if column in found
            else (column, "")
            for column in ("sku", "description", "quantity", "unit_price", "discount", "tax_rate")
        }
        draft.lines.append(reader.line(checks, row.line_number, line_cells))
    return draft


def read_json(
    items: Iterable[tuple[int, Any] | ImportProblem],
    *,
    region: str,
    tz: tzinfo | None,
    channel: str,
) -> Iterator[ImportedOrder | ImportProblem]:
    reader = _Reader(region=region, tz=tz, decimal_mark=".", channel=channel)
    for item in objects(items):
        if isinstance(item, ImportProblem):
            yield item
        else:
            yield from _json_order(reader, *item).results()


def _json_order(reader: _Reader, line: int, data: dict[str, Any]) -> Draft:
    ref = data.get("order_ref", "")
    checks = Checks(str(ref) if isinstance(ref, str | int) else "")
    draft = Draft("file", checks.order, checks.order, line, checks)
    if not checks.order:
        checks.fail(
            line,
            ValidationError("order_ref", "This order has no order_ref: every order needs one."),
        )
    found = data.get("client")
    client: dict[str, Any] = found if isinstance(found, dict) else {}
    cells: dict[str, Cell] = {name: (name, data.get(name, "")) for name in ORDER_COLUMNS}
    for name in ("phone", "email", "first_name", "last_name", "address", "postal_code", "city"):
        cells[name] = (f"client.{name}", client.get(name, ""))
    cells["country"] = ("client.country", client.get("country", ""))
    reader.order(draft, cells, client_cells(cells))
    lines = data.get("lines")
    if not isinstance(lines, list):
        checks.fail(line, ValidationError("lines", "This order has no lines."))
        return draft
    for index, item in enumerate(lines[: MAX_LINES + 1]):
        entry = item if isinstance(item, dict) else {}
        line_cells = {
            name: (f"lines[{index}].{name}", entry.get(name, ""))
            for name in ("sku", "description", "quantity", "unit_price", "discount", "tax_rate")
        }
        draft.lines.append(reader.line(checks, line, line_cells))
    return draft
