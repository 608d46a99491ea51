"""One cell of a file -> one GESTCO value, or a ValidationError saying what is wrong with it
(the readers turn it into an ImportProblem with the line and the column)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from email_validator import EmailNotValidError, validate_email

from gestco.domain.errors import ValidationError
from gestco.domain.money import MAX_ORDER_TOTAL_CENTS, MAX_QUANTITY, parse_rate
from gestco.domain.phones import parse_phone
from gestco.domain.text import ascii_digits, clean

_CENT = Decimal("0.01")
# Symbols and codes a shop's export may write beside an amount ('12,50 €', 'MAD 120.00').
_CURRENCY = re.compile(r"^(€|\$|£|MAD|DHS?|EUR|USD|GBP|CHF|CAD)?\s*(.*?)\s*(€|\$|£|MAD|DHS?|EUR)?$")
_SPACES = re.compile(r"[ \u00a0\u202f']")  # thousands separators as typed, printed or Swiss
_NUMBER = {
    ".": re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d*)?$|^[-+]?\.\d+$"),
    ",": re.compile(r"^[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d*)?$|^[-+]?,\d+$"),
}


def _decimal(value: object, field: str, decimal_mark: str) -> Decimal:
    """Text in the file's decimal mark, an int or a Decimal (JSON) -> a finite Decimal."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise ValidationError(field, "Enter an amount as a number, for example 12.50.")
    if isinstance(value, str):
        match = _CURRENCY.match(ascii_digits(value.strip()))
        text = _SPACES.sub("", match.group(2) if match else value)
        if len(text) > 30 or not _NUMBER[decimal_mark].match(text):
            raise ValidationError(field, "Enter an amount as a number, for example 12.50.")
        thousands = "," if decimal_mark == "." else "."
        text = text.replace(thousands, "").replace(decimal_mark, ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                field, "Enter an amount as a number, for example 12.50."
            ) from None
    number = Decimal(value)
    if not number.is_finite() or (not number.is_zero() and not -15 < number.adjusted() < 15):
        raise ValidationError(field, "This number is far too large: check it.")
    return number


