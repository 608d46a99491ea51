"""Orders from the shops' files into GESTCO (gestco.services.order_imports), on whichever engine
GESTCO_TEST_DB names: each realistic export of tests/imports imported twice changes nothing
the second time; the orders are GESTCO's own (numbers, lines, reservations, history); a
dry run and a preview write nothing; all or nothing, or the valid ones; overlapping files;
a change at the shop followed, or reported as a conflict when GESTCO moved the order
further; what the counter entered is never overwritten; an unknown SKU refuses its order."""

from __future__ import annotations

from pathlib import Path

import pytest

from gestco.domain.change_areas import NOTHING
from gestco.domain.errors import PermissionDenied
from gestco.domain.order_numbers import parse_number
from gestco.domain.permissions import Role
from gestco.domain.records import follows_transitions
from gestco.imports.orders import read_orders
from gestco.maintenance.checks import run_checks
from gestco.services import audit, clients, order_imports, orders, stock
from gestco.services.order_table import (
    OrderFilter,
    count_and_sum,
    list_orders,
    order_where,
    orders_by_ids,
)
from gestco.storage import raw_sql
from tests.imports.shop_exports import shopify
from tests.support.databases import sqlite_only
from tests.support.imports import FILES, catalogue, imports_listed, shop_data, shopify_part
from tests.support.shop import Shop, advance
from tests.support.staff import act_as, add_people, cheap_hashes

# Every realistic export the readers were made for (tests/imports/files).
REALISTIC = [
    "shopify_orders.csv",
    "shopify_2016.csv",
    "woo_one_row_per_item.csv",
    "woo_numbered_excel.csv",
    "woo_line_items.csv",
    "woo_rest_orders.json",
    "call_centre.csv",
]
# What GESTCO itself may refuse in them: a client known by e-mail only (no client has it).
NO_PHONE = "This order gives no phone for its client"


@pytest.fixture
def products(shop: Shop) -> dict[str, int]:
    return catalogue()


def imported() -> list[orders.Order]:
    rows = raw_sql.fetch_all("SELECT number FROM orders WHERE source <> '' ORDER BY id")
    return [orders.get_order(r[0]) for r in rows]


@pytest.mark.parametrize("name", REALISTIC)
def test_each_shops_file_imported_twice_changes_nothing_the_second_time(
    products: dict[str, int], name: str
) -> None:
    file = read_orders(FILES / name, region="MA")
    first = order_imports.run(FILES / name, valid_only=True)
    refused_here = [p for p in first.problems if p.line_number not in _reader_lines(file)]
    assert all(p.message.startswith(NO_PHONE) for p in refused_here), refused_here
    assert first.applied and first.errors == file.error_count + len(refused_here)
    assert first.new == len(file.orders) - len(refused_here) > 0
    assert (first.updated, first.unchanged, first.conflicts) == (0, 0, 0)
    assert first.changes.touches({"orders"})
    assert run_checks() == []  # totals, stock, reservations, numbers, history: consistent
    after = shop_data()
    second = order_imports.run(FILES / name, valid_only=True)
    assert (second.new, second.updated, second.conflicts) == (0, 0, 0)
    assert second.unchanged == first.new
    assert [e.file_name for e in second.earlier] == [name]  # "imported before", said first
    assert shop_data() == after
    assert second.changes == NOTHING


def _reader_lines(file) -> set[int]:
    return {p.line_number for p in file.problems}


