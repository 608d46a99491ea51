"""What the search tab and the orders table say (issue 13, items 8, 10 and 11): one rule for
what a total sums, a capped list of clients that says so, messages one line high in the
colour of their kind."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, stock
from gestco.services.order_table import OrderFilter, count_and_sum, count_client_matches
from tests.support.databases import ON_POSTGRES, TEST_DB
from tests.support.keyboard import Keyboard, show
from ui.display import formatting

STYLE = Path(__file__).resolve().parents[2] / "resources" / "styles" / "gestco.qss"
ERROR_COLOUR = QColor("#b3261e")  # QLabel[kind="error"] in gestco.qss


@pytest.fixture
def styled(qapp):
    before = qapp.styleSheet()
    qapp.setStyleSheet(STYLE.read_text(encoding="utf-8"))
    yield
    qapp.setStyleSheet(before)


@pytest.fixture
def shop_window(qtbot, db_path):
    from tests.support.staff import signed_window

    product = stock.create_product(
        ProductInput(sku="CAF-250", name="Café", unit_price=Decimal("45")),
        initial_stock=50,
    )
    client = clients.create_client(
        ClientInput(phone="0612345678", first_name="Amina", last_name="Benali")
    )
    kept = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=2)]
    )
    dropped = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=5)]
    )
    orders.change_status(
        order_id=dropped.id,
        to_status="cancelled",
        expected_version=dropped.version,
        note="Doublon",
    )
    window = signed_window(TEST_DB if ON_POSTGRES else str(db_path))
    window.backup_on_close = False
    qtbot.addWidget(window)
    show(qtbot, window)
    yield window, client, kept
    window.watcher.stop()


# --- 8. one rule for what a total sums ----------------------------------------------------
def test_the_orders_total_and_the_clients_spent_follow_one_rule(qtbot, shop_window) -> None:
    window, client, kept = shop_window
    count, total = count_and_sum(OrderFilter(text="0612345678"))
    assert (count, total) == (2, kept.total_cents)  # both counted, the cancelled one not summed
    assert clients.client_stats(client.id).total_spent_cents == total
    keys = Keyboard(qtbot, window)
    keys.press(Qt.Key.Key_F6)
    tab = window.orders_tab
    tab.filter_edit.setFocus()
    keys.type("0612345678")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.count == 2)
    amount = formatting.money(kept.total_cents, "MAD")
    assert tab.count_label.text() == f"2 orders · total excluding cancelled orders: {amount}"
    keys.press(Qt.Key.Key_F5)
    keys.type("0612345678")
    keys.press(Qt.Key.Key_Return)
    stats = window.search_tab.stats_label.text()
    assert stats.startswith(f"2 orders · {amount} spent, excluding cancelled orders")


# --- 10. a capped list of clients says so -----------------------------------------------
def test_a_capped_list_of_clients_says_how_many_match(qtbot, shop_window) -> None:
    window, _, _ = shop_window
    for n in range(87):
        clients.create_client(
            ClientInput(phone=f"06110{n:05}", first_name=f"Karim{n}", last_name="Bennani"),
        )
    assert count_client_matches("benna") == 87
    keys = Keyboard(qtbot, window)
    keys.press(Qt.Key.Key_F5)
    tab = window.search_tab
    keys.type("ben")  # Benali and the 87 Bennani
    keys.press(Qt.Key.Key_Return)
    assert tab.matches.rowCount() == 50
    message = tab.search_message
    assert message.isVisible()
    assert message.text() == "50 of 88 clients shown: type more of the name."
    keys.press(Qt.Key.Key_F5)
    keys.type("benali")
    keys.press(Qt.Key.Key_Return)  # one match: opened at once, nothing capped
    assert tab.details.isVisible() and not message.isVisible()


def test_clients_matched_by_both_names_fill_the_list_once(qtbot, shop_window) -> None:
    """'b' finds Bachir Benamar by his first and by his last name: one client, listed once,
    and the list still holds 50 (it once held 25 and said "25 clients match" of 61)."""
    window, _, _ = shop_window
    for n in range(60):
        clients.create_client(
            ClientInput(phone=f"06110{n:05}", first_name="Bachir", last_name=f"Benamar{n}"),
        )
    found = clients.search_clients("b", limit=50)
    assert len(found) == 50 == len({c.id for c in found})
    keys = Keyboard(qtbot, window)
    keys.press(Qt.Key.Key_F5)
    keys.type("b")
    keys.press(Qt.Key.Key_Return)
    tab = window.search_tab
    assert tab.matches.rowCount() == 50
    assert tab.search_message.text() == "50 of 61 clients shown: type more of the name."


def test_the_capped_list_in_french(qtbot, shop_window) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.runtime.languages import install_translator

    window, _, _ = shop_window
    for n in range(1200):  # past a thousand: the total is grouped as French writes it
        clients.create_client(ClientInput(phone=f"0611{n:06}", last_name=f"Bennani{n}"))
    app = QApplication.instance()
    translator = install_translator(app, "fr")
    try:
        tab = window.search_tab
        window.show_client_search()
        qtbot.keyClicks(tab.client_search_edit, "benn")
        qtbot.keyClick(tab.client_search_edit, Qt.Key.Key_Return)
        grouped = formatting.count(1200)
        assert grouped != "1200"
        expected = f"50 affichés sur {grouped} clients : tapez la suite du nom."
        assert tab.search_message.text() == expected
    finally:
        app.removeTranslator(translator)


# --- 11. one line, in the colour of its kind --------------------------------------------
def _one_line(label) -> bool:
    return label.isVisible() and label.height() < 3 * label.fontMetrics().lineSpacing()


def test_order_search_messages_are_one_line_in_the_error_colour(qtbot, styled, shop_window) -> None:
    window, _, kept = shop_window
    keys = Keyboard(qtbot, window)
    keys.press(Qt.Key.Key_F4)
    view = window.search_tab.order_view
    keys.type(kept.number)
    keys.press(Qt.Key.Key_Return)
    view.notes_edit.setFocus()
    keys.type("Livrer le matin")
    keys.press(Qt.Key.Key_Return)  # saved: a success banner
    assert view.banner.property("kind") == "success" and view.banner.isVisible()
    for typed in (f"{kept.created_at.year}-999", "bonjour"):  # no such order; not a number
        keys.press(Qt.Key.Key_F4)
        keys.type(typed)
        keys.press(Qt.Key.Key_Return)
        banner = view.banner
        assert banner.text() and not view.body.isVisible()
        assert _one_line(banner), banner.height()
        assert banner.property("kind") == "error"
        assert banner.palette().color(QPalette.ColorRole.WindowText) == ERROR_COLOUR


def test_client_search_messages_are_one_line_in_their_colour(qtbot, styled, shop_window) -> None:
    window, _, _ = shop_window
    keys = Keyboard(qtbot, window)
    keys.press(Qt.Key.Key_F5)
    tab = window.search_tab
    keys.type("zzz")
    keys.press(Qt.Key.Key_Return)
    assert tab.search_message.text() == "No client matches “zzz”."
    assert _one_line(tab.search_message)
    colour = tab.search_message.palette().color(QPalette.ColorRole.WindowText)
    assert colour == ERROR_COLOUR
    # the client page's banner after a save: the success colour, one line
    keys.press(Qt.Key.Key_F5)
    keys.type("0612345678")
    keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_Return)  # Return in the first name: save
    assert tab.banner.property("kind") == "success" and _one_line(tab.banner)
    assert tab.banner.palette().color(QPalette.ColorRole.WindowText) == QColor("#1e5e22")
