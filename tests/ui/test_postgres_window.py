"""The same window on a PostgreSQL server (run by `make test-postgres`; skipped otherwise)."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
from PySide6.QtGui import QAction

from gestco.domain.change_areas import Changes
from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, stock
from gestco.storage import binding
from tests.support.databases import (
    ON_POSTGRES,
    TEST_DB,
    empty_postgres,
    restartable_server,
    server_stopped,
)
from tests.support.keyboard import show

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="needs GESTCO_TEST_DB=postgresql://…")


def test_the_counter_and_the_orders_table_on_a_server(qtbot) -> None:
    from tests.support.staff import signed_window

    empty_postgres()
    window = signed_window(TEST_DB)
    qtbot.addWidget(window)
    show(qtbot, window)
    assert TEST_DB.split("@")[-1].split("/")[-1] in window.database_label.text()
    for name in ("backupAction", "restoreAction"):  # pg_dump and pg_restore are installed
        assert window.findChild(QAction, name).isEnabled()
    product = stock.create_product(
        ProductInput(sku="CAF-250", name="Café", unit_price=Decimal("45")),
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
    orders.create_order(client_id=client.id, lines=[LineInput(product_id=product.id, quantity=2)])
    window.signals.changed.emit(Changes.of("orders"))
    qtbot.waitUntil(
        lambda: window.orders_tab.model.complete and window.orders_tab.model.rowCount() == 2
    )
    window.backup_on_close = False
    window.close()
    binding.close_database()


def test_another_workstation_order_shows_within_2_seconds(qtbot) -> None:
    """NOTIFY on commit, LISTEN in the window: no table is polled."""
    import subprocess
    import sys
    from pathlib import Path

    from tests.support.staff import signed_window

    empty_postgres()
    window = signed_window(TEST_DB)
    qtbot.addWidget(window)
    window.backup_on_close = False
    client = clients.create_client(ClientInput(phone="0612345678", last_name="B"))
    product = stock.create_product(
        ProductInput(sku="A", name="A", unit_price="10"), initial_stock=5
    )
    show(qtbot, window)
    window.show_orders_table()
    table = window.orders_tab.model
    qtbot.waitUntil(lambda: table.complete)
    code = (
        "from gestco.storage import binding, opening; from gestco.domain.records import LineInput;"
        "from gestco.services import orders;"
        "from gestco.services import session; session.sign_in_owner('poste-2');"
        f"opening.open_database({TEST_DB!r});"
        f"orders.create_order(client_id={client.id},"
        f" lines=[LineInput(product_id={product.id}, quantity=1)]);"
        "binding.close_database()"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True, timeout=60)
    qtbot.waitUntil(lambda: table.complete and table.rowCount() == 1, timeout=2000)
    qtbot.waitUntil(lambda: "1 " in window.counts_label.text(), timeout=2000)
    window.close()
    binding.close_database()


def test_two_windows_an_order_validated_in_one_shows_in_the_other(qtbot, tmp_path) -> None:
    """Two workstations, each its own process and window, on the same server: the order the
    second one validates at its counter is in the first one's orders table within 2 s."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    from PySide6.QtCore import QTimer

    from tests.support.staff import signed_window

    empty_postgres()
    window = signed_window(TEST_DB)
    qtbot.addWidget(window)
    window.backup_on_close = False
    clients.create_client(ClientInput(phone="0612345678", last_name="Benali"))
    stock.create_product(ProductInput(sku="CAF-250", name="Café", unit_price="45"), initial_stock=5)
    show(qtbot, window)
    window.show_orders_table()
    table = window.orders_tab.model
    qtbot.waitUntil(lambda: table.complete and table.rowCount() == 0)
    seen: list[float] = []
    watch = QTimer(window)
    watch.timeout.connect(
        lambda: seen or (table.complete and table.rowCount() == 1 and seen.append(time.time()))
    )
    watch.start(20)
    second = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.second_window", TEST_DB, "0612345678", "CAF-250"],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path)},  # its own QSettings
    )
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    out, err = second.communicate()
    assert second.returncode == 0, err
    _, number, validated_at = out.split()
    qtbot.waitUntil(lambda: bool(seen), timeout=2_000)
    watch.stop()
    assert table.row_at(0).number == number
    print(f"seen {seen[0] - float(validated_at):.3f} s after its validation")
    assert seen[0] - float(validated_at) < 2.0, seen[0] - float(validated_at)
    window.close()
    binding.close_database()


@restartable_server
def test_the_window_says_when_the_server_is_gone_and_when_it_is_back(qtbot) -> None:
    from tests.support.staff import signed_window

    empty_postgres()
    window = signed_window(TEST_DB)
    qtbot.addWidget(window)
    window.backup_on_close = False
    show(qtbot, window)
    assert not window.connection_label.isVisible()
    with server_stopped():
        qtbot.waitUntil(window.connection_label.isVisible, timeout=5_000)
    with qtbot.waitSignal(window.signals.changed, timeout=40_000):  # all reloaded
        qtbot.waitUntil(lambda: not window.connection_label.isVisible(), timeout=40_000)
    window.close()
    binding.close_database()
