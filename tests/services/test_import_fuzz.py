"""Whatever a file holds, importing it gives a report whose every error names a line of the
file, or refuses the whole file with a message (ImportFileError): never a traceback. A dry run
writes nothing; an import of the valid orders leaves the shop consistent (`gestco check`),
and the same file again changes nothing. Random rows in GESTCO's format and under Shopify's
and WooCommerce's headers, with SKUs the shop sells and some it does not."""

from __future__ import annotations

import csv
import io
import itertools
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gestco.imports.records import ImportFileError
from gestco.maintenance.checks import run_checks
from gestco.services import client_imports, order_imports
from tests.support.fuzz_values import hostile_text
from tests.support.imports import catalogue, imports_listed, shop_data
from tests.support.shop import Shop

FUZZ = settings(
    max_examples=int(os.environ.get("GESTCO_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
GOOD_SKUS, BAD_SKUS = ["CAF-250", "THE-VERT", "MIEL-500", "CARTE-200"], ["NOPE-1", "caf-250", ""]
# Each column: (values an order may have, values that make it an error).
GESTCO_COLUMNS = {
    "order_ref": (["CC-1", "CC-2", "CC-3"], ["", "CC 4"]),
    "created_at": (["2025-10-07 09:50", "07/10/2025", "2025-10-07T09:50:26"], ["2025-13-01", ""]),
    "channel": (["phone", "téléphone", "online", ""], ["fax"]),
    "status": (["pending", "expédiée", "livrée", "annulée", "en attente", ""], ["urgent"]),
    "payment_status": (["paid", "non", "remboursée", ""], ["?"]),
    "phone": (["0612345678", "06 61 22 33 44", "+33 6 12 34 56 78"], ["06 12", "", "N/A"]),
    "email": (["a@example.com", "", "A@EXAMPLE.COM"], ["not-an-email"]),
    "last_name": (["Benali", "Tazi"], ["", "x" * 150]),
    "first_name": (["Amina", ""], []),
    "sku": (GOOD_SKUS, BAD_SKUS),
    "quantity": (["1", "2", "3"], ["0", "-1", "deux", "100001", ""]),
    "unit_price": (["45.90", "45,90", "", "0"], ["1e9", "12.345", "10000000.01"]),
    "discount": (["", "10%", "5"], ["150%", "200"]),
    "tax_rate": (["", "20", "10"], ["101"]),
    "notes": (["", "Livrer\nmardi"], ["\x07"]),
}
SHOPIFY_COLUMNS = {
    "Name": (["#1", "#2", "#3"], [""]),
    "Created at": (["2025-10-07 09:50:26 +0200"], ["", "hier"]),
    "Financial Status": (["paid", "pending", "refunded", "voided", ""], ["weird"]),
    "Fulfillment Status": (["fulfilled", "unfulfilled", "partial", "restocked", ""], ["x"]),
    "Billing Phone": (["'+212612345678", "0661223344"], ["", "N/A"]),
    "Email": (["b@example.com", ""], []),
    "Billing Name": (["Karim Alaoui"], [""]),
    "Lineitem sku": (GOOD_SKUS, BAD_SKUS),
    "Lineitem quantity": (["1", "3"], ["0", ""]),
    "Lineitem price": (["45.90", "12.00"], ["", "-2", "abc"]),
    "Lineitem discount": (["0.00", "5.00"], ["999"]),
    "Discount Amount": (["0.00", "10.00", ""], []),
    "Total": (["45.90", "", "1000"], []),
    "Cancelled at": (["", "2025-10-08 10:00:00 +0200"], []),
}
WOO_COLUMNS = {
    "order_id": (["4100", "4101"], [""]),
    "order_date": (["2025-10-01 09:00:00"], [""]),
    "status": (["completed", "processing", "on-hold", "refunded"], ["checkout-draft", "?"]),
    "billing_phone": (["06 55 72 72 15", "+33612345678"], [""]),
    "billing_email": (["c@example.com", ""], []),
    "billing_first_name": (["Zineb", ""], []),
    "billing_last_name": (["Alaoui"], [""]),
    "item_sku": (GOOD_SKUS, BAD_SKUS),
    "item_quantity": (["1", "2"], ["0"]),
    "item_subtotal": (["38.25", "0"], [""]),
    "item_subtotal_tax": (["7.65", ""], []),
    "item_total": (["38.25", ""], []),
    "item_total_tax": (["7.65", ""], []),
}
# Hostile texts without their control characters: a few of those make a file binary data,
# refused whole (the readers' own fuzz tests, tests/imports/test_fuzz.py, throw them).
# Lone surrogates too: they make their line one "in another encoding than the rest".
odd_text = hostile_text.map(
    lambda t: "".join(
        ch for ch in t if (ch >= " " or ch in "\n\t") and not "\ud800" <= ch <= "\udfff"
    )
)


def _cell(good: list[str], bad: list[str]) -> st.SearchStrategy[str]:
    """Mostly a value an order may have (so that some orders go in), else an error or an
    odd text now and then."""
    pool = st.sampled_from(good * 8 + (bad or good))
    odd = st.sampled_from([False] * 19 + [True])  # (integers would favour 0: their edge)
    return odd.flatmap(lambda yes: odd_text if yes else pool)


_names = itertools.count()


@st.composite
def a_file(draw: st.DrawFn) -> bytes:
    columns = draw(st.sampled_from([GESTCO_COLUMNS, SHOPIFY_COLUMNS, WOO_COLUMNS]))
    # The columns each format needs to be read at all, then any others.
    needed = ("order_ref", "created_at", "sku", "quantity", "phone", "last_name", "Name")
    needed += ("Created at", "Billing Name", "Billing Phone", "Lineitem sku", "Lineitem quantity")
    needed += ("order_id", "order_date", "status", "billing_last_name", "billing_phone")
    needed += ("item_sku", "item_quantity")
    must = [n for n in needed if n in columns]
    header = must + draw(
        st.lists(st.sampled_from(sorted(set(columns) - set(must))), min_size=1, unique=True)
    )
    rows = draw(
        st.lists(st.tuples(*(_cell(*columns[name]) for name in header)), min_size=1, max_size=8)
    )
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";"])), lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return out.getvalue().encode(
        encoding, errors="replace" if encoding == "cp1252" else "surrogatepass"
    )


