"""Invoices and credit notes as values: their numbers (FAC-YYYY-NNNNNN, AV-YYYY-NNNNNN, each
kind its own yearly gap-free counter), the VAT summary per rate, the amount in French words,
and what part of an invoice's line a credit note may still take. No I/O here (the domain
layer); the service is gestco.services.invoices.

Rounding: an invoice's lines are the order's lines as they were rounded (the order's total is
the sum of its rounded lines: domain.money.order_totals), so an invoice always equals the
order it bills. A credit note's line takes, of the invoiced line's total and tax, the share of
the quantities credited so far minus what earlier credit notes took: crediting a line in
several goes adds up to the line to the cent, and never more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from num2words import num2words

from gestco.domain.change_areas import NOTHING, Changes
from gestco.domain.errors import ValidationError
from gestco.domain.legal_identity import ShopIdentity
from gestco.domain.money import divide_rounded
from gestco.domain.order_numbers import FIRST_YEAR, LAST_YEAR

INVOICE, CREDIT_NOTE = "invoice", "credit_note"
# The languages a shop's documents are printed in (the setting document_language): "" the
# window's, one language, or French with Arabic beside each label (as Moroccan shops print).
BILINGUAL = "fr+ar"
DOCUMENT_LANGUAGES = ("", "fr", "en", "ar", BILINGUAL)
KINDS = (INVOICE, CREDIT_NOTE)
LETTERS = {INVOICE: "FAC", CREDIT_NOTE: "AV"}
# Each kind's yearly counter is a row of the sequences table: invoices-2026, credit_notes-2026
# (never starting with orders-: the order counters' sum and check leave them out).
COUNTER_PREFIXES = {INVOICE: "invoices-", CREDIT_NOTE: "credit_notes-"}
SEQ_DIGITS = 6  # at least; a seventh past 999,999 in a year, as order numbers
MAX_PER_YEAR = 9_999_999
YEAR_AT = {kind: len(LETTERS[kind]) + 1 for kind in KINDS}  # 0-based, as Python slices

_TOLERANT = re.compile(r"^\s*(FAC|AV)[\s\-/_.]*([0-9]{4})[\s\-/_.]+0*([0-9]{1,7})\s*$", re.I)


def format_document_number(kind: str, year: int, seq: int) -> str:
    return f"{LETTERS[kind]}-{year:04d}-{seq:0{SEQ_DIGITS}d}"


def counter_name(kind: str, year: int) -> str:
    return f"{COUNTER_PREFIXES[kind]}{year:04d}"


def parse_document_number(text: object) -> tuple[str, str]:
    """'FAC-2026-000042', 'fac 2026 42', 'AV-2026-7' -> (kind, canonical number)."""
    match = _TOLERANT.match(text) if isinstance(text, str) else None
    if not match or int(match.group(3)) == 0 or not FIRST_YEAR <= int(match.group(2)) <= LAST_YEAR:
        raise ValidationError(
            "number", "Type an invoice number such as FAC-2026-000042 (a credit note: AV-…)."
        )
    kind = INVOICE if match.group(1).upper() == "FAC" else CREDIT_NOTE
    return kind, format_document_number(kind, int(match.group(2)), int(match.group(3)))


@dataclass(frozen=True, slots=True)
class DocumentLine:
    """A line as an invoice or a credit note prints it; `source_position` is the order's line
    it bills (which a credit note's line credits)."""

    position: int
    source_position: int
    sku: str
    description: str
    quantity: int
    unit_price_cents: int  # tax included, as the order's
    discount_bp: int
    tax_rate_bp: int
    total_cents: int  # tax included
    tax_cents: int

    @property
    def excl_cents(self) -> int:
        return self.total_cents - self.tax_cents


@dataclass(frozen=True, slots=True)
class VatRow:
    """One rate of the VAT summary: the base (HT), the VAT and the total (TTC)."""

    rate_bp: int
    base_cents: int
    tax_cents: int
    total_cents: int


def vat_summary(lines: Iterable[DocumentLine]) -> tuple[VatRow, ...]:
    """The lines' amounts summed per VAT rate, lowest rate first (the sums of the rounded
    lines, so the summary adds up to the totals exactly)."""
    sums: dict[int, tuple[int, int]] = {}
    for line in lines:
        total, tax = sums.get(line.tax_rate_bp, (0, 0))
        sums[line.tax_rate_bp] = (total + line.total_cents, tax + line.tax_cents)
    return tuple(
        VatRow(rate, total - tax, tax, total) for rate, (total, tax) in sorted(sums.items())
    )


def totals_of(lines: Iterable[DocumentLine]) -> tuple[int, int, int]:
    """(HT, TVA, TTC) of the lines."""
    total = tax = 0
    for line in lines:
        total += line.total_cents
        tax += line.tax_cents
    return total - tax, tax, total


def credit_share(line: DocumentLine, credited_before: int, quantity: int) -> tuple[int, int]:
    """(total, tax) a credit note of `quantity` more units of `line` takes, when earlier ones
    took `credited_before` units: the share of the whole line up to now, minus theirs."""
    if quantity <= 0 or credited_before + quantity > line.quantity:
        raise ValueError("more than the line holds")
    upto, before = credited_before + quantity, credited_before
    total = divide_rounded(line.total_cents * upto, line.quantity) - divide_rounded(
        line.total_cents * before, line.quantity
    )
    tax = divide_rounded(line.tax_cents * upto, line.quantity) - divide_rounded(
        line.tax_cents * before, line.quantity
    )
    return total, tax


# The currency's name in the French sentence: (singular, plural).
CURRENCY_WORDS = {"MAD": ("dirham", "dirhams"), "EUR": ("euro", "euros")}


def _counted(number: int, singular: str, plural: str) -> str:
    words = num2words(number, lang="fr")
    noun = singular if number < 2 else plural
    # "un million de dirhams", "deux milliards d'euros": a round million takes "de".
    if words.endswith(("million", "millions", "milliard", "milliards")):
        return f"{words} d'{noun}" if noun[0] in "aeiouy" else f"{words} de {noun}"
    return f"{words} {noun}"


def amount_in_words(cents: int, currency: str = "MAD") -> str:
    """1234.56 MAD -> 'mille deux cent trente-quatre dirhams et cinquante-six centimes'."""
    if cents < 0:
        raise ValueError("an amount in words is never negative")
    singular, plural = CURRENCY_WORDS.get(currency, (currency, currency))
    units, hundredths = divmod(cents, 100)
    words = _counted(units, singular, plural)
    if hundredths:
        words += " et " + _counted(hundredths, "centime", "centimes")
    return words


def closing_sentence(kind: str, cents: int, currency: str = "MAD") -> str:
    """The sentence an invoice (or a credit note) ends with, its total in words."""
    words = amount_in_words(cents, currency)
    if kind == CREDIT_NOTE:
        return f"Arrêté le présent avoir à la somme de {words} TTC."
    return f"Arrêtée la présente facture à la somme de {words} TTC."


@dataclass(frozen=True, slots=True)
class PaymentSeen:
    """A payment as the invoice recorded it when it was issued."""

    paid_on: str
    amount_cents: int
    method: str
    reference: str


@dataclass(frozen=True, slots=True)
class Document:
    """An invoice or a credit note as issued, read back from its snapshot: what it printed
    then, whatever changed since."""

    id: int
    number: str
    kind: str
    order_number: str
    credited_number: str  # a credit note's invoice; '' for an invoice
    issued_at: datetime
    issued_by: str
    shop: ShopIdentity
    client: dict[str, str]
    lines: tuple[DocumentLine, ...]
    vat: tuple[VatRow, ...]
    total_excl_cents: int
    total_tax_cents: int
    total_cents: int
    currency: str
    payments: tuple[PaymentSeen, ...]  # an invoice's: received when it was issued
    received_cents: int
    balance_cents: int  # what the client still owed then (an invoice)
    words: str  # the closing sentence
    changes: Changes = field(default=NOTHING, compare=False, repr=False)
