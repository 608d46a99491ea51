"""Order numbers and counter names: written and read by one module."""

from __future__ import annotations

import pytest

from gestco.domain.errors import ValidationError
from gestco.domain.order_numbers import (
    COUNTER_YEAR_AT,
    SEQ_AT,
    YEAR_AT,
    YEAR_DIGITS,
    counter_name,
    format_number,
    number_start,
    parse_number,
    searched_number,
)


@pytest.mark.parametrize(("year", "seq"), [(2026, 42), (2000, 1), (9999, 999_999), (2026, 10**6)])
def test_a_number_and_its_counter_are_read_where_they_are_written(year, seq):
    number = format_number(year, seq)
    assert number == f"CMD-{year}-{seq:06d}"
    assert int(number[YEAR_AT : YEAR_AT + YEAR_DIGITS]) == year  # what `gestco check` reads
    assert int(number[SEQ_AT:]) == seq
    assert counter_name(year) == f"orders-{year}"
    assert int(counter_name(year)[COUNTER_YEAR_AT:]) == year
    assert parse_number(number) == number


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("cmd-2026-42", "CMD-2026-000042"),
        (" 2026/42 ", "CMD-2026-000042"),
        ("CMD 2026 0007", "CMD-2026-000007"),
    ],
)
def test_typed_numbers_in_any_tolerant_form(typed, number):
    assert parse_number(typed) == number
    assert searched_number(typed) == number


@pytest.mark.parametrize("typed", ["", "CMD-2026-0", "42", None, "CMD-2026-x"])
def test_what_is_not_a_number_says_how_to_type_one(typed):
    with pytest.raises(ValidationError, match="CMD-2026-000042"):
        parse_number(typed)


def test_a_search_tells_a_number_from_a_phone_and_its_start():
    assert searched_number("0612-345678") is None  # a phone: its 'year' is no year
    assert searched_number("CMD-2026-00000") is None  # still being typed
    assert number_start("CMD-2026-00000") == "CMD-2026-00000"
    assert number_start("2026-00") == "CMD-2026-00"
    assert number_start("Benali") is None and number_start("0612") is None
