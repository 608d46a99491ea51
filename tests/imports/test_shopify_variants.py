"""Shopify's export as it was written over the years: an old header (no Id, no taxes by
name, columns in another order), a shop whose prices are without tax (stacked Canadian
taxes, British VAT), and today's export with columns left out."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gestco.imports.orders import read_orders
from tests.imports.shop_exports import FILES

CASABLANCA = ZoneInfo("Africa/Casablanca")


def test_an_export_from_2016() -> None:
    file = read_orders(FILES / "shopify_2016.csv", region="MA", tz=CASABLANCA)
    assert file.format == "shopify" and not file.problems
    first, second = file.orders
    assert first.external_id == "#1001"
    assert first.created_at == datetime(2016, 3, 2, 10, 14, 41)  # Casablanca was UTC+0 then
    assert (first.status, first.payment_status) == ("shipped", "paid")
    assert first.client.phone == "+212612345678"  # "'0612345678"
    assert first.client.postal_code == "20250"
    assert [(i.sku, i.quantity, i.unit_price_cents, i.tax_rate_bp) for i in first.lines] == [
        ("CAF-250", 2, 4500, 0),  # Taxes 0.00: the file says no tax
        ("SAV-NOIR", 1, 4500, 0),
    ]
    assert first.shipping_address == "Amina Benali\n12 rue Ibn Battouta\n20250 Casablanca\nMA"
    assert second.client.phone == "+212661223344"  # only on the shipping address
    assert (second.status, second.payment_status) == ("pending", "unpaid")


def test_prices_without_tax_get_their_tax_added() -> None:
    file = read_orders(FILES / "shopify_tax_excluded.csv", region="CA", tz=CASABLANCA)
    by_name = {o.external_id: o for o in file.orders}
    stacked = by_name["#2001"]
    # GST 5 % + PST 7 % on every line: 12 %; shipping 8.00 + its 0.96 of tax.
    assert [(i.sku, i.unit_price_cents, i.tax_rate_bp) for i in stacked.lines] == [
        ("MAPLE-250", 1120, 1200),
        ("TEA-50", 560, 1200),
    ]
    assert stacked.shipping_cents == 896
    assert stacked.total_cents == 3696
    assert sum(i.quantity * (i.unit_price_cents or 0) for i in stacked.lines) + 896 == 3696
    assert stacked.created_at == datetime(2025, 10, 7, 14, 50, 26)  # -04:00 -> +01:00
    vat = by_name["#2002"]
    assert [(i.unit_price_cents, i.tax_rate_bp) for i in vat.lines] == [(12000, 2000)]
    assert vat.client.display_name == "Acme Ltd"
    # Two lines of 10.00 under 20 % and 10 %: which is which cannot be told, and without
    # the rate the price with tax is unknown: refused, line by line.
    assert file.rejected == ("#2003",)
    assert [p.line_number for p in file.problems] == [5, 6]
    assert all("without tax" in p.message for p in file.problems)


def _without(columns: set[str]) -> bytes:
    rows = list(csv.reader(io.StringIO((FILES / "shopify_orders.csv").read_text("utf-8"))))
    keep = [i for i, name in enumerate(rows[0]) if name not in columns]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[row[i] for i in keep] for row in rows])
    return out.getvalue().encode()


@pytest.mark.parametrize(
    "left_out",
    [
        {"Id", "Lineitem discount", "Phone", "Payment ID", "Receipt Number", "Duties"},
        {f"Tax {n} {part}" for n in range(1, 6) for part in ("Name", "Value")},
        {"Billing Address1", "Billing Address2", "Shipping Address1", "Shipping Address2"},
        {"Billing Phone", "Shipping Phone", "Accepts Marketing", "Notes", "Currency"},
    ],
    ids=["no-recent-columns", "no-tax-names", "street-only", "no-phones"],
)
def test_any_subset_of_the_header_reads(left_out: set[str], tmp_path) -> None:
    whole = read_orders(FILES / "shopify_orders.csv", region="MA", tz=CASABLANCA)
    path = tmp_path / "orders.csv"
    path.write_bytes(_without(left_out))
    part = read_orders(path, region="MA", tz=CASABLANCA)
    by_name = {o.external_id: o for o in part.orders}
    if "Billing Phone" in left_out:
        # Without phones the client is found by e-mail; the order with 'N/A' goes through.
        assert "#1134" in by_name and all(not o.client.phone for o in part.orders)
    else:
        assert set(by_name) == {o.external_id for o in whole.orders}
    for order in whole.orders:
        other = by_name[order.external_id]
        assert (other.status, other.payment_status) == (order.status, order.payment_status)
        assert [i.sku for i in other.lines] == [i.sku for i in order.lines]
        assert other.created_at == order.created_at
    if "Tax 1 Name" in left_out:
        assert all(i.tax_rate_bp is None for o in part.orders for i in o.lines)
    if "Billing Address1" in left_out:
        assert [o.client.address for o in part.orders] == [o.client.address for o in whole.orders]
