"""Return and Enter press the focused button on every screen, as Space does and as the F1
list says (Qt does so only inside dialogs: in the window, "Effacer", "Exporter…" or
"Nouveau produit" ignored Return); Return keeps its meaning in fields, lists and tables."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QPushButton,
    QToolButton,
)

from gestco.services import clients
from tests.support.keyboard import Keyboard
from tests.ui.test_keyboard import _one, _screens, demo_path, demo_window, language  # noqa: F401
from ui.runtime import file_dialogs
from ui.widgets.client_rights import AnonymiseConfirmation
from ui.widgets.credit_note import CreditNoteDialog
from ui.widgets.order_invoicing import OrderInvoicing
from ui.widgets.payment_dialog import PaymentDialog

Key = Qt.Key
KEYPAD = Qt.KeyboardModifier.KeypadModifier


def _buttons(window) -> list[QAbstractButton]:
    """The push and tool buttons of the screen shown that Tab stops at."""
    screen = window.tabs.currentWidget()
    return [
        button
        for button in screen.findChildren(QAbstractButton)
        if isinstance(button, QPushButton | QToolButton)
        and button.isVisible()
        and button.isEnabled()
        and button.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


def test_return_and_enter_press_every_focused_button(
    qtbot,
    demo_window,  # noqa: F811
    monkeypatch,
) -> None:
    window = demo_window
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: ("", ""))
    # the anonymisation's confirmation answered Cancel at once (a modal box would wait)
    monkeypatch.setattr(AnonymiseConfirmation, "exec", lambda self: 0)
    # the order view's invoice: its confirmation answered No, the credit note cancelled
    monkeypatch.setattr(OrderInvoicing, "confirm", lambda self, number: False)
    monkeypatch.setattr(CreditNoteDialog, "exec", lambda self: 0)
    monkeypatch.setattr(PaymentDialog, "open", lambda self: None)  # the payment's: not shown
    keys = Keyboard(qtbot, window)
    pressed: list[str] = []
    missed: list[str] = []
    for screen, reach in _screens(window, keys):
        reach()
        names = [b.objectName() for b in _buttons(window)]
        for index, name in enumerate(names):
            # the buttons before may have changed the screen: reach it again each time
            reach()
            button = next((b for b in _buttons(window) if b.objectName() == name), None)
            if button is None:
                continue
            button.setFocus()
            assert QApplication.focusWidget() is button
            hits: list[bool] = []
            count = partial(hits.append, True)
            button.clicked.connect(count)
            # the keypad's Enter on every other button: it comes with KeypadModifier
            if index % 2:
                keys.press(Key.Key_Enter, KEYPAD)
            else:
                keys.press(Key.Key_Return)
            button.clicked.disconnect(count)
            popup = QApplication.activePopupWidget()
            if popup is not None:  # a button with a menu (Print) opens it: that is its press
                hits.append(True)
                popup.close()
            (pressed if hits else missed).append(f"{screen}: {name}")
    assert missed == [], "\n".join(missed)
    assert len(pressed) >= 20
    for name in ("clearFiltersButton", "exportButton", "newProductButton"):
        assert any(name in seen for seen in pressed), name


def test_return_still_means_what_it_meant_in_fields_and_tables(
    qtbot,
    demo_window,  # noqa: F811
) -> None:
    window = demo_window
    keys = Keyboard(qtbot, window)
    phone = _one("SELECT phone FROM clients ORDER BY id LIMIT 1")
    keys.press(Key.Key_F2)
    keys.type("0" + phone[4:])
    keys.press(Key.Key_Return)  # the phone field: identifies
    assert window.identify_tab.client == clients.identify(phone)
    keys.press(Key.Key_F6)
    tab = window.orders_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    keys.press(Key.Key_Down)
    number = tab.model.row_at(tab.view.currentIndex().row()).number
    keys.press(Key.Key_Return)  # a row of the table: opens the order
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.search_tab)
    assert window.search_tab.order_view.order.number == number
