"""Order totals: the sum of the lines as rounded, the way the order stores and prints them."""

from __future__ import annotations

from gestco.domain.money import line_amounts, order_totals


def test_totals_are_the_sum_of_the_rounded_lines():
    one = line_amounts(1, 3, 0, 2000)  # 0.03 incl. 20 % VAT: 0.025 excl., rounded to 0.03
    assert one == (3, 0)
    assert line_amounts(2, 3, 0, 2000) == (6, 1)  # the same units on one line: 0.01 of VAT
    assert order_totals([one, one]) == (6, 0, 6)  # two lines: what the lines say, summed
    assert order_totals([]) == (0, 0, 0)
