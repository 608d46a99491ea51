"""WooCommerce's REST API orders (GET /wp-json/wc/v3/orders, saved as a JSON list): id,
number, status, date_created(_gmt), billing{}, shipping{}, line_items[], tax_lines[],
shipping_lines[], fee_lines[], refunds[]. Amounts are text ('12.50') or numbers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import tzinfo
from typing import Any

from gestco.domain.errors import ValidationError
from gestco.domain.money import MAX_LINES
from gestco.imports import values, woocommerce
from gestco.imports.assembly import Cell, Checks, ClientCells, Draft, read_client
from gestco.imports.json_stream import objects
from gestco.imports.records import ImportedOrder, ImportProblem, TaxAmount


def read(
    items: Iterable[tuple[int, Any] | ImportProblem], *, region: str, tz: tzinfo | None
) -> Iterator[ImportedOrder | ImportProblem]:
    for item in objects(items):
        if isinstance(item, ImportProblem):
            yield item
        else:
            yield from _order(*item, region, tz).results()


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _rates(tax_lines: list[Any]) -> dict[object, int]:
    """rate_id -> bp, from rate_percent (WooCommerce 3.7 and later)."""
    rates: dict[object, int] = {}
    for tax in tax_lines:
        tax = _dict(tax)
        try:
            rate = values.rate_bp(tax.get("rate_percent"), field="rate_percent")
        except ValidationError:
            rate = None
        if rate is not None and "rate_id" in tax:
            rates[tax["rate_id"]] = rate
    return rates


def _order(line: int, data: dict[str, Any], region: str, tz: tzinfo | None) -> Draft:
    ident = data.get("id")
    external_id = str(ident) if isinstance(ident, int | str) and str(ident).strip() else ""
    checks = Checks(external_id)
    number = data.get("number")
    shown = str(number) if isinstance(number, int | str) and str(number).strip() else external_id
    draft = Draft("woocommerce", external_id, shown, line, checks, channel="online")
    if not external_id:
        checks.fail(line, ValidationError("id", "This order has no id: is it a REST export?"))

    def amount(path: str, value: object) -> int:
        return checks.read(
            line,
            (path, value),
            lambda v: values.amount_cents(v or "0", field=path, negative=True, rounded=True),
            0,
        )

    gmt = data.get("date_created_gmt")
    if isinstance(gmt, str) and gmt and not gmt.endswith("Z"):
        gmt += "Z"  # the _gmt field is UTC without saying so
    date: Cell = ("date_created_gmt", gmt) if gmt else ("date_created", data.get("date_created"))
    draft.created_at = checks.read(
        line, date, lambda v: values.moment(v, field=date[0], tz=tz), None
    )
    woocommerce.apply_status(draft, ("status", data.get("status")))
    billing, shipping = _dict(data.get("billing")), _dict(data.get("shipping"))
    draft.client = read_client(checks, line, _client(billing, shipping), region)
    parcel = woocommerce.parcel_address(
        [
            " ".join(str(shipping.get(k) or "") for k in ("first_name", "last_name")).strip(),
            *(shipping.get(k) for k in ("company", "address_1", "address_2", "postcode", "city")),
            shipping.get("country"),
        ]
    )
    draft.shipping_address = (
        checks.text(line, ("shipping", parcel), 500, multiline=True) or draft.client.postal_address
    )
    draft.notes = checks.text(line, ("customer_note", data.get("customer_note")), 2000, True)
    draft.currency = checks.text(line, ("currency", data.get("currency")), 3).upper()
    draft.shipping_cents = amount("shipping_total", data.get("shipping_total")) + amount(
        "shipping_tax", data.get("shipping_tax")
    )
    draft.fees_cents = sum(
        amount(f"fee_lines[{i}].total", _dict(fee).get("total"))
        + amount(f"fee_lines[{i}].total_tax", _dict(fee).get("total_tax"))
        for i, fee in enumerate(_list(data.get("fee_lines")))
    )
    draft.refunded_cents = abs(
        sum(
            amount(f"refunds[{i}].total", _dict(refund).get("total"))
            for i, refund in enumerate(_list(data.get("refunds")))
        )
    )
    draft.total_cents = amount("total", data.get("total")) if "total" in data else None
    tax_lines = _list(data.get("tax_lines"))
    draft.taxes = tuple(
        TaxAmount(
            checks.text(line, (f"tax_lines[{i}].label", _dict(t).get("label")), 100),
            _rates([t]).get(_dict(t).get("rate_id")),
            amount(f"tax_lines[{i}].tax_total", _dict(t).get("tax_total"))
            + amount(f"tax_lines[{i}].shipping_tax_total", _dict(t).get("shipping_tax_total")),
        )
        for i, t in enumerate(tax_lines)
    )
    woocommerce.settle_refunds(draft)
    rates = _rates(tax_lines)
    items = _list(data.get("line_items"))
    if len(items) > MAX_LINES:
        checks.fail(line, ValidationError("lines", "An order has at most {n} lines.", n=MAX_LINES))
        items = items[: MAX_LINES + 1]
    for index, entry in enumerate(items):
        entry = _dict(entry)
        cells = {
            key: (f"line_items[{index}].{key}", entry.get(key, ""))
            for key in woocommerce.LINE_FIELDS
        }
        used = [
            t for t in _list(entry.get("taxes")) if _dict(t).get("total") not in ("", "0", None)
        ]
        known = [rates.get(_dict(t).get("id")) for t in used]

        def rate_of(base: int, tax: int, known: list[int | None] = known) -> int | None:
            # The line's own taxes, by rate id; several at once (compound taxes) add up.
            return sum(r for r in known if r is not None) if known and None not in known else None

        item = woocommerce.line(checks, line, cells, decimal_mark=".", rate_of=rate_of)
        if item is not None:
            draft.lines.append(item)
    return draft


def _client(billing: dict[str, Any], shipping: dict[str, Any]) -> ClientCells:
    def cell(side: dict[str, Any], name: str, key: str) -> Cell:
        return f"{name}.{key}", side.get(key, "")

    return ClientCells(
        phones=(cell(billing, "billing", "phone"), cell(shipping, "shipping", "phone")),
        email=cell(billing, "billing", "email"),
        first_name=cell(billing, "billing", "first_name"),
        last_name=cell(billing, "billing", "last_name"),
        company=cell(billing, "billing", "company"),
        address=(cell(billing, "billing", "address_1"), cell(billing, "billing", "address_2")),
        postal_code=cell(billing, "billing", "postcode"),
        city=cell(billing, "billing", "city"),
        country=cell(billing, "billing", "country"),
    )
