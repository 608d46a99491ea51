"""`gestco check`'s invariants over payments, invoices and credit notes (issue 19), in the form
of gestco.maintenance.checks.INVARIANTS (which includes them): each a query listing the
rows that break the rule, one pass over its tables.

- each kind's numbers are gap-free within each year (as many documents as the highest
  number), and the year's counter stands at that number;
- each invoice's and credit note's totals equal the sum of its lines (and HT = TTC - TVA);
- a credit note never takes more units of an invoice line than the line has, across all the
  credit notes of that invoice;
- an order's received amount (paid_cents) is the sum of its payments, never below zero,
  never above its total. (A cancelled order takes no payment, so what it holds until it is
  refunded, its `refund_due`, is within its total too.)
"""

from __future__ import annotations

from typing import Any

from gestco.domain.documents import COUNTER_PREFIXES, KINDS, LETTERS, SEQ_DIGITS
from gestco.storage.builder import JOIN, SQL, Cast, fn
from gestco.storage.models import Orders, Sequences
from gestco.storage.money_models import InvoiceLines, Invoices, Payments

_LEFT = JOIN.LEFT_OUTER


def _position(value: int) -> Any:
    return SQL(str(value))  # positions as literals: a server groups by the SELECT's expression


def _numbering(kind: str) -> list[tuple[str, Any, str]]:
    year_at = len(LETTERS[kind]) + 2  # SQL's substr counts from 1: after 'FAC-'
    seq_at = year_at + 5
    year = fn.SUBSTR(Invoices.number, _position(year_at), _position(4))
    top = fn.MAX(Cast(fn.SUBSTR(Invoices.number, _position(seq_at)), "INTEGER"))
    counter_year = fn.SUBSTR(
        Sequences.name, _position(len(COUNTER_PREFIXES[kind]) + 1), _position(4)
    )
    numbers = Invoices.select(year.alias("y"), top.alias("top")).where(Invoices.kind == kind)
    per_year = numbers.group_by(year).alias("n")
    word = "invoices" if kind == "invoice" else "credit notes"
    return [
        (
            f"{kind} numbers",
            Invoices.select(year, fn.COUNT(SQL("*")), top)
            .where(Invoices.kind == kind)
            .group_by(year)
            .having(fn.COUNT(SQL("*")) != top),
            "year {0} has {1} " + word + " but their numbers run to {2}: a gap or a duplicate",
        ),
        (
            f"{kind} counter",
            Sequences.select(Sequences.name, Sequences.last_value, fn.COALESCE(per_year.c.top, 0))
            .join(per_year, _LEFT, on=(per_year.c.y == counter_year))
            .where(Sequences.name.startswith(COUNTER_PREFIXES[kind]))
            .where(Sequences.last_value != fn.COALESCE(per_year.c.top, 0)),
            "{0} is at {1} but the last number issued is {2}",
        ),
        (
            f"{kind} number form",
            Invoices.select(Invoices.number).where(
                (Invoices.kind == kind)
                & (
                    ~Invoices.number.startswith(f"{LETTERS[kind]}-")
                    | (fn.LENGTH(Invoices.number) < len(LETTERS[kind]) + 6 + SEQ_DIGITS)
                )
            ),
            "{0} is not a number of the form " + f"{LETTERS[kind]}-YYYY-NNNNNN",
        ),
    ]


_sums = (
    InvoiceLines.select(
        InvoiceLines.invoice.alias("key"),
        fn.SUM(InvoiceLines.total_cents).alias("total"),
        fn.SUM(InvoiceLines.tax_cents).alias("tax"),
    )
    .group_by(InvoiceLines.invoice)
    .alias("l")
)
_paid = (
    Payments.select(Payments.order.alias("key"), fn.SUM(Payments.amount_cents).alias("s"))
    .group_by(Payments.order)
    .alias("p")
)
_invoiced = InvoiceLines.alias("invoiced")
_credit_lines = InvoiceLines.alias("credit_line")
_notes = Invoices.alias("note")
_credited = (
    _credit_lines.select(
        _notes.credited_invoice.alias("invoice"),
        _credit_lines.source_position.alias("position"),
        fn.SUM(_credit_lines.quantity).alias("units"),
    )
    .join(_notes, on=(_notes.id == _credit_lines.invoice))
    .where(_notes.kind == "credit_note")
    .group_by(_notes.credited_invoice, _credit_lines.source_position)
    .alias("c")
)

DOCUMENT_INVARIANTS: tuple[tuple[str, Any, str], ...] = (
    *(check for kind in KINDS for check in _numbering(kind)),
    (
        "invoice totals",
        Invoices.select(
            Invoices.number,
            Invoices.total_cents,
            fn.COALESCE(_sums.c.total, 0),
            Invoices.total_tax_cents,
            fn.COALESCE(_sums.c.tax, 0),
        )
        .join(_sums, _LEFT, on=(_sums.c.key == Invoices.id))
        .where(
            (Invoices.total_cents != fn.COALESCE(_sums.c.total, 0))
            | (Invoices.total_tax_cents != fn.COALESCE(_sums.c.tax, 0))
            | (Invoices.total_excl_cents != Invoices.total_cents - Invoices.total_tax_cents)
        ),
        "{0} says {1} (tax {3}) but its lines add up to {2} (tax {4})",
    ),
    (
        "credit notes",
        Invoices.select(Invoices.number, _invoiced.position, _invoiced.quantity, _credited.c.units)
        .join(_invoiced, on=(_invoiced.invoice == Invoices.id))
        .join(
            _credited,
            on=(
                (_credited.c.invoice == Invoices.id) & (_credited.c.position == _invoiced.position)
            ),
        )
        .where(_credited.c.units > _invoiced.quantity),
        "line {1} of {0} has {2} units but its credit notes take {3}",
    ),
    (
        "payments",
        Orders.select(
            Orders.number, Orders.paid_cents, fn.COALESCE(_paid.c.s, 0), Orders.total_cents
        )
        .join(_paid, _LEFT, on=(_paid.c.key == Orders.id))
        .where(
            (Orders.paid_cents != fn.COALESCE(_paid.c.s, 0))
            | (Orders.paid_cents < 0)
            | (Orders.paid_cents > Orders.total_cents)
        ),
        "{0} shows {1} received but its payments add up to {2} (its total: {3});"
        " received is never below 0 nor above the total",
    ),
)
