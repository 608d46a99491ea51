"""What the fuzz suites throw: the kinds of input that once crashed GESTCO (issue 14) mixed
with ordinary values. Shared by tests/services/test_fuzz.py (services) and test_fuzz_cli.py."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from gestco.domain.money import (
    MAX_LINES,
    MAX_ON_HAND,
    MAX_ORDER_TOTAL_CENTS,
    MAX_ORDERS,
    MAX_PRICE_CENTS,
    MAX_QUANTITY,
)
from gestco.domain.records import MAX_ID
from gestco.storage import binding, raw_sql

CONTROL = [chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udc80", "\udcff", "\udfff"]
ODD = ["\u0301", "\u0300\u0301", "\u200f", "\u202e", "\ufeff", "\ufffe", "\uffff", "\u2028"]
ODD += ["\U0010ffff", "\U0001f600", "ǅ", "ß", "İ", "ﬁ"]
# Decimal digits of other scripts (valid digits) and digit-like characters (not digits).
OTHER_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９౧౨߀𝟙"
DIGIT_LIKE = "²³¹½⅓Ⅻ⑴①"

# Pieces, some of several characters (combining marks after nothing), joined into texts.
hostile_piece = st.one_of(
    st.text(max_size=4),
    st.sampled_from(CONTROL),
    st.sampled_from(SURROGATES),
    st.sampled_from(ODD),
    st.sampled_from(OTHER_DIGITS + DIGIT_LIKE),
)
hostile_text = st.lists(hostile_piece, max_size=10).map("".join)

# Numbers as typed: huge and tiny exponents, each limit and one past it, other scripts.
NUMBER_TEXTS = [
    "1e999999",
    "-1e999999",
    "1e-999999999",
    "0e-999999999",
    "1E+14",
    "1e15",
    "NaN",
    "sNaN",
    "-Infinity",
    "9" * 5000,
    "0." + "0" * 40 + "1",
    "10000000.00",
    "10000000.01",
    "10 000 000,00 €",
    "100000",
    "100001",
    "1000000000.00",
    "0",
    "-0",
    "-1",
    "1_000",
    "12,50",
    "12.505",
    "٣",
    "١٢,٥٠",
    "²",
    "౧౨",
    "１２",
    "3\u0301",
]
number_text = st.sampled_from(NUMBER_TEXTS)

LIMIT_INTS = [0, -1, 1, MAX_QUANTITY, MAX_QUANTITY + 1, MAX_LINES, MAX_LINES + 1]
LIMIT_INTS += [MAX_PRICE_CENTS, MAX_PRICE_CENTS + 1, MAX_ORDER_TOTAL_CENTS, MAX_ORDERS]
LIMIT_INTS += [MAX_ON_HAND, MAX_ON_HAND + 1, MAX_ID, MAX_ID + 1, -MAX_ID - 2, 2**64]
LIMIT_INTS += [10**30, -(10**30)]
limit_int = st.sampled_from(LIMIT_INTS)

odd_decimal = st.sampled_from(
    [
        Decimal("1e999999"),
        Decimal("-1e999999"),
        Decimal("1e-999999999"),
        Decimal("0e-999999999"),
        Decimal("sNaN"),
        Decimal("NaN"),
        Decimal("Infinity"),
        Decimal("-0"),
        Decimal("10000000.00"),
        Decimal("10000000.01"),
        Decimal("1E+14"),
        Decimal("0.005"),
    ]
)

# Phones: typed digits of any script, with the usual separators and a few bad ones.
phoneish = st.one_of(
    st.from_regex(r"\+?[0-9 ]{0,16}", fullmatch=True),
    st.lists(
        st.sampled_from([*OTHER_DIGITS, *DIGIT_LIKE, *" +-.()/", "０６", "٠٦"]), max_size=14
    ).map("".join),
    st.sampled_from(["0612345678", "06 99 88 77 66", "٠٦١٢٣٤٥٦٧٨", "＋２１２６１２３４５６７８"]),
    st.sampled_from(["00212612345678", "0011 33 6 12 34 56 78", "+2126\ud800", "06\x0012"]),
)

texty = st.one_of(hostile_text, number_text, phoneish)
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    limit_int,
    hostile_text,
    number_text,
    st.floats(allow_nan=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    odd_decimal,
    st.dates(),
    st.just(date.max),
    st.just(date.min),
    phoneish,
)
# Things that could be an id: every limit, ordinary ints, and non-ints.
id_like = st.one_of(limit_int, st.integers(-5, 50), st.none(), st.booleans(), number_text)

FUZZ = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def stored_texts() -> list[str]:
    """Every text stored in the shop's tables."""
    texts = []
    for table in ("clients", "products", "orders", "order_lines", "stock_movements"):
        for row in raw_sql.fetch_all(f"SELECT * FROM {table}"):
            texts += [value for value in row if isinstance(value, str)]
    return texts


def fingerprint() -> str:
    """A digest of every row of every table: equal before and after = nothing written."""
    digest = hashlib.sha256()
    tables = (
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        if binding.is_postgres()
        else "SELECT name FROM sqlite_master WHERE type = 'table'"
    )
    for (table,) in raw_sql.fetch_all(tables):
        for row in raw_sql.fetch_all(f'SELECT * FROM "{table}" ORDER BY 1'):
            digest.update(repr(row).encode())
    return digest.hexdigest()
