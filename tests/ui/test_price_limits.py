"""Prices typed with huge or tiny exponents, or past the core's limit, in the stock tab's
price box: the core's message is beside the box (translated like every core message:
tests/ui/test_translations.py), and nothing is saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from gestco.services import stock
from tests.support.keyboard import Keyboard, show


@pytest.mark.parametrize(
    ("typed", "english"),
    [
        ("1e999999", "far too large"),
        ("1e-999999999", "decimal places"),
        ("10000000.01", "at most 10,000,000:"),  # in the locale's digits
    ],
)
def test_a_price_past_the_limits_shows_its_message_beside_the_box(
    qtbot, window, typed: str, english: str
) -> None:
    show(qtbot, window)
    window.tabs.setCurrentWidget(window.stock_tab)
    tab = window.stock_tab
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    keys = Keyboard(qtbot, window)
    assert QApplication.focusWidget() is tab.sku_edit
    keys.type("THE-100")
    tab.name_edit.setFocus()
    keys.type("The vert")
    tab.price_edit.setFocus()
    keys.type(typed)
    tab.save_button.setFocus()
    keys.press(Qt.Key.Key_Return)
    label = tab.findChild(QLabel, "productPriceError")
    qtbot.waitUntil(lambda: label.isVisible())
    assert english in label.text()  # the window of the tests speaks English
    assert label.height() >= label.heightForWidth(label.width())  # all its lines shown
    assert stock.list_products() == []
