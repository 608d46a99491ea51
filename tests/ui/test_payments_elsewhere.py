"""Payments beyond the order view (issue 19): a deposit typed as the order is validated (one
transaction with the order; refused, nothing recorded), the balance due shown after it; the
client page's balance due and its orders list's column; the orders table's Balance due column
and filter; the audit trail naming a payment in words."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import audit, clients, orders, payments, stock
from gestco.services.order_table import OrderFilter, order_ids
from gestco.storage import binding
from tests.support.databases import fresh_database
from tests.support.keyboard import Keyboard, show
from tests.support.staff import everything
from ui.display.audit_words import field_label, field_value, kind_label
from ui.models.order_rows import Column as RowColumn
from ui.models.orders_table import Column

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def shop(qtbot, tmp_path: Path):
    from tests.support.staff import signed_window

    window = signed_window(fresh_database(tmp_path / "elsewhere.sqlite3"))
    product = stock.create_product(
        ProductInput(sku="CAF-250", name="Café", unit_price=Decimal("45")), initial_stock=50
    )
    client = clients.create_client(
        ClientInput(phone="0612345678", first_name="Amina", last_name="Benali")
    )
    qtbot.addWidget(window)
    show(qtbot, window)
    yield window, client, product
    binding.close_database()


def _key_an_order(qtbot, window, client, keys: Keyboard) -> None:
    keys.press(Key.Key_F2)
    keys.type(client.phone)
    keys.press(Key.Key_Return)  # found: the identify tab offers a new order
    qtbot.waitUntil(lambda: window.identify_tab.client is not None)
    window.identify_tab.start_order_button.setFocus()
    keys.press(Key.Key_Return)
    tab = window.new_order_tab
    qtbot.waitUntil(lambda: keys.focused() is tab.product_edit)
    keys.type("caf")
    keys.press(Key.Key_Tab)
    keys.press(Key.Key_A, CTRL)
    keys.type("3")
    keys.press(Key.Key_Return)  # 3 x 45.00 = 135.00
    assert tab.lines_model.rowCount() == 1


def test_a_deposit_typed_at_validation(qtbot, shop) -> None:
    window, client, _product = shop
    keys = Keyboard(qtbot, window)
    _key_an_order(qtbot, window, client, keys)
    tab = window.new_order_tab
    keys.press(Key.Key_Y, ALT)  # Down pa&yment
    assert keys.focused() is tab.deposit.amount_edit
    keys.type("40,50")
    keys.press(Key.Key_Tab)
    assert keys.focused() is tab.deposit.method_combo
    keys.press(Key.Key_Down)
    keys.press(Key.Key_Down)  # cash -> card -> transfer
    with qtbot.waitSignal(window.signals.changed):
        keys.press(Key.Key_Return, CTRL)
    order = orders.get_order(tab.last_number)
    [deposit] = payments.list_payments(order.id)
    assert (deposit.amount_cents, deposit.method) == (4050, "transfer")
    said = tab.last_number_label.text()
    assert "94,50" in said or "94.50" in said  # the balance due after the deposit
    assert tab.deposit.amount_edit.text() == ""  # the next order starts without one


def test_a_deposit_above_the_total_records_nothing(qtbot, shop) -> None:
    window, client, _product = shop
    keys = Keyboard(qtbot, window)
    _key_an_order(qtbot, window, client, keys)
    tab = window.new_order_tab
    tab.deposit.amount_edit.setFocus()
    keys.type("200")
    before = everything()
    keys.press(Key.Key_Return, CTRL)
    qtbot.waitUntil(tab.deposit.error.isVisible)
    assert "135" in tab.deposit.error.text()
    assert keys.focused() is tab.deposit.amount_edit
    assert everything() == before  # neither the order nor the payment
    assert tab.lines_model.rowCount() == 1  # the lines stay, to correct the deposit
    keys.press(Key.Key_A, CTRL)
    keys.type("135")
    with qtbot.waitSignal(window.signals.changed):
        keys.press(Key.Key_Return, CTRL)
    assert payments.balance(orders.get_order(tab.last_number).id).status == "paid"


def _two_orders(client, product):
    first = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=3)]
    )  # 135.00
    second = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=1)]
    )  # 45.00
    payments.record_payment(order_id=first.id, amount="100", method="cash")
    payments.record_payment(order_id=second.id, amount="45", method="card")
    return first, second


def test_the_client_page_says_what_the_client_owes(qtbot, shop) -> None:
    window, client, product = shop
    first, _second = _two_orders(client, product)
    window.show_client_search()
    tab = window.search_tab
    tab.open_client(client.id)
    said = tab.balance_label.text()
    assert ("35,00" in said or "35.00" in said) and "1" in said
    dues = {
        tab.orders_model.row_at(r).number: tab.orders_model.index(r, RowColumn.BALANCE_DUE).data()
        for r in range(tab.orders_model.rowCount())
    }
    assert dues[first.number] in ("35,00", "35.00")
    assert sorted(dues.values())[0] in ("0,00", "0.00")


def test_the_orders_tables_balance_column_and_filter(qtbot, shop) -> None:
    window, client, product = shop
    first, second = _two_orders(client, product)
    window.resize(1366, 768)
    window.show_orders_table()
    tab = window.orders_tab
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.rowCount() == 2)
    shown = {
        tab.model.row_at(r).number: tab.model.index(r, Column.BALANCE_DUE).data() for r in range(2)
    }
    assert shown == {first.number: shown[first.number], second.number: shown[second.number]}
    assert shown[first.number] in ("35,00", "35.00") and shown[second.number] in ("0,00", "0.00")
    alignment = tab.model.index(0, Column.BALANCE_DUE).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert not tab.view.isColumnHidden(Column.BALANCE_DUE)  # room for it at 1366 pixels
    tab.balance_check.setFocus()
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_Space)
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.rowCount() == 1)
    assert tab.model.row_at(0).number == first.number
    assert list(order_ids(OrderFilter(balance_due=True))) == [first.id]
    tab.clear_filters()
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.rowCount() == 2)
    assert not tab.balance_check.isChecked()


def test_the_audit_trail_names_a_payment(qtbot, shop) -> None:
    _window, client, product = shop
    first, _second = _two_orders(client, product)
    lines = [e for e in audit.list_events() if e.entity == "payments"]
    assert lines and kind_label(lines[0].kind, lines[0].entity) == "Payment"
    said = {field_label(e.field): field_value(e.field, e.new_value) for e in lines}
    assert said["Payment method"] in ("Cash", "Card")
    assert said["Amount"] in ("100.00", "45.00", "100,00", "45,00")
    assert kind_label("order", "invoices") == "Invoice"
    assert first.number in {e.record_label for e in lines}