def amount_cents(
    value: object,
    *,
    field: str,
    decimal_mark: str = ".",
    negative: bool = False,
    rounded: bool = False,
    limit: int = MAX_ORDER_TOTAL_CENTS,
) -> int:
    """'1 234,50 €' (decimal mark ',') -> 123450. `rounded`: a shop's computed amount may
    carry more decimals (WooCommerce keeps six); a typed one may not."""
    number = _decimal(value, field, decimal_mark)
    if number < 0 and not negative:
        raise ValidationError(field, "An amount cannot be negative here.")
    if number.quantize(_CENT, rounding=ROUND_HALF_UP) != number and not rounded:
        raise ValidationError(field, "An amount has at most two decimal places.")
    cents = int(number.quantize(_CENT, rounding=ROUND_HALF_UP) * 100)
    if abs(cents) > limit:
        raise ValidationError(field, "An amount is at most {limit}: check it.", limit=limit // 100)
    return cents


def optional_cents(value: object, **options: object) -> int | None:
    """An amount, or None for an empty cell (the catalogue's price then)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return amount_cents(value, **options)  # type: ignore[arg-type]


def quantity(value: object, *, field: str, decimal_mark: str = ".") -> int:
    """A whole number of units, 1..MAX_QUANTITY; '3', '3.00' and '3,0' are 3."""
    if isinstance(value, str) and not value.strip():
        raise ValidationError(field, "Enter a quantity of at least 1.")
    try:
        number = _decimal(value, field, decimal_mark)
    except ValidationError:
        raise ValidationError(field, "Enter a whole number of units, such as 3.") from None
    if number != number.to_integral_value():
        raise ValidationError(field, "Enter a whole number of units, such as 3.")
    if number < 1:
        raise ValidationError(field, "Enter a quantity of at least 1.")
    if number > MAX_QUANTITY:
        raise ValidationError(field, "A quantity is at most {n}: check it.", n=MAX_QUANTITY)
    return int(number)


def rate_bp(value: object, *, field: str) -> int | None:
    """'20', '20 %', '5,5' -> basis points; None for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_rate(value, field=field)


# What one rounded tax amount can hide: the simplest rate (whole percent first, then halves,
# tenths, hundredths) inside the interval the rounding leaves. 3.33 on 16.67 is 20 %.
_RATE_STEPS = (100, 50, 10, 1)


def rate_from_amounts(base_cents: int, tax_cents: int) -> int | None:
    """The tax rate (bp) that gives `tax_cents` on `base_cents` (tax excluded), or None."""
    if base_cents <= 0 or tax_cents < 0:
        return None
    low = max(0, (2 * tax_cents - 1) * 10_000 / (2 * base_cents))
    high = (2 * tax_cents + 1) * 10_000 / (2 * base_cents)
    if high - low > 100:
        return None  # a few cents: 0.01 on 0.05 is anything from 10 % to 30 %
    for step in _RATE_STEPS:
        candidate = -(-int(low) // step) * step  # the first multiple of step >= low
        if candidate < low:
            candidate += step
        if candidate <= high and candidate <= 10_000:
            return candidate
    return None


_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$",
    re.IGNORECASE,
)
_DAY_FIRST = re.compile(
    r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$"
)


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
    if minutes >= 24 * 60:
        raise ValueError(text)
    return timezone(timedelta(minutes=minutes if text[0] == "+" else -minutes))


def moment(value: object, *, field: str, tz: tzinfo | None = None) -> datetime:
    """A date and time as files write it -> the shop's local wall-clock time (as GESTCO
    stores times, domain.timestamps). '2025-10-07 09:50:26 +0200' (Shopify) is converted to
    `tz` (None: this computer's zone); a time without offset is already local; day first
    for '07/10/2025' (as written in Morocco and France)."""
    if not isinstance(value, str):
        raise ValidationError(field, "Enter a date such as 2025-10-07 09:50 or 07/10/2025.")
    text = value.strip()
    parts: tuple[str | None, ...]
    if match := _ISO.match(text):
        year, month, day, hour, minute, second, zone = match.groups()
    elif match := _DAY_FIRST.match(text):
        day, month, year, hour, minute, second = match.groups()
        zone = None
    else:
        raise ValidationError(field, "Enter a date such as 2025-10-07 09:50 or 07/10/2025.")
    parts = (year, month, day, hour or "0", minute or "0", second or "0")
    try:
        y, mo, d, h, mi, se = (int(p or 0) for p in parts)
        stamp = datetime(y, mo, d, h, mi, se, tzinfo=_offset(zone))
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(tz).replace(tzinfo=None)
    except (ValueError, OverflowError):
        raise ValidationError(
            field, "Enter a date such as 2025-10-07 09:50 or 07/10/2025."
        ) from None
    if not 1970 <= stamp.year <= 2999:
        raise ValidationError(field, "This date is not plausible: check the year.")
    return stamp


def text(value: object, *, field: str, max_length: int = 100, multiline: bool = False) -> str:
    """Free text, cleaned like what is typed at the counter (domain.text.clean). Numbers in
    JSON ids are text here."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value == "":
        return ""
    if not multiline and isinstance(value, str) and value.isprintable():
        # Printable text holds no control character, surrogate, noncharacter nor line
        # break: only the length is left to check. Most cells of a file are like this (or
        # empty), and the character walk of clean() was a third of a file's reading time.
        words = " ".join(value.split())
        if len(value.strip()) > max_length:
            return clean(value, field=field, max_length=max_length)  # says how long
        return words
    if multiline and isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n")  # Windows' line ends
        laid_out = value.replace("\n", "").replace("\t", "")
        if laid_out.isprintable() and len(value.strip()) <= max_length:
            return value.strip()  # the same fast path, line breaks and tabs kept
    return clean(value, field=field, max_length=max_length, multiline=multiline)


def unquoted(value: str) -> str:
    """Shopify writes zips and phones as "'75001" so that Excel keeps the leading zero."""
    value = value.strip()
    return value[1:] if value.startswith("'") else value


def sku(value: object, *, field: str) -> str:
    code = text(value, field=field, max_length=40).upper()
    if not code:
        raise ValidationError(field, "This line has no SKU: every line needs the product's SKU.")
    if " " in code:
        raise ValidationError(field, "Enter a SKU without spaces, such as CAF-250.")
    return code


def phone(value: object, *, field: str, region: str) -> str:
    """E.164, or '' for an empty cell."""
    raw = unquoted(value) if isinstance(value, str) else value
    if raw is None or raw == "":
        return ""
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)  # a spreadsheet turned the number into digits; '+' and '0' may be lost
    return parse_phone(raw, region, field=field)


def email(value: object, *, field: str) -> str:
    address = text(value, field=field, max_length=254)
    if not address:
        return ""
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValidationError(
            field, "This e-mail address is not valid: it looks like name@example.com."
        ) from None


def split_name(full: str) -> tuple[str, str]:
    """'Jean-Pierre de la Fontaine' -> ('Jean-Pierre', 'de la Fontaine'): shops keep one name
    field; GESTCO keeps first and last. One word is a last name."""
    words = full.split()
    if len(words) < 2:
        return "", full.strip()
    return words[0], " ".join(words[1:])


_YES = frozenset({"yes", "y", "true", "1", "oui", "o", "x"})
_NO = frozenset({"no", "n", "false", "0", "non", ""})


def flag(value: object) -> bool | None:
    """A yes/no cell (Shopify's Accepts Marketing); None when it says neither."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().casefold() if value is not None else ""
    return True if word in _YES else False if word in _NO and word else None


# Country names as exports write them (Google, Outlook, WooCommerce's full names), for the
# shops GESTCO serves first; unknown names give '' and the phone's country applies.
_COUNTRIES = {
    "morocco": "MA", "maroc": "MA", "المغرب": "MA", "france": "FR", "spain": "ES",
    "espagne": "ES", "españa": "ES", "belgium": "BE", "belgique": "BE", "switzerland": "CH",
    "suisse": "CH", "germany": "DE", "allemagne": "DE", "italy": "IT", "italie": "IT",
    "portugal": "PT", "netherlands": "NL", "pays-bas": "NL", "united kingdom": "GB",
    "royaume-uni": "GB", "uk": "GB", "united states": "US", "usa": "US", "états-unis": "US",
    "canada": "CA", "algeria": "DZ", "algérie": "DZ", "tunisia": "TN", "tunisie": "TN",
    "senegal": "SN", "sénégal": "SN", "côte d'ivoire": "CI", "ivory coast": "CI",
    "luxembourg": "LU", "mauritania": "MR", "mauritanie": "MR", "egypt": "EG", "égypte": "EG",
    "united arab emirates": "AE", "émirats arabes unis": "AE", "saudi arabia": "SA",
    "arabie saoudite": "SA", "qatar": "QA", "ireland": "IE", "irlande": "IE",
}  # fmt: skip


def country_code(value: object) -> str:
    name = " ".join(str(value or "").split())
    if len(name) == 2 and name.isascii() and name.isalpha():
        return name.upper()
    return _COUNTRIES.get(name.casefold(), "")
