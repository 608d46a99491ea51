"""Order lines as keyed -> priced lines: catalogue checks, amounts by the core's rounding
rule, availability, and writing them. No transaction of its own: the order services call
these inside theirs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gestco.domain.errors import StockError, ValidationError
from gestco.domain.money import (
    MAX_LINES,
    MAX_ORDER_TOTAL_CENTS,
    check_quantity,
    line_amounts,
    order_totals,
    parse_cents,
    parse_rate,
)
from gestco.domain.records import LineInput, Product, available_to_order, is_row_id, short_lines
from gestco.services.settings import allow_oversell
from gestco.services.stock import get_products
from gestco.storage import binding
from gestco.storage.models import OrderLines


@dataclass(frozen=True, slots=True)
class PricedLine:
    product: Product
    quantity: int
    unit_price_cents: int
    discount_bp: int
    total_cents: int
    tax_cents: int
    tax_rate_bp: int  # the product's rate, or the one an imported file gives the line
    description: str  # the product's name, or the imported file's text for the line

    @property
    def amounts(self) -> tuple[int, int]:
        return self.total_cents, self.tax_cents


def _line_too_big(field: str) -> ValidationError:
    return ValidationError(
        field,
        "A line or an order totals at most {limit}: split it or check the amounts.",
        limit=MAX_ORDER_TOTAL_CENTS // 100,
    )


def priced_line(
    product: Product,
    quantity: int,
    *,
    unit_price_cents: int | None,
    discount_bp: int,
    field: str,
    tax_rate_bp: int | None = None,
    description: str = "",
) -> PricedLine:
    """One checked line of `product`: sold, amounts by the core's rounding rule (price with
    tax, discount, rate), within the limits. None: the catalogue's price or rate."""
    if not product.active:
        raise ValidationError(
            f"{field}.product", "{product} is no longer sold (inactive).", product=product.name
        )
    unit = product.unit_price_cents if unit_price_cents is None else unit_price_cents
    rate = product.tax_rate_bp if tax_rate_bp is None else tax_rate_bp
    total, tax = line_amounts(quantity, unit, discount_bp, rate)
    if total > MAX_ORDER_TOTAL_CENTS:
        raise _line_too_big(f"{field}.quantity")
    return PricedLine(
        product, quantity, unit, discount_bp, total, tax, rate, description or product.name
    )


def check_order_size(priced: Sequence[PricedLine]) -> None:
    """An order has a line at least, at most MAX_LINES, and a total within the limit."""
    if not priced:
        raise ValidationError("lines", "Add at least one product to the order.")
    if len(priced) > MAX_LINES:
        raise ValidationError("lines", "An order holds at most {n} lines.", n=MAX_LINES)
    if sum(line.total_cents for line in priced) > MAX_ORDER_TOTAL_CENTS:
        raise _line_too_big("lines")


def price_lines(lines: object) -> list[PricedLine]:
    """Validate keyed lines against the catalogue and compute their amounts (no writes)."""
    if isinstance(lines, str | bytes) or not isinstance(lines, Sequence) or not lines:
        raise ValidationError("lines", "Add at least one product to the order.")
    if len(lines) > MAX_LINES:
        raise ValidationError("lines", "An order holds at most {n} lines.", n=MAX_LINES)
    wanted: list[tuple[int, int, int, int | None]] = []
    for index, line in enumerate(lines):
        field = f"lines[{index}]"
        if not isinstance(line, LineInput):
            raise ValidationError(field, "This line is not a product line.")
        if not is_row_id(line.product_id):
            raise ValidationError(f"{field}.product", "Choose a product from the catalogue.")
        quantity = check_quantity(line.quantity, field=f"{field}.quantity")
        discount = parse_rate(line.discount, field=f"{field}.discount")
        price = (
            None
            if line.unit_price is None
            else parse_cents(line.unit_price, field=f"{field}.unit_price")
        )
        wanted.append((line.product_id, quantity, discount, price))
    products = get_products([w[0] for w in wanted], lock=binding.database.transaction_depth() > 0)
    priced = []
    for index, (product_id, quantity, discount, price) in enumerate(wanted):
        product = products.get(product_id)
        if product is None:
            raise ValidationError(f"lines[{index}].product", "This product does not exist.")
        priced.append(
            priced_line(
                product,
                quantity,
                unit_price_cents=price,
                discount_bp=discount,
                field=f"lines[{index}]",
            )
        )
    check_order_size(priced)
    return priced


def check_availability(priced: list[PricedLine], held: Mapping[int, int]) -> None:
    """Refuse lines beyond the stock available to the order (`held`: what it already
    reserves, gestco.domain.Order.held_stock), unless the shop allows overselling."""
    if allow_oversell():
        return
    short = short_lines([(line.product, line.quantity) for line in priced], held)
    if short:
        index = short[0]
        line = priced[index]
        raise StockError(
            f"lines[{index}].quantity",
            "Only {n} {product} available.",
            n=max(available_to_order(line.product, held), 0),
            product=line.product.name,
        )


def write_lines(order_id: int, priced: list[PricedLine]) -> None:
    OrderLines.insert_many(
        [
            (
                order_id,
                position,
                line.product.id,
                line.description,
                line.quantity,
                line.unit_price_cents,
                line.discount_bp,
                line.tax_rate_bp,
                line.total_cents,
                line.tax_cents,
            )
            for position, line in enumerate(priced, start=1)
        ],
        fields=LINE_COLUMNS,
    ).execute()


LINE_COLUMNS = (
    OrderLines.order,
    OrderLines.position,
    OrderLines.product,
    OrderLines.description,
    OrderLines.quantity,
    OrderLines.unit_price_cents,
    OrderLines.discount_bp,
    OrderLines.tax_rate_bp,
    OrderLines.total_cents,
    OrderLines.tax_cents,
)


def totals(priced: list[PricedLine]) -> tuple[int, int, int]:
    """(excluding tax, tax, including tax) of priced lines: gestco.money.order_totals."""
    return order_totals(line.amounts for line in priced)
