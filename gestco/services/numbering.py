"""Order numbers: CMD-YYYY-NNNNNN from a yearly, gap-free counter.

The counter row is bumped inside the caller's write transaction, so the number and the
order commit together or not at all: a rolled-back order leaves no gap.
"""

from __future__ import annotations

import re

from gestco import db, write_rules
from gestco.errors import ValidationError

NUMBER_FORMAT = "CMD-{year:04d}-{seq:06d}"
_TOLERANT = re.compile(r"^\s*(?:CMD)?[\s\-/_.]*(\d{4})[\s\-/_.]+0*(\d{1,6})\s*$", re.IGNORECASE)


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
    if db.database.transaction_depth() == 0:
        raise RuntimeError("next_number() outside a transaction would leave gaps")
    name = f"orders-{year:04d}"
    write_rules.check_lock("sequences", [name])  # the last lock an order's creation takes
    # One statement, so two workstations starting a new year cannot both insert the row.
    db.execute(
        "INSERT INTO sequences (name, last_value) VALUES (?, 1) ON CONFLICT (name)"
        " DO UPDATE SET last_value = sequences.last_value + 1",
        (name,),
    )
    row = db.fetch_one("SELECT last_value FROM sequences WHERE name = ?", (name,))
    assert row is not None
    return format_number(year, int(row[0]))