@pytest.fixture
def stocked(shop: Shop) -> None:
    catalogue(stock_qty=50)  # little: some orders find the shelf short


def _bound(data: bytes) -> int:
    return data.count(b"\n") + data.count(b"\r") + 1


@FUZZ
@given(a_file())
def test_random_rows_give_errors_with_lines_and_a_dry_run_writes_nothing(
    stocked: None, tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / f"file-{next(_names)}.csv"
    path.write_bytes(data)
    before, listed = shop_data(), len(imports_listed())
    try:
        dry = order_imports.run(path, dry_run=True, valid_only=True)
    except ImportFileError as error:
        event(f"refused: {error.template[:50]}")
        assert error.message and "{" not in error.message
        assert shop_data() == before
        return
    event(f"read as {dry.format}; {'some' if dry.new else 'no'} new orders")
    assert shop_data() == before
    assert imports_listed()[listed:] == [
        ("orders", path.name, 1, 0, dry.new, dry.updated, dry.unchanged, dry.conflicts, dry.errors)
    ]
    for problem in (*dry.problems, *dry.conflicts_found):
        assert 1 <= problem.line_number <= _bound(data), problem
        assert problem.message
    done = order_imports.run(path, valid_only=True)
    assert (done.new, done.updated, done.errors) == (dry.new, dry.updated, dry.errors)
    assert run_checks() == []
    after = shop_data()
    again = order_imports.run(path, valid_only=True)
    assert (again.new, again.updated) == (0, 0)
    assert shop_data() == after


@FUZZ
@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.sampled_from(["0612345678", "0612345679", "", "+33612345678"]), hostile_text
            ),
            st.one_of(st.sampled_from(["Amina", "Karim", ""]), hostile_text),
            st.one_of(st.sampled_from(["Benali", "Tazi", ""]), hostile_text),
            st.sampled_from(["a@example.com", "", "bad"]),
        ),
        max_size=8,
    )
)
def test_random_clients_never_a_traceback(stocked: None, tmp_path: Path, rows: list) -> None:
    path = tmp_path / f"clients-{next(_names)}.csv"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["phone", "first_name", "last_name", "email"])
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8", errors="surrogatepass"))
    before = shop_data()
    try:
        dry = client_imports.run(path, dry_run=True, valid_only=True)
    except ImportFileError:
        return
    assert shop_data() == before
    for problem in (*dry.problems, *dry.conflicts_found):
        assert 1 <= problem.line_number <= _bound(path.read_bytes())
    client_imports.run(path, valid_only=True)
    after = shop_data()
    again = client_imports.run(path, valid_only=True)
    assert (again.new, again.updated) == (0, 0)
    assert shop_data() == after
