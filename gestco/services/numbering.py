"""Order numbers from a yearly, gap-free counter (their form: gestco.order_numbers).

The counter row is bumped inside the caller's write transaction, so the number and the
order commit together or not at all: a rolled-back order leaves no gap.
"""

from __future__ import annotations

from typing import Any

from gestco.domain import documents
from gestco.domain.errors import GestcoError
from gestco.domain.money import MAX_ORDERS
from gestco.domain.order_numbers import (
    COUNTER_PREFIX,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_PER_YEAR,
    counter_name,
    format_number,
)
from gestco.storage import binding, write_rules
from gestco.storage.builder import fn
from gestco.storage.models import Sequences
from gestco.storage.names import table
from gestco.storage.prepared import Prepared

# Every order takes a number: these statements' SQL is written once (gestco.storage.prepared;
# building it cost 1.3 ms of an order's 3.7 ms, 2026-12-02).
_ISSUED = Prepared(
    lambda: Sequences.select(fn.COALESCE(fn.SUM(Sequences.last_value), 0)).where(
        Sequences.name.startswith(COUNTER_PREFIX)
    )
)
# One statement, so two workstations starting a new year cannot both insert the row.
_BUMP = Prepared(
    lambda name: Sequences.insert(name=name, last_value=1).on_conflict(
        conflict_target=[Sequences.name], update={Sequences.last_value: Sequences.last_value + 1}
    )
)
_TAKEN = Prepared(lambda name: Sequences.select(Sequences.last_value).where(Sequences.name == name))


def _value(row: tuple[Any, ...] | None) -> int:
    """An aggregate's or a row just written: it is there."""
    assert row is not None
    return int(row[0])


def next_number(year: int) -> str:
    """Take the next number of `year`. Must run inside a write transaction."""
    if binding.database.transaction_depth() == 0:
        raise RuntimeError("next_number() outside a transaction would leave gaps")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise GestcoError(
            "This computer's clock says the year is {year}: set its date and time right,"
            " then record the order again.",
            year=year,
        )
    name = counter_name(year)
    issued = _value(_ISSUED.first_row())
    if int(issued) >= MAX_ORDERS:
        raise GestcoError(
            "This database holds {n} orders, the most it can: start a new database.",
            n=MAX_ORDERS,
        )
    write_rules.check_lock(table(Sequences), [name])  # the last lock an order's creation takes
    # One statement, so two workstations starting a new year cannot both insert the row.
    _BUMP.execute(name)
    taken = _value(_TAKEN.first_row(name))
    if int(taken) > MAX_PER_YEAR:
        raise GestcoError(
            "The order numbers of {year} are used up ({n} orders): no more can be recorded"
            " this year.",
            year=year,
            n=MAX_PER_YEAR,
        )
    return format_number(year, int(taken))


def next_document_number(kind: str, year: int) -> str:
    """Take the next invoice (FAC-YYYY-NNNNNN) or credit-note (AV-…) number of `year`, from
    that kind's own yearly counter, as orders take theirs: one upsert in the caller's write
    transaction (the last lock it takes), so a rolled-back document leaves no gap and two
    workstations never get the same number."""
    if binding.database.transaction_depth() == 0:
        raise RuntimeError("next_document_number() outside a transaction would leave gaps")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise GestcoError(
            "This computer's clock says the year is {year}: set its date and time right,"
            " then issue the document again.",
            year=year,
        )
    name = documents.counter_name(kind, year)
    write_rules.check_lock(table(Sequences), [name])
    _BUMP.execute(name)
    taken = _value(_TAKEN.first_row(name))
    if taken > documents.MAX_PER_YEAR:
        raise GestcoError(
            "The document numbers of {year} are used up ({n}): no more can be issued this year.",
            year=year,
            n=documents.MAX_PER_YEAR,
        )
    return documents.format_document_number(kind, year, taken)
