"""The same window on a PostgreSQL server (run by `make test-postgres`; skipped otherwise)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtGui import QAction

from gestco import db
from gestco.domain import LineInput, ProductInput
from gestco.services import clients, orders, stock
from tests.conftest import ON_POSTGRES, TEST_DB, _empty_postgres
from tests.ui.helpers import show

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="needs GESTCO_TEST_DB=postgresql://…")


def test_the_counter_and_the_orders_table_on_a_server(qtbot) -> None:
    from ui.app import create_main_window

    _empty_postgres()
    window = create_main_window(TEST_DB)
    qtbot.addWidget(window)
    show(qtbot, window)
    assert TEST_DB.split("@")[-1].split("/")[-1] in window.database_label.text()
    assert not window.findChild(QAction, "backupAction").isEnabled()  # the server's job
    product = stock.create_product(
        ProductInput(sku="CAF-250", name="Café", unit_price=Decimal("45")),
        actor="t",
        initial_stock=10,
    )
    tab = window.identify_tab
    tab.phone_edit.setText("06 12 34 56 78")
    tab.identify()
    tab.fields["last_name"].setText("Benali")
    tab.save()
    client = clients.identify("0612345678")
    assert client is not None
    window.new_order_tab.set_client(client)
    window.new_order_tab.product_edit.setText("CAF-250")
    window.new_order_tab.lines.add_line()
    window.new_order_tab.validate()
    number = window.new_order_tab.last_number
    assert number and orders.get_order(number).status == "pending"
    assert stock.get_product(product.id).reserved == 1
    window.show_orders_table()
    qtbot.waitUntil(lambda: window.orders_tab.model.complete)
    assert window.orders_tab.model.row_at(0).number == number
    orders.create_order(
        client_id=client.id, actor="t", lines=[LineInput(product_id=product.id, quantity=2)]
    )
    window.signals.orders_changed.emit()
    qtbot.waitUntil(
        lambda: window.orders_tab.model.complete and window.orders_tab.model.rowCount() == 2
    )
    window.backup_on_close = False
    window.close()
    db.close_database()
