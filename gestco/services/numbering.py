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
from gestco.storage import binding, raw_sql, write_rules


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
    issued = raw_sql.fetch_one(
        "SELECT coalesce(sum(last_value), 0) FROM sequences WHERE name LIKE ?",
        (COUNTER_PREFIX + "%",),
    )
    if issued is not None and int(issued[0]) >= MAX_ORDERS:
        raise GestcoError(
            "This database holds {n} orders, the most it can: start a new database.",
            n=MAX_ORDERS,
        )
    write_rules.check_lock("sequences", [name])  # the last lock an order's creation takes
    # One statement, so two workstations starting a new year cannot both insert the row.
    raw_sql.execute(
        "INSERT INTO sequences (name, last_value) VALUES (?, 1) ON CONFLICT (name)"
        " DO UPDATE SET last_value = sequences.last_value + 1",
        (name,),
    )
    row = raw_sql.fetch_one("SELECT last_value FROM sequences WHERE name = ?", (name,))
    assert row is not None
    if int(row[0]) > MAX_PER_YEAR:
        raise GestcoError(
            "The order numbers of {year} are used up ({n} orders): no more can be recorded"
            " this year.",
            year=year,
            n=MAX_PER_YEAR,
        )
    return format_number(year, int(row[0]))
