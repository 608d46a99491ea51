"""The orders table's text filter with input that used to show an error or match every
order: a number being typed lists the orders it begins, in place, without a message."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gestco.services.order_table import OrderFilter, count_and_sum
from gestco.storage import binding, raw_sql
from tests.support.databases import demo_database
from tests.support.keyboard import Keyboard, show


@pytest.fixture
def table_window(qtbot, tmp_path):
    from tests.support.staff import signed_window

    target = demo_database(tmp_path / "demo.sqlite3", clients=40, orders=300, products=6)
    window = signed_window(target)
    qtbot.addWidget(window)
    show(qtbot, window)
    window.show_orders_table()
    qtbot.waitUntil(lambda: window.orders_tab.model.complete)
    yield window
    binding.close_database()


def test_a_partly_typed_number_lists_the_orders_it_begins(qtbot, table_window) -> None:
    tab = table_window.orders_tab
    year = raw_sql.fetch_one("SELECT max(substr(number, 5, 4)) FROM orders")[0]
    tab.filter_edit.setFocus()
    keys = Keyboard(qtbot, table_window)
    keys.type(f"CMD-{year}-00000")  # the old code: "Type an order number such as …"
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.model.complete)
    expected = count_and_sum(OrderFilter(text=f"CMD-{year}-00000"))[0]
    assert 0 < expected <= 9  # CMD-YYYY-000001 to -000009
    assert tab.model.rowCount() == expected
    assert tab.error_label.isHidden()