def test_shopify_orders_become_gestco_orders(products: dict[str, int]) -> None:
    _, truths = shopify()
    report = order_imports.run(FILES / "shopify_orders.csv", valid_only=True)
    assert report.new == 354
    by_number = {o.external_number: o for o in imported()}
    assert len(by_number) == report.new
    file = {
        o.external_number: o for o in read_orders(FILES / "shopify_orders.csv", region="MA").orders
    }
    years = set()
    for truth in truths:
        order = by_number.get(truth.number)
        if order is None:
            assert truth.error or not truth.phone  # refused by the reader, or no client
            continue
        assert order.number == parse_number(order.number)  # CMD-YYYY-NNNNNN, its own
        years.add(order.number[4:8])
        assert (order.source, order.channel) == ("shopify", "online")
        assert (order.status, order.payment_status) == (truth.status, truth.payment)
        assert follows_transitions([h.to_status for h in order.history])
        assert order.history[0].note == f"shopify {truth.number}"
        assert order.created_at == file[truth.number].created_at
        if truth.phone:
            assert order.client_phone == truth.phone
        assert [(line.sku, line.quantity) for line in order.lines] == [
            (line.sku, line.quantity) for line in truth.lines
        ]
        # What the client paid for the goods, to the cent (shipping is not a GESTCO line).
        paid = sum(line.unit_cents * line.quantity - line.discount_cents for line in truth.lines)
        assert abs(order.total_cents - paid) <= len(order.lines), truth.number
    assert len(years) == 1  # numbered this year, from the normal counter
    # The open orders hold their goods; shipped ones took them off the shelf.
    held = sum(
        line.quantity
        for o in by_number.values()
        if o.status in ("pending", "processing", "on_hold")
        for line in o.lines
        if line.sku == "CAF-250"
    )
    coffee = stock.get_product(products["CAF-250"])
    assert coffee.reserved == held > 0
    shipped = sum(
        line.quantity
        for o in by_number.values()
        if o.status == "shipped"
        for line in o.lines
        if line.sku == "CAF-250"
    )
    assert coffee.on_hand == 100_000 - shipped


def test_a_phoneless_order_finds_its_client_by_email(products: dict[str, int]) -> None:
    """Shopify's #1052 has no phone: its client is the one the same e-mail's other orders
    give a phone for, or a client GESTCO has under that e-mail."""
    _, truths = shopify()
    phoneless = [t for t in truths if not t.phone and not t.error]
    order_imports.run(FILES / "shopify_orders.csv", valid_only=True)
    found = {o.external_number: o for o in imported()}
    matched = [t for t in phoneless if t.number in found]
    assert len(matched) >= 20
    for truth in matched:
        order = found[truth.number]
        client = clients.get_client(order.client_id)
        assert client.email == truth.email


def test_a_dry_run_and_a_preview_write_nothing(products: dict[str, int]) -> None:
    before = shop_data()
    seen = order_imports.preview(FILES / "shopify_orders.csv")
    assert (seen.new, seen.errors, seen.applied, seen.dry_run) == (354, 6, False, True)
    assert seen.changes == NOTHING
    assert shop_data() == before and imports_listed() == []  # a preview is not listed
    dry = order_imports.run(FILES / "shopify_orders.csv", valid_only=True, dry_run=True)
    assert (dry.new, dry.errors, dry.applied) == (354, 6, False)
    assert shop_data() == before
    assert imports_listed() == [("orders", "shopify_orders.csv", 1, 0, 354, 0, 0, 0, 6)]
    assert dry.earlier == ()  # a dry run is no import of the file
    done = order_imports.run(FILES / "shopify_orders.csv", valid_only=True)
    assert done.new == 354  # what the dry run said, to the order
    assert orders.get_order(imported()[0].number).number.endswith("-000001")  # no gap drawn


