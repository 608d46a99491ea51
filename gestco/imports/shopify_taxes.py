"""Which tax rate applies to each line of a Shopify order. The export gives the order's taxes
('Tax 1 Name' = 'FR TVA 20%', 'Tax 1 Value' = 12.34; up to five) and whether each line is
taxable, never a line's own rate. One rate: every taxable line has it. Several: the rates
added up, when the taxes stack (Canada's GST + PST on every line); otherwise the one way of
giving each line one rate that reproduces every tax's amount to the cent. A line that no
way, or several ways with different rates, explain keeps an unknown rate (None: the
catalogue's rate applies)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from gestco.domain.money import divide_rounded
from gestco.imports.records import TaxAmount

_RATE_IN_NAME = re.compile(r"(\d{1,2}(?:[.,]\d{1,2})?)\s*%")
MAX_COMBINATIONS = 20_000  # ~10 taxable lines under two rates; beyond, the rate stays unknown


def rate_in_name(name: str) -> int | None:
    """'FR TVA 20%' -> 2000; 'TVA 5,5 %' -> 550; 'Sales tax' -> None."""
    match = _RATE_IN_NAME.search(name)
    if not match:
        return None
    return round(float(match.group(1).replace(",", ".")) * 100)


@dataclass(frozen=True, slots=True)
class TaxedLine:
    base_cents: int  # quantity x price - discount, as the file's prices are written
    taxable: bool


def _tax(base: int, rate: int, included: bool) -> int:
    if included:
        return base - divide_rounded(base * 10_000, 10_000 + rate)
    return divide_rounded(base * rate, 10_000)


def _misfit(
    line_taxes: Sequence[Sequence[int]],
    shipping_taxes: Sequence[int],
    stated: Sequence[int],
    choice: Sequence[int],
    shipping_choice: int | None,
) -> int | None:
    """How many cents this way of giving rates misses the stated taxes by; None when it
    misses by more than the rounding of each line could (a cent a line, and one).
    `line_taxes[line][rate]` is each line's tax under each rate, computed once."""
    computed = [0] * len(stated)
    counts = [0] * len(stated)
    for taxes_of_line, index in zip(line_taxes, choice, strict=True):
        computed[index] += taxes_of_line[index]
        counts[index] += 1
    if shipping_choice is not None:
        computed[shipping_choice] += shipping_taxes[shipping_choice]
        counts[shipping_choice] += 1
    total = 0
    for amount, want, count in zip(computed, stated, counts, strict=True):
        miss = abs(amount - want)
        if miss > count + 1 or not (count or want == 0):
            return None
        total += miss
    return total


def line_rates(
    lines: Sequence[TaxedLine],
    taxes: Sequence[TaxAmount],
    *,
    shipping_cents: int,
    included: bool,
) -> list[int | None]:
    """The rate (bp) of each line, or None where the file cannot tell."""
    unknown: list[int | None] = [None] * len(lines)
    if not taxes or any(t.rate_bp is None for t in taxes):
        return unknown if taxes else [0] * len(lines)
    rates = [t.rate_bp or 0 for t in taxes]
    taxable = [i for i, line in enumerate(lines) if line.taxable]
    result: list[int | None] = [0] * len(lines)
    if len(taxes) == 1:
        for i in taxable:
            result[i] = rates[0]
        return result
    stacked = sum(rates)
    base = sum(lines[i].base_cents for i in taxable)
    expected = sum(t.cents for t in taxes)
    for with_shipping in (0, shipping_cents):
        if abs(_tax(base + with_shipping, stacked, included) - expected) <= len(taxable) + 2:
            for i in taxable:
                result[i] = stacked
            return result
    chosen = [lines[i] for i in taxable]
    if len(taxes) ** len(chosen) * (len(taxes) + 1) > MAX_COMBINATIONS:
        return [None if line.taxable else 0 for line in lines]
    line_taxes = [[_tax(line.base_cents, rate, included) for rate in rates] for line in chosen]
    shipping_taxes = [_tax(shipping_cents, rate, included) for rate in rates]
    stated = [t.cents for t in taxes]
    best: int | None = None
    fitting: set[tuple[int, ...]] = set()
    for choice in itertools.product(range(len(taxes)), repeat=len(chosen)):
        for shipping_choice in (None, *range(len(taxes))) if shipping_cents else (None,):
            miss = _misfit(line_taxes, shipping_taxes, stated, choice, shipping_choice)
            if miss is None or (best is not None and miss > best):
                continue
            if best is None or miss < best:
                best, fitting = miss, set()
            fitting.add(choice)  # the closest ways only: a cent off loses to an exact one
    # Two lines of the same amount under different rates fit both ways round: those lines
    # stay unknown, the others keep the rate every fitting way gives them.
    for position, i in enumerate(taxable):
        found = {choice[position] for choice in fitting}
        result[i] = rates[found.pop()] if len(found) == 1 else None
    return result


def gross(cents: int, rate_bp: int) -> int:
    """A tax-exclusive amount with its tax added (GESTCO's prices include tax)."""
    return divide_rounded(cents * (10_000 + rate_bp), 10_000)
