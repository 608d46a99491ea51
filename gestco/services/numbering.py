"""Order numbers from a yearly, gap-free counter (their form: gestco.order_numbers).

The counter row is bumped inside the caller's write transaction, so the number and the
order commit together or not at all: a rolled-back order leaves no gap.
"""

from __future__ import annotations

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
from gestco.storage import binding, builder, write_rules
from gestco.storage.builder import fn
from gestco.storage.models import Sequences
from gestco.storage.names import table


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
    every_year = Sequences.name.startswith(COUNTER_PREFIX)
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