def test_all_or_nothing_or_only_the_valid_orders(products: dict[str, int]) -> None:
    """The call centre's file has 13 orders with mistakes: all or nothing writes nothing and
    says so; --valid-only imports the 7 good ones."""
    before = shop_data()
    refused = order_imports.run(FILES / "call_centre.csv")
    assert (refused.new, refused.errors, refused.applied) == (7, 13, False)
    assert refused.changes == NOTHING
    assert shop_data() == before
    assert [(p.line_number, p.column) for p in refused.problems][:3] == [
        (5, "Téléphone"),
        (6, "Quantité"),
        (7, "Statut"),
    ]
    kept = order_imports.run(FILES / "call_centre.csv", valid_only=True)
    assert (kept.new, kept.errors, kept.applied) == (7, 13, True)
    assert refused.earlier == () and len(kept.earlier) == 0
    by_ref = {o.external_number: o for o in imported()}
    assert set(by_ref) == {
        "CC-0101",
        "CC-0102",
        "CC-0111",
        "CC-0114",
        "CC-0116",
        "CC-0119",
        "CC-0120",
    }
    assert (by_ref["CC-0101"].channel, by_ref["CC-0116"].channel) == ("phone", "counter")
    assert (by_ref["CC-0111"].status, by_ref["CC-0116"].status) == ("shipped", "delivered")
    assert by_ref["CC-0120"].status == "on_hold"
    assert [(line.sku, line.discount_bp) for line in by_ref["CC-0101"].lines] == [
        ("CAF-250", 0),
        ("THE-VERT", 1000),
    ]
    assert by_ref["CC-0119"].lines[0].unit_price_cents == 2890  # no price: the catalogue's
    assert [r[2:4] for r in imports_listed()] == [(0, 0), (0, 1)]  # refused, then imported


def test_overlapping_files_create_nothing_twice(products: dict[str, int], tmp_path: Path) -> None:
    """The same WooCommerce orders in another layout, and two Shopify exports that share
    fifty orders: every order is in GESTCO once."""
    order_imports.run(FILES / "woo_one_row_per_item.csv", valid_only=True)
    again = order_imports.run(FILES / "woo_numbered_excel.csv", valid_only=True)
    assert (again.new, again.unchanged) == (0, 78)
    first = order_imports.run(shopify_part(tmp_path / "a.csv", range(0, 100)), valid_only=True)
    second = order_imports.run(shopify_part(tmp_path / "b.csv", range(50, 150)), valid_only=True)
    assert second.unchanged == first.new - _imported_before(50)
    assert first.new + second.new == len({o.number for o in imported() if o.source == "shopify"})
    counted = raw_sql.fetch_all(
        "SELECT source, external_id, count(*) FROM orders WHERE source <> ''"
        " GROUP BY source, external_id HAVING count(*) > 1"
    )
    assert counted == []
    assert run_checks() == []


def _imported_before(count: int) -> int:
    """How many of the first `count` Shopify orders GESTCO imports (the others are refused)."""
    names = {f"#{1001 + i}" for i in range(count)}
    return sum(1 for o in imported() if o.external_number in names)


def _pending_shopify_order() -> str:
    _, truths = shopify()
    return next(t.number for t in truths if t.status == "pending" and t.phone and not t.error)


def test_a_change_at_the_shop_is_followed(products: dict[str, int], tmp_path: Path) -> None:
    number = _pending_shopify_order()
    index = int(number[1:]) - 1001
    order_imports.run(shopify_part(tmp_path / "a.csv", range(index, index + 1)))
    order = next(o for o in imported() if o.external_number == number)
    assert order.status == "pending"
    reserved = stock.get_product(order.lines[0].product_id).reserved
    paid = {number: {"Financial Status": "paid", "Fulfillment Status": "fulfilled"}}
    report = order_imports.run(shopify_part(tmp_path / "b.csv", range(index, index + 1), edit=paid))
    assert (report.updated, report.new, report.conflicts) == (1, 0, 0)
    now = orders.get_order(order.number)
    assert (now.status, now.payment_status) == ("shipped", "paid")
    assert [h.to_status for h in now.history] == ["pending", "processing", "shipped"]
    assert now.history[-1].note == f"shopify {number}: paid / fulfilled"
    assert stock.get_product(order.lines[0].product_id).reserved == reserved - sum(
        line.quantity for line in order.lines if line.product_id == order.lines[0].product_id
    )
    assert now.lines == order.lines and now.client_id == order.client_id  # only the status
    again = order_imports.run(shopify_part(tmp_path / "b.csv", range(index, index + 1), edit=paid))
    assert again.unchanged == 1
    assert run_checks() == []


