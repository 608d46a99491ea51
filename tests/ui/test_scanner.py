"""A USB scanner types what its label holds and Return, faster than any person: an order
number scanned into the order search opens that order; a SKU scanned into the new-order
product field adds the line (quantity 1), and the same SKU scanned again adds 1 to it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, stock
from tests.support.keyboard import Keyboard, show

Key = Qt.Key


def test_a_scanned_order_number_opens_the_order(qtbot, window) -> None:
    product = stock.create_product(
        ProductInput(sku="CAF-0001", name="Café", unit_price=Decimal("10")), initial_stock=5
    )
    client = clients.create_client(ClientInput(phone="0612345678", last_name="Benali"))
    order = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=1)]
    )
    show(qtbot, window)
    window.show_order_search()
    view = window.search_tab.order_view
    assert Keyboard(qtbot, window).focused() is view.number_edit
    qtbot.keyClicks(view.number_edit, order.number)  # one burst, as a scanner sends it
    qtbot.keyClick(view.number_edit, Key.Key_Return)
    assert view.order is not None and view.order.number == order.number
    assert order.number.startswith("CMD-") and view.body.isVisible()


def test_a_scanned_order_number_typed_as_printed(qtbot, window) -> None:
    product = stock.create_product(
        ProductInput(sku="CAF-0001", name="Café", unit_price=Decimal("10")), initial_stock=5
    )
    client = clients.create_client(ClientInput(phone="0612345678", last_name="Benali"))
    order = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=1)]
    )
    show(qtbot, window)
    window.show_order_search()
    view = window.search_tab.order_view
    year = order.created_at.year
    qtbot.keyClicks(view.number_edit, f"CMD-{year}-000001")
    qtbot.keyClick(view.number_edit, Key.Key_Return)
    assert view.order is not None and view.order.id == order.id


def test_a_scanned_sku_adds_the_line_and_again_adds_one(qtbot, window) -> None:
    for sku, name in [("CAF-0001", "Café arabica"), ("CAF-0002", "Café robusta")]:
        stock.create_product(
            ProductInput(sku=sku, name=name, unit_price=Decimal("10")), initial_stock=20
        )
    clients.create_client(ClientInput(phone="0612345678", last_name="Benali"))
    show(qtbot, window)
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F2)
    keys.type("0612345678")
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return)
    tab = window.new_order_tab
    assert keys.focused() is tab.product_edit

    def lines() -> list[tuple[str, int]]:
        return [(x.product.sku, x.quantity) for x in tab.lines_model.lines()]

    for _scan in range(2):
        qtbot.keyClicks(keys.focused(), "CAF-0001")  # a burst: "CAF-0001" matches two products
        qtbot.keyClick(keys.focused(), Key.Key_Return)
    assert lines() == [("CAF-0001", 2)]
    assert tab.product_edit.text() == "" and keys.focused() is tab.product_edit
    qtbot.keyClicks(keys.focused(), "CAF-0002")
    qtbot.keyClick(keys.focused(), Key.Key_Return)
    assert lines() == [("CAF-0001", 2), ("CAF-0002", 1)]
