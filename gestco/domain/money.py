"""Money, rates and quantities: integer cents, basis points and units inside, Decimal at the
edges. Never float."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from gestco.domain.errors import ValidationError
from gestco.domain.text import ascii_digits, without_direction_marks

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
        text = ascii_digits(without_direction_marks(value).strip())
        for space in (" ", "\u00a0", "\u202f"):  # thousands separators, as typed or shown
            text = text.replace(space, "")
        text = text.removesuffix("€").removesuffix("%")
        if len(text) > _MAX_NUMBER_TEXT or "_" in text:
            raise ValidationError(field, example)
        pointed = _point_decimal(text)
        if pointed is None:
            raise ValidationError(field, example)
        text = pointed
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


def _point_decimal(text: str) -> str | None:
    """A number as the screens show it, with a decimal point: '1 234,50' (French, spaces
    already gone), '1,234.50' (English), '1.234,50' (Arabic, Morocco) and '1234,5' or
    '12.5' as typed. With both marks the last one is the decimal mark and the other groups
    thousands (in threes, or the text is refused: never a guess that changes the amount);
    one mark written more than once groups thousands ('1.234.567'); one mark once is the
    decimal mark ('1.234' is one and 234 thousandths, refused by the two decimals' rule).
    None: marks in no such order."""
    commas, points = text.count(","), text.count(".")
    if commas and points:
        mark = "," if text.rfind(",") > text.rfind(".") else "."
        whole, _, fraction = text.rpartition(mark)
        group = "." if mark == "," else ","
        if group in fraction or not _grouped_in_threes(whole, group):
            return None
        return f"{whole.replace(group, '')}.{fraction}"
    if commas > 1 or points > 1:
        group = "," if commas else "."
        if not _grouped_in_threes(text, group):
            return None
        return text.replace(group, "")
    return text.replace(",", ".")


def _grouped_in_threes(whole: str, group: str) -> bool:
    head, *rest = whole.lstrip("+-").split(group)
    return 1 <= len(head) <= 3 and all(len(part) == 3 for part in rest)


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


def check_quantity(value: object, *, field: str = "quantity", allow_zero: bool = False) -> int:
    """A whole number of units: rejects 0 (unless allowed), negatives, fractions and text."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError(field, "Enter a whole number of units.")
    if isinstance(value, str):
        # Any script's decimal digits ('٣', '３') count as the digits they are; '²' or '½'
        # are not a quantity. Short texts only: int() refuses over 4,300 digits itself.
        text = ascii_digits(value.strip())
        if not (text.isascii() and text.isdigit()) or len(text) > 12:
            raise ValidationError(field, "Enter a whole number of units, such as 3.")
        value = int(text)
    if value < 0 or (value == 0 and not allow_zero):
        raise ValidationError(field, "Enter a quantity of at least 1.")
    if value > MAX_QUANTITY:
        raise ValidationError(field, "A quantity is at most {n}: check it.", n=MAX_QUANTITY)
    return value


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


def order_totals(lines: Iterable[tuple[int, int]]) -> tuple[int, int, int]:
    """(excluding tax, tax, including tax) of an order from its lines' (total incl. tax,
    tax part) as line_amounts gives them: the sum of the rounded lines, never a rounding
    of the sum, so an order always equals the lines printed on it."""
    total = tax = 0
    for line_total, line_tax in lines:
        total += line_total
        tax += line_tax
    return total - tax, tax, total
