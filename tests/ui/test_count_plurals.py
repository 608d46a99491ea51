"""Counts in the language's plural forms: "1 commande · …", never "1 commandes" (the client
page's figures, the orders table's footer), in French and in English."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, stock
from gestco.storage import binding
from tests.support.keyboard import show


@pytest.fixture(params=["en", "fr"])
def language(request, qapp):
    from ui.runtime.languages import install_translator

    translator = install_translator(qapp, request.param)
    assert translator is not None, f"gestco_{request.param}.qm missing: `make translations`"
    yield request.param
    qapp.removeTranslator(translator)


def test_one_order_is_counted_in_the_singular(qtbot, db_path, language) -> None:
    from tests.support.staff import signed_window

    product = stock.create_product(
        ProductInput(sku="AML-250", name="Amlou", unit_price=Decimal("130.50")),
        initial_stock=5,
    )
    client = clients.create_client(
        ClientInput(phone="0612345678", first_name="Amina", last_name="Amrani")
    )
    orders.create_order(client_id=client.id, lines=[LineInput(product_id=product.id, quantity=1)])
    window = signed_window(str(binding.database_path()))
    qtbot.addWidget(window)
    window.backup_on_close = False
    show(qtbot, window)
    one = {"en": "1 order ·", "fr": "1 commande ·"}[language]

    window.show_client_search()
    tab = window.search_tab
    qtbot.keyClicks(tab.client_search_edit, "Amrani")
    qtbot.keyClick(tab.client_search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.stats_label.text() != "")
    assert tab.stats_label.text().startswith(one), tab.stats_label.text()

    window.tabs.setCurrentWidget(window.orders_tab)
    footer = window.orders_tab.count_label
    qtbot.waitUntil(lambda: footer.text().startswith(one), timeout=3000)
    window.refresh_status()
    assert window.counts_label.text().endswith(one.removesuffix(" ·"))
    binding.close_database()
