"""The shops' exports read order by order as they truly are (tests/imports/shop_exports.py
made them and knows each order): statuses through the documented tables, lines with their
tax-inclusive prices and rates, the client's phone in E.164, refused orders with the line."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from gestco.imports.orders import read_orders
from gestco.imports.records import ImportedOrder, OrderFile
from tests.imports import shop_exports
from tests.imports.shop_exports import FILES, Truth

CASABLANCA = ZoneInfo("Africa/Casablanca")


def read(name: str, **options: object) -> OrderFile:
    return read_orders(FILES / name, region="MA", tz=CASABLANCA, **options)  # type: ignore[arg-type]


def lines_of(order: ImportedOrder) -> list[tuple[str, int, int | None, int | None, int]]:
    return [
        (i.sku, i.quantity, i.unit_price_cents, i.tax_rate_bp, i.discount_cents)
        for i in order.lines
    ]


def expected_lines(truth: Truth) -> list[tuple[str, int, int | None, int | None, int]]:
    return [(i.sku, i.quantity, i.unit_cents, i.rate_bp, i.discount_cents) for i in truth.lines]


def check_against(file: OrderFile, truths: list[Truth]) -> list[int]:
    """Each order as its truth says; returns how many lines of each order had no rate."""
    orders = {o.external_id: o for o in file.orders}
    unknown_rates: list[int] = []
    for truth in truths:
        if truth.error:
            assert truth.external_id in file.rejected
            assert any(
                p.external_id == truth.external_id and p.column == truth.error
                for p in file.problems
            ), truth.external_id
            continue
        order = orders[truth.external_id]
        assert (order.status, order.payment_status) == (truth.status, truth.payment), truth
        assert order.external_number == truth.number
        assert order.created_at == truth.created_at
        assert order.channel == "online"
        assert order.client.phone == truth.phone
        assert order.client.email == truth.email
        read, expected = lines_of(order), expected_lines(truth)
        unknown = [i for i, line in enumerate(read) if line[3] is None]
        for i in unknown:  # two lines of one amount under two rates: the file cannot tell
            read[i] = (*read[i][:3], expected[i][3], read[i][4])
        assert read == expected, truth.number
        unknown_rates.append(len(unknown))
        assert order.shipping_cents == truth.shipping_cents
        assert order.refunded_cents == truth.refunded_cents
        assert order.source_status.startswith(truth.source_status)
    assert len(file.orders) == sum(1 for t in truths if not t.error)
    return unknown_rates


def test_the_committed_files_are_what_the_generator_makes() -> None:
    shopify, _ = shop_exports.shopify()
    per_item, numbered, coded, _ = shop_exports.woocommerce_files()
    rest, _ = shop_exports.rest_json()
    assert (FILES / "shopify_orders.csv").read_bytes() == shopify.encode()
    assert (FILES / "woo_one_row_per_item.csv").read_bytes() == per_item.encode()
    assert (FILES / "woo_numbered_excel.csv").read_bytes() == numbered
    assert (FILES / "woo_line_items.csv").read_bytes() == coded.encode()
    assert (FILES / "woo_rest_orders.json").read_bytes() == rest.encode()


def test_shopify_export_of_several_hundred_orders() -> None:
    _, truths = shop_exports.shopify()
    file = read("shopify_orders.csv")
    assert file.format == "shopify"
    assert (file.sniffed.encoding, file.sniffed.delimiter, file.sniffed.decimal_mark) == (
        "utf-8",
        ",",
        ".",
    )
    unknown = check_against(file, truths)
    # Measured: 4 lines of #1272, whose 20 % and 10 % lines add up to the same amount (137.70 +
    # 98.00 = 149.00 + 86.70): no file can tell those apart; none is ever given a wrong rate.
    assert sum(unknown) <= 4
    # What the file holds, as the issue asks for: several lines, two rates, cancelled and
    # refunded orders, clients without a phone.
    assert len(truths) == 360
    assert sum(len(t.lines) > 1 for t in truths) > 150
    assert sum({i.rate_bp for i in t.lines} >= {2000, 1000} for t in truths) > 50
    assert {o.status for o in file.orders} == {
        "pending", "processing", "shipped", "cancelled",
    }  # fmt: skip
    assert sum(o.payment_status == "refunded" for o in file.orders) > 10
    assert sum(not o.client.phone for o in file.orders) > 20
    assert file.error_count == 3


def test_shopify_problems_point_at_their_lines() -> None:
    raw = (FILES / "shopify_orders.csv").read_text(encoding="utf-8").splitlines()
    file = read("shopify_orders.csv")
    assert len(file.problems) == 3
    for problem in file.problems:
        # The row a problem names begins with its order's Name (no quoted newline before it
        # in these rows: the notes that have one are on other orders).
        assert raw[problem.line_number - 1].startswith(problem.external_id + ",")
    messages = {p.column: p.message for p in file.problems}
    assert messages["Billing Phone"].startswith("A phone number has only digits")
    assert "no SKU" in messages["Lineitem sku"]


def test_shopify_first_rows_carry_the_order_and_notes_keep_their_line_breaks() -> None:
    file = read("shopify_orders.csv")
    noted = [o for o in file.orders if o.notes]
    assert noted and all(o.notes == 'Livrer après 18h, sonner "2"\nMerci' for o in noted)
    first = next(o for o in file.orders if o.external_id == "#1001")
    assert first.client.postal_code == "75011"  # Shopify's leading apostrophe is gone
    assert first.currency == "MAD"
    assert first.line_number == 2
    assert [t.name for t in first.taxes] == ["TVA 20%"]


@pytest.mark.parametrize(
    "name", ["woo_one_row_per_item.csv", "woo_numbered_excel.csv"], ids=["per-item", "numbered"]
)
def test_woocommerce_plugin_csv_in_both_item_layouts(name: str) -> None:
    *_, truths = shop_exports.woocommerce_files()
    file = read(name)
    assert file.format == "woocommerce"
    assert not any(check_against(file, truths))
    assert not file.problems


def test_the_two_layouts_and_the_coded_cells_give_the_same_orders() -> None:
    def without_lines(order: ImportedOrder) -> tuple[object, ...]:
        client = replace(order.client, line_number=0)
        return (order.external_id, order.status, client, lines_of(order), order.total_cents)

    per_item = read("woo_one_row_per_item.csv")
    numbered = read("woo_numbered_excel.csv")
    coded = read("woo_line_items.csv")
    assert numbered.sniffed.encoding == "cp1252"
    assert (numbered.sniffed.delimiter, numbered.sniffed.decimal_mark) == (";", ",")
    assert per_item.sniffed.encoding == "utf-8-sig"
    assert [without_lines(o) for o in per_item.orders] == [
        without_lines(o) for o in numbered.orders
    ]
    assert [without_lines(o) for o in coded.orders] == [
        without_lines(o) for o in per_item.orders[:12]
    ]


def test_woocommerce_rest_json() -> None:
    _, truths = shop_exports.rest_json()
    file = read("woo_rest_orders.json")
    assert file.format == "woocommerce"
    assert not any(check_against(file, truths))
    raw = (FILES / "woo_rest_orders.json").read_text(encoding="utf-8").splitlines()
    for order in file.orders:
        assert raw[order.line_number - 1].strip() == "{"
        assert raw[order.line_number].strip() == f'"id": {order.external_id},'
    refunded = [o for o in file.orders if o.source_status == "refunded"]
    assert refunded and all(o.payment_status == "refunded" for o in refunded)
    assert all(t.rate_bp in (2000, 1000) for o in file.orders for t in o.taxes)


def test_a_rest_order_in_gmt_is_read_in_local_time(tmp_path: Path) -> None:
    documents = json.loads((FILES / "woo_rest_orders.json").read_text(encoding="utf-8"))[:1]
    documents[0]["date_created_gmt"] = "2025-10-07T08:50:26"
    path = tmp_path / "one.json"
    path.write_text(json.dumps(documents), encoding="utf-8")
    (order,) = read_orders(path, region="MA", tz=ZoneInfo("Europe/Paris")).orders
    assert order.created_at.isoformat() == "2025-10-07T10:50:26"  # Paris is UTC+2 in October
