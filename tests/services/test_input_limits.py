"""Input the validation used to let through (issue 14, items 12 and 14 to 18, 21, 22): each
is refused with a GESTCO message naming its field, and nothing is written."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from gestco.domain.errors import GestcoError, NotFoundError, StockError, ValidationError
from gestco.domain.money import (
    MAX_LINES,
    MAX_ORDER_TOTAL_CENTS,
    MAX_ORDERS,
    MAX_PRICE_CENTS,
    MAX_QUANTITY,
    check_quantity,
    parse_cents,
    parse_rate,
)
from gestco.domain.records import MAX_ID, ClientInput, LineInput, ProductInput
from gestco.maintenance.checks import run_checks
from gestco.services import clients, orders, stock
from gestco.services.order_table import OrderFilter, count_and_sum, list_orders, order_ids
from gestco.storage import raw_sql
from tests.support.fuzz_values import fingerprint
from tests.support.shop import Shop

SURROGATE = "Ben\ud800ali"


@pytest.fixture
def setup(shop: Shop):
    client = shop.client()
    product = shop.product(stock_qty=20)
    return client, product


def refused(call, field: str | None = None) -> GestcoError:
    before = fingerprint()
    with pytest.raises(GestcoError) as err:
        call()
    assert fingerprint() == before, "a refused call wrote something"
    if field is not None:
        assert getattr(err.value, "field", None) == field, err.value
    return err.value


CLIENT_TEXT_FIELDS = ("first_name", "last_name", "address", "postal_code", "city", "notes")


@pytest.mark.parametrize("field", CLIENT_TEXT_FIELDS)
@pytest.mark.parametrize("bad", [SURROGATE, "Ben\x01ali", "Ben\x7fali", "Ben\x9bali", "\ufffe"])
def test_client_text_with_an_unstorable_character_is_refused(setup, field, bad) -> None:
    client = setup[0]
    details = {"phone": "0622222222", "last_name": "Tazi", field: bad}
    refused(lambda: clients.create_client(ClientInput(**details)), field)
    details["phone"] = client.phone
    refused(lambda: clients.update_client(client.id, ClientInput(**details)), field)


def test_line_breaks_and_tabs_only_in_multi_line_fields(setup) -> None:
    for field in ("first_name", "last_name", "postal_code", "city"):
        error = refused(
            lambda f=field: clients.create_client(
                ClientInput(**{"phone": "0622222222", "last_name": "Tazi", f: "a\nb"}),
            ),
            field,
        )
        assert "one line" in error.message
    saved = clients.create_client(
        ClientInput(
            phone="0622222222", last_name="Tazi", address="12 rue X\nBât. B", notes="a\tb\nc"
        ),
    )
    assert (saved.address, saved.notes) == ("12 rue X\nBât. B", "a\tb\nc")


def test_order_product_and_stock_text_with_an_unstorable_character(setup) -> None:
    client, product = setup
    line = [LineInput(product_id=product.id, quantity=1)]
    for bad in (SURROGATE, "a\x02b"):
        refused(
            lambda b=bad: orders.create_order(client_id=client.id, lines=line, notes=b),
            "notes",
        )
        refused(
            lambda b=bad: orders.create_order(client_id=client.id, lines=line, shipping_address=b),
            "shipping_address",
        )
        refused(
            lambda b=bad: stock.create_product(ProductInput(sku="THE-1", name=b, unit_price="5")),
            "name",
        )
        refused(lambda b=bad: stock.receive_stock(product.id, 1, reference=b), "reference")
        refused(lambda b=bad: stock.adjust_stock(product.id, 1, reason=b), "reason")
    order = orders.create_order(client_id=client.id, lines=line)
    refused(
        lambda: orders.change_status(
            order_id=order.id,
            to_status="cancelled",
            expected_version=order.version,
            note=SURROGATE,
        ),
        "note",
    )


@pytest.mark.parametrize("typed", [SURROGATE, "\x00", "06\ud83d", "\u0301", "\u0301\u0300"])
def test_the_three_searches_match_nothing_for_text_nothing_can_hold(setup, typed) -> None:
    client, product = setup
    shop_order = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=1)]
    )
    assert clients.search_clients(typed) == []
    assert stock.search_products(typed) == []
    assert stock.list_products(typed) == []
    flt = OrderFilter(text=typed)
    assert count_and_sum(flt) == (0, 0)
    assert list_orders(flt).rows == []
    assert list(order_ids(flt)) == []
    assert shop_order.id in order_ids(OrderFilter())


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e999999", "far too large"),
        ("-1e999999", "far too large"),
        ("1e-999999999", "decimal places"),
        ("0.000000000000000000000000000001", "decimal places"),
        ("10000000.01", "at most 10000000:"),
        ("1" * 5000, "as a number"),
        ("1_000", "as a number"),
        ("0.001", "two decimal places"),
    ],
)
def test_prices_huge_tiny_or_past_the_limit_are_refused(setup, typed, message) -> None:
    client, product = setup
    with pytest.raises(ValidationError, match=message):
        parse_cents(typed)
    refused(
        lambda: stock.create_product(ProductInput(sku="THE-1", name="Thé", unit_price=typed)),
        "unit_price",
    )
    refused(
        lambda: orders.create_order(
            client_id=client.id,
            lines=[LineInput(product_id=product.id, quantity=1, unit_price=typed)],
        ),
        "lines[0].unit_price",
    )


def test_amounts_at_their_limits_are_accepted() -> None:
    assert parse_cents("10 000 000,00") == MAX_PRICE_CENTS
    assert parse_cents(Decimal("1E+2")) == 10_000
    assert parse_cents("0e-999999999") == 0
    assert parse_cents("١٢,٥٠") == 1250  # Arabic-Indic digits are digits
    assert parse_rate("1e1", field="tax") == 1000
    with pytest.raises(ValidationError):
        parse_rate("1e999999", field="tax")


@pytest.mark.parametrize(("typed", "expected"), [("౧", 1), ("١٢", 12), ("３", 3), (" 7 ", 7)])
def test_quantities_in_any_script_s_digits(typed, expected) -> None:
    assert check_quantity(typed) == expected


@pytest.mark.parametrize("typed", ["²", "1²", "½", "Ⅻ", "1" * 5000, "100001", str(10**30)])
def test_quantities_that_are_not_whole_numbers_in_range(setup, typed) -> None:
    with pytest.raises(ValidationError):
        check_quantity(typed)
    refused(lambda: stock.receive_stock(setup[1].id, typed), "quantity")


@pytest.mark.parametrize("huge", [2**63, -(2**63) - 1, 10**30])
def test_ids_past_64_bits_are_not_found(setup, huge) -> None:
    client, product = setup
    for call in (
        lambda: clients.get_client(huge),
        lambda: clients.client_stats(huge),
        lambda: stock.get_product(huge),
        lambda: orders.get_order_by_id(huge),
        lambda: clients.update_client(huge, ClientInput(phone="0633", last_name="X")),
        lambda: stock.receive_stock(huge, 1),
        lambda: stock.adjust_stock(huge, 1, reason="count"),
        lambda: stock.update_product(huge, ProductInput(sku="A", name="A", unit_price="1")),
        lambda: orders.create_order(client_id=huge, lines=[LineInput(product.id, 1)]),
        lambda: orders.create_order(client_id=client.id, lines=[LineInput(huge, 1)]),
        lambda: orders.change_status(order_id=huge, to_status="processing", expected_version=1),
    ):
        refused(call)
    assert clients.client_orders(huge) == []
    assert stock.product_movements(huge) == []
    assert stock.get_products([huge, product.id]).keys() == {product.id}
    assert MAX_ID == 2**63 - 1


def test_an_orders_filter_up_to_the_last_day_a_date_can_hold(setup) -> None:
    client, product = setup
    orders.create_order(client_id=client.id, lines=[LineInput(product_id=product.id, quantity=1)])
    everything = OrderFilter(date_from=date.min, date_to=date.max)
    assert count_and_sum(everything)[0] == 1
    assert len(list_orders(everything).rows) == 1
    assert count_and_sum(OrderFilter(date_from=date.max))[0] == 0
    with pytest.raises(ValidationError):
        count_and_sum(OrderFilter(date_to="2026-12-31"))  # type: ignore[arg-type]


def test_order_limits_lines_quantity_and_total(shop: Shop, setup) -> None:
    client, _ = setup
    dear = shop.product(sku="LUX-1", name="Lustre", price="10000000.00", stock_qty=MAX_QUANTITY)
    at_limit = MAX_ORDER_TOTAL_CENTS // MAX_PRICE_CENTS  # 100 lustres: 1,000,000,000.00
    order = orders.create_order(client_id=client.id, lines=[LineInput(dear.id, at_limit)])
    assert order.total_cents == MAX_ORDER_TOTAL_CENTS
    assert clients.client_stats(client.id).total_spent_cents == MAX_ORDER_TOTAL_CENTS
    assert (
        "at most 1000000000:"
        in refused(
            lambda: orders.create_order(
                client_id=client.id, lines=[LineInput(dear.id, at_limit + 1)]
            ),
            "lines[0].quantity",
        ).message
    )
    half = [LineInput(dear.id, at_limit // 2), LineInput(dear.id, at_limit // 2 + 1)]
    refused(lambda: orders.create_order(client_id=client.id, lines=half), "lines")
    cheap = shop.product(sku="EAU-1", name="Eau", price="1", stock_qty=MAX_QUANTITY)
    refused(
        lambda: orders.create_order(
            client_id=client.id, lines=[LineInput(cheap.id, 1)] * (MAX_LINES + 1)
        ),
        "lines",
    )
    refused(
        lambda: orders.create_order(
            client_id=client.id, lines=[LineInput(cheap.id, MAX_QUANTITY + 1)]
        ),
        "lines[0].quantity",
    )
    many = orders.create_order(client_id=client.id, lines=[LineInput(cheap.id, 1)] * MAX_LINES)
    assert len(many.lines) == MAX_LINES


def test_no_more_orders_than_the_sums_can_hold(setup) -> None:
    client, product = setup
    raw_sql.execute(
        "INSERT INTO sequences (name, last_value) VALUES ('orders-2001', ?)", (MAX_ORDERS,)
    )
    error = refused(
        lambda: orders.create_order(client_id=client.id, lines=[LineInput(product.id, 1)])
    )
    assert "90000000 orders" in error.message


@pytest.mark.parametrize("year", [1, 999, 1999])
def test_a_clock_before_2000_records_no_order(setup, monkeypatch, year) -> None:
    client, product = setup
    monkeypatch.setattr(orders, "now", lambda: datetime(year, 6, 1, 10, 0, 0))
    error = refused(
        lambda: orders.create_order(client_id=client.id, lines=[LineInput(product.id, 1)])
    )
    assert f"clock says the year is {year}" in error.message
    assert list_orders().rows == []


def test_a_stamp_of_a_year_below_1000_reads_back(shop: Shop, monkeypatch) -> None:
    monkeypatch.setattr(clients, "now", lambda: datetime(999, 6, 1, 10, 0, 0))
    saved = shop.client()
    assert clients.get_client(saved.id).created_at == datetime(999, 6, 1, 10, 0, 0)


def test_numbers_past_999999_widen_to_seven_digits(setup) -> None:
    client, product = setup
    year = datetime.now().year
    raw_sql.execute(
        "INSERT INTO sequences (name, last_value) VALUES (?, 999998)", (f"orders-{year}",)
    )
    numbers = [
        orders.create_order(client_id=client.id, lines=[LineInput(product.id, 1)]).number
        for _ in range(2)
    ]
    assert numbers == [f"CMD-{year}-999999", f"CMD-{year}-1000000"]
    assert orders.get_order(f"{year}-1000000").number == numbers[1]
    assert orders.get_order(f"cmd {year} 1000000").number == numbers[1]
    assert count_and_sum(OrderFilter(text=numbers[1]))[0] == 1
    problems = run_checks()
    assert not [p for p in problems if "malformed" in p or "not an order number" in p]


def test_a_year_s_numbers_end_at_nine_million_and_more(setup) -> None:
    client, product = setup
    year = datetime.now().year
    raw_sql.execute(
        "INSERT INTO sequences (name, last_value) VALUES (?, 9999999)", (f"orders-{year}",)
    )
    error = refused(
        lambda: orders.create_order(client_id=client.id, lines=[LineInput(product.id, 1)])
    )
    assert "used up" in error.message


def test_an_oversold_product_can_be_corrected_upwards(shop: Shop, setup) -> None:
    client, _ = setup
    product = shop.product(sku="TAB-1", name="Tabouret", stock_qty=5)
    orders.create_order(client_id=client.id, lines=[LineInput(product.id, 10)])
    assert (stock.get_product(product.id).on_hand, stock.get_product(product.id).reserved) == (
        5,
        10,
    )
    assert stock.adjust_stock(product.id, 1, reason="recount").on_hand == 6
    with pytest.raises(StockError, match="reserved"):
        stock.adjust_stock(product.id, -1, reason="breakage")
    with pytest.raises(StockError, match="on hand"):
        stock.adjust_stock(product.id, -7, reason="breakage")
    assert stock.get_product(product.id).on_hand == 6


def test_a_partly_typed_number_is_a_prefix(setup) -> None:
    client, product = setup
    made = [
        orders.create_order(client_id=client.id, lines=[LineInput(product.id, 1)]) for _ in range(3)
    ]
    year = made[0].created_at.year
    for typed in (f"CMD-{year}-00000", f"cmd-{year}-0000", f"{year}-00000", f"CMD-{year}-"):
        assert count_and_sum(OrderFilter(text=typed))[0] == 3, typed
    assert count_and_sum(OrderFilter(text=f"CMD-{year}-000002"))[0] == 1
    assert count_and_sum(OrderFilter(text=f"{year}-3"))[0] == 1
    assert count_and_sum(OrderFilter(text="CMD-1999-00000"))[0] == 0


def test_a_not_found_number_is_a_gestco_error(setup) -> None:
    with pytest.raises(NotFoundError):
        orders.get_order("2026-9999999")