def test_gestco_moved_further_is_a_conflict(products: dict[str, int], tmp_path: Path) -> None:
    number = _pending_shopify_order()
    index = int(number[1:]) - 1001
    part = range(index, index + 1)
    order_imports.run(shopify_part(tmp_path / "a.csv", part))
    order = next(o for o in imported() if o.external_number == number)
    shipped = advance(order, "processing", "shipped")  # the shop packed it meanwhile
    voided = {number: {"Financial Status": "voided", "Cancelled at": "2025-10-09 10:00:00 +0100"}}
    before = shop_data()
    report = order_imports.run(shopify_part(tmp_path / "b.csv", part, edit=voided))
    assert (report.conflicts, report.updated, report.errors, report.applied) == (1, 0, 0, True)
    conflict = report.conflicts_found[0]
    assert conflict.line_number == 2 and conflict.column == "status"
    assert f"{number} ({order.number}) was moved to shipped in GESTCO" in conflict.message
    assert orders.get_order(order.number) == shipped
    assert shop_data() == before
    # Reported again until someone decides; the shop saying what GESTCO has settles it.
    assert order_imports.run(shopify_part(tmp_path / "c.csv", part, edit=voided)).conflicts == 1


def test_gestco_moved_it_and_the_shop_agrees_or_goes_further(
    products: dict[str, int], tmp_path: Path
) -> None:
    number = _pending_shopify_order()
    index = int(number[1:]) - 1001
    part = range(index, index + 1)
    order_imports.run(shopify_part(tmp_path / "a.csv", part))
    order = next(o for o in imported() if o.external_number == number)
    advance(order, "processing")  # the clerk started preparing it
    paid = {number: {"Financial Status": "paid"}}  # the shop: paid, so processing too
    report = order_imports.run(shopify_part(tmp_path / "b.csv", part, edit=paid))
    assert report.updated == 1
    now = orders.get_order(order.number)
    assert (now.status, now.payment_status) == ("processing", "paid")
    sent = {number: {"Financial Status": "paid", "Fulfillment Status": "fulfilled"}}
    assert order_imports.run(shopify_part(tmp_path / "c.csv", part, edit=sent)).updated == 1
    assert orders.get_order(order.number).status == "shipped"


def test_the_shop_going_back_is_a_conflict(products: dict[str, int], tmp_path: Path) -> None:
    """A fulfilled order the shop later shows unfulfilled: GESTCO's shipment stays."""
    _, truths = shopify()
    number = next(t.number for t in truths if t.status == "shipped" and t.phone and not t.error)
    index = int(number[1:]) - 1001
    part = range(index, index + 1)
    order_imports.run(shopify_part(tmp_path / "a.csv", part))
    back = {number: {"Fulfillment Status": "unfulfilled"}}
    report = order_imports.run(shopify_part(tmp_path / "b.csv", part, edit=back))
    assert report.conflicts == 1
    assert "cannot go back" in report.conflicts_found[0].message


def test_what_the_counter_entered_is_never_overwritten(
    products: dict[str, int], shop: Shop, tmp_path: Path
) -> None:
    _, truths = shopify()
    truth = next(t for t in truths if t.phone and not t.error)
    known = shop.client(phone=truth.phone, first="Nom", last="Du Comptoir", address="Boutique")
    index = int(truth.number[1:]) - 1001
    order_imports.run(shopify_part(tmp_path / "a.csv", range(index, index + 1)))
    order = next(o for o in imported() if o.external_number == truth.number)
    assert order.client_id == known.id
    assert clients.get_client(known.id) == known  # the counter's client as it was


