"""Issue 13 items 9 and 15: a message goes when its cause is fixed or the next action starts,
a message about a field stands by that field; at start the cursor is in the phone field."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gestco.domain.records import ClientInput, ProductInput
from gestco.services import clients, orders, stock
from gestco.storage import binding
from tests.support.keyboard import Keyboard, show

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def _shop() -> None:
    stock.create_product(
        ProductInput(sku="CAF-250", name="Café", unit_price=Decimal("45")),
        initial_stock=50,
    )
    for phone, name in (("0611111111", "Alaoui"), ("0622222222", "Benali")):
        clients.create_client(ClientInput(phone=phone, last_name=name))


def _order_for(keys: Keyboard, phone: str) -> None:
    keys.press(Key.Key_F2)
    keys.type(phone)
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return)  # new order for this client
    keys.type("CAF-250")
    keys.press(Key.Key_Return)


def test_the_typed_digits_go_into_the_phone_field_at_start(qtbot, tmp_path) -> None:
    from tests.support.staff import signed_window

    window = signed_window(str(tmp_path / "start.sqlite3"))
    qtbot.addWidget(window)
    window.backup_on_close = False
    show(qtbot, window)  # shown and active, nothing else done
    keys = Keyboard(qtbot, window)
    keys.type("0612345678")
    tab = window.identify_tab
    assert tab.phone_edit.text() == "0612345678"  # every digit, none lost to the tab bar
    keys.press(Key.Key_Return)
    assert "New client" in tab.state_label.text()
    binding.close_database()


def test_a_too_long_note_is_said_by_the_notes_field_and_goes_once_fixed(qtbot, window) -> None:
    _shop()
    show(qtbot, window)
    keys = Keyboard(qtbot, window)
    _order_for(keys, "0611111111")
    tab = window.new_order_tab
    tab.notes_edit.setFocus()  # reached by Tab; the caption's Alt+letter is another helper's
    qtbot.keyClicks(tab.notes_edit, "x" * 2001)  # typed in one go (a paste would be the same)
    keys.press(Key.Key_Return, CTRL)
    assert not tab.last_number
    assert tab.notes_error.isVisible() and tab.notes_error.text().startswith("Remarks: ")
    assert "2000" in tab.notes_error.text()
    assert not tab.banner.isVisible()  # not at the bottom, far from the field
    assert QApplication.focusWidget() is tab.notes_edit
    keys.press(Key.Key_Backspace)
    assert not tab.notes_error.isVisible()  # fixed: the message goes
    keys.press(Key.Key_Return, CTRL)
    assert orders.get_order(tab.last_number).notes == "x" * 2000
    assert not tab.notes_error.isVisible() and not tab.banner.isVisible()


def test_a_message_goes_when_the_next_order_is_validated(qtbot, window) -> None:
    _shop()
    show(qtbot, window)
    keys = Keyboard(qtbot, window)
    _order_for(keys, "0611111111")
    tab = window.new_order_tab
    tab.notes_edit.setFocus()
    qtbot.keyClicks(tab.notes_edit, "y" * 2001)
    keys.press(Key.Key_Return, CTRL)
    assert tab.notes_error.isVisible()
    keys.press(Key.Key_A, CTRL)
    keys.press(Key.Key_Delete)
    keys.press(Key.Key_Return, CTRL)
    assert tab.last_number and not tab.notes_error.isVisible()


def test_the_previous_order_number_goes_when_the_next_clients_order_starts(qtbot, window) -> None:
    _shop()
    show(qtbot, window)
    keys = Keyboard(qtbot, window)
    _order_for(keys, "0611111111")
    keys.press(Key.Key_Return, CTRL)
    tab = window.new_order_tab
    first = tab.last_number
    assert first and first in tab.last_number_label.text()  # read back to the client
    keys.press(Key.Key_F2)
    keys.type("0622222222")
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return)
    assert "Benali" in tab.client_label.text()
    assert first not in tab.last_number_label.text()
    assert not tab.copy_button.isEnabled()
    # the same client's next order: the number goes with its first line
    keys.type("CAF-250")
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return, CTRL)
    second = tab.last_number
    assert second in tab.last_number_label.text()
    keys.type("CAF-250")
    keys.press(Key.Key_Return)
    assert second not in tab.last_number_label.text()


def test_enter_the_name_goes_once_a_name_is_typed(qtbot, window) -> None:
    show(qtbot, window)
    tab = window.identify_tab
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F2)
    keys.type("0633333333")
    keys.press(Key.Key_Return)
    keys.press(Key.Key_S, CTRL)  # no name yet
    name_error = tab.findChild(type(tab.phone_error), "lastNameError")
    assert name_error.isVisible() and "name" in name_error.text()
    keys.type("Amina")  # the cursor is in a name field
    assert not name_error.isVisible()
    assert "Fill in the name" not in tab.state_label.text()
    keys.press(Key.Key_S, CTRL)
    assert clients.identify("0633333333") is not None


def _validated(qtbot, window) -> tuple[Keyboard, str]:
    _shop()
    show(qtbot, window)
    keys = Keyboard(qtbot, window)
    _order_for(keys, "0611111111")
    keys.press(Key.Key_Return, CTRL)
    tab = window.new_order_tab
    assert tab.last_number and tab.last_number in tab.last_number_label.text()
    assert keys.focused() is tab.product_edit
    return keys, tab.last_number


def test_the_order_number_goes_with_the_first_key_of_the_next_order(qtbot, window) -> None:
    """ "Commande … enregistrée" stayed while the next order's first product was typed."""
    keys, number = _validated(qtbot, window)
    tab = window.new_order_tab
    keys.type("c")  # the next product, not yet a line
    assert number not in tab.last_number_label.text()
    assert tab.last_number_label.text() == ""


