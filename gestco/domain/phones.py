"""Phone numbers at the edges: any common writing in, E.164 stored (phonenumbers)."""

from __future__ import annotations

import re
from functools import cache

import phonenumbers
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

from gestco.domain.errors import ValidationError
from gestco.domain.text import ascii_digits, without_direction_marks

_ALLOWED = re.compile(r"^[0-9\s+().\-/]*$")
_NOT_DIGIT = re.compile(r"[^0-9]")

# Regions where the national fast path gives exactly what libphonenumber gives, proven by
# tests/domain/test_phones.py over phonenumbers' example numbers of every type (national and
# international forms) and a seeded sample of random national numbers (found first over
# 20,000 random national numbers per region: 0 disagreements with these; AS, CO, GB, IM,
# TC and the others whose national prefix is not simply dropped are left out). Elsewhere
# every number goes through phonenumbers.parse.
_FAST_PATH_REGION_CODES = """
    AE AF AL AM AT AX AZ BA BD BE BG BL CA CD CH CU DE DO DZ EC EG EH ER ET FI FR GE GF GH
    GP HR HU ID IE IL IN IQ IR JM JO KE KG KH KI KP KZ LA LB LK LR LY MA MC MD ME MF MH MK
    MM MN MQ MW MY NA NG NL NP NZ PE PH PK PM PR PS PY RE RO RS RU RW SA SD SE SI SK SL SO
    SS SY TH TM TR TW TZ UA UG US UY VE VN XK YE YT ZA ZM ZW
"""
FAST_PATH_REGIONS: frozenset[str] = frozenset(_FAST_PATH_REGION_CODES.split())


# Full-width forms ('＋', '（', '－', the ideographic space) as their ASCII originals.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalised(text: str) -> str:
    """What a phone text means, in ASCII: full-width forms as ASCII, and every script's
    decimal digits ('٠٦١٢', '０６') as ASCII digits: a number written in Arabic-Indic digits
    is the same number, so it must find the same client. Not NFKC: that would read '²' as 2."""
    return ascii_digits(without_direction_marks(text).translate(_FULL_WIDTH))


def parse_phone(text: object, region: str, *, field: str = "phone") -> str:
    """'06 12 34 56 78', '+212 6 12 34 56 78', '00212612345678' -> '+212612345678'."""
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(field, "Enter the client's phone number.")
    raw = normalised(text.strip()) if len(text) <= 60 else text
    if not _ALLOWED.match(raw) or len(raw) > 30:
        raise ValidationError(
            field, "A phone number has only digits, spaces and an optional leading +."
        )
    national = _national_fast_path(raw, region)
    if national is not None:
        return national
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            field, "This is not a phone number: type it as 06 12 34 56 78 or +212 6 12 34 56 78."
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            field, "This number does not exist: check the digits and the country code."
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@cache
def _region_rules(region: str) -> tuple[str, int, re.Pattern[str] | None] | None:
    """(national prefix, country code, international prefix) of a fast-path region."""
    if region not in FAST_PATH_REGIONS:
        return None
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if metadata is None or not metadata.national_prefix:
        return None
    if metadata.national_prefix_transform_rule or metadata.national_prefix_for_parsing not in (
        None,
        metadata.national_prefix,
    ):
        return None  # the prefix is not simply dropped there ('0' or '03' in CO, 684 in AS)
    idd = re.compile(metadata.international_prefix) if metadata.international_prefix else None
    return metadata.national_prefix, phonenumbers.country_code_for_region(region), idd


