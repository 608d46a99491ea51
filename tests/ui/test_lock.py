"""The lock: Ctrl+L and the idle delay hide the shop's data; the same operator unlocks with
a PIN or the password; another one switches in; the order being keyed waits for its clerk."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit

from gestco.services import audit, clients, orders, session, settings
from gestco.services.audit import AuditFilter
from gestco.storage import raw_sql
from tests.ui.staff_windows import (
    CTRL,
    PINS,
    Key,
    close,
    demo_file,
    open_at_sign_in,
    sign_in,
    unlock,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return demo_file(tmp_path_factory.mktemp("lock"))


@pytest.fixture
def clerk(qtbot, demo, tmp_path):
    """The window with comptoir signed in (keyboard), a client found on Identify."""
    window, keys = open_at_sign_in(qtbot, demo, tmp_path)
    sign_in(keys, "comptoir")
    phone = str(raw_sql.fetch_one("SELECT phone FROM clients ORDER BY id LIMIT 1")[0])
    keys.press(Key.Key_F2)
    keys.type("0" + phone[4:])
    keys.press(Key.Key_Return)
    assert window.identify_tab.client is not None
    yield window, keys
    close(window)


def _key_an_order(window, keys) -> None:
    """From the found client: a new order with one line, not validated."""
    keys.press(Key.Key_F3)
    sku = str(raw_sql.fetch_one("SELECT sku FROM products WHERE active = 1 ORDER BY id")[0])
    keys.type(sku)
    keys.press(Key.Key_Return)  # the product; the quantity (1) next
    keys.press(Key.Key_Return)  # the line is added
    assert window.new_order_tab.lines_model.rowCount() == 1


def test_ctrl_l_covers_the_data_and_the_pin_unlocks(qtbot, clerk) -> None:
    window, keys = clerk
    keys.press(Key.Key_L, CTRL)
    page = window.gate.lock_page
    assert window.gate.currentWidget() is page and not window.tabs.isVisible()
    assert not window.identify_tab.isVisible() and not window.counts_label.isVisible()
    assert session.current() is None and session.locked_by().username == "comptoir"
    assert page.user_edit.text() == "comptoir" and keys.focused() is page.password_edit
    assert page.title.text() == "Locked — Comptoir (counter clerk)"
    assert window.operator_label.text() == "Locked"
    keys.press(Key.Key_F2)  # nothing reachable while locked
    assert not window.tabs.isVisible()
    keys.type("9999")
    keys.press(Key.Key_Return)
    assert page.message.text() == "Wrong username or PIN."
    keys.type(PINS["comptoir"])
    keys.press(Key.Key_Return)
    assert window.tabs.isVisible() and session.current().username == "comptoir"
    assert window.identify_tab.client is not None  # the same operator: the work as it was
    session.sign_in_owner("tester")
    newest = audit.list_events(AuditFilter(operator="comptoir"), limit=3)
    assert [(e.kind, e.note) for e in newest] == [
        ("sign_in", "PIN"),
        ("sign_in_failed", "PIN"),
        ("lock", ""),
    ]


def test_the_password_unlocks_too(clerk) -> None:
    window, keys = clerk
    keys.press(Key.Key_L, CTRL)
    keys.type("comptoir")
    keys.press(Key.Key_Return)
    assert window.tabs.isVisible() and session.current().username == "comptoir"


def test_another_operator_switches_in_and_the_order_waits_for_its_clerk(qtbot, clerk) -> None:
    window, keys = clerk
    _key_an_order(window, keys)
    keyed_for = window.new_order_tab.client
    keys.press(Key.Key_L, CTRL)
    unlock(keys, "gerant", PINS["gerant"])
    tab = window.new_order_tab
    assert session.current().username == "gerant"
    assert window.operator_label.text() == "Signed in: Gérant (manager)"
    assert tab.client is None and tab.lines_model.rowCount() == 0  # not the clerk's order
    assert not tab.draft_offer.shown and window.identify_tab.client is None
    assert not window.identify_tab.phone_edit.text()
    keys.press(Key.Key_L, CTRL)
    unlock(keys, "comptoir", PINS["comptoir"])
    assert tab.draft_offer.shown
    said = tab.draft_banner.text()  # (the plural forms are the catalogue's: not loaded here)
    assert said.startswith(f"Your order for {keyed_for.display_name} (1 line")
    assert said.endswith("was kept while you were away.")
    keys.press(Key.Key_F3)
    tab.restore_draft_button.setFocus()
    keys.press(Key.Key_Return)
    assert tab.client.id == keyed_for.id and tab.lines_model.rowCount() == 1
    keys.press(Key.Key_Return, CTRL)
    assert tab.last_number
    assert [h.changed_by for h in orders.get_order(tab.last_number).history] == ["comptoir"]


def test_the_idle_delay_locks_after_the_last_input(qtbot, clerk) -> None:
    """Time is the idle watch's clock, moved by the test: no waiting, no race."""
    window, keys = clerk
    session.sign_in_owner("tester")
    settings.set_setting("lock_after_minutes", "2")
    session.assume("comptoir")
    idle = window.access.idle
    now = [1000.0]
    idle.clock = lambda: now[0]
    window.access.read_lock_delay()  # counts from now
    now[0] += 100
    keys.type("1")  # typing in the window is someone there
    now[0] += 100
    idle.check()
    assert window.tabs.isVisible()
    outside = QLineEdit()  # another application's window: nobody at this one
    qtbot.addWidget(outside)
    qtbot.keyClicks(outside, "x")
    now[0] += 21
    idle.check()
    assert window.gate.currentWidget() is window.gate.lock_page
    assert session.locked_by().username == "comptoir" and not idle.counting


def test_a_shop_without_idle_delay_never_locks_by_itself(clerk) -> None:
    window, _keys = clerk
    session.sign_in_owner("tester")
    settings.set_setting("lock_after_minutes", "0")
    session.assume("comptoir")
    window.access.read_lock_delay()
    assert not window.access.idle.counting


def test_signing_out_returns_to_the_sign_in_page(clerk) -> None:
    window, keys = clerk
    window.findChild(type(window.audit_action), "signOutAction").trigger()
    assert window.gate.currentWidget() is window.gate.sign_in_page
    assert session.current() is None and session.locked_by() is None
    sign_in(keys, "gerant")
    assert window.identify_tab.client is None  # the clerk's client is not the manager's
    assert clients.identify(str(raw_sql.fetch_one("SELECT phone FROM clients LIMIT 1")[0]))
