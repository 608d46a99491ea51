"""One change notice for this window's writes and everyone else's: a screen that shows an area
refreshes when it changes, whoever wrote it (issue 13, item 7)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gestco.domain.change_areas import Area, Changes
from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, stock
from gestco.storage import binding
from tests.support.databases import ON_POSTGRES, TEST_DB
from tests.support.keyboard import Keyboard, show
from ui.models.orders_table import Column

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window_with_an_order(qtbot, db_path):
    from tests.support.staff import signed_window

    product = stock.create_product(
        ProductInput(sku="CAF-250", name="Café", unit_price=Decimal("45")),
        initial_stock=10,
    )
    client = clients.create_client(
        ClientInput(phone="0612345678", first_name="Amina", last_name="Benali")
    )
    orders.create_order(client_id=client.id, lines=[LineInput(product_id=product.id, quantity=1)])
    window = signed_window(TEST_DB if ON_POSTGRES else str(db_path))
    window.backup_on_close = False
    qtbot.addWidget(window)
    show(qtbot, window)
    window.show_orders_table()
    qtbot.waitUntil(lambda: window.orders_tab.model.complete)
    yield window, client
    window.watcher.stop()


def _client_shown(window) -> str:
    return window.orders_tab.model.index(0, Column.CLIENT).data()


def test_a_client_renamed_on_the_client_page_is_renamed_in_the_orders_table(
    qtbot, window_with_an_order
) -> None:
    window, client = window_with_an_order
    assert _client_shown(window) == "Amina Benali"
    keys = Keyboard(qtbot, window)
    keys.press(Qt.Key.Key_F5)  # Recherche › Client
    tab = window.search_tab
    assert tab.client_search_edit.hasFocus()
    qtbot.keyClicks(tab.client_search_edit, "0612345678")
    qtbot.keyClick(tab.client_search_edit, Qt.Key.Key_Return)
    first_name = tab.form.fields["first_name"]
    assert first_name.hasFocus()
    qtbot.keyClick(first_name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(first_name, "Aminata")
    qtbot.keyClick(first_name, Qt.Key.Key_Return)
    assert clients.get_client(client.id).first_name == "Aminata"  # saved
    keys.press(Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: _client_shown(window) == "Aminata Benali")


def test_a_client_renamed_by_another_process_is_renamed_in_the_orders_table(
    qtbot, window_with_an_order
) -> None:
    """Another workstation (another process, through the core) renames the client: the
    change feed brings the clients area and the visible orders table reloads."""
    window, client = window_with_an_order
    target = TEST_DB if ON_POSTGRES else str(binding.database_path())
    code = (
        "from gestco.storage import binding, opening;"
        "from gestco.domain.records import ClientInput;"
        "from gestco.services import clients;"
        "from gestco.services import session; session.sign_in_owner('poste-2');"
        f"opening.open_database({target!r});"
        f"clients.update_client({client.id}, ClientInput(phone='0612345678',"
        " first_name='Amina', last_name='Benali-Idrissi'));"
        "binding.close_database()"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
    with qtbot.waitSignal(window.signals.changed, timeout=10_000) as notice:
        pass
    assert Area.CLIENTS in notice.args[0]
    qtbot.waitUntil(lambda: _client_shown(window) == "Amina Benali-Idrissi")


def test_a_screen_refreshes_only_on_the_areas_it_shows(qtbot, window_with_an_order) -> None:
    window, _ = window_with_an_order
    reloads: list[int] = []
    window.orders_tab.model.modelReset.connect(lambda: reloads.append(1))
    window.signals.changed.emit(Changes.of(Area.STOCK))
    assert reloads == []  # the orders table shows no stock
    window.signals.changed.emit(Changes.of(Area.CLIENTS))
    assert reloads == [1]


def test_the_writes_of_one_action_arrive_as_one_notice(qtbot, window_with_an_order) -> None:
    """Two settings saved by the preferences dialog: one notice, published once the action
    is over (the screen that wrote finishes first)."""
    window, _ = window_with_an_order
    notices: list[Changes] = []
    window.signals.changed.connect(notices.append)
    window.services.settings.set_setting("currency", "EUR")
    window.services.settings.set_setting("allow_oversell", "0")
    assert notices == []
    qtbot.waitUntil(lambda: notices == [Changes.of(Area.SETTINGS)])
    qtbot.waitUntil(lambda: "EUR" in window.orders_tab.count_label.text())


def test_a_setting_changed_by_another_process_is_shown(
    qtbot, window_with_an_order, monkeypatch
) -> None:
    """The notice clears the settings cache: the screens show the new value at once."""
    from gestco.services import settings

    monkeypatch.setattr(settings, "CACHE_SECONDS", 3600.0)  # the cache alone would keep MAD
    window, _ = window_with_an_order
    assert settings.get_setting("currency") == "MAD"
    assert "MAD" in window.orders_tab.count_label.text()
    target = TEST_DB if ON_POSTGRES else str(binding.database_path())
    code = (
        "from gestco.storage import binding, opening; from gestco.services import settings;"
        "from gestco.services import session; session.sign_in_owner('poste-2');"
        f"opening.open_database({target!r}); settings.set_setting('currency', 'EUR');"
        "binding.close_database()"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
    qtbot.waitUntil(lambda: "EUR" in window.orders_tab.count_label.text())


def test_the_order_being_keyed_shows_its_clients_new_name(qtbot, window_with_an_order) -> None:
    window, client = window_with_an_order
    keys = Keyboard(qtbot, window)
    keys.press(Qt.Key.Key_F2)
    keys.type("0612345678")
    keys.press(Qt.Key.Key_Return)
    banner = window.new_order_tab.client_label
    assert "Amina Benali" in banner.text()
    keys.press(Qt.Key.Key_F5)
    keys.type("0612345678")
    keys.press(Qt.Key.Key_Return)
    first_name = window.search_tab.form.fields["first_name"]
    assert first_name.hasFocus()
    keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys.type("Aminata")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Aminata Benali" in banner.text())
    assert window.new_order_tab.client.id == client.id
