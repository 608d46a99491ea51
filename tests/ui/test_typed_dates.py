"""Issue 13 item 1: a shipping date becomes exactly what the clerk typed, on the new order
and on an order being changed; a past or impossible date is refused beside the field."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, stock
from gestco.storage import raw_sql
from tests.support.keyboard import Keyboard, show
from ui.widgets.date_field import parse_typed_date

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("20/12/2026", date(2026, 12, 20)),
        ("05/01/2027", date(2027, 1, 5)),
        ("20122026", date(2026, 12, 20)),
        ("20/12/26", date(2026, 12, 20)),
        ("201226", date(2026, 12, 20)),
        ("20/12", date(2026, 12, 20)),
        ("2012", date(2026, 12, 20)),
        ("5/1", date(2027, 1, 5)),  # in December, January is next month's
        ("25/11", date(2026, 11, 25)),  # last week: refused as past, not moved to next year
        ("20-12-2026", date(2026, 12, 20)),
        ("20.12.2026", date(2026, 12, 20)),
        ("2026-12-20", date(2026, 12, 20)),
        (" 20/12/2026 ", date(2026, 12, 20)),
        ("31/02/2027", None),
        ("32/12/2026", None),
        ("20/13/2026", None),
        ("20/12/202", None),
        ("2o/12/2026", None),
        ("", None),
        ("1", None),
    ],
)
def test_typed_dates_mean_what_a_person_means(typed: str, meant: date | None) -> None:
    assert parse_typed_date(typed, TODAY) == meant


def _product_and_client() -> None:
    stock.create_product(
        ProductInput(sku="CAF-250", name="Café arabica", unit_price=Decimal("45")),
        initial_stock=10,
    )
    clients.create_client(ClientInput(phone="0612345678", last_name="Benali"))


def _keyed_order(qtbot, window) -> Keyboard:
    """Identify the client, one line, then Tab to the shipping date (its text selected)."""
    _product_and_client()
    show(qtbot, window)
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F2)
    keys.type("0612345678")
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return)
    keys.type("CAF-250")
    keys.press(Key.Key_Return)
    tab = window.new_order_tab
    tab.shipping_date_edit.setFocus()  # the caption's Alt+letter is the keyboard helper's
    keys.press(Key.Key_A, CTRL)
    return keys


def _validate(qtbot, window, keys: Keyboard) -> str:
    keys.press(Key.Key_Return, CTRL)
    return window.new_order_tab.last_number


@pytest.mark.parametrize("shape", ["%d/%m/%Y", "%d%m%Y", "%d/%m/%y", "%d/%m"])
def test_the_typed_shipping_date_is_the_saved_one(qtbot, window, shape: str) -> None:
    keys = _keyed_order(qtbot, window)
    wanted = date.today() + timedelta(days=19)
    keys.type(wanted.strftime(shape))
    number = _validate(qtbot, window, keys)
    assert number, window.new_order_tab.shipping_date.error.text()
    assert orders.get_order(number).shipping_date == wanted


def test_a_date_next_year_is_not_rewritten(qtbot, window) -> None:
    keys = _keyed_order(qtbot, window)
    wanted = date(date.today().year + 1, 1, 5)
    keys.type(wanted.strftime("%d/%m/%Y"))
    keys.press(Key.Key_Tab)
    assert window.new_order_tab.shipping_date_edit.text() == wanted.strftime("%d/%m/%Y")
    number = _validate(qtbot, window, keys)
    assert orders.get_order(number).shipping_date == wanted


@pytest.mark.parametrize(
    "typed",
    [(date.today() - timedelta(days=6)).strftime("%d/%m/%Y"), "31/02/2027", "20/13", "demain"],
)
def test_a_past_or_impossible_date_is_refused_beside_the_field(qtbot, window, typed) -> None:
    keys = _keyed_order(qtbot, window)
    keys.type(typed)
    tab = window.new_order_tab
    assert not _validate(qtbot, window, keys)
    error = tab.shipping_date.error
    assert error.isVisible() and error.text()
    _stands_under_the_field(tab.shipping_date.edit, error)
    assert QApplication.focusWidget() is tab.shipping_date_edit
    assert tab.shipping_date_edit.text() == typed  # kept, to be corrected
    assert raw_sql.fetch_one("SELECT count(*) FROM orders") == (0,)
    keys.press(Key.Key_A, CTRL)
    keys.type((date.today() + timedelta(days=2)).strftime("%d/%m/%Y"))
    assert not error.isVisible()  # corrected: the message goes
    number = _validate(qtbot, window, keys)
    assert orders.get_order(number).shipping_date == date.today() + timedelta(days=2)


def _stands_under_the_field(edit, error) -> None:
    """The message right under the date field, and the field still level with its caption
    (inside the date's narrow column the message wrapped to three lines and lifted the
    field above its caption)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLabel

    window = edit.window()
    field = edit.mapTo(window, QPoint(0, 0))
    message = error.mapTo(window, QPoint(0, 0))
    assert field.y() + edit.height() <= message.y() <= field.y() + edit.height() * 2
    assert abs(message.x() - field.x()) < 200  # under the date, not at the window's bottom
    caption = next(
        label for label in window.findChildren(QLabel) if label.buddy() is edit.parentWidget()
    )
    middle = caption.mapTo(window, QPoint(0, caption.height() // 2)).y()
    assert abs(middle - (field.y() + edit.height() // 2)) <= 4
    assert error.height() <= 3 * error.fontMetrics().lineSpacing()  # two lines at most


def test_the_calendar_opens_from_the_keyboard(qtbot, window) -> None:
    keys = _keyed_order(qtbot, window)
    tab = window.new_order_tab
    keys.press(Key.Key_Down, ALT)
    qtbot.waitUntil(lambda: tab.shipping_date.calendar.isVisible())
    for _ in range(3):
        keys.press(Key.Key_Right)
    keys.press(Key.Key_Return)
    assert not tab.shipping_date.calendar.isVisible()
    assert QApplication.focusWidget() is tab.shipping_date_edit
    number = _validate(qtbot, window, keys)
    assert orders.get_order(number).shipping_date == date.today() + timedelta(days=3)


def test_the_order_view_saves_the_typed_date(qtbot, window) -> None:
    _product_and_client()
    client = clients.identify("0612345678")
    product = stock.get_products([1])[1]
    order = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=1)]
    )
    show(qtbot, window)
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F4)
    keys.type(order.number)
    keys.press(Key.Key_Return)
    view = window.search_tab.order_view
    assert view.order is not None
    view.shipping_date_edit.setFocus()
    keys.press(Key.Key_A, CTRL)
    keys.type("05/01/" + str(date.today().year + 1))
    view.save_button.setFocus()  # Tab's way there, then Return on the focused button
    keys.press(Key.Key_Return)
    assert orders.get_order(order.number).shipping_date == date(date.today().year + 1, 1, 5)
    view.shipping_date_edit.setFocus()
    keys.press(Key.Key_A, CTRL)
    keys.type((date.today() - timedelta(days=1)).strftime("%d/%m/%Y"))  # before the order
    view.save_button.setFocus()  # Tab's way there, then Return on the focused button
    keys.press(Key.Key_Return)
    assert view.shipping_date.error.isVisible()
    assert orders.get_order(order.number).shipping_date == date(date.today().year + 1, 1, 5)


def test_the_date_captions_alt_letter_reaches_the_field(qtbot, window) -> None:
    """The caption's mnemonic (whatever letter it gets) puts the cursor in the date."""
    from PySide6.QtWidgets import QLabel

    keys = _keyed_order(qtbot, window)
    tab = window.new_order_tab
    tab.product_edit.setFocus()
    caption = next(
        label for label in tab.findChildren(QLabel) if label.buddy() is tab.shipping_date
    )
    letter = caption.text()[caption.text().index("&") + 1].upper()
    keys.press(getattr(Key, f"Key_{letter}"), ALT)
    assert QApplication.focusWidget() is tab.shipping_date_edit


def test_tab_stops_in_the_date_field(qtbot, window) -> None:
    """Tab from the channel goes into the date (Qt passed the field's ClickFocus on to its
    edit: Tab went from the channel straight to the address)."""
    _keyed_order(qtbot, window)
    tab = window.new_order_tab
    tab.channel_combo.setFocus()
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_Tab)
    assert QApplication.focusWidget() is tab.shipping_date_edit
    keys.press(Key.Key_Tab)
    assert QApplication.focusWidget() is tab.address_edit
    keys.press(Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is tab.shipping_date_edit
