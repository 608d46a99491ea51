"""Order numbers: CMD-YYYY-NNNNNN from a yearly, gap-free counter.

The counter row is bumped inside the caller's write transaction, so the number and the
order commit together or not at all: a rolled-back order leaves no gap.

Six digits a year are the usual width; a year past 999,999 orders goes on with seven
(CMD-2026-1000000) up to MAX_PER_YEAR, and every reader (parse_number, `gestco check`)
takes both widths. Seven-digit numbers sort after their six-digit neighbours only by
length, so the orders table's number sort is by text beyond that point (no shop of the
size GESTCO is made for reaches it).
"""

from __future__ import annotations

import re

from gestco.domain.errors import GestcoError, ValidationError
from gestco.domain.money import MAX_ORDERS
from gestco.storage import binding, builder, write_rules
from gestco.storage.builder import fn
from gestco.storage.models import Sequences
from gestco.storage.names import table

NUMBER_FORMAT = "CMD-{year:04d}-{seq:06d}"
MAX_PER_YEAR = 9_999_999
# Years a number may carry. A clock before 2000 is a computer whose date was lost (GESTCO
# did not exist then); 9999 is the last year a date can hold.
FIRST_YEAR, LAST_YEAR = 2000, 9999
_TOLERANT = re.compile(
    r"^\s*(?:CMD)?[\s\-/_.]*([0-9]{4})[\s\-/_.]+0*([0-9]{1,7})\s*$", re.IGNORECASE
)


def format_number(year: int, seq: int) -> str:
    return NUMBER_FORMAT.format(year=year, seq=seq)


def parse_number(text: object) -> str:
    """'CMD-2026-000042', 'cmd-2026-42', '2026-42' -> 'CMD-2026-000042'."""
    match = _TOLERANT.match(text) if isinstance(text, str) else None
    if not match or int(match.group(2)) == 0:
        raise ValidationError(
            "number", "Type an order number such as CMD-2026-000042 (or 2026-42)."
        )
    return format_number(int(match.group(1)), int(match.group(2)))


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
    name = f"orders-{year:04d}"
    every_year = Sequences.name.startswith("orders-")
    issued = builder.value(
        Sequences.select(fn.COALESCE(fn.SUM(Sequences.last_value), 0)).where(every_year)
    )
    if int(issued) >= MAX_ORDERS:
        raise GestcoError(
            "This database holds {n} orders, the most it can: start a new database.",
            n=MAX_ORDERS,
        )
    write_rules.check_lock(table(Sequences), [name])  # the last lock an order's creation takes
    # One statement, so two workstations starting a new year cannot both insert the row.
    Sequences.insert(name=name, last_value=1).on_conflict(
        conflict_target=[Sequences.name], update={Sequences.last_value: Sequences.last_value + 1}
    ).execute()
    taken = builder.value(Sequences.select(Sequences.last_value).where(Sequences.name == name))
    if int(taken) > MAX_PER_YEAR:
        raise GestcoError(
            "The order numbers of {year} are used up ({n} orders): no more can be recorded"
            " this year.",
            year=year,
            n=MAX_PER_YEAR,
        )
    return format_number(year, int(taken))
