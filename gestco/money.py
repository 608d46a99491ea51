"""Money and rates: integer cents and basis points inside, Decimal at the edges. Never float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from gestco.errors import ValidationError

MAX_CENTS = 10**11  # one billion in currency units: anything above is a typing error


def _to_decimal(value: object, field: str, example: str) -> Decimal:
    """Text, int or Decimal -> a finite Decimal. `example` is the error shown otherwise."""
    if isinstance(value, bool | float) or value is None:
        raise ValidationError(field, example)
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", ".")
        for space in (" ", "\u00a0", "\u202f"):  # thousands separators, as typed or shown
            text = text.replace(space, "")
        text = text.removesuffix("€").removesuffix("%")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(field, example) from None
    else:
        raise ValidationError(field, example)
    if not number.is_finite():
        raise ValidationError(field, example)
    return number


def parse_cents(value: object, *, field: str = "price") -> int:
    """'12,50', '12.5', Decimal('12.50') or 12 (currency units) -> cents."""
    number = _to_decimal(value, field, "Enter a price as a number, for example 12.50.")
    if number < 0:
        raise ValidationError(field, "A price cannot be negative.")
    cents = number * 100
    if cents != cents.to_integral_value():
        raise ValidationError(field, "A price has at most two decimal places.")
    if cents > MAX_CENTS:
        raise ValidationError(field, "This price is far too large: check the amount.")
    return int(cents)


def parse_rate(value: object, *, field: str) -> int:
    """A percentage 0..100 with up to two decimals -> basis points (20 % -> 2000)."""
    number = _to_decimal(value, field, "Enter a percentage between 0 and 100, for example 20.")
    if number < 0 or number > 100:
        raise ValidationError(field, "Enter a percentage between 0 and 100.")
    points = number * 100
    if points != points.to_integral_value():
        raise ValidationError(field, "A percentage has at most two decimal places.")
    return int(points)


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
