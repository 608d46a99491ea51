"""Every table model passes Qt's model tester with real rows in it."""

from __future__ import annotations

from decimal import Decimal

from gestco.domain.records import ClientInput, ProductInput
from gestco.services import clients, stock
from tests.support.shop import Shop
from ui.models.order_lines import OrderLinesModel
from ui.models.order_rows import ROW_ROLE, OrderRowsModel
from ui.models.suggestions import SuggestionModel


def test_order_rows_model(qtmodeltester, db_path) -> None:
    shop = Shop()
    client = shop.client()
    product = shop.product()
    shop.order(client.id, (product.id, 1))
    shop.order(client.id, (product.id, 2))
    model = OrderRowsModel()
    model.set_rows(clients.client_orders(client.id))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(0, 0).data(ROW_ROLE).number.endswith("000002")


def test_suggestion_model(qtmodeltester, db_path) -> None:
    clients.create_client(ClientInput(phone="0612345678", last_name="Benali"))
    model = SuggestionModel()
    model.set_rows([(m.display_name, m.phone, m.id) for m in clients.search_clients("ben")])
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_order_lines_model(qtmodeltester, db_path) -> None:
    model = OrderLinesModel()
    coffee = stock.create_product(
        ProductInput(sku="A", name="A", unit_price=Decimal("10")), initial_stock=1
    )
    tea = stock.create_product(
        ProductInput(sku="B", name="B", unit_price=Decimal("5.5")), initial_stock=9
    )
    model.add(coffee, 2)
    model.add(tea, 1)
    model.add(coffee, 1)
    qtmodeltester.check(model)
    assert [line.quantity for line in model.lines()] == [3, 1]
    assert model.totals()[2] == 3550
    assert model.short_rows() == [0]


def test_every_reason_the_core_writes_is_shown_in_the_interface_language(tmp_path) -> None:
    """The demo's opening receipts once said 'stock initial' (French, whatever the language)."""
    from gestco.storage import binding, opening, raw_sql
    from tests.support.databases import demo_database
    from ui.display.labels import SYSTEM_REASONS

    opening.open_database(
        demo_database(tmp_path / "demo.sqlite3", clients=20, orders=200, products=4)
    )
    try:
        written = {r for (r,) in raw_sql.fetch_all("SELECT DISTINCT reason FROM stock_movements")}
    finally:
        binding.close_database()
    assert written - {""} <= set(SYSTEM_REASONS), written
