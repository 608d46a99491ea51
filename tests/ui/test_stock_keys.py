"""The stock tab from the keyboard: the product form follows the current row of the list
(Tab into it, the arrows, Page Down, Home), not clicks only; a new product being typed is not
thrown away by Shift+Tab back into the list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.support.keyboard import Keyboard

Key = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _at_the_list(qtbot, window) -> Keyboard:
    """The stock tab, the cursor on "Export the reorder list", Tab into the list."""
    tab = window.stock_tab
    window.tabs.setCurrentWidget(tab)
    tab.export_button.setFocus()
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_Tab)
    assert keys.focused() is tab.products_view
    return keys


def _shown_is_current(tab) -> bool:
    row = tab.products_view.currentIndex().row()
    current = tab.products.row_at(row)
    selected = [index.row() for index in tab.products_view.selectionModel().selectedRows()]
    return (
        tab.product is not None
        and tab.product.id == current.id
        and tab.sku_edit.text() == current.sku
        and tab.name_edit.text() == current.name
        and selected == [row]  # the row the form shows is the one highlighted
        and tab.name_edit.cursorPosition() == 0  # a long name from its start, not its end
    )


def test_the_form_follows_the_current_row(qtbot, table_window) -> None:
    tab = table_window.stock_tab
    keys = _at_the_list(qtbot, table_window)
    assert tab.products_view.currentIndex().row() == 0
    assert _shown_is_current(tab)  # the first row, made current by Tab, is the one shown
    for key, row in (
        (Key.Key_Down, 1),
        (Key.Key_Down, 2),
        (Key.Key_Up, 1),
        (Key.Key_PageDown, None),
        (Key.Key_Home, 0),
    ):
        keys.press(key, CTRL if key == Key.Key_Home else Qt.KeyboardModifier.NoModifier)
        if row is not None:
            assert tab.products_view.currentIndex().row() == row
        assert _shown_is_current(tab), key
        assert "".join(tab.ledger_caption.text().split()[-1:]) == tab.product.sku


def test_shift_tab_back_into_the_list_keeps_a_new_product_being_typed(
    qtbot,
    table_window,
) -> None:
    tab = table_window.stock_tab
    table_window.tabs.setCurrentWidget(tab)
    tab.search_edit.setFocus()
    keys = Keyboard(qtbot, table_window)
    keys.type("zzz")  # no product: the list is empty, no current row
    tab.new_button.setFocus()
    keys.press(Key.Key_Space)
    assert keys.focused() is tab.sku_edit
    keys.type("NEW-0001")
    tab.search_edit.setFocus()
    keys.press(Key.Key_A, CTRL)
    keys.press(Key.Key_Delete)  # every product listed again, none current
    tab.sku_edit.setFocus()
    keys.press(Key.Key_Tab, SHIFT)
    assert keys.focused() is tab.products_view
    assert tab.sku_edit.text() == "NEW-0001"
    assert tab.product is None
    keys.press(Key.Key_Down)  # a move in the list: now the form shows the row
    assert _shown_is_current(tab)
