"""Shopify's orders export (Orders > Export > CSV): one row per line item, the order's cells
on its first row only, rows grouped by Name. Columns were added over the years, so any
subset of the known header is read; the order needs Name, Lineitem sku and Lineitem
quantity. Status and payment: status_maps.shopify_status, SHOPIFY_PAYMENT."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import tzinfo

from gestco.domain.errors import ValidationError
from gestco.imports import status_maps, values
from gestco.imports.assembly import Cell, Checks, ClientCells, Draft, read_client
from gestco.imports.grouping import Group, check_overflow, grouped, order_cell
from gestco.imports.records import (
    ImportedLine,
    ImportedOrder,
    ImportFileError,
    ImportProblem,
    TaxAmount,
)
from gestco.imports.shopify_taxes import TaxedLine, gross, line_rates, rate_in_name
from gestco.imports.table import Row, Table


def looks_like(keys: Iterable[str]) -> bool:
    present = set(keys)
    return "name" in present and bool(
        present & {"lineitem sku", "lineitem quantity", "financial status"}
    )


class _Order:
    """One order's rows being read."""

    def __init__(self, table: Table, group: Group, region: str, tz: tzinfo | None, mark: str):
        self.table, self.group, self.region, self.tz, self.mark = table, group, region, tz, mark
        self.checks = Checks(group.key)
        self.line = group.rows[0].line_number

    def cell(self, key: str) -> Cell:
        if not self.table.has(key):
            return key, ""
        return order_cell(self.checks, self.table, self.group, key)

    def amount(self, key: str, *, negative: bool = False) -> int:
        cell = self.cell(key)
        mark = self.mark
        return self.checks.read(
            self.line,
            cell,
            lambda v: values.amount_cents(
                v or "0", field=cell[0], decimal_mark=mark, negative=negative
            ),
            0,
        )

    def word(self, key: str, known: Iterable[str]) -> str:
        column, raw = self.cell(key)
        word = str(raw).strip().casefold().replace(" ", "_")
        if word and word not in known:
            self.checks.fail(
                self.line,
                ValidationError(
                    column,
                    "Unknown value {value}: use one of {known}.",
                    value=raw,
                    known=", ".join(known),
                ),
                value=raw,
            )
            return ""
        return word

    def client(self) -> ClientCells:
        def street(side: str) -> tuple[Cell, ...]:
            if self.table.has(f"{side} address1"):
                return self.cell(f"{side} address1"), self.cell(f"{side} address2")
            return (self.cell(f"{side} street"),)

        billing = (
            "billing"
            if self.cell("billing name")[1] or not self.table.has("shipping name")
            else "shipping"
        )
        return ClientCells(
            phones=(self.cell("billing phone"), self.cell("shipping phone"), self.cell("phone")),
            email=self.cell("email"),
            full_name=self.cell(f"{billing} name"),
            company=self.cell(f"{billing} company"),
            address=street(billing),
            postal_code=self.cell(f"{billing} zip"),
            city=self.cell(f"{billing} city"),
            country=self.cell(f"{billing} country"),
            marketing_consent=values.flag(self.cell("accepts marketing")[1]),
        )

    def shipping_address(self) -> str:
        parts: list[object] = [self.cell(k)[1] for k in ("shipping name", "shipping company")]
        if self.table.has("shipping address1"):
            parts += [self.cell("shipping address1")[1], self.cell("shipping address2")[1]]
        else:
            parts.append(self.cell("shipping street")[1])
        zip_code = values.unquoted(str(self.cell("shipping zip")[1]))
        parts += [" ".join(str(p) for p in (zip_code, self.cell("shipping city")[1]) if p)]
        parts.append(self.cell("shipping country")[1])
        text = "\n".join(str(p).strip() for p in parts if p and str(p).strip())
        return self.checks.text(self.line, ("Shipping Address1", text), 500, multiline=True)

    def taxes(self) -> tuple[TaxAmount, ...]:
        found = []
        for n in range(1, 6):
            name = self.checks.text(self.line, self.cell(f"tax {n} name"), 100)
            if name:
                found.append(TaxAmount(name, rate_in_name(name), self.amount(f"tax {n} value")))
        return tuple(found)


def read(
    table: Table, *, region: str, tz: tzinfo | None, decimal_mark: str
) -> Iterator[ImportedOrder | ImportProblem]:
    key = "name"
    missing = [k for k in (key, "lineitem sku", "lineitem quantity") if not table.has(k)]
    if missing:
        raise ImportFileError(
            "The file has no column {columns}: is it Shopify's orders export?",
            columns=", ".join(k.capitalize() for k in missing),
        )
    for group in grouped(table.rows(), lambda row: row.cells.get(key, ""), table.name(key)):
        if isinstance(group, ImportProblem):
            yield group
        else:
            yield from _draft(_Order(table, group, region, tz, decimal_mark)).results()


