"""Phones: digits of any script are the same digits, and the national fast path is used
only where it is proven to give what libphonenumber gives."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from gestco.domain.errors import ValidationError
from gestco.domain.phones import (
    FAST_PATH_REGIONS,
    _national_fast_path,
    format_phone,
    parse_phone,
    phone_prefix,
)
from gestco.domain.records import ClientInput
from gestco.services import clients
from tests.support.shop import Shop

TYPES = [getattr(PhoneNumberType, name) for name in dir(PhoneNumberType) if name.isupper()]


def libphonenumber(text: str, region: str) -> str | None:
    """What phonenumbers itself makes of a text: E.164, or None when it is not valid."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def gestco(text: str, region: str) -> str | None:
    try:
        return parse_phone(text, region)
    except ValidationError:
        return None


def example_texts(region: str) -> list[str]:
    texts = []
    for kind in TYPES:
        example = phonenumbers.example_number_for_type(region, kind)
        if example is not None:
            for form in (PhoneNumberFormat.NATIONAL, PhoneNumberFormat.INTERNATIONAL):
                texts.append(phonenumbers.format_number(example, form))
    return texts


def test_every_region_s_example_numbers_read_as_libphonenumber_reads_them() -> None:
    disagreements = [
        (region, text, gestco(text, region), libphonenumber(text, region))
        for region in sorted(phonenumbers.SUPPORTED_REGIONS)
        for text in example_texts(region)
        if gestco(text, region) != libphonenumber(text, region)
    ]
    assert disagreements == []
    assert len(FAST_PATH_REGIONS) > 50  # the proof covers the fast path, not an empty set


def test_the_fast_path_regions_agree_on_random_national_numbers() -> None:
    """A seeded sample (the full search, 20,000 a region, found AS, CO, IL, IM, TC ...
    disagreeing before the fast path was limited; see FAST_PATH_REGIONS)."""
    rng = random.Random(14)
    disagreements = []
    used = 0
    for region in sorted(FAST_PATH_REGIONS):
        prefix = phonenumbers.PhoneMetadata.metadata_for_region(region).national_prefix
        for _ in range(150):
            text = prefix + str(rng.randrange(10 ** rng.randrange(5, 13)))
            fast = _national_fast_path(text, region)
            used += fast is not None
            if fast is not None and fast != libphonenumber(text, region):
                disagreements.append((region, text, fast))
    assert disagreements == []
    assert used > 1000  # the sample does reach the fast path


def test_stored_numbers_display_as_the_parser_would_show_them() -> None:
    """Formatting reads stored E.164 without the parser: every region's example numbers of
    every type, and a seeded sample of random ones, show exactly what parsing shows, in the
    shop's own region and in another."""
    rng = random.Random(21)
    stored = {
        phonenumbers.format_number(example, PhoneNumberFormat.E164)
        for region in phonenumbers.SUPPORTED_REGIONS
        for kind in TYPES
        if (example := phonenumbers.example_number_for_type(region, kind)) is not None
    }
    codes = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    stored |= {
        f"+{rng.choice(codes)}{rng.randrange(10 ** rng.randrange(4, 13))}" for _ in range(3000)
    }
    stored |= {"+390612345678", "+2120612345678", "+", "+212", "0612345678", "+٢١٢٦١٢٣٤٥٦٧٨"}

    def parsed(e164: str, region: str) -> str:
        try:
            number = phonenumbers.parse(e164, None)
        except phonenumbers.NumberParseException:
            return e164
        shown = (
            "NATIONAL" if phonenumbers.region_code_for_number(number) == region else "INTERNATIONAL"
        )
        return phonenumbers.format_number(number, getattr(PhoneNumberFormat, shown))

    disagreements = [
        (e164, region)
        for e164 in sorted(stored)
        for region in ("MA", "FR", "IT")
        if format_phone(e164, region) != parsed(e164, region)
    ]
    assert disagreements == []
    assert len(stored) > 3000


@pytest.mark.parametrize(
    ("region", "text", "expected"),
    [
        ("TC", "13101160", "+16493101160"),  # the fast path made "+13101160" of it
        ("AU", "0033612345678", None),  # 00 is not how Australia dials abroad (0011 is)
        ("AU", "0011 33 6 12 34 56 78", "+33612345678"),
        ("JP", "010 33 6 12 34 56 78", "+33612345678"),
        ("MA", "00 33 6 12 34 56 78", "+33612345678"),
        ("MA", "0612345678", "+212612345678"),
    ],
)
def test_regions_dial_as_libphonenumber_says(region: str, text: str, expected) -> None:
    assert gestco(text, region) == expected == libphonenumber(text, region)


@pytest.mark.parametrize(
    "writing",
    [
        "٠٦١٢٣٤٥٦٧٨",
        "۰۶۱۲۳۴۵۶۷۸",
        "０６１２３４５６７８",
        "＋２１２ ６１２ ３４５ ６７８",
        "+٢١٢٦١٢٣٤٥٦٧٨",
    ],
)
def test_digits_of_any_script_are_the_same_phone(shop: Shop, writing: str) -> None:
    amina = shop.client(phone="06 12 34 56 78")
    assert clients.identify(writing).id == amina.id
    assert [m.id for m in clients.search_clients(writing[:5])] == [amina.id]
    with pytest.raises(ValidationError, match="already belongs"):
        clients.create_client(ClientInput(phone=writing, last_name="Tazi"))
    assert phone_prefix(writing, "MA") == "+212612345678"[: len(phone_prefix(writing, "MA"))]


@pytest.mark.parametrize("bad", ["0612²45678", "06 12 ½4 56 78", "０６１２\u00b3"])
def test_digit_like_characters_are_not_digits(shop: Shop, bad: str) -> None:
    with pytest.raises(ValidationError) as err:
        shop.client(phone=bad)
    assert err.value.field == "phone"


@pytest.mark.parametrize(
    "stored", ["+212٦١٢٣٤٥٦٧٨", "0612345678", "+2126", "+2126123456781234", "+33 612"]
)
def test_check_finds_stored_phones_that_are_not_e164(shop: Shop, stored: str) -> None:
    from gestco.maintenance.checks import run_checks
    from gestco.storage import raw_sql

    good = shop.client(phone="0611111111", last="Good")
    bad = shop.client(phone="0612345678", last="Bad")
    assert run_checks() == []
    raw_sql.execute("UPDATE clients SET phone = ? WHERE id = ?", (stored, bad.id))  # an older file
    problems = [p for p in run_checks() if p.startswith("phone:")]
    assert len(problems) == 1 and f"client {bad.id} " in problems[0], problems
    assert f"client {good.id} " not in problems[0]


def test_a_phone_copied_from_the_arabic_window_is_the_same_phone() -> None:
    """The Arabic window isolates every phone it shows (U+2066 … U+2069, invisible): pasted
    into a field it must find the same client, never "only digits" refused."""
    from gestco.domain.order_numbers import parse_number, searched_number
    from gestco.domain.phones import parse_phone
    from gestco.domain.text import search_text

    assert parse_phone("\u206606 12 34 56 78\u2069", "MA") == "+212612345678"
    assert parse_phone("\u200f+212 6 12 34 56 78\u200e", "MA") == "+212612345678"
    assert parse_number("\u2066CMD-2026-000042\u2069") == "CMD-2026-000042"
    assert searched_number("\u2066CMD-2026-000042\u2069") == "CMD-2026-000042"
    assert search_text(" \u2068Dupont\u2069 ") == "Dupont"