def test_an_unknown_sku_refuses_its_order_and_makes_no_product(shop: Shop) -> None:
    catalogue()
    stock_before = stock.list_products()
    report = order_imports.run(FILES / "shopify_tax_excluded.csv", valid_only=True)
    unknown = [p for p in report.problems if p.column == "sku"]
    assert unknown and all(p.template.startswith("No product has the SKU") for p in unknown)
    assert {p.value for p in unknown} == {"MAPLE-250", "ARGAN-1L"}
    assert {p.line_number for p in unknown} == {2, 4}  # the line of the file that names it
    assert stock.list_products() == stock_before
    assert report.new == 0


def test_an_import_is_a_managers_and_in_the_audit_trail(
    products: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    cheap_hashes(monkeypatch)
    add_people()
    act_as(Role.COUNTER)
    before = shop_data()
    for attempt in (
        lambda: order_imports.preview(FILES / "woo_line_items.csv"),
        lambda: order_imports.run(FILES / "woo_line_items.csv", valid_only=True),
    ):
        with pytest.raises(PermissionDenied) as refused:
            attempt()
        assert refused.value.permission == "import"
    assert shop_data() == before and imports_listed() == []
    act_as(Role.MANAGER)
    report = order_imports.run(FILES / "woo_line_items.csv", valid_only=True)
    assert report.new == 10
    order = imported()[0]
    trail = audit.record_trail("orders", order.id)
    assert {e.operator for e in trail} == {"gerant"}
    assert {"source", "external_number", "status", "lines"} <= {e.field for e in trail}
    assert order.history[0].changed_by == "gerant"
    client_rows = audit.record_trail("clients", order.client_id)
    assert client_rows and {e.operator for e in client_rows} == {"gerant"}
    assert [r[:4] for r in imports_listed()] == [("orders", "woo_line_items.csv", 0, 1)]


def test_the_orders_filter_finds_an_external_number(shop: Shop, products: dict[str, int]) -> None:
    order_imports.run(FILES / "woo_line_items.csv", valid_only=True)
    order = imported()[3]
    for typed in (order.external_number, f"#{order.external_number}"):
        rows = list_orders(OrderFilter(text=typed)).rows
        assert [r.number for r in rows] == [order.number], typed
        assert count_and_sum(OrderFilter(text=typed))[0] == 1
    assert list_orders(OrderFilter(text="99999999")).rows == []
    # The table's rows carry what the window shows in its Source and Shop's number columns.
    (row,) = orders_by_ids([order.id])
    assert (row.source, row.external_number) == ("woocommerce", order.external_number)
    client = shop.client(phone="0611223344")
    counter = shop.order(client.id, (products[next(iter(products))], 1))
    (row,) = orders_by_ids([counter.id])
    assert (row.source, row.external_number) == ("", "")


@sqlite_only("SQLite's plans are read here; the server's planner costs its own")
def test_the_imported_orders_are_found_from_their_partial_indexes(
    products: dict[str, int],
) -> None:
    """An external number, and an order met again, are one index search each; the counter's
    orders are in neither index (partial: source <> '')."""
    order_imports.run(FILES / "woo_line_items.csv", valid_only=True)
    where, params = order_where(OrderFilter(text="4105"))
    plan = raw_sql.fetch_all(f"EXPLAIN QUERY PLAN SELECT o.id FROM orders o{where}", params)
    assert any("USING INDEX orders_external_number" in row[3] for row in plan), plan
    again = raw_sql.fetch_all(
        "EXPLAIN QUERY PLAN SELECT id FROM orders WHERE source <> '' AND source = ?"
        " AND external_id IN (?, ?)",
        ["woocommerce", "4105", "4106"],
    )
    assert any("INDEX orders_external " in row[3] for row in again), again
    counter = raw_sql.fetch_one(
        "SELECT count(*) FROM orders INDEXED BY orders_external WHERE source <> ''"
    )
    assert counter == (10,)