def test_the_order_number_goes_when_another_field_of_the_next_order_is_typed(qtbot, window) -> None:
    keys, _ = _validated(qtbot, window)
    tab = window.new_order_tab
    tab.notes_edit.setFocus()  # reached by Tab or its Alt+letter
    keys.type("Livrer le matin")
    assert tab.last_number_label.text() == ""
    second = _second_order(window, keys)
    tab.address_edit.setFocus()
    keys.type("x")
    assert second not in tab.last_number_label.text()


def _second_order(window, keys: Keyboard) -> str:
    tab = window.new_order_tab
    tab.product_edit.setFocus()
    keys.type("CAF-250")
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return, CTRL)
    assert tab.last_number in tab.last_number_label.text()
    return tab.last_number


def test_client_saved_goes_once_the_clerk_edits_again(qtbot, window) -> None:
    """ "Client saved." stayed on screen while the clerk changed the details again: what it
    spoke of was no longer what the form showed."""
    show(qtbot, window)
    tab = window.identify_tab
    keys = Keyboard(qtbot, window)
    keys.press(Qt.Key.Key_F2)
    keys.type("0611111111")
    keys.press(Qt.Key.Key_Return)
    keys.type("Amina")
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert clients.identify("0611111111") is not None
    assert tab.banner.isVisible() and tab.banner.property("kind") == "success"
    keys.press(Qt.Key.Key_F2)
    keys.press(Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)  # Cit&y
    keys.type("R")
    assert not tab.banner.isVisible()


def _saved_order_view(qtbot, window) -> tuple[Keyboard, object, str]:
    """An order found by F4 and saved once: the view says 'Order … saved.'."""
    keys, number = _validated(qtbot, window)
    keys.press(Key.Key_F4)
    keys.type(number)
    keys.press(Key.Key_Return)
    view = window.search_tab.order_view
    view.notes_edit.setFocus()  # Remar&ks
    keys.type("Sonner deux fois")
    keys.press(Key.Key_S, CTRL)
    assert orders.get_order(number).notes == "Sonner deux fois"
    assert view.banner.isVisible() and view.banner.property("kind") == "success"
    return keys, view, number


def test_order_saved_goes_once_the_order_is_edited_again(qtbot, window) -> None:
    """ "Order … saved." stayed on the order view while the clerk typed a past shipping date
    and pressed Ctrl+S: the refusal beside the date and the success above it at once."""
    keys, view, number = _saved_order_view(qtbot, window)
    view.shipping_date_edit.setFocus()  # Shipping &date
    keys.press(Key.Key_A, CTRL)
    keys.type("01/01/2020")
    assert not view.banner.isVisible()  # typing again: what was saved is no longer shown
    keys.press(Key.Key_S, CTRL)
    assert view.shipping_date.error.isVisible()  # refused beside the date
    assert not view.banner.isVisible()
    assert orders.get_order(number).shipping_date.year != 2020  # nothing saved


def test_order_saved_goes_when_the_address_or_a_list_changes(qtbot, window) -> None:
    keys, view, _ = _saved_order_view(qtbot, window)
    view.address_edit.setFocus()
    keys.type("x")
    assert not view.banner.isVisible()
    keys.press(Key.Key_S, CTRL)
    assert view.banner.isVisible() and view.banner.property("kind") == "success"
    view.channel_combo.setFocus()  # &Channel
    keys.press(Key.Key_Down)  # a combo's next item, chosen from the keyboard
    assert not view.banner.isVisible()


def test_client_saved_goes_once_the_order_for_them_is_started(qtbot, window) -> None:
    """Seen under Xvfb: 'Client saved.' was still there when the clerk came back with F2
    after keying and validating that client's orders."""
    _shop()
    show(qtbot, window)
    tab = window.identify_tab
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F2)
    keys.type("0633333333")
    keys.press(Key.Key_Return)
    keys.type("Amina")
    keys.press(Key.Key_S, CTRL)
    assert tab.banner.isVisible() and tab.banner.property("kind") == "success"
    with qtbot.waitSignal(tab.start_order_button.clicked):
        keys.press(Key.Key_W, Qt.KeyboardModifier.AltModifier)  # Ne&w order for this client
    assert window.tabs.currentWidget() is window.new_order_tab
    keys.type("CAF-250")
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return, CTRL)
    assert window.new_order_tab.last_number
    keys.press(Key.Key_F2)
    assert tab.client is not None and tab.client.last_name == ""  # the same client shown
    assert not tab.banner.isVisible()
