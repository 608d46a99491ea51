"""Orders: numbering, totals, stock effects, the status machine, versions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from gestco.domain.errors import (
    ConflictError,
    NotFoundError,
    StockError,
    TransitionError,
    ValidationError,
)
from gestco.domain.records import TRANSITIONS, LineInput
from gestco.maintenance.checks import run_checks
from gestco.services import order_writes, orders, settings, stock
from gestco.storage import binding, opening, raw_sql
from tests.support.databases import ON_POSTGRES, TEST_DB
from tests.support.shop import ACTOR, Shop


@pytest.fixture
def setup(shop: Shop):
    client = shop.client()
    coffee = shop.product(sku="CAF-250", price="45.00", stock_qty=10)
    tea = shop.product(sku="THE-100", name="Thé vert", price="25.50", stock_qty=5, tax="10")
    return client, coffee, tea


def test_new_order_is_numbered_pending_reserved_and_historied(shop: Shop, setup) -> None:
    client, coffee, tea = setup
    order = shop.order(client.id, (coffee.id, 3), (tea.id, 1), channel="phone")
    year = date.today().year
    assert order.number == f"CMD-{year}-000001"
    assert order.status == "pending"
    assert order.channel == "phone"
    assert order.total_cents == 3 * 4500 + 2550
    assert order.total_excl_cents + order.total_tax_cents == order.total_cents
    assert [(h.from_status, h.to_status, h.changed_by) for h in order.history] == [
        (None, "pending", ACTOR)
    ]
    assert order.shipping_address == "Rabat\nMA"
    assert (stock.get_product(coffee.id).reserved, stock.get_product(coffee.id).on_hand) == (3, 10)
    assert shop.order(client.id, (tea.id, 1)).number == f"CMD-{year}-000002"
    assert run_checks() == []


def test_line_amounts_with_discount_and_tax() -> None:
    from gestco.domain.money import line_amounts

    # 3 x 45.00 at 10 % off = 121.50 incl. 20 % tax -> 101.25 excl., 20.25 tax
    assert line_amounts(3, 4500, 1000, 2000) == (12150, 2025)
    # rounding half away from zero on the cent
    assert line_amounts(1, 999, 0, 550) == (999, 52)


def test_tolerant_number_lookup(shop: Shop, setup) -> None:
    client, coffee, _ = setup
    order = shop.order(client.id, (coffee.id, 1))
    year = order.created_at.year
    for typed in (
        order.number,
        order.number.lower(),
        f"cmd-{year}-1",
        f"{year}-1",
        f" {year}/000001 ",
        f"CMD {year} 1",
    ):
        assert orders.get_order(typed).id == order.id, typed
    with pytest.raises(NotFoundError, match=f"CMD-{year}-000002"):
        orders.get_order(f"{year}-2")
    for bad in ("", "hello", "CMD-26-1", f"{year}-0", f"{year}-12345678"):
        with pytest.raises(ValidationError):
            orders.get_order(bad)


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("lines", {"lines": []}),
        ("lines[0].quantity", {"lines": [LineInput(product_id=1, quantity=0)]}),
        ("lines[0].quantity", {"lines": [LineInput(product_id=1, quantity=-2)]}),
        ("lines[0].quantity", {"lines": [LineInput(product_id=1, quantity=1.5)]}),  # type: ignore[arg-type]
        ("lines[0].quantity", {"lines": [LineInput(product_id=1, quantity="deux")]}),  # type: ignore[arg-type]
        ("lines[0].discount", {"lines": [LineInput(product_id=1, quantity=1, discount=101)]}),
        ("lines[0].discount", {"lines": [LineInput(product_id=1, quantity=1, discount=-1)]}),
        ("lines[0].unit_price", {"lines": [LineInput(product_id=1, quantity=1, unit_price="-3")]}),
        ("lines[0].unit_price", {"lines": [LineInput(product_id=1, quantity=1, unit_price="abc")]}),
        ("lines[0].product", {"lines": [LineInput(product_id=999, quantity=1)]}),
        ("channel", {"channel": "fax"}),
        ("shipping_date", {"shipping_date": date.today() - timedelta(days=1)}),
    ],
)
def test_bad_order_input_writes_nothing(shop: Shop, setup, field: str, kwargs) -> None:
    client, coffee, _ = setup
    args = {
        "client_id": client.id,
        "lines": [LineInput(product_id=coffee.id, quantity=1)],
        **kwargs,
    }
    with pytest.raises(ValidationError) as err:
        orders.create_order(**args)
    assert err.value.field == field
    assert raw_sql.fetch_one("SELECT count(*) FROM orders") == (0,)
    assert raw_sql.fetch_one("SELECT count(*) FROM sequences") == (0,)
    assert stock.get_product(coffee.id).reserved == 0


def test_unknown_client(shop: Shop, setup) -> None:
    _, coffee, _ = setup
    with pytest.raises(NotFoundError):
        shop.order(12345, (coffee.id, 1))


def test_oversell_warns_by_default_and_can_be_refused(shop: Shop, setup) -> None:
    client, _, tea = setup
    order = shop.order(client.id, (tea.id, 7))  # 5 on hand: allowed by default
    assert stock.get_product(tea.id).available == -2
    settings.set_setting("allow_oversell", "0")
    with pytest.raises(StockError, match="Only 0"):
        shop.order(client.id, (tea.id, 1))
    assert raw_sql.fetch_one("SELECT count(*) FROM orders") == (1,)
    assert order.status == "pending"


def test_status_machine_and_stock(shop: Shop, setup) -> None:
    client, coffee, _ = setup
    order = shop.order(client.id, (coffee.id, 3))
    order = orders.change_status(
        order_id=order.id, to_status="processing", expected_version=order.version
    )
    order = orders.change_status(
        order_id=order.id,
        to_status="shipped",
        expected_version=order.version,
        note="Colis 1",
    )
    product = stock.get_product(coffee.id)
    assert (product.on_hand, product.reserved) == (7, 0)
    assert order.shipped_at is not None
    assert [h.to_status for h in order.history] == ["pending", "processing", "shipped"]
    assert order.history[-1].note == "Colis 1"
    with pytest.raises(TransitionError) as err:
        orders.change_status(
            order_id=order.id,
            to_status="cancelled",
            expected_version=order.version,
            note="x",
        )
    assert err.value.allowed == ("delivered",)
    assert "Allowed: delivered" in err.value.message
    order = orders.change_status(
        order_id=order.id, to_status="delivered", expected_version=order.version
    )
    assert order.delivered_at is not None
    assert run_checks() == []


def test_every_forbidden_transition_is_refused(shop: Shop, setup) -> None:
    client, coffee, _ = setup
    order = shop.order(client.id, (coffee.id, 1))
    for target in ("shipped", "delivered", "pending"):
        with pytest.raises(TransitionError):
            orders.change_status(
                order_id=order.id, to_status=target, expected_version=order.version
            )
    assert orders.get_order_by_id(order.id).version == order.version
    assert set(TRANSITIONS["pending"]) == {"processing", "on_hold", "cancelled"}


def test_cancel_needs_a_reason_and_releases_stock(shop: Shop, setup) -> None:
    client, coffee, _ = setup
    order = shop.order(client.id, (coffee.id, 4))
    with pytest.raises(ValidationError) as err:
        orders.change_status(
            order_id=order.id, to_status="cancelled", expected_version=order.version
        )
    assert err.value.field == "note"
    order = orders.change_status(
        order_id=order.id,
        to_status="cancelled",
        expected_version=order.version,
        note="Doublon",
    )
    assert stock.get_product(coffee.id).reserved == 0
    assert order.allowed_statuses == ()
    assert run_checks() == []


def test_cannot_ship_what_is_not_on_the_shelf(shop: Shop, setup) -> None:
    client, _, tea = setup
    order = shop.order(client.id, (tea.id, 8))  # 5 on hand
    order = orders.change_status(
        order_id=order.id, to_status="processing", expected_version=order.version
    )
    with pytest.raises(StockError, match="has 5 on hand"):
        orders.change_status(order_id=order.id, to_status="shipped", expected_version=order.version)
    assert orders.get_order_by_id(order.id).status == "processing"
    assert stock.get_product(tea.id).on_hand == 5


def test_stale_version_is_a_conflict_and_changes_nothing(shop: Shop, setup) -> None:
    client, coffee, _ = setup
    order = shop.order(client.id, (coffee.id, 1))
    mine = orders.update_order(
        order_id=order.id, expected_version=order.version, notes="Livrer le matin"
    )
    with pytest.raises(ConflictError, match="changed by someone else"):
        orders.update_order(
            order_id=order.id, expected_version=order.version, notes="Livrer le soir"
        )
    with pytest.raises(ConflictError):
        orders.change_status(
            order_id=order.id, to_status="processing", expected_version=order.version
        )
    assert orders.get_order_by_id(order.id) == mine


def test_update_lines_while_pending_moves_reservations(shop: Shop, setup) -> None:
    client, coffee, tea = setup
    order = shop.order(client.id, (coffee.id, 3))
    order = orders.update_order(
        order_id=order.id,
        expected_version=order.version,
        lines=[
            LineInput(product_id=coffee.id, quantity=1),
            LineInput(product_id=tea.id, quantity=2, discount=Decimal("10")),
        ],
        shipping_date=date.today() + timedelta(days=3),
        channel="email",
    )
    assert [(line.sku, line.quantity) for line in order.lines] == [("CAF-250", 1), ("THE-100", 2)]
    assert order.total_cents == 4500 + 4590
    assert order.channel == "email"
    assert (stock.get_product(coffee.id).reserved, stock.get_product(tea.id).reserved) == (1, 2)
    assert run_checks() == []
    order = orders.change_status(
        order_id=order.id, to_status="processing", expected_version=order.version
    )
    with pytest.raises(ValidationError, match="only change while the order is still to process"):
        orders.update_order(
            order_id=order.id,
            expected_version=order.version,
            lines=[LineInput(product_id=coffee.id, quantity=5)],
        )


def test_shipping_date_cannot_precede_order_date(shop: Shop, setup) -> None:
    client, coffee, _ = setup
    order = shop.order(client.id, (coffee.id, 1))
    with pytest.raises(ValidationError) as err:
        orders.update_order(
            order_id=order.id,
            expected_version=order.version,
            shipping_date=order.created_at.date() - timedelta(days=1),
        )
    assert err.value.field == "shipping_date"


def test_inactive_product_cannot_be_ordered(shop: Shop, setup) -> None:
    from gestco.domain.records import ProductInput

    client, coffee, _ = setup
    stock.update_product(
        coffee.id,
        ProductInput(sku="CAF-250", name="Café", unit_price="45", active=False),
    )
    with pytest.raises(ValidationError, match="no longer sold"):
        shop.order(client.id, (coffee.id, 1))


def test_a_failure_mid_write_leaves_nothing(shop: Shop, setup, monkeypatch) -> None:
    """The order, its number, lines, movements and history commit together or not at all."""
    client, coffee, _ = setup

    def boom(*args, **kwargs):
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(order_writes, "add_history", boom)
    with pytest.raises(RuntimeError):
        shop.order(client.id, (coffee.id, 2))
    assert raw_sql.fetch_one("SELECT count(*) FROM orders") == (0,)
    assert raw_sql.fetch_one("SELECT count(*) FROM order_lines") == (0,)
    assert raw_sql.fetch_one("SELECT count(*) FROM sequences") == (0,)
    assert stock.get_product(coffee.id).reserved == 0
    monkeypatch.undo()
    assert shop.order(client.id, (coffee.id, 2)).number.endswith("-000001")
    assert run_checks() == []


def test_details_and_status_save_together_or_not_at_all(shop: Shop, setup) -> None:
    client, coffee, tea = setup
    order = shop.order(client.id, (coffee.id, 1))
    with pytest.raises(ValidationError, match="Say why"):
        orders.save_order_changes(
            order_id=order.id,
            expected_version=order.version,
            notes="Fragile",
            to_status="cancelled",
        )
    assert orders.get_order_by_id(order.id) == order
    saved = orders.save_order_changes(
        order_id=order.id,
        expected_version=order.version,
        notes="Fragile",
        lines=[LineInput(product_id=tea.id, quantity=1)],
        to_status="processing",
    )
    assert (saved.notes, saved.status, [line.sku for line in saved.lines]) == (
        "Fragile",
        "processing",
        ["THE-100"],
    )
    assert [h.to_status for h in saved.history] == ["pending", "processing"]
    assert run_checks() == []


def test_prices_typed_with_separators() -> None:
    from gestco.domain.money import parse_cents

    for typed in ("1 234,50", "1\u202f234,50", "1\u00a0234.50", "1234.5", " 1234,50 "):
        assert parse_cents(typed) == 123450, typed


def test_settings_changes_are_seen_at_once_here(shop: Shop, db_path) -> None:
    assert settings.region() == "MA"
    settings.set_setting("region", "FR")
    assert settings.region() == "FR"  # the cache never hides this process's own change
    raw_sql.execute(
        "UPDATE settings SET value = 'BE' WHERE key = 'region'"
    )  # "another workstation"
    binding.close_database()
    opening.open_database(TEST_DB if ON_POSTGRES else db_path)  # opened anew: nothing cached
    assert settings.region() == "BE"