def _national_fast_path(raw: str, region: str) -> str | None:
    """A number typed in the shop's national form ('06 12 34 56 78') without the full parser
    (which costs ~17 µs of a ~30 µs lookup). None: not that form, use phonenumbers.parse."""
    rules = _region_rules(region)
    if rules is None or raw.startswith("+"):
        return None
    prefix, country, idd = rules
    digits = _NOT_DIGIT.sub("", raw)
    if not digits.startswith(prefix) or (idd is not None and idd.match(digits)):
        return None  # not national, or dialled abroad ('00 33 …'): the parser decides
    significant = digits[len(prefix) :]
    if not significant or significant[0] == "0" or len(significant) > 15:
        return None  # leading zeros are kept by some countries: leave those to the parser
    number = phonenumbers.PhoneNumber(country_code=country, national_number=int(significant))
    if not phonenumbers.is_valid_number_for_region(number, region):
        return None  # the parser decides, and words the error
    return f"+{country}{significant}"


def phone_prefix(text: str, region: str) -> str | None:
    """The E.164 prefix a partly typed number stands for, or None if it is not number-like.

    '0612' -> '+212612' (region MA); '+33 6' -> '+336'; '00212 6' -> '+2126'.
    """
    raw = normalised(text.strip()) if len(text) <= 60 else text
    if not raw or not _ALLOWED.match(raw):
        return None
    digits = _NOT_DIGIT.sub("", raw)
    if not digits:
        return None
    if raw.startswith("+"):
        return "+" + digits
    if digits.startswith("00") and _dials_abroad_with_00(region):
        return "+" + digits[2:] if len(digits) > 2 else "+"
    country = phonenumbers.country_code_for_region(region)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    national_prefix = (metadata.national_prefix if metadata else None) or ""
    if national_prefix and digits.startswith(national_prefix):
        digits = digits[len(national_prefix) :]
    return f"+{country}{digits}"


@cache
def _dials_abroad_with_00(region: str) -> bool:
    """Whether '00' is how this region dials abroad (MA, FR: yes; US 011, JP 010: no)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    pattern = metadata.international_prefix if metadata else None
    return pattern is not None and re.fullmatch(pattern, "00") is not None


def phone_region(text: str, region: str) -> str | None:
    """The country ('FR') of a number in any writing, or None while it is not a valid one."""
    try:
        e164 = parse_phone(text, region)
    except ValidationError:
        return None
    code = phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
    return code if code and code != "001" else None  # 001: non-geographic (satellite, …)


def _stored_number(e164: str) -> phonenumbers.PhoneNumber | None:
    """A stored E.164 number read without the full parser (it costs half of formatting one:
    40 -> 20 us a phone, and the orders table formats a page of them at every jump). E.164
    country codes are prefix-free, so the first 1-3 digits that are one are it. None when
    anything is unusual (a national number with leading zeros, which the parser records
    as Italy's do, or text that is not E.164): the parser reads those."""
    if not (e164[:1] == "+" and e164.isascii() and e164[1:].isdigit()):
        return None
    digits = e164[1:]
    for length in (1, 2, 3):
        code = int(digits[:length])
        if code in COUNTRY_CODE_TO_REGION_CODE:
            national = digits[length:]
            prefix = _strippable_prefix(code)
            if not national or national[0] == "0" or prefix is None:
                return None
            if prefix and national.startswith(prefix):
                return None  # the parser would try the number without it
            return phonenumbers.PhoneNumber(country_code=code, national_number=int(national))
    return None


@cache
def _strippable_prefix(code: int) -> str | None:
    """What the parser may strip from the front of a national number of country `code`:
    '' (nothing), a literal prefix, or None when its rule is a pattern or rewrites the
    number (Madagascar turns 7 digits into 20 + 7): then only the parser reads it."""
    region = phonenumbers.region_code_for_country_code(code)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(code, region)
    if metadata is None or metadata.national_prefix_transform_rule is not None:
        return None
    prefix = metadata.national_prefix_for_parsing
    if prefix is None:
        return ""
    return prefix if prefix.isascii() and prefix.isdigit() else None


def format_phone(e164: str, region: str) -> str:
    """Display form: national for the shop's own country, international otherwise."""
    number = _stored_number(e164)
    if number is None:
        try:
            number = phonenumbers.parse(e164, None)
        except phonenumbers.NumberParseException:
            return e164
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
