"""Issue 13 items 4, 5 and 12 in the order lines, typed as a clerk types: a 0 quantity is
said, not turned into 1; the product field empties after every line however it was added;
F2 in the lines edits the cell instead of jumping to Identification."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gestco.domain.records import ClientInput, ProductInput
from gestco.services import clients, orders, stock
from gestco.storage import raw_sql
from tests.support.keyboard import Keyboard, show

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def keys(qtbot, window) -> Keyboard:
    """The new-order screen for a known client, reached by keys; the cursor in Product."""
    for sku, name in [
        ("CAF-0001", "Café arabica 250 g"),
        ("CAF-0002", "Café robusta 250 g"),
        ("THE-0001", "Thé vert 100 g"),
    ]:
        stock.create_product(
            ProductInput(sku=sku, name=name, unit_price=Decimal("10")),
            initial_stock=20,
        )
    clients.create_client(ClientInput(phone="0612345678", last_name="Benali"))
    show(qtbot, window)
    keyboard = Keyboard(qtbot, window)
    keyboard.press(Key.Key_F2)
    keyboard.type("0612345678")
    keyboard.press(Key.Key_Return)
    keyboard.press(Key.Key_Return)
    assert keyboard.focused() is window.new_order_tab.product_edit
    return keyboard


def _lines(window) -> list[tuple[str, int]]:
    return [(x.product.sku, x.quantity) for x in window.new_order_tab.lines_model.lines()]


def test_a_quantity_typed_as_0_is_said_beside_the_field(qtbot, window, keys) -> None:
    tab = window.new_order_tab
    keys.type("THE-0001")
    keys.press(Key.Key_Tab)
    assert keys.focused() is tab.quantity_spin
    keys.type("0")
    keys.press(Key.Key_Return)
    assert _lines(window) == []  # not silently 1
    said = tab.lines.quantity_error
    assert said.isVisible() and "at least 1" in said.text()
    assert not tab.product_error.isVisible()
    # under Qty, not under Product: it starts right of the product field, below the spin
    spin = tab.quantity_spin
    left = said.mapTo(tab, said.rect().topLeft())
    assert left.x() > tab.product_edit.mapTo(tab, tab.product_edit.rect().topRight()).x()
    assert left.x() <= spin.mapTo(tab, spin.rect().topLeft()).x()
    assert left.y() >= spin.mapTo(tab, spin.rect().bottomLeft()).y()
    assert QApplication.focusWidget() is tab.quantity_spin
    assert tab.product_edit.text() == "THE-0001"  # kept: only the quantity is to fix
    keys.type("3")  # replaces the selected 0
    assert not said.isVisible()
    keys.press(Key.Key_Return)
    assert _lines(window) == [("THE-0001", 3)]


def test_a_quantity_edited_to_0_in_the_lines_is_said(qtbot, window, keys) -> None:
    tab = window.new_order_tab
    keys.type("THE-0001")
    keys.press(Key.Key_Return)
    tab.lines_view.setFocus()  # Tab order into the table is the keyboard helper's
    keys.press(Key.Key_F2)  # on the selected line: its quantity
    keys.press(Key.Key_A, CTRL)
    keys.type("0")
    keys.press(Key.Key_Return)
    assert _lines(window) == [("THE-0001", 1)]
    assert tab.product_error.isVisible() and "at least 1" in tab.product_error.text()


def test_the_product_field_empties_after_a_pick_from_the_suggestions(qtbot, window, keys) -> None:
    tab = window.new_order_tab
    keys.type("caf")
    qtbot.waitUntil(lambda: tab.lines.completer.popup().isVisible())
    keys.press(Key.Key_Down)
    keys.press(Key.Key_Return)
    assert _lines(window) == [("CAF-0001", 1)]
    assert tab.product_edit.text() == ""
    keys.type("th")  # the next product is not "CAF-0001th"
    keys.press(Key.Key_Return)
    assert _lines(window) == [("CAF-0001", 1), ("THE-0001", 1)]
    assert tab.product_edit.text() == "" and not tab.product_error.isVisible()


def test_the_product_field_empties_after_a_typed_sku(qtbot, window, keys) -> None:
    tab = window.new_order_tab
    keys.type("CAF-0002")
    keys.press(Key.Key_Return)
    assert _lines(window) == [("CAF-0002", 1)] and tab.product_edit.text() == ""
    keys.type("CAF-0002")
    keys.press(Key.Key_Tab)
    keys.type("2")
    keys.press(Key.Key_Return)
    assert _lines(window) == [("CAF-0002", 3)] and tab.product_edit.text() == ""


def test_down_opens_the_list_again_after_several_products_match(qtbot, window, keys) -> None:
    tab = window.new_order_tab
    popup = tab.lines.completer.popup()
    keys.type("caf")
    qtbot.waitUntil(popup.isVisible)
    keys.press(Key.Key_Escape)
    keys.press(Key.Key_Return)
    assert "2 products match" in tab.product_error.text()
    assert not popup.isVisible()
    keys.press(Key.Key_Down)
    qtbot.waitUntil(popup.isVisible)
    keys.press(Key.Key_Down)
    keys.press(Key.Key_Down)
    keys.press(Key.Key_Return)
    assert _lines(window) == [("CAF-0002", 1)] and tab.product_edit.text() == ""
    assert not tab.product_error.isVisible()


def test_f2_in_the_lines_edits_the_cell_and_stays_on_the_order(qtbot, window, keys) -> None:
    tab = window.new_order_tab
    keys.type("CAF-0001")
    keys.press(Key.Key_Return)
    tab.lines_view.setFocus()
    keys.press(Key.Key_F2)
    assert window.tabs.currentWidget() is tab  # not Identification
    assert tab.lines_view.state() == tab.lines_view.State.EditingState
    # the editor paints its whole cell: the old "1" no longer shows beside its arrows
    editor = keys.focused()
    while editor.parentWidget() is not tab.lines_view.viewport():
        editor = editor.parentWidget()  # the spin box around the field typed into
    assert editor.autoFillBackground()
    keys.press(Key.Key_A, CTRL)
    keys.type("4")
    keys.press(Key.Key_Return)
    assert _lines(window) == [("CAF-0001", 4)]
    keys.press(Key.Key_F2)  # again, then Ctrl+Return while the cell is still being typed
    keys.press(Key.Key_A, CTRL)
    keys.type("6")
    keys.press(Key.Key_Return, CTRL)
    number = tab.last_number
    assert number and orders.get_order(number).lines[0].quantity == 6
    tab.product_edit.setFocus()
    keys.press(Key.Key_F2)  # elsewhere F2 is still Identify a client
    assert window.tabs.currentWidget() is window.identify_tab
    assert raw_sql.fetch_one("SELECT count(*) FROM orders") == (1,)


def test_a_product_typed_but_not_added_stops_the_validation(qtbot, window, keys) -> None:
    tab = window.new_order_tab
    keys.type("CAF-0001")
    keys.press(Key.Key_Return)
    keys.type("THE-0001")  # and Ctrl+Return at once: the tea would be left out unseen
    keys.press(Key.Key_Escape)  # closes the suggestions
    keys.press(Key.Key_Return, CTRL)
    assert not tab.last_number and "THE-0001" in tab.product_error.text()
    assert raw_sql.fetch_one("SELECT count(*) FROM orders") == (0,)
    keys.press(Key.Key_Escape)  # not wanted after all: cleared
    assert tab.product_edit.text() == "" and not tab.product_error.isVisible()
    keys.press(Key.Key_Return, CTRL)
    assert [line.sku for line in orders.get_order(tab.last_number).lines] == ["CAF-0001"]


def test_the_suggestions_say_out_of_stock_rather_than_a_negative_count(qtbot, window, keys) -> None:
    """Sold beyond the shelf (overselling allowed), a product's suggestion read
    "available: -2": it says out of stock; one on the shelf says how many."""
    tea = stock.create_product(
        ProductInput(sku="THE-0002", name="Thé noir 100 g", unit_price=Decimal("10")),
        initial_stock=1,
    )
    buyer = clients.create_client(ClientInput(phone="0622222222", last_name="Alaoui"))
    from gestco.domain.records import LineInput
    from gestco.services import settings

    settings.set_setting("allow_oversell", "1")
    orders.create_order(client_id=buyer.id, lines=[LineInput(product_id=tea.id, quantity=3)])
    tab = window.new_order_tab
    keys.type("THE-")
    popup = tab.lines.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    shown = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert any("THE-0002" in text and "out of stock" in text for text in shown), shown
    assert any("THE-0001" in text and "available: 20" in text for text in shown), shown
    assert not any("-2" in text for text in shown)
