"""What WooCommerce's CSV exports and its REST API's JSON share: a line's amounts (WooCommerce
keeps them without tax: subtotal before discounts, total after, each with its tax), the
payment state, the parcel's address."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from gestco.domain.errors import ValidationError
from gestco.domain.money import MAX_PRICE_CENTS, divide_rounded
from gestco.imports import status_maps, values
from gestco.imports.assembly import Cell, Checks, Draft
from gestco.imports.records import ImportedLine

LINE_FIELDS = ("name", "sku", "quantity", "subtotal", "subtotal_tax", "total", "total_tax")


def line(
    checks: Checks,
    n: int,
    cells: Mapping[str, Cell],
    *,
    decimal_mark: str,
    rate_of: Callable[[int, int], int | None] | None = None,
) -> ImportedLine | None:
    """A line from its cells (keys of LINE_FIELDS). GESTCO's unit price is tax-inclusive:
    (subtotal + its tax) / quantity, to the cent; the discount is what the coupons took off
    (subtotal with tax minus total with tax). `rate_of(base, tax)` may name the rate."""
    before = len(checks.problems)

    def amount(key: str) -> int:
        cell = cells.get(key, (key, ""))
        return checks.read(
            n,
            cell,
            lambda v: values.amount_cents(
                v or "0", field=cell[0], decimal_mark=decimal_mark, rounded=True
            ),
            0,
        )

    sku_cell = cells.get("sku", ("sku", ""))
    qty_cell = cells.get("quantity", ("quantity", ""))
    sku = checks.read(n, sku_cell, lambda v: values.sku(v, field=sku_cell[0]), "")
    quantity = checks.read(
        n, qty_cell, lambda v: values.quantity(v, field=qty_cell[0], decimal_mark=decimal_mark), 1
    )
    total, total_tax = amount("total"), amount("total_tax")
    has_subtotal = bool(cells.get("subtotal", ("", ""))[1] not in ("", None))
    subtotal = amount("subtotal") if has_subtotal else total
    subtotal_tax = amount("subtotal_tax") if has_subtotal else total_tax
    gross_before, gross_after = subtotal + subtotal_tax, total + total_tax
    unit = divide_rounded(gross_before, quantity)
    if unit > MAX_PRICE_CENTS:
        checks.fail(
            n,
            ValidationError(
                cells.get("total", ("total", ""))[0],
                "A price is at most {limit}: check the amount.",
                limit=MAX_PRICE_CENTS // 100,
            ),
        )
    rate = rate_of(total or subtotal, total_tax or subtotal_tax) if rate_of else None
    if rate is None:
        rate = values.rate_from_amounts(subtotal or total, subtotal_tax or total_tax)
    if len(checks.problems) > before:
        return None
    return ImportedLine(
        sku=sku,
        description=checks.text(n, cells.get("name", ("name", "")), 200),
        quantity=quantity,
        unit_price_cents=unit,
        tax_rate_bp=rate,
        discount_cents=max(0, unit * quantity - gross_after),
        line_number=n,
    )


def apply_status(draft: Draft, cell: Cell) -> None:
    column, raw = cell
    status, payment = draft.checks.read(
        draft.line_number,
        cell,
        lambda v: status_maps.woocommerce_status(str(v or ""), field=column),
        ("pending", "unpaid"),
    )
    draft.status, draft.payment_status = status, payment
    draft.source_status = str(raw or "")


def settle_refunds(draft: Draft) -> None:
    """A refund of part of a paid order leaves it partially refunded."""
    if draft.refunded_cents and draft.payment_status == "paid":
        whole = draft.total_cents is not None and draft.refunded_cents >= draft.total_cents
        draft.payment_status = "refunded" if whole else "partially_refunded"


def parcel_address(parts: list[object]) -> str:
    """Name, company, street lines, 'postcode city', country: one per line, blanks left out."""
    *head, postcode, city, country = parts
    town = " ".join(str(p).strip() for p in (postcode, city) if p and str(p).strip())
    lines = [*head, town, country]
    return "\n".join(str(p).strip() for p in lines if p and str(p).strip())
