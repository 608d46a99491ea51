"""The counter, driven by the keyboard only over a temp-file database."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gestco.domain.phones import format_phone
from gestco.domain.records import ClientInput, ProductInput
from gestco.services import clients, orders, stock
from gestco.storage import binding, raw_sql
from tests.support.databases import demo_database
from tests.support.keyboard import Keyboard, show

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def _catalogue() -> tuple[int, int]:
    coffee = stock.create_product(
        ProductInput(sku="CAF-250", name="Café arabica 250 g", unit_price=Decimal("45.00")),
        initial_stock=10,
    )
    tea = stock.create_product(
        ProductInput(
            sku="THE-100",
            name="Thé vert 100 g",
            unit_price=Decimal("25.50"),
            tax_rate=Decimal("10"),
        ),
        initial_stock=10,
    )
    return coffee.id, tea.id


def test_new_client_two_lines_validated_with_the_keyboard(qtbot, window) -> None:
    coffee_id, tea_id = _catalogue()
    show(qtbot, window)
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F2)
    assert keys.focused() is window.identify_tab.phone_edit
    keys.type("06 12 34 56 78")
    keys.press(Key.Key_Return)
    tab = window.identify_tab
    assert tab.state_label.isVisible() and "New client" in tab.state_label.text()
    assert tab.fields["phone"].text() == "06 12 34 56 78"
    assert keys.focused() is tab.fields["first_name"]
    keys.type("Amina")
    keys.press(Key.Key_Tab)
    keys.type("Benali")
    keys.press(Key.Key_S, CTRL)
    saved = clients.identify("0612345678")
    assert saved is not None and (saved.first_name, saved.last_name) == ("Amina", "Benali")
    assert keys.focused() is tab.start_order_button
    keys.press(Key.Key_Return)
    assert window.tabs.currentWidget() is window.new_order_tab
    order_tab = window.new_order_tab
    assert keys.focused() is order_tab.product_edit
    keys.type("caf")
    keys.press(Key.Key_Return)
    keys.type("the")
    keys.press(Key.Key_Tab)
    keys.type("2")
    keys.press(Key.Key_Return)
    assert [(line.product.sku, line.quantity) for line in order_tab.lines_model.lines()] == [
        ("CAF-250", 1),
        ("THE-100", 2),
    ]
    assert "96,00" in order_tab.total_label.text() or "96.00" in order_tab.total_label.text()
    with qtbot.waitSignal(window.signals.changed):
        keys.press(Key.Key_Return, CTRL)
    number = order_tab.last_number
    assert number.startswith("CMD-") and number in order_tab.last_number_label.text()
    stored = orders.get_order(number)
    assert stored.status == "pending" and stored.client_id == saved.id
    assert stored.total_cents == 4500 + 2 * 2550
    assert (stock.get_product(coffee_id).reserved, stock.get_product(tea_id).reserved) == (1, 2)
    assert order_tab.lines_model.rowCount() == 0  # ready for the next order
    assert window.counts_label.text().startswith("1 ")
    # the same phone written another way finds the same client
    keys.press(Key.Key_F2)
    keys.type("+212612345678")
    keys.press(Key.Key_Return)
    assert tab.client is not None and tab.client.id == saved.id
    assert tab.orders_model.rowCount() == 1 and tab.orders_model.row_at(0).number == number


@pytest.fixture
def demo_window(qtbot, tmp_path):
    """The window over `gestco demo` data (its 48-product catalogue, 200 clients)."""
    from tests.support.staff import signed_window

    win = signed_window(demo_database(tmp_path / "demo.sqlite3", clients=200, orders=400))
    qtbot.addWidget(win)
    win.backup_on_close = False
    yield win
    binding.close_database()


def _returning_client(window) -> tuple[str, str]:
    """A demo client who has ordered before: (the phone as the clerk types it, their name)."""
    client = next(c for c in clients.search_clients("06", limit=50) if clients.client_orders(c.id))
    typed = re.sub(r"\D", "", format_phone(client.phone, "MA"))
    return typed, client.display_name


# The README quotes these two figures: a returning client's two-line order (one unit of a
# coffee, two of a tea), from the first digit of the phone to the order number on screen.
KEYSTROKES_WITH_SUGGESTIONS = 25
KEYSTROKES_TYPING_CODES = 33


def test_returning_client_two_line_order_with_suggestions(qtbot, demo_window) -> None:
    window = demo_window
    phone, name = _returning_client(window)
    show(qtbot, window)
    keys = Keyboard(qtbot, window)  # counts every key; the cursor starts in the phone field
    keys.type(phone)
    keys.press(Key.Key_Return)  # found
    assert window.identify_tab.client is not None
    assert window.identify_tab.client.display_name == name
    keys.press(Key.Key_Return)  # new order for this client
    popup = window.new_order_tab.lines.completer.popup()
    keys.type("caf")  # the three Café arabica sizes are suggested
    assert popup.isVisible()
    keys.press(Key.Key_Down)
    keys.press(Key.Key_Return)  # the first: added, quantity 1
    keys.type("the")
    assert popup.isVisible()
    keys.press(Key.Key_Down)
    keys.press(Key.Key_Tab)  # this one, and on to its quantity
    keys.type("2")
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return, CTRL)
    number = window.new_order_tab.last_number
    assert number and number in window.new_order_tab.last_number_label.text()
    saved = orders.get_order(number)
    assert [(line.sku, line.quantity) for line in saved.lines] == [
        ("CAF-0001", 1),
        ("THE-0002", 2),
    ]
    assert keys.count == KEYSTROKES_WITH_SUGGESTIONS


def test_returning_client_two_line_order_typing_codes(qtbot, demo_window) -> None:
    window = demo_window
    phone, _ = _returning_client(window)
    show(qtbot, window)
    keys = Keyboard(qtbot, window)
    keys.type(phone)
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return)
    keys.type("CAF-0001")
    keys.press(Key.Key_Return)
    keys.type("THE-0002")
    keys.press(Key.Key_Tab)
    keys.type("2")
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return, CTRL)
    saved = orders.get_order(window.new_order_tab.last_number)
    assert [(line.sku, line.quantity) for line in saved.lines] == [
        ("CAF-0001", 1),
        ("THE-0002", 2),
    ]
    assert keys.count == KEYSTROKES_TYPING_CODES


def test_suggestions_follow_typing_and_pick_a_client(qtbot, window) -> None:
    for i, (first, last) in enumerate(
        [("Amina", "Benali"), ("Karim", "Bennani"), ("Élodie", "Lefèvre")]
    ):
        clients.create_client(ClientInput(phone=f"061234567{i}", first_name=first, last_name=last))
    show(qtbot, window)
    tab = window.identify_tab
    keys = Keyboard(qtbot, window)
    tab.focus_phone()
    keys.type("benn")
    qtbot.waitUntil(lambda: tab.suggestions.rowCount() == 1)
    assert "Karim Bennani" in tab.suggestions.index(0, 0).data()
    keys.press(Key.Key_Return)  # a name with a single match identifies that client
    assert tab.client is not None and tab.client.last_name == "Bennani"
    keys.press(Key.Key_F2)
    keys.press(Key.Key_Backspace)
    keys.type("0612")
    qtbot.waitUntil(lambda: tab.suggestions.rowCount() == 3)
    keys.type("345672")
    qtbot.waitUntil(lambda: tab.suggestions.rowCount() == 1)
    assert "Lefèvre" in tab.suggestions.index(0, 0).data()


def test_edit_a_found_client(qtbot, window) -> None:
    clients.create_client(ClientInput(phone="0612345678", last_name="Benali"))
    show(qtbot, window)
    tab = window.identify_tab
    tab.phone_edit.setText("0612345678")
    tab.identify()
    tab.fields["city"].setText("Fès")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert clients.identify("0612345678").city == "Fès"
    assert "saved" in tab.banner.text().lower()


def test_no_client_yet_offers_to_identify(qtbot, window) -> None:
    show(qtbot, window)
    window.show_new_order()
    tab = window.new_order_tab
    assert "identify" in tab.client_label.text().lower()
    assert not tab.validate_button.isEnabled()
    assert QApplication.focusWidget() is tab.identify_button
    qtbot.keyClick(tab.identify_button, Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.identify_tab)
    assert QApplication.focusWidget() is window.identify_tab.phone_edit


def test_delete_removes_the_selected_line_and_lines_edit_in_place(qtbot, window) -> None:
    _catalogue()
    client = clients.create_client(ClientInput(phone="0612345678", last_name="B"))
    show(qtbot, window)
    window.new_order_tab.set_client(client)
    window.show_new_order()
    tab = window.new_order_tab
    for sku in ("CAF-250", "THE-100"):
        tab.product_edit.setText(sku)
        tab.lines.add_line()
    model = tab.lines_model
    assert model.setData(model.index(0, 1), 3)
    assert model.setData(model.index(0, 3), "10")
    assert not model.setData(model.index(0, 1), 0)
    assert not model.setData(model.index(0, 3), "150")
    assert model.lines()[0].quantity == 3 and model.lines()[0].discount_bp == 1000
    tab.lines_view.setFocus()
    tab.lines_view.selectRow(1)
    qtbot.keyClick(tab.lines_view, Key.Key_Delete)
    assert [line.product.sku for line in model.lines()] == ["CAF-250"]
    assert raw_sql.fetch_one("SELECT count(*) FROM orders") == (0,)


def test_a_line_beyond_stock_is_flagged_and_allowed_by_default(qtbot, window) -> None:
    coffee_id, _ = _catalogue()
    client = clients.create_client(ClientInput(phone="0612345678", last_name="B"))
    show(qtbot, window)
    tab = window.new_order_tab
    tab.set_client(client)
    window.show_new_order()
    tab.product_edit.setText("CAF-250")
    tab.quantity_spin.setValue(12)
    tab.lines.add_line()
    assert tab.stock_warning.isVisible() and "CAF-250" in tab.stock_warning.text()
    assert tab.lines_model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    tab.validate()
    assert tab.last_number
    assert stock.get_product(coffee_id).available == -2
