"""What a file read gives: neutral records, the same whatever the source, and the problems
found on the way (each with its line in the file and a translatable reason)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from gestco.domain.errors import GestcoError, ValidationError
from gestco.domain.records import postal_address

# Where an order came from: a shop's export, or a file in GESTCO's format (a call centre's).
SOURCES: tuple[str, ...] = ("shopify", "woocommerce", "file")
# What `--format` takes; "auto" reads the header or the JSON's shape (orders.detect).
ORDER_FORMATS: tuple[str, ...] = ("shopify", "woocommerce", "gestco")
CLIENT_FORMATS: tuple[str, ...] = ("gestco", "google", "outlook", "vcard")

# Payment states, as English codes like the statuses (the labels belong to the window).
PAYMENT_STATUSES: tuple[str, ...] = (
    "unpaid",
    "authorized",
    "partially_paid",
    "paid",
    "partially_refunded",
    "refunded",
    "voided",
    "failed",
)

MAX_PROBLEMS = 1000  # kept in a result; the rest are counted (a wrong file gives one a row)


class ImportFileError(GestcoError):
    """The file as a whole cannot be read (binary, another program's, no known header): the
    command exits 2 and nothing is previewed."""


@dataclass(frozen=True, slots=True)
class ImportedClient:
    """A client as a file gives it. `phone` is E.164 (the shop's region for national
    numbers) or '' when the file has none; `country` an ISO 3166 code or ''."""

    phone: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    company: str = ""
    address: str = ""  # street lines, one per line
    postal_code: str = ""
    city: str = ""
    country: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()
    marketing_consent: bool | None = None  # None: the file does not say
    line_number: int = 0  # where the record begins in the file

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def postal_address(self) -> str:
        return postal_address(self.address, self.postal_code, self.city, self.country)


@dataclass(frozen=True, slots=True)
class ImportedLine:
    """One line of an imported order. Amounts are GESTCO's: tax-inclusive integer cents."""

    sku: str  # upper case, as the catalogue keeps them
    description: str
    quantity: int
    unit_price_cents: int | None  # None: the catalogue's price (GESTCO's files may leave it)
    tax_rate_bp: int | None  # None: the file does not say which rate; the catalogue's applies
    discount_cents: int = 0  # money taken off the whole line (shops' exports)
    discount_bp: int = 0  # or a percentage (GESTCO's files); never both
    line_number: int = 0


@dataclass(frozen=True, slots=True)
class TaxAmount:
    """One tax of an order as the file states it ('TVA 20%': 2000 bp, 1234 cents)."""

    name: str
    rate_bp: int | None
    cents: int


@dataclass(frozen=True, slots=True)
class ImportedOrder:
    """One order read from a file. `external_id` is unique per `source` (the shop's own id);
    `external_number` is what people call it ('#1001'). `created_at` is the shop's local
    wall-clock time, as GESTCO stores times. `status` is a GESTCO status (mapped by the
    source's table, docs/import-format.md), `source_status` the file's own words."""

    source: str
    external_id: str
    external_number: str
    created_at: datetime
    status: str
    source_status: str
    payment_status: str
    channel: str
    client: ImportedClient
    lines: tuple[ImportedLine, ...]
    shipping_address: str = ""
    shipping_cents: int = 0  # what the client pays for delivery, tax included
    discount_cents: int = 0  # taken off the order as a whole (not already on its lines)
    fees_cents: int = 0  # other charges (cash-on-delivery fee, …)
    refunded_cents: int = 0
    total_cents: int | None = None  # the total the file states, to compare with GESTCO's
    taxes: tuple[TaxAmount, ...] = ()
    currency: str = ""
    notes: str = ""
    line_number: int = 0  # the first row (or where the JSON object begins)
    last_line_number: int = 0


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """Something in the file that cannot be imported. The reason is a core template with
    named parameters (translated by the window like any GestcoError: `as_error()`)."""

    line_number: int  # 1-based line of the file where the row or object begins
    template: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    column: str = ""  # the file's own column name, or a JSON path such as line_items[2].sku
    value: str = ""  # the offending text, cut short
    external_id: str = ""  # the order it belongs to, when known: that order is not imported

    @property
    def message(self) -> str:
        return self.template.format(**self.params) if self.params else self.template

    def as_error(self) -> ValidationError:
        # The template by keyword: it is this problem's own, already in the catalogue.
        return ValidationError(self.column, template=self.template, **self.params)


def problem(
    line_number: int, error: GestcoError, *, column: str = "", value: object = "", order: str = ""
) -> ImportProblem:
    """An ImportProblem from a raised error (the validators raise ValidationError)."""
    text = value if isinstance(value, str) else "" if value is None else repr(value)
    if len(text) > 80:
        text = text[:77] + "…"
    column = column or getattr(error, "field", "")
    # Keywords: the i18n scan reads a positional template as a literal to translate, and
    # this one is the raised error's own (already in the catalogue).
    return ImportProblem(
        line_number=line_number,
        template=error.template,
        params=dict(error.params),
        column=column,
        value=text,
        external_id=order,
    )


@dataclass(frozen=True, slots=True)
class Sniffed:
    """How a text file is written: detected, or as the user said (`--encoding` …)."""

    encoding: str  # a Python codec name: utf-8-sig, utf-8, cp1252, utf-16
    delimiter: str  # ',', ';' or a tab ('' for JSON and vCard)
    decimal_mark: str  # '.' or ','


@dataclass(frozen=True, slots=True)
class OrderFile:
    """A whole file read: the orders that can be imported and the problems. An order with
    any problem is left out of `orders` and its external id is in `rejected`."""

    format: str
    sniffed: Sniffed
    orders: tuple[ImportedOrder, ...]
    problems: tuple[ImportProblem, ...]
    rejected: tuple[str, ...] = ()
    problems_left_off: int = 0  # beyond MAX_PROBLEMS

    @property
    def error_count(self) -> int:
        """Orders refused, plus the lines with problems that belong to no order."""
        unattached = {p.line_number for p in self.problems if not p.external_id}
        return len(self.rejected) + len(unattached)


@dataclass(frozen=True, slots=True)
class ClientFile:
    format: str
    sniffed: Sniffed
    clients: tuple[ImportedClient, ...]
    problems: tuple[ImportProblem, ...]
    problems_left_off: int = 0
