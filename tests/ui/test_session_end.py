"""When the session ends, the shop's data goes with it: an operator disabled elsewhere is
dropped to the sign-in page at their next write; lock, sign-out and the idle delay never do
nothing while data shows; closing the window signs out; a menu open at the lock does not
come back; after a switch the cursor is in the current screen's first field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from gestco.services import audit, orders, session
from gestco.services.audit import AuditFilter
from gestco.storage import raw_sql
from tests.support.cli import gestco
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
from ui.runtime.drafts import DraftStore

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return demo_file(tmp_path_factory.mktemp("session-end"))


@pytest.fixture
def at_sign_in(qtbot, demo, tmp_path):
    window, keys = open_at_sign_in(qtbot, demo, tmp_path)
    yield window, keys
    close(window)


def _identify_and_key_a_line(window, keys) -> None:
    phone = str(raw_sql.fetch_one("SELECT phone FROM clients ORDER BY id LIMIT 1")[0])
    keys.press(Key.Key_F2)
    keys.type("0" + phone[4:])
    keys.press(Key.Key_Return)
    keys.press(Key.Key_F3)
    sku = str(raw_sql.fetch_one("SELECT sku FROM products WHERE active = 1 ORDER BY id")[0])
    keys.type(sku)
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return)
    assert window.new_order_tab.lines_model.rowCount() == 1


def _orders_count() -> int:
    return int(raw_sql.fetch_one("SELECT count(*) FROM orders")[0])


def test_an_operator_disabled_elsewhere_drops_to_the_sign_in_page(qtbot, at_sign_in) -> None:
    window, keys = at_sign_in
    sign_in(keys, "comptoir")
    _identify_and_key_a_line(window, keys)
    stored = _orders_count()
    done = gestco("--db", window.database_path, "user", "disable", "comptoir")
    assert done.returncode == 0, done.stderr
    keys.press(Key.Key_Return, CTRL)  # the next write: refused, and the session ends
    page = window.gate.sign_in_page
    qtbot.waitUntil(lambda: window.gate.currentWidget() is page)
    assert not window.tabs.isVisible() and not window.counts_label.isVisible()
    assert window.operator_label.text() == "Nobody signed in"
    assert page.message.isVisible()
    assert page.message.text() == (
        "Comptoir can no longer work here (disabled or removed): sign in again."
    )
    assert keys.focused() is page.user_edit and not page.user_edit.text()
    assert session.current() is None and _orders_count() == stored
    assert DraftStore(window.database_path, "comptoir").load() is not None  # kept, not lost
    keys.press(Key.Key_L, CTRL)  # nothing to lock: the sign-in page stays
    assert window.gate.currentWidget() is page
    sign_in(keys, "comptoir")  # refused: disabled
    assert not window.tabs.isVisible() and "disabled" in page.message.text()
    page.user_edit.setFocus()
    keys.press(Key.Key_A, CTRL)
    sign_in(keys, "gerant")
    assert window.tabs.isVisible() and session.current().username == "gerant"
    tab = window.new_order_tab
    assert tab.client is None and not tab.draft_offer.shown  # not the clerk's order


@pytest.mark.parametrize("how", ["lock", "sign_out", "idle"])
def test_lock_sign_out_and_idle_cover_the_data_when_the_session_is_gone(at_sign_in, how) -> None:
    """The core ended the session and the window has not heard yet (its notice is queued):
    Ctrl+L, Sign out and the idle delay still take the data off the screen."""
    window, keys = at_sign_in
    sign_in(keys, "comptoir")
    session.reset()  # (the notice is handled once this event is done: not yet)
    assert window.tabs.isVisible()
    {
        "lock": window.access.lock,
        "sign_out": window.access.sign_out,
        "idle": window.access.idle.expired.emit,
    }[how]()
    assert window.gate.currentWidget() is window.gate.sign_in_page
    assert not window.tabs.isVisible() and not window.counts_label.isVisible()


@pytest.mark.parametrize("how", ["menu", "ctrl+q"])
def test_quitting_signs_out(qtbot, at_sign_in, how) -> None:
    """File › Quit from the menu (Alt+F, Q) or with Ctrl+Q, on every platform (Qt's own
    Quit key is none on Windows and offscreen)."""
    window, keys = at_sign_in
    sign_in(keys, "comptoir")
    if how == "menu":
        keys.press(Key.Key_F, ALT)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        keys.press(Key.Key_Q)
    else:
        keys.press(Key.Key_Q, CTRL)
    assert not window.isVisible() and session.current() is None
    session.sign_in_owner("tester")
    newest = audit.list_events(AuditFilter(operator="comptoir"), limit=2)
    assert [e.kind for e in newest] == ["sign_out", "sign_in"]


def test_closing_a_locked_window_signs_its_operator_out(qtbot, at_sign_in) -> None:
    window, keys = at_sign_in
    sign_in(keys, "gerant")
    keys.press(Key.Key_L, CTRL)
    window.close()
    assert session.current() is None and session.locked_by() is None
    session.sign_in_owner("tester")
    newest = audit.list_events(AuditFilter(operator="gerant"), limit=2)
    assert [e.kind for e in newest] == ["sign_out", "lock"]


def test_a_menu_open_at_the_lock_stays_closed_after_the_unlock(qtbot, at_sign_in) -> None:
    window, keys = at_sign_in
    sign_in(keys, "gerant")
    tools = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Tools")
    keys.press(Key.Key_T, ALT)
    qtbot.waitUntil(tools.isVisible)
    keys.press(Key.Key_L, CTRL)  # the shortcut, with the menu open
    assert window.gate.currentWidget() is window.gate.lock_page
    assert not tools.isVisible() and QApplication.activePopupWidget() is None
    assert keys.focused() is window.gate.lock_page.password_edit
    keys.type(PINS["gerant"])
    keys.press(Key.Key_Return)
    assert window.tabs.isVisible()
    qtbot.wait(50)  # (whatever a reopened menu would need to show, it gets)
    assert not any(m.isVisible() for m in window.menuBar().findChildren(QMenu))
    assert QApplication.activePopupWidget() is None


@pytest.mark.parametrize(
    ("reach", "field"),
    [
        (Key.Key_F2, "phoneEdit"),
        (Key.Key_F4, "orderNumberEdit"),
        (Key.Key_F5, "clientSearchEdit"),
        (Key.Key_F6, "ordersView"),
        ("matches", "clientSearchEdit"),  # the list that had the focus goes with the reset
        ("stock", "stockSearchEdit"),
    ],
)
def test_after_a_switch_the_cursor_is_in_the_current_screens_first_field(
    at_sign_in, reach, field
) -> None:
    window, keys = at_sign_in
    sign_in(keys, "gerant")
    if reach == "stock":
        window.tabs.setCurrentWidget(window.stock_tab)
    elif reach == "matches":
        keys.press(Key.Key_F5)
        keys.type("a")  # a letter: a list of names to pick from
        keys.press(Key.Key_Return)
        assert keys.focused() is window.search_tab.matches_view
    else:
        keys.press(reach)
    keys.press(Key.Key_L, CTRL)
    unlock(keys, "comptoir", PINS["comptoir"])
    assert session.current().username == "comptoir"
    assert keys.focused().objectName() == field
    if field == "orderNumberEdit":  # typed digits land there
        number = str(raw_sql.fetch_one("SELECT number FROM orders ORDER BY id LIMIT 1")[0])
        keys.type(number)
        keys.press(Key.Key_Return)
        assert window.search_tab.order_view.order.number == number
        assert orders.get_order(number).number == number
