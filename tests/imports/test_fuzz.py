"""Whatever a file holds, reading it gives orders, clients and problems with line numbers in
the file, or an ImportFileError (the whole file refused with a message): never another
exception. Random rows under the known headers, random bytes, random JSON, and the real test
files with bytes changed at random."""

from __future__ import annotations

import csv
import io
import json
import os
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gestco.imports.clients import read_clients
from gestco.imports.gestco_format import COLUMNS
from gestco.imports.orders import read_orders
from gestco.imports.records import ImportedClient, ImportedOrder, ImportFileError
from tests.imports.shop_exports import FILES, SHOPIFY_HEADER, WOO_ITEM_COLUMNS, WOO_ORDER_COLUMNS
from tests.support.fuzz_values import hostile_text

# GESTCO_FUZZ_EXAMPLES=2000 for a longer hunt; no deadline: no test depends on speed.
FUZZ = settings(
    max_examples=int(os.environ.get("GESTCO_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
REAL_FILES = [
    "shopify_2016.csv", "shopify_tax_excluded.csv", "call_centre.csv", "woo_line_items.csv",
    "google_contacts.csv", "outlook_contacts.csv", "contacts.vcf",
]  # fmt: skip
SAMPLES = {name: (FILES / name).read_bytes()[:6000] for name in REAL_FILES}

plausible = st.sampled_from([
    "", "CC-1", "CC-2", "#1001", "4100", "2025-10-07 09:50:26 +0200", "07/10/2025", "0612345678",
    "+33 6 12 34 56 78", "'20250", "12,50", "1 250,00", "12.5", "-3", "1e999", "NaN", "10%",
    "paid", "fulfilled", "on-hold", "completed", "Expédiée", "true", "CAF-250", "x" * 300,
    "name:A|sku:CAF-250|quantity:2|total:10.00", "\"", "a\nb", "\ufeff", "\x00",
])  # fmt: skip
cell = st.one_of(plausible, hostile_text)


def line_bound(data: bytes) -> int:
    return data.count(b"\n") + data.count(b"\r") + 1


def check(data: bytes, **options: Any) -> None:
    """Read as orders and as clients: only ImportFileError may escape; problems are placed."""
    bound = line_bound(data)
    for read in (read_orders, read_clients):
        try:
            file = read(io.BytesIO(data), region="MA", **options)
        except ImportFileError as error:
            assert error.message and "{" not in error.message
            continue
        for problem in file.problems:
            assert 1 <= problem.line_number <= bound, problem
            assert problem.message and problem.template
        records = file.orders if hasattr(file, "orders") else file.clients  # type: ignore[attr-defined]
        for record in records:
            assert isinstance(record, ImportedOrder | ImportedClient)
            assert 1 <= record.line_number <= bound


def table(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@st.composite
def tabular_file(draw: st.DrawFn, names: list[str]) -> bytes:
    header = draw(st.lists(st.sampled_from(names), min_size=1, max_size=min(len(names), 12)))
    rows = draw(
        st.lists(st.lists(cell, min_size=0, max_size=len(header) + 2), min_size=0, max_size=12)
    )
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    text = table(header, rows, delimiter)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    # Lone surrogates written as the bytes they would be: what a broken program leaves.
    errors = "replace" if encoding == "cp1252" else "surrogatepass"
    return text.encode(encoding, errors=errors)


GESTCO_NAMES = [name for names in COLUMNS.values() for name in names[:2]]
WOO_NAMES = [
    *WOO_ORDER_COLUMNS,
    *WOO_ITEM_COLUMNS,
    "line_items",
    "line_item_1",
    "item_1_sku",
    "item_1_quantity",
    "item_2_total",
]
CONTACT_NAMES = [
    "Phone 1 - Value",
    "Phone 1 - Label",
    "E-mail 1 - Value",
    "First Name",
    "Last Name",
    "Labels",
    "Mobile Phone",
    "E-mail Address",
    "Home Street",
    "phone",
    "email",
    "tags",
]


@FUZZ
@given(tabular_file(GESTCO_NAMES))
def test_random_rows_in_gestcos_format(data: bytes) -> None:
    check(data)


@FUZZ
@given(tabular_file(SHOPIFY_HEADER))
def test_random_rows_under_shopifys_header(data: bytes) -> None:
    check(data)


@FUZZ
@given(tabular_file(WOO_NAMES))
@example(b"order_id,line_item_1\r\nCC-1\r\n")  # a row shorter than its header (KeyError)
def test_random_rows_under_woocommerces_header(data: bytes) -> None:
    check(data)


@FUZZ
@given(tabular_file(CONTACT_NAMES))
def test_random_rows_under_contacts_headers(data: bytes) -> None:
    check(data)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    check(data)


json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), cell),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(["id", "number", "status", "line_items", "billing",
                                         "order_ref", "lines", "client", "sku", "quantity",
                                         "total", "phone", "orders", "format", "taxes"]),
                        children, max_size=6),
    ),
    max_leaves=25,
)  # fmt: skip


@FUZZ
@given(json_value, st.booleans())
def test_random_json(value: object, wrapped: bool) -> None:
    document = {"format": "gestco-orders", "orders": value} if wrapped else value
    check(json.dumps(document, indent=1).encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(
    st.sampled_from(REAL_FILES),
    st.lists(
        st.tuples(st.integers(min_value=0), st.binary(max_size=3), st.integers(0, 3)), max_size=6
    ),
)
def test_real_files_with_bytes_changed(name: str, edits: list[tuple[int, bytes, int]]) -> None:
    data = bytearray(SAMPLES[name])
    for position, inserted, removed in edits:
        at = position % (len(data) + 1)
        data[at : at + removed] = inserted
    check(bytes(data))


@FUZZ
@given(
    st.lists(
        st.one_of(
            cell,
            st.sampled_from(
                [
                    "BEGIN:VCARD",
                    "END:VCARD",
                    "VERSION:3.0",
                    "N:a;b;;;",
                    "TEL;CELL:0612345678",
                    " folded",
                    "NOTE;ENCODING=QUOTED-PRINTABLE:=C3=",
                    "=",
                    "ADR:;;;;;;;",
                ]
            ),
        ),
        max_size=20,
    )
)
def test_random_vcards(lines: list[str]) -> None:
    text = "BEGIN:VCARD\r\n" + "\r\n".join(lines)
    check(text.encode("utf-8", errors="surrogatepass"))
