"""Order totals: the sum of the lines as rounded, the way the order stores and prints them."""

from __future__ import annotations

from gestco.domain.money import line_amounts, order_totals


def test_totals_are_the_sum_of_the_rounded_lines():
    one = line_amounts(1, 3, 0, 2000)  # 0.03 incl. 20 % VAT: 0.025 excl., rounded to 0.03
    assert one == (3, 0)
    assert line_amounts(2, 3, 0, 2000) == (6, 1)  # the same units on one line: 0.01 of VAT
    assert order_totals([one, one]) == (6, 0, 6)  # two lines: what the lines say, summed
    assert order_totals([]) == (0, 0, 0)


def test_amounts_read_as_every_language_shows_them() -> None:
    """The price field of a product shows its amount as the window writes it (1 234,50 in
    French, 1,234.50 in English, 1.234,50 in Arabic): saved untouched, it must read back the
    same. ('1,234.50' was refused: Save on a product of 1,000 or more failed in English.)"""
    import pytest

    from gestco.domain.errors import ValidationError
    from gestco.domain.money import parse_cents

    for shown in ("1\u202f234,50", "1,234.50", "1.234,50", "1234,5", "1234.50", "+1.234,50"):
        assert parse_cents(shown) == 123450, shown
    assert parse_cents("1.234.567,89") == 123456789
    assert parse_cents("1,234,567") == 123456700
    assert parse_cents("\u20661.234,50\u2069") == 123450  # copied from the Arabic window
    assert parse_cents("١٬٢٣٤٫٥٠".replace("٬", ".").replace("٫", ",")) == 123450
    for refused in ("1.23,50", "12.34.5", "1,2345.00", "1.234,5,0", "1,23.4.5", ".,", "1.234"):
        with pytest.raises(ValidationError):
            parse_cents(refused)
