"""The orders table's date filters, typed as a clerk types them: Tab goes from "from" to "to"
and on, a date typed in the usual ways filters exactly that day, an impossible date is said
beside the field and changes nothing, an empty field is no limit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gestco.services.order_table import OrderFilter, count_and_sum
from tests.support.keyboard import Keyboard

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def _to_from_field(qtbot, window) -> Keyboard:
    """From the text filter, Tab past the two lists to the "from" date."""
    tab = window.orders_tab
    tab.filter_edit.setFocus()
    keys = Keyboard(qtbot, window)
    for _ in range(3):
        keys.press(Key.Key_Tab)
    assert QApplication.focusWidget() is tab.date_from_edit
    return keys


def _shown(qtbot, tab) -> int:
    qtbot.waitUntil(lambda: tab.model.complete)
    return tab.model.rowCount()


def test_tab_goes_from_the_from_date_to_the_to_date_and_on(qtbot, table_window) -> None:
    tab = table_window.orders_tab
    keys = _to_from_field(qtbot, table_window)
    keys.press(Key.Key_Tab)
    assert QApplication.focusWidget() is tab.date_to_edit
    keys.press(Key.Key_Tab)
    assert QApplication.focusWidget() is tab.clear_button
    keys.press(Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    keys.press(Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is tab.date_from_edit


def _typed_forms(day: date) -> list[str]:
    return [day.strftime("%d/%m/%Y"), day.strftime("%d%m%Y"), day.strftime("%d/%m/%y")]


@pytest.mark.parametrize("form", [0, 1, 2])
def test_a_typed_date_range_filters_exactly_those_days(qtbot, table_window, form: int) -> None:
    tab = table_window.orders_tab
    first, last = date.today() - timedelta(days=400), date.today() - timedelta(days=100)
    expected = count_and_sum(OrderFilter(date_from=first, date_to=last))[0]
    everything = count_and_sum(OrderFilter())[0]
    assert 0 < expected < everything
    keys = _to_from_field(qtbot, table_window)
    keys.type(_typed_forms(first)[form])
    keys.press(Key.Key_Tab)
    assert QApplication.focusWidget() is tab.date_to_edit
    assert tab.date_from_edit.text() == first.strftime("%d/%m/%Y")  # shown as it is taken
    assert _shown(qtbot, tab) == count_and_sum(OrderFilter(date_from=first))[0]
    keys.type(_typed_forms(last)[form])
    keys.press(Key.Key_Return)
    assert _shown(qtbot, tab) == expected
    assert tab.model.current_filter.date_from == first
    assert tab.model.current_filter.date_to == last
    assert tab.date_from.error.isHidden() and tab.date_to.error.isHidden()


def test_day_and_month_alone_take_the_nearest_year(qtbot, table_window) -> None:
    tab = table_window.orders_tab
    day = date.today() - timedelta(days=100)
    keys = _to_from_field(qtbot, table_window)
    keys.type(day.strftime("%d/%m"))
    keys.press(Key.Key_Return)
    assert _shown(qtbot, tab) == count_and_sum(OrderFilter(date_from=day))[0]
    assert tab.date_from_edit.text() == day.strftime("%d/%m/%Y")


def test_an_impossible_date_is_said_beside_its_field_and_filters_nothing(
    qtbot,
    table_window,
) -> None:
    tab = table_window.orders_tab
    before = _shown(qtbot, tab)
    keys = _to_from_field(qtbot, table_window)
    keys.type("31/02/2026")
    keys.press(Key.Key_Tab)
    assert tab.date_from.error.isVisible()
    assert tab.date_from.error.text().startswith("From: This is not a date")
    # beside the dates: below the filter row, not across the table's top-left
    error = tab.date_from.error
    assert error.mapTo(tab, error.rect().topLeft()).x() > tab.filter_edit.geometry().right()
    assert error.height() < 2.5 * error.fontMetrics().height()  # a line, not a column of words
    assert tab.model.current_filter == OrderFilter()
    assert _shown(qtbot, tab) == before
    # corrected: the message goes as it is typed, the filter applies
    keys.press(Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    keys.press(Key.Key_A, CTRL)
    keys.type("1")
    assert tab.date_from.error.isHidden()
    day = date.today() - timedelta(days=30)
    keys.press(Key.Key_Backspace)
    keys.type(day.strftime("%d%m%Y"))
    keys.press(Key.Key_Return)
    assert tab.model.current_filter.date_from == day


def test_an_emptied_date_is_no_limit_and_clear_empties_both(qtbot, table_window) -> None:
    tab = table_window.orders_tab
    everything = _shown(qtbot, tab)
    keys = _to_from_field(qtbot, table_window)
    keys.press(Key.Key_Tab)
    keys.type((date.today() - timedelta(days=30)).strftime("%d/%m/%Y"))
    keys.press(Key.Key_Return)
    assert _shown(qtbot, tab) < everything
    keys.press(Key.Key_A, CTRL)
    keys.press(Key.Key_Delete)
    keys.press(Key.Key_Return)
    assert _shown(qtbot, tab) == everything
    assert tab.date_to.error.isHidden()
    keys.type("01/01/2025")
    keys.press(Key.Key_Tab)  # to Clear
    keys.press(Key.Key_Space)
    assert tab.date_to_edit.text() == ""
    assert tab.model.current_filter == OrderFilter()
