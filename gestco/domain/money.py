"""Money and rates: integer cents and basis points inside, Decimal at the edges. Never float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from gestco.domain.errors import ValidationError
from gestco.domain.text import ascii_digits

# The limits of what a shop can record, in one place. Far beyond any shop, chosen so that
# no stored amount and no sum the application or `gestco check` computes can pass the
# 64-bit integer (2**63 - 1 = 9,223,372,036,854,775,807 ~ 9.22e18; SQLite's sum() fails
# past it, PostgreSQL's bigint columns hold no more):
#   a unit price            <= MAX_PRICE_CENTS       = 1e9 cents  (10,000,000.00)
#   a quantity (a line, a receipt, a correction) <= MAX_QUANTITY = 100,000 units
#   a line's total          <= MAX_ORDER_TOTAL_CENTS (a line cannot exceed its order)
#   lines in an order       <= MAX_LINES             = 500
#   an order's total        <= MAX_ORDER_TOTAL_CENTS = 1e11 cents (1,000,000,000.00)
#   orders in a database    <= MAX_ORDERS            = 90,000,000 (numbers issued, counted
#                              across every year by the numbering service)
# Sum of every order's total (the orders table's sums, a client's total spent, exports):
#   9.0e7 orders x 1e11 cents = 9.0e18 < 9.22e18, with 2.2e17 to spare (two thousand
#   maximal orders taken at the same moment on several workstations still fit).
# Tax parts are smaller than totals; a line's raw amount before rounding is computed in
# Python (no limit), its stored total is bounded above. Quantities reserved by open orders:
#   9.0e7 orders x 500 lines x 1e5 = 4.5e15. On hand is capped at MAX_ON_HAND = 1e12 units.
MAX_PRICE_CENTS = 10**9
MAX_QUANTITY = 100_000
MAX_LINES = 500
MAX_ORDER_TOTAL_CENTS = 10**11
MAX_ORDERS = 90_000_000
MAX_ON_HAND = 10**12
assert MAX_ORDERS * MAX_ORDER_TOTAL_CENTS < 2**63 - 1
assert MAX_ORDERS * MAX_LINES * MAX_QUANTITY < 2**63 - 1

_MAX_NUMBER_TEXT = 40  # characters: "10 000 000,00 €" is 15; beyond is not a typed price
_HUNDREDTH = Decimal("0.01")
_MAGNITUDE = 15  # |value| < 1e15 before any arithmetic: no Decimal overflow or slow path


def _to_decimal(value: object, field: str, example: str) -> Decimal:
    """Text, int or Decimal -> a finite Decimal of sane size. `example` is the error shown
    otherwise. Sizes are checked before any arithmetic: 1e999999 * 100 overflows the
    decimal context, and 1e-999999999 would round to 0."""
    if isinstance(value, bool | float) or value is None:
        raise ValidationError(field, example)
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, str):
        text = ascii_digits(value.strip()).replace(",", ".")
        for space in (" ", "\u00a0", "\u202f"):  # thousands separators, as typed or shown
            text = text.replace(space, "")
        text = text.removesuffix("€").removesuffix("%")
        if len(text) > _MAX_NUMBER_TEXT or "_" in text:
            raise ValidationError(field, example)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(field, example) from None
    else:
        raise ValidationError(field, example)
    if not number.is_finite():
        raise ValidationError(field, example)
    if number.is_zero():
        return Decimal(0)
    if number.adjusted() >= _MAGNITUDE:
        raise ValidationError(field, "This number is far too large: check it.")
    if number.adjusted() < -_MAGNITUDE:
        raise ValidationError(field, "Too many decimal places: check the number.")
    return number


def parse_cents(value: object, *, field: str = "price") -> int:
    """'12,50', '12.5', Decimal('12.50') or 12 (currency units) -> cents."""
    number = _to_decimal(value, field, "Enter a price as a number, for example 12.50.")
    if number < 0:
        raise ValidationError(field, "A price cannot be negative.")
    # quantize is exact here (|number| < 1e15 keeps 17 digits, the context holds 28); a
    # product like number * 100 would round long inputs to 28 digits before the check.
    if number.quantize(_HUNDREDTH) != number:
        raise ValidationError(field, "A price has at most two decimal places.")
    cents = int(number.quantize(_HUNDREDTH) * 100)
    if cents > MAX_PRICE_CENTS:
        raise ValidationError(
            field,
            "A price is at most {limit}: check the amount.",
            limit=MAX_PRICE_CENTS // 100,
        )
    return cents


def parse_rate(value: object, *, field: str) -> int:
    """A percentage 0..100 with up to two decimals -> basis points (20 % -> 2000)."""
    number = _to_decimal(value, field, "Enter a percentage between 0 and 100, for example 20.")
    if number < 0 or number > 100:
        raise ValidationError(field, "Enter a percentage between 0 and 100.")
    if number.quantize(_HUNDREDTH) != number:
        raise ValidationError(field, "A percentage has at most two decimal places.")
    return int(number.quantize(_HUNDREDTH) * 100)


def cents_to_decimal(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def format_cents(cents: int) -> str:
    """1234 -> '12.34' (machine form: CSV, exports)."""
    return str(cents_to_decimal(cents))


def format_rate(points: int) -> str:
    """2000 -> '20', 550 -> '5.5'."""
    value = (Decimal(points) / 100).normalize()
    return f"{value:f}"


def divide_rounded(numerator: int, denominator: int) -> int:
    """Integer division rounding half away from zero (the usual rule for money)."""
    sign = -1 if (numerator < 0) != (denominator < 0) else 1
    n, d = abs(numerator), abs(denominator)
    return sign * ((2 * n + d) // (2 * d))


def line_amounts(quantity: int, unit_cents: int, discount_bp: int, tax_bp: int) -> tuple[int, int]:
    """(total incl. tax, tax part) of a line. Prices are tax-inclusive."""
    total = divide_rounded(quantity * unit_cents * (10_000 - discount_bp), 10_000)
    excl = divide_rounded(total * 10_000, 10_000 + tax_bp)
    return total, total - excl