def _draft(order: _Order) -> Draft:
    checks, line, group = order.checks, order.line, order.group
    # Name ('#1001'), not Id: every export since the first has Name on every row, Id only
    # recent ones on the first; the same order exported both ways is the same order.
    draft = Draft("shopify", group.key, group.key, line, checks, channel="online")
    draft.last_line_number = group.rows[-1].line_number
    check_overflow(checks, group)
    date_cell = order.cell("created at")
    draft.created_at = checks.read(
        line, date_cell, lambda v: values.moment(v, field=date_cell[0], tz=order.tz), None
    )
    financial = order.word("financial status", tuple(status_maps.SHOPIFY_PAYMENT))
    fulfillment = order.word("fulfillment status", status_maps.SHOPIFY_FULFILLMENT)
    cancelled = bool(order.cell("cancelled at")[1])
    draft.status = status_maps.shopify_status(
        cancelled=cancelled, financial=financial, fulfillment=fulfillment
    )
    draft.source_status = " / ".join(
        p for p in (financial, fulfillment, "cancelled" * cancelled) if p
    )
    draft.payment_status = status_maps.SHOPIFY_PAYMENT.get(financial, "unpaid")
    draft.client = read_client(checks, line, order.client(), order.region)
    draft.shipping_address = order.shipping_address() or draft.client.postal_address
    draft.notes = checks.text(line, order.cell("notes"), 2000, multiline=True)
    draft.currency = checks.text(line, order.cell("currency"), 3).upper()
    draft.refunded_cents = order.amount("refunded amount")
    draft.taxes = order.taxes()
    _lines(order, draft)
    return draft


def _line(order: _Order, row: Row) -> tuple[ImportedLine, bool]:
    """A row's line as written (prices as the file has them) and whether it is taxable."""
    checks, table, mark, n = order.checks, order.table, order.mark, row.line_number

    def cell(key: str) -> Cell:
        return table.name(key), row.cells.get(key, "")

    sku, qty, price, discount = (
        cell(k)
        for k in ("lineitem sku", "lineitem quantity", "lineitem price", "lineitem discount")
    )
    line = ImportedLine(
        sku=checks.read(n, sku, lambda v: values.sku(v, field=sku[0]), ""),
        description=checks.text(n, cell("lineitem name"), 200),
        quantity=checks.read(
            n, qty, lambda v: values.quantity(v, field=qty[0], decimal_mark=mark), 1
        ),
        unit_price_cents=checks.read(
            n,
            price,
            lambda v: values.optional_cents(v, field=price[0], decimal_mark=mark, limit=10**9),
            None,
        ),
        tax_rate_bp=None,
        discount_cents=checks.read(
            n,
            discount,
            lambda v: values.amount_cents(v or "0", field=discount[0], decimal_mark=mark),
            0,
        ),
        line_number=n,
    )
    return line, values.flag(row.cells.get("lineitem taxable", "true")) is not False


def _lines(order: _Order, draft: Draft) -> None:
    checks, table = order.checks, order.table
    read = [_line(order, row) for row in order.group.rows]
    lines = [line for line, _ in read]
    shipping = order.amount("shipping")
    draft.discount_cents = max(
        0, order.amount("discount amount") - sum(i.discount_cents for i in lines)
    )
    subtotal, taxes_total, total = (order.amount(k) for k in ("subtotal", "taxes", "total"))
    draft.total_cents = total if table.has("total") else None
    # Prices with tax included (the usual in Morocco and Europe) unless the totals say the
    # taxes were added on top: Total = Subtotal + Shipping + Taxes.
    included = not (taxes_total and abs(total - (subtotal + shipping + taxes_total)) <= 1)
    bases = [
        TaxedLine(i.quantity * (i.unit_price_cents or 0) - i.discount_cents, taxable)
        for i, taxable in read
    ]
    if draft.taxes:
        rates = line_rates(bases, draft.taxes, shipping_cents=shipping, included=included)
    elif table.has("taxes") and not taxes_total:
        rates = [0] * len(lines)  # the file says: no tax on this order
    else:
        rates = [None] * len(lines)
    lines_tax = 0
    for item, rate, base in zip(lines, rates, bases, strict=True):
        if included or item.unit_price_cents is None:
            draft.lines.append(replace(item, tax_rate_bp=rate))
        elif rate is None:
            checks.fail(
                item.line_number,
                ValidationError(
                    table.name("lineitem price"),
                    "The prices of this order are without tax and the file does not say"
                    " which tax applies to this line: enter the order by hand.",
                ),
            )
        else:
            lines_tax += gross(base.base_cents, rate) - base.base_cents
            draft.lines.append(
                replace(
                    item,
                    unit_price_cents=gross(item.unit_price_cents, rate),
                    discount_cents=gross(item.discount_cents, rate),
                    tax_rate_bp=rate,
                )
            )
    # Without tax in the prices, the shipping's own tax is what the lines' leave over.
    shipping_tax = 0 if included else min(shipping, max(0, taxes_total - lines_tax))
    draft.shipping_cents = shipping + shipping_tax
