"""Order numbers, CMD-YYYY-NNNNNN, and the name of each year's counter: the one place that
writes and reads them. The numbering service takes numbers from the counter, the demo
writes numbers and counters in bulk, `gestco check` compares them in SQL, the orders table's
search recognises a number being typed: all through the names below.

Six digits a year are the usual width; a year past 999,999 orders goes on with seven
(CMD-2026-1000000) up to MAX_PER_YEAR, and every reader takes both widths. Seven-digit
numbers sort after their six-digit neighbours only by length, so the orders table's number
sort is by text beyond that point (no shop of the size GESTCO is made for reaches it).
"""

from __future__ import annotations

import re

from gestco.domain.errors import ValidationError
from gestco.domain.text import without_direction_marks

LETTERS = "CMD"
PREFIX = f"{LETTERS}-"
YEAR_DIGITS = 4
SEQ_DIGITS = 6  # at least: a seventh past 999,999 orders in a year
MAX_SEQ_DIGITS = 7
NUMBER_FORMAT = PREFIX + "{year:04d}-{seq:06d}"
MAX_PER_YEAR = 9_999_999
# Years a number may carry. A clock before 2000 is a computer whose date was lost (GESTCO
# did not exist then); 9999 is the last year a date can hold.
FIRST_YEAR, LAST_YEAR = 2000, 9999
# Where the parts sit in a number (0-based, as Python slices; SQL's substr counts from 1).
YEAR_AT = len(PREFIX)
SEQ_AT = YEAR_AT + YEAR_DIGITS + 1

# Each year's counter is a row of the sequences table named after the year: orders-2026.
COUNTER_PREFIX = "orders-"
COUNTER_YEAR_AT = len(COUNTER_PREFIX)

_TOLERANT = re.compile(
    rf"^\s*(?:{LETTERS})?[\s\-/_.]*([0-9]{{4}})[\s\-/_.]+0*([0-9]{{1,7}})\s*$", re.IGNORECASE
)
# A whole number as searched: 'CMD-2026-000042', 'cmd 2026 42', '2026-42'. Without the
# letters the year must look like one (2000-9999), so '0612-345678' stays a phone.
_SEARCHED = re.compile(
    rf"^\s*({LETTERS}[\s\-]*[0-9]{{4}}|[2-9][0-9]{{3}})[\s\-/]+[0-9]{{1,7}}\s*$", re.IGNORECASE
)
# The start of a number as it is typed: 'CMD', 'CMD-20', 'cmd-2026-0000', '2026-'.
_STARTED = re.compile(rf"^({LETTERS}\b|{LETTERS}-|{LETTERS}[0-9]|[2-9][0-9]{{3}}-)", re.IGNORECASE)


def format_number(year: int, seq: int) -> str:
    return NUMBER_FORMAT.format(year=year, seq=seq)


def parse_number(text: object) -> str:
    """'CMD-2026-000042', 'cmd-2026-42', '2026-42' -> 'CMD-2026-000042'."""
    match = _TOLERANT.match(without_direction_marks(text)) if isinstance(text, str) else None
    if not match or int(match.group(2)) == 0:
        raise ValidationError(
            "number", "Type an order number such as CMD-2026-000042 (or 2026-42)."
        )
    return format_number(int(match.group(1)), int(match.group(2)))


def searched_number(text: str) -> str | None:
    """The canonical number typed in full in a search ('2026-42'), or None: not (yet) a
    whole number."""
    text = without_direction_marks(text)
    if not _SEARCHED.match(text):
        return None
    try:
        return parse_number(text)
    except ValidationError:
        return None  # 'CMD-2026-00000': the start of a number, searched as one


def number_start(text: str) -> str | None:
    """What the numbers begin with while one is typed ('2026-00' -> 'CMD-2026-00'), or None
    if `text` does not start like a number."""
    text = without_direction_marks(text)
    if not _STARTED.match(text):
        return None
    key = "".join(text.upper().split())
    return key if key.startswith(LETTERS) else PREFIX + key


def counter_name(year: int) -> str:
    """The sequences row that numbers the orders of `year`."""
    return f"{COUNTER_PREFIX}{year:04d}"
