"""One cell -> one value: amounts in either decimal mark, quantities, dates with and without
offsets (to the shop's local time), rates told from rounded amounts; and the JSON stream
cut at every point."""

from __future__ import annotations

import io
import json
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from gestco.domain.errors import ValidationError
from gestco.imports import json_stream, values
from gestco.imports.json_stream import JsonItems
from gestco.imports.records import ImportProblem


@pytest.mark.parametrize(
    ("text", "mark", "cents"),
    [
        ("12.50", ".", 1250), ("12,50", ",", 1250), ("1 250,00", ",", 125000),
        ("1,250.00", ".", 125000), ("1.250,00", ",", 125000), ("12,50 €", ",", 1250),
        ("MAD 120.00", ".", 12000), ("120 DH", ".", 12000), ("'45.90", ".", 4590),
        (".5", ".", 50), ("3", ".", 300), ("0", ",", 0), (Decimal("45.9"), ".", 4590),
        (45, ".", 4500), ("1\u202f250,00", ",", 125000),
    ],
)  # fmt: skip
def test_amounts(text: object, mark: str, cents: int) -> None:
    assert values.amount_cents(text, field="price", decimal_mark=mark) == cents


@pytest.mark.parametrize(
    ("text", "mark", "words"),
    [
        ("12.50", ",", "Enter an amount"),  # a point is no decimal mark in a comma file
        ("1,2,3", ".", "Enter an amount"), ("12,505", ",", "two decimal places"),
        ("-3", ".", "cannot be negative"), ("1e999", ".", "Enter an amount"),
        ("NaN", ".", "Enter an amount"), (12.5, ".", "Enter an amount"),
        ("12 345 678 901,00", ",", "at most"), ("", ".", "Enter an amount"),
    ],
)  # fmt: skip
def test_amounts_refused(text: object, mark: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        values.amount_cents(text, field="price", decimal_mark=mark)


def test_computed_amounts_are_rounded_to_the_cent() -> None:
    assert values.amount_cents("8.333333", field="total", rounded=True) == 833
    assert values.amount_cents("-10.00", field="refund", negative=True) == -1000


@pytest.mark.parametrize(
    ("text", "units"), [("3", 3), ("3.00", 3), ("100000", 100_000), (Decimal(2), 2), (7, 7)]
)
def test_quantities(text: object, units: int) -> None:
    assert values.quantity(text, field="quantity") == units


@pytest.mark.parametrize("text", ["0", "-1", "2.5", "deux", "", "100001", True, None])
def test_quantities_refused(text: object) -> None:
    with pytest.raises(ValidationError):
        values.quantity(text, field="quantity")


CASABLANCA = ZoneInfo("Africa/Casablanca")


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("2025-10-07 09:50:26 +0200", "2025-10-07 08:50:26"),  # Shopify, Paris -> Casablanca
        ("2025-10-07T09:50:26+02:00", "2025-10-07 08:50:26"),
        ("2025-10-07T07:50:26Z", "2025-10-07 08:50:26"),
        ("2025-10-07 09:50:26 UTC", "2025-10-07 10:50:26"),
        ("2025-10-07 09:50:26", "2025-10-07 09:50:26"),  # no offset: already local
        ("2025-10-07 09:50", "2025-10-07 09:50:00"),
        ("2025-10-07T09:50:26.123", "2025-10-07 09:50:26"),
        ("2025-10-07", "2025-10-07 00:00:00"),
        ("07/10/2025 09:50", "2025-10-07 09:50:00"),  # day first
        ("7/10/2025", "2025-10-07 00:00:00"),
        ("07.10.2025 9h50", "2025-10-07 09:50:00"),
        ("2026-02-20 12:00:00 +0000", "2026-02-20 12:00:00"),  # Ramadan: Casablanca is UTC
    ],
)
def test_dates_become_the_shops_local_time(text: str, local: str) -> None:
    stamp = values.moment(text, field="date", tz=CASABLANCA)
    assert stamp.tzinfo is None
    assert stamp == datetime.fromisoformat(local)


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2025",
        "2025-13-01",
        "10/07/25",
        "hier",
        "1899-01-01",
        "2025-10-07 25:00",
        "2025-10-07 +2500",
    ],
)
def test_dates_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        values.moment(text, field="date", tz=CASABLANCA)


@pytest.mark.parametrize(
    ("base", "tax", "rate"),
    [
        (1667, 333, 2000), (2083, 417, 2000), (909, 91, 1000), (100, 20, 2000),
        (1000, 55, 550), (1000, 196, 1960), (4131, 826, 2000), (5, 1, None), (1000, 0, 0),
        (0, 0, None), (100, 150, None),
    ],
)  # fmt: skip
def test_rates_from_rounded_amounts(base: int, tax: int, rate: int | None) -> None:
    assert values.rate_from_amounts(base, tax) == rate


def test_phones_and_names() -> None:
    assert values.phone("'+33612345678", field="Billing Phone", region="MA") == "+33612345678"
    assert values.phone("", field="phone", region="MA") == ""
    assert values.split_name("Jean-Pierre de la Fontaine") == ("Jean-Pierre", "de la Fontaine")
    assert values.split_name("Benali") == ("", "Benali")
    assert values.country_code("Maroc") == values.country_code("ma") == "MA"
    assert values.country_code("Atlantis") == ""
    assert [values.flag(w) for w in ("yes", "Oui", "no", "", "peut-être")] == [
        True, True, False, None, None,
    ]  # fmt: skip


def _items(text: str, key: str = "orders") -> list[object]:
    return list(JsonItems(io.StringIO(text), key))


def test_json_elements_stream_with_their_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    document = {"format": "gestco-orders", "version": 1, "orders": [
        {"order_ref": f"CC-{n}", "quantity": 12345678901234567890, "price": Decimal("45.90")}
        for n in range(40)
    ]}  # fmt: skip
    text = json.dumps(document, indent=2, default=str)
    whole = _items(text)
    # Cut into chunks of every small size: a number or a string split by a chunk's end is
    # still read whole, and each element still begins on its own line.
    for size in (1, 2, 3, 7, 64):
        monkeypatch.setattr(json_stream, "CHUNK", size)
        assert _items(text) == whole
    starts = [n + 1 for n, line in enumerate(text.splitlines()) if line == "    {"]
    assert [line for line, _ in whole] == starts  # type: ignore[misc]
    assert whole[0][1]["quantity"] == 12345678901234567890  # type: ignore[index]


def test_json_that_breaks_off_names_its_line() -> None:
    items = _items('[\n{"id": 1},\n{"id": 2,\n "x": tru\n}]')
    assert items[0] == (2, {"id": 1})
    problem = items[1]
    assert isinstance(problem, ImportProblem) and problem.line_number == 4  # where 'tru' is
    assert [type(i) for i in _items("[1, 2")] == [tuple, tuple, ImportProblem]  # no "]"
    deep = _items("[" + "[" * 100_000 + "]" * 100_000 + "]")
    assert isinstance(deep[-1], ImportProblem)
    floats = _items('[{"total": 0.1, "n": NaN, "big": 1' + "0" * 5000 + "}]")
    assert floats[0][1] == {"total": Decimal("0.1"), "n": "NaN", "big": "1" + "0" * 5000}  # type: ignore[index]
