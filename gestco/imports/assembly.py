"""What every reader shares: collecting the problems of one order while its cells are read,
the client's fields, and the checks an order passes whatever its source (lines, limits)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from gestco.domain.errors import ValidationError
from gestco.domain.money import MAX_LINES, MAX_ORDER_TOTAL_CENTS
from gestco.imports import values
from gestco.imports.records import (
    ImportedClient,
    ImportedLine,
    ImportedOrder,
    ImportProblem,
    TaxAmount,
    problem,
)

T = TypeVar("T")
Cell = tuple[str, object]  # (the file's column name or JSON path, the raw value)


class Checks:
    """The problems of one order (or one client), each with its line and column."""

    def __init__(self, order: str = "") -> None:
        self.order = order
        self.problems: list[ImportProblem] = []

    def read(self, line: int, cell: Cell, parse: Callable[[object], T], default: T) -> T:
        """parse(raw); on a ValidationError the problem is kept and `default` returned."""
        column, raw = cell
        try:
            return parse(raw)
        except ValidationError as error:
            self.fail(line, error, column=column, value=raw)
            return default

    def fail(
        self, line: int, error: ValidationError, *, column: str = "", value: object = ""
    ) -> None:
        self.problems.append(problem(line, error, column=column, value=value, order=self.order))

    def text(self, line: int, cell: Cell, max_length: int = 100, multiline: bool = False) -> str:
        column = cell[0]
        return self.read(
            line,
            cell,
            lambda raw: values.text(raw, field=column, max_length=max_length, multiline=multiline),
            "",
        )


@dataclass(slots=True)
class ClientCells:
    """Where a reader found each of the client's fields. `phones` in order of preference
    (Shopify: billing, then shipping, then the customer's)."""

    phones: Sequence[Cell] = ()
    email: Cell = ("", "")
    first_name: Cell = ("", "")
    last_name: Cell = ("", "")
    full_name: Cell = ("", "")  # split when first and last are not given apart
    company: Cell = ("", "")
    address: Sequence[Cell] = ()  # street lines
    postal_code: Cell = ("", "")
    city: Cell = ("", "")
    country: Cell = ("", "")
    notes: Cell = ("", "")
    tags: tuple[str, ...] = ()
    marketing_consent: bool | None = None


def _phone(checks: Checks, line: int, cells: Sequence[Cell], region: str) -> str:
    """The first phone that parses; the first one's error when none does."""
    first_error: tuple[ValidationError, Cell] | None = None
    for cell in cells:
        column, raw = cell
        if raw in (None, "") or (isinstance(raw, str) and not values.unquoted(raw)):
            continue
        try:
            return values.phone(raw, field=column, region=region)
        except ValidationError as error:
            first_error = first_error or (error, cell)
    if first_error:
        checks.fail(line, first_error[0], column=first_error[1][0], value=first_error[1][1])
    return ""


def read_client(checks: Checks, line: int, cells: ClientCells, region: str) -> ImportedClient:
    """The client's fields, checked; then that GESTCO can find and name this client."""
    before = len(checks.problems)
    client = _client(checks, line, cells, region)
    contact = {column for column, _ in cells.phones} | {cells.email[0]}
    refused = any(p.column in contact for p in checks.problems[before:])
    check_identifiable(checks, line, client, refused)
    return client


def _client(checks: Checks, line: int, cells: ClientCells, region: str) -> ImportedClient:
    first = checks.text(line, cells.first_name)
    last = checks.text(line, cells.last_name)
    company = checks.text(line, cells.company, max_length=200)
    if not (first or last):
        full_column = cells.full_name[0]
        first, last = values.split_name(checks.text(line, cells.full_name, max_length=200))
        first, last = (
            checks.text(line, (full_column, first)),
            checks.text(line, (full_column, last)),
        )
    if not (first or last) and company:
        last = checks.text(line, (cells.company[0], company))  # a firm's order: its name
    street = "\n".join(
        part for cell in cells.address if (part := checks.text(line, cell, 300, multiline=True))
    )
    street_column = cells.address[0][0] if cells.address else "address"
    email_column = cells.email[0]
    return ImportedClient(
        phone=_phone(checks, line, cells.phones, region),
        email=checks.read(line, cells.email, lambda raw: values.email(raw, field=email_column), ""),
        first_name=first,
        last_name=last,
        company=company,
        address=checks.text(line, (street_column, street), 300, multiline=True),
        postal_code=values.unquoted(checks.text(line, cells.postal_code, max_length=20)),
        city=checks.text(line, cells.city),
        country=values.country_code(checks.text(line, cells.country)),
        notes=checks.text(line, cells.notes, max_length=2000, multiline=True),
        tags=cells.tags,
        marketing_consent=cells.marketing_consent,
        line_number=line,
    )


def check_identifiable(checks: Checks, line: int, client: ImportedClient, refused: bool) -> None:
    """GESTCO finds a client by phone, else by e-mail, and names every client. Said once:
    not again when the phone or e-mail given was itself `refused`."""
    if not (client.phone or client.email) and not refused:
        checks.fail(
            line,
            ValidationError(
                "phone", "The client has neither a phone nor an e-mail: add one of them."
            ),
        )
    if not (client.first_name or client.last_name):
        checks.fail(
            line, ValidationError("last_name", "Enter the client's name (last name or first name).")
        )


@dataclass(slots=True)
class Draft:
    """An order being read; `finish` checks what every order must satisfy."""

    source: str
    external_id: str
    external_number: str
    line_number: int
    checks: Checks
    created_at: datetime | None = None
    status: str = "pending"
    source_status: str = ""
    payment_status: str = "unpaid"
    channel: str = "online"
    client: ImportedClient = field(default_factory=ImportedClient)
    shipping_address: str = ""
    lines: list[ImportedLine] = field(default_factory=list)
    shipping_cents: int = 0
    discount_cents: int = 0
    fees_cents: int = 0
    refunded_cents: int = 0
    total_cents: int | None = None
    taxes: tuple[TaxAmount, ...] = ()
    currency: str = ""
    notes: str = ""
    last_line_number: int = 0

    def results(self) -> Iterator[ImportedOrder | ImportProblem]:
        """The order, or its problems (all of them, each with its line)."""
        result = self.finish()
        if isinstance(result, list):
            yield from result
        else:
            yield result

    def finish(self) -> ImportedOrder | list[ImportProblem]:
        checks, line = self.checks, self.line_number
        if not self.lines and not checks.problems:
            checks.fail(line, ValidationError("lines", "This order has no lines."))
        if len(self.lines) > MAX_LINES:
            checks.fail(
                line,
                ValidationError("lines", "An order has at most {n} lines.", n=MAX_LINES),
            )
        total = 0
        for item in self.lines:
            gross = item.quantity * (item.unit_price_cents or 0)
            if item.discount_cents > gross and item.unit_price_cents is not None:
                checks.fail(
                    item.line_number,
                    ValidationError("discount", "The discount is larger than the line's amount."),
                )
            total += gross - item.discount_cents
        if total + self.shipping_cents + self.fees_cents > MAX_ORDER_TOTAL_CENTS:
            checks.fail(
                line,
                ValidationError(
                    "total",
                    "An order's total is at most {limit}: split it.",
                    limit=MAX_ORDER_TOTAL_CENTS // 100,
                ),
            )
        if self.created_at is None and not checks.problems:
            checks.fail(line, ValidationError("created_at", "The order has no date."))
        if checks.problems or self.created_at is None:
            return checks.problems
        return ImportedOrder(
            source=self.source,
            external_id=self.external_id,
            external_number=self.external_number,
            created_at=self.created_at,
            status=self.status,
            source_status=self.source_status,
            payment_status=self.payment_status,
            channel=self.channel,
            client=self.client,
            lines=tuple(self.lines),
            shipping_address=self.shipping_address,
            shipping_cents=self.shipping_cents,
            discount_cents=self.discount_cents,
            fees_cents=self.fees_cents,
            refunded_cents=self.refunded_cents,
            total_cents=self.total_cents,
            taxes=self.taxes,
            currency=self.currency,
            notes=self.notes,
            line_number=self.line_number,
            last_line_number=max(self.last_line_number, self.line_number),
        )
