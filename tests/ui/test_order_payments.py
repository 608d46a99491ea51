"""The order view's payments (issue 19): a payment and a refund typed with the keyboard
(the amount as the shop writes it, the method picked with the arrows, the date typed), read
back through gestco.services.payments; an overpayment refused beside the amount with nothing
written; the balance due and the payment status shown; the letters in French and English."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, payments, stock
from gestco.storage import binding
from tests.support.databases import fresh_database
from tests.support.keyboard import Keyboard, show
from tests.support.mnemonics import collisions, dead_mnemonics, mnemonic
from tests.support.staff import everything

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(params=["fr", "en"])
def language(request, qapp) -> Iterator[str]:
    from ui.runtime.languages import install_translator

    translator = install_translator(qapp, request.param)
    yield request.param
    if translator is not None:
        qapp.removeTranslator(translator)


@pytest.fixture
def shop_window(qtbot, tmp_path: Path, language):
    from tests.support.staff import signed_window

    database = fresh_database(tmp_path / "pay.sqlite3")
    window = signed_window(database)
    product = stock.create_product(
        ProductInput(sku="CAF-250", name="Café", unit_price=Decimal("45")), initial_stock=50
    )
    client = clients.create_client(
        ClientInput(phone="0612345678", first_name="Amina", last_name="Benali")
    )
    order = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=3)]
    )  # 135.00
    qtbot.addWidget(window)
    show(qtbot, window)
    window.show_order_search()
    window.search_tab.open_order(order.number)
    yield window, order, Keyboard(qtbot, window)
    binding.close_database()


def _alt(keys: Keyboard, caption: str) -> None:
    letter = mnemonic(caption)
    assert letter, f"{caption!r} has no Alt+letter"
    keys.press(getattr(Key, f"Key_{letter}"), ALT)


def _open_dialog(qtbot, window, keys: Keyboard, name: str = "paymentDialog"):
    box = window.search_tab.order_view.payments_box
    if name == "paymentDialog":
        _alt(keys, box.record_button.text())
    else:
        box.refund_button.setFocus()
        keys.press(Key.Key_Space)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    assert dialog.objectName() == name
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.amount_edit)
    return dialog


def test_a_payment_typed_with_the_keyboard(qtbot, shop_window) -> None:
    window, order, keys = shop_window
    box = window.search_tab.order_view.payments_box
    assert "135" in box.due_label.text()
    dialog = _open_dialog(qtbot, window, keys)
    yesterday = date.today() - timedelta(days=1)
    keys.press(Key.Key_A, CTRL)
    keys.type("50,50")  # the shop's format
    keys.press(Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.method_combo
    keys.press(Key.Key_Down)  # cash -> card
    keys.press(Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.date.edit
    keys.press(Key.Key_A, CTRL)
    keys.type(yesterday.strftime("%d%m%Y"))
    keys.press(Key.Key_Tab)
    keys.type("TPE 0042")
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [saved] = payments.list_payments(order.id)
    assert (saved.amount_cents, saved.method, saved.paid_on, saved.reference) == (
        5050,
        "card",
        yesterday,
        "TPE 0042",
    )
    assert saved.created_by == "admin"
    qtbot.waitUntil(lambda: box.model.rowCount() == 1)
    shown = box.model.index(0, 2).data()
    assert shown in ("50,50", "50.50")
    assert "84" in box.due_label.text()  # 135.00 - 50.50 = 84.50 due
    status = box.due_label.text()
    assert "Partly paid" in status or "Partiellement payée" in status


def test_an_overpayment_is_refused_beside_the_amount(qtbot, shop_window, language) -> None:
    window, order, keys = shop_window
    dialog = _open_dialog(qtbot, window, keys)
    before = everything()
    keys.press(Key.Key_A, CTRL)
    keys.type("135,01")
    keys.press(Key.Key_Return)
    error = dialog.findChild(type(dialog.banner), "paymentAmountError")
    qtbot.waitUntil(error.isVisible)
    assert ("135,00" if language == "fr" else "135.00") in error.text()  # the shop's digits
    assert dialog.isVisible()
    assert QApplication.focusWidget() is dialog.amount_edit
    assert not dialog.banner.isVisible()
    assert everything() == before  # nothing written
    keys.press(Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert payments.list_payments(order.id) == []


def test_a_refund_needs_its_reason(qtbot, shop_window) -> None:
    window, order, keys = shop_window
    # another screen's write: its change notice reaches the view
    window.services.payments.record_payment(order_id=order.id, amount="135", method="cash")
    box = window.search_tab.order_view.payments_box
    qtbot.waitUntil(lambda: box.refund_button.isEnabled())
    dialog = _open_dialog(qtbot, window, keys, "refundDialog")
    keys.press(Key.Key_A, CTRL)
    keys.type("20")
    keys.press(Key.Key_Return)
    reason_error = dialog.findChild(type(dialog.banner), "paymentReasonError")
    qtbot.waitUntil(reason_error.isVisible)
    assert QApplication.focusWidget() is dialog.reason_edit
    assert len(payments.list_payments(order.id)) == 1
    keys.type("article abime")
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    refund = payments.list_payments(order.id)[-1]
    assert (refund.amount_cents, refund.reason) == (-2000, "article abime")
    assert payments.balance(order.id).due_cents == 2000
    qtbot.waitUntil(lambda: box.model.rowCount() == 2)


def test_every_letter_answers_once(qtbot, shop_window, language) -> None:
    window, _order, keys = shop_window
    assert not collisions(window), (language, collisions(window))
    for dialog_name in ("paymentDialog", "refundDialog"):
        if dialog_name == "refundDialog":
            window.services.payments.record_payment(order_id=_order.id, amount="10", method="cash")
            box = window.search_tab.order_view.payments_box
            qtbot.waitUntil(lambda: box.refund_button.isEnabled())  # noqa: B023
        dialog = _open_dialog(qtbot, window, keys, dialog_name)
        assert not collisions(dialog), (language, dialog_name, collisions(dialog))
        assert not dead_mnemonics(dialog), (language, dead_mnemonics(dialog))
        for label, target in (
            (dialog.method_caption, dialog.method_combo),
            (dialog.reference_caption, dialog.reference_edit),
            (dialog.date_caption, dialog.date.edit),
            (dialog.amount_caption, dialog.amount_edit),
        ):
            _alt(keys, label.text())
            assert QApplication.focusWidget() is target, (language, label.text())
        keys.press(Key.Key_Escape)
        qtbot.waitUntil(lambda: not dialog.isVisible())  # noqa: B023


def test_a_day_after_today_is_refused_beside_the_date(qtbot, shop_window) -> None:
    window, order, keys = shop_window
    dialog = _open_dialog(qtbot, window, keys)
    keys.press(Key.Key_A, CTRL)
    keys.type("10")
    keys.press(Key.Key_Tab)
    keys.press(Key.Key_Tab)  # the date
    keys.press(Key.Key_A, CTRL)
    keys.type((date.today() + timedelta(days=3)).strftime("%d/%m/%Y"))
    keys.press(Key.Key_Return)
    qtbot.waitUntil(dialog.date.error.isVisible)
    assert dialog.isVisible() and QApplication.focusWidget() is dialog.date.edit
    assert payments.list_payments(order.id) == []


def test_a_cancelled_order_takes_no_payment(qtbot, shop_window) -> None:
    window, order, _keys = shop_window
    window.services.payments.record_payment(order_id=order.id, amount="35", method="cash")
    window.services.orders.save_order_changes(
        order_id=order.id,
        expected_version=order.version,
        to_status="cancelled",
        note="client parti",
    )
    box = window.search_tab.order_view.payments_box
    window.search_tab.open_order(order.number)
    qtbot.waitUntil(lambda: "35" in box.due_label.text() and not box.record_button.isEnabled())
    assert box.refund_button.isEnabled()  # what it still holds can be given back
    assert "Refund due" in box.due_label.text() or "À rembourser" in box.due_label.text()
