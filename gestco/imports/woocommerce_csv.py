"""The CSV of WooCommerce's common order-export plugins (Customer/Order CSV Export and those
that copy its column keys): order_id, order_number, order_date, status, billing_*, shipping_*.
Line items come in one of four layouts, told by the header:
  - one row per item: item_name, item_sku, item_quantity, item_subtotal, item_total, … on
    rows repeating the order's cells, grouped by order_id;
  - numbered columns on the order's one row: item_1_sku, item_1_quantity, item_2_sku, …;
  - numbered coded cells: line_item_1 = 'name:Café|sku:CAF-250|quantity:2|total:20.00|tax:4.00';
  - one coded cell for all: line_items = 'name:…|sku:…|quantity:…|total:…;name:…'."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import tzinfo

from gestco.imports import values, woocommerce
from gestco.imports.assembly import Cell, Checks, ClientCells, Draft, read_client
from gestco.imports.grouping import Group, check_overflow, grouped, order_cell
from gestco.imports.records import ImportedOrder, ImportFileError, ImportProblem
from gestco.imports.table import Row, Table

_NUMBERED = re.compile(r"^item_(\d{1,3})_(\w+)$")
_CODED = re.compile(r"^line_item_(\d{1,3})$")
# Coded cells name the tax 'tax' (older exports) or 'total_tax'.
_CODED_KEYS = {"tax": "total_tax", "subtotal_tax": "subtotal_tax", "qty": "quantity"}


def looks_like(keys: Iterable[str]) -> bool:
    present = set(keys)
    return bool(present & {"order_id", "order_number"}) and bool(
        any(k.startswith(("billing_", "item_", "line_item")) for k in present)
    )


def _layout(table: Table) -> str:
    if table.has("item_sku", "item_name"):
        return "rows"
    if any(_NUMBERED.match(k) for k in table.keys):
        return "numbered"
    if any(_CODED.match(k) for k in table.keys):
        return "coded"
    if table.has("line_items"):
        return "coded_all"
    raise ImportFileError(
        "This WooCommerce export has no line items: choose a format that includes them"
        " (one row per item, or the items' columns)."
    )


def read(
    table: Table, *, region: str, tz: tzinfo | None, decimal_mark: str
) -> Iterator[ImportedOrder | ImportProblem]:
    key = "order_id" if table.has("order_id") else "order_number"
    layout = _layout(table)
    for group in grouped(table.rows(), lambda row: row.cells.get(key, ""), table.name(key)):
        if isinstance(group, ImportProblem):
            yield group
            continue
        yield from _order(table, group, layout, region, tz, decimal_mark).results()


def _order(
    table: Table, group: Group, layout: str, region: str, tz: tzinfo | None, mark: str
) -> Draft:
    checks = Checks(group.key)
    first = group.rows[0]
    line = first.line_number

    def cell(key: str) -> Cell:
        if not table.has(key):
            return key, ""
        return order_cell(checks, table, group, key)

    def amount(*keys: str) -> int:
        total = 0
        for key in keys:
            column, raw = cell(key)

            def parse(value: object, column: str = column) -> int:
                return values.amount_cents(
                    value or "0", field=column, decimal_mark=mark, rounded=True
                )

            total += checks.read(
                line,
                (column, raw),
                parse,
                0,
            )
        return total

    number = str(cell("order_number_formatted")[1] or cell("order_number")[1] or group.key)
    draft = Draft("woocommerce", group.key, number, line, checks, channel="online")
    draft.last_line_number = group.rows[-1].line_number
    check_overflow(checks, group)
    date = cell("order_date")
    draft.created_at = checks.read(
        line, date, lambda v: values.moment(v, field=date[0], tz=tz), None
    )
    woocommerce.apply_status(draft, cell("status") if table.has("status") else cell("order_status"))
    draft.client = read_client(checks, line, _client(cell), region)
    draft.shipping_address = (
        checks.text(line, ("shipping_address_1", _parcel(cell)), 500, multiline=True)
        or draft.client.postal_address
    )
    draft.notes = checks.text(line, cell("customer_note"), 2000, multiline=True)
    draft.currency = checks.text(line, cell("order_currency"), 3).upper()
    draft.shipping_cents = amount("shipping_total", "shipping_tax_total")
    draft.fees_cents = amount("fee_total", "fee_tax_total")
    draft.refunded_cents = abs(amount("refunded_total"))
    draft.total_cents = amount("order_total") if table.has("order_total") else None
    woocommerce.settle_refunds(draft)
    for n, cells in _items(table, group, layout):
        item = woocommerce.line(checks, n, cells, decimal_mark=mark)
        if item is not None:
            draft.lines.append(item)
    return draft


def _client(cell: Callable[[str], Cell]) -> ClientCells:
    return ClientCells(
        phones=(cell("billing_phone"), cell("shipping_phone")),
        email=cell("billing_email"),
        first_name=cell("billing_first_name"),
        last_name=cell("billing_last_name"),
        full_name=cell("billing_full_name"),
        company=cell("billing_company"),
        address=(cell("billing_address_1"), cell("billing_address_2")),
        postal_code=cell("billing_postcode"),
        city=cell("billing_city"),
        country=cell("billing_country"),
    )


def _parcel(cell: Callable[[str], Cell]) -> str:
    keys = ("first_name", "last_name", "company", "address_1", "address_2", "postcode", "city")
    parts = [cell(f"shipping_{k}")[1] for k in (*keys, "country")]
    name = " ".join(str(p) for p in parts[:2] if p)
    return woocommerce.parcel_address([name, *parts[2:]])


def _items(table: Table, group: Group, layout: str) -> Iterator[tuple[int, dict[str, Cell]]]:
    """(line in the file, the item's cells by woocommerce.LINE_FIELDS key)."""
    if layout == "rows":
        for row in group.rows:
            yield row.line_number, _row_item(table, row)
        return
    row = group.rows[0]
    if layout == "numbered":
        numbered: dict[int, dict[str, Cell]] = {}
        for key in table.keys:
            match = _NUMBERED.match(key)
            if match and row.cells.get(key):
                field = {"qty": "quantity", "tax": "total_tax"}.get(match[2], match[2])
                numbered.setdefault(int(match[1]), {})[field] = (table.name(key), row.cells[key])
        for index in sorted(numbered):
            if numbered[index].get("sku") or numbered[index].get("quantity"):
                yield row.line_number, numbered[index]
        return
    if layout == "coded":
        coded = sorted(
            (int(m[1]), key)
            for key in table.keys
            if (m := _CODED.match(key)) and row.cells.get(key)  # a short row lacks it
        )
        for _, key in coded:
            yield row.line_number, _decoded(table.name(key), row.cells[key])
        return
    for part in row.cells.get("line_items", "").split(";"):
        if part.strip():
            yield row.line_number, _decoded(table.name("line_items"), part)


def _row_item(table: Table, row: Row) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    for field in woocommerce.LINE_FIELDS:
        for key in (f"item_{field}", "item_tax" if field == "total_tax" else ""):
            if key and table.has(key) and (field not in cells or not cells[field][1]):
                cells[field] = (table.name(key), row.cells.get(key, ""))
    return cells


def _decoded(column: str, text: str) -> dict[str, Cell]:
    """'name:Café|sku:CAF-250|quantity:2|total:20.00' -> the item's cells."""
    cells: dict[str, Cell] = {}
    for pair in text.split("|"):
        name, _, value = pair.partition(":")
        field = _CODED_KEYS.get(name.strip().casefold(), name.strip().casefold())
        if field in woocommerce.LINE_FIELDS:
            cells[field] = (f"{column} {field}", value.strip())
    return cells
