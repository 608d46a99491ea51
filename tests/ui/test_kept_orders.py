"""No keyed order is lost silently: a clerk who starts a second order while the first waits
to be restored gets both back, after a switch or a restart, each offered in turn; and a
returning clerk is told, on whatever screen they land, that an order waits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gestco.services import orders
from gestco.storage import raw_sql
from tests.support.keyboard import Keyboard, show
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

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return demo_file(tmp_path_factory.mktemp("kept-orders"))


@pytest.fixture
def at_sign_in(qtbot, demo, tmp_path):
    window, keys = open_at_sign_in(qtbot, demo, tmp_path)
    yield window, keys
    close(window)


def _clients() -> list[tuple[int, str]]:
    return [
        (int(i), str(p))
        for i, p in raw_sql.fetch_all("SELECT id, phone FROM clients ORDER BY id LIMIT 2")
    ]


def _key_an_order(window, keys, phone: str, lines: int = 1) -> None:
    """Identify the client by phone, then key `lines` lines on F3 (not validated)."""
    keys.press(Key.Key_F2)
    keys.type("0" + phone[4:])
    keys.press(Key.Key_Return)
    keys.press(Key.Key_F3)
    skus = [
        str(s) for (s,) in raw_sql.fetch_all("SELECT sku FROM products WHERE active = 1 LIMIT 3")
    ]
    for sku in skus[:lines]:
        keys.type(sku)
        keys.press(Key.Key_Return)
        keys.press(Key.Key_Return)
    assert window.new_order_tab.lines_model.rowCount() == lines


def _quit(qtbot, window, keys) -> None:
    keys.press(Key.Key_F, ALT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    keys.press(Key.Key_Q)
    assert not window.isVisible()


def _reopen(qtbot, window):
    from ui.app import create_main_window

    again = create_main_window(window.database_path)
    again.backup_on_close = False
    qtbot.addWidget(again)
    show(qtbot, again)
    return again, Keyboard(qtbot, again)


def _restore_and_validate(window, keys) -> str:
    tab = window.new_order_tab
    keys.press(Key.Key_F3)
    tab.restore_draft_button.setFocus()
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return, CTRL)
    assert tab.last_number, tab.banner.text()
    return tab.last_number


def test_a_second_order_keyed_while_one_is_offered_survives_a_switch(qtbot, at_sign_in) -> None:
    window, keys = at_sign_in
    (first_id, first_phone), (second_id, second_phone) = _clients()
    sign_in(keys, "comptoir")
    _key_an_order(window, keys, first_phone)
    _quit(qtbot, window, keys)
    close(window)
    window, keys = _reopen(qtbot, window)
    sign_in(keys, "comptoir")
    tab = window.new_order_tab
    assert tab.draft_offer.shown  # the first order, offered back
    waiting = window.access.waiting_label
    assert waiting.isVisible() and "waits on New order (F3)" in waiting.text()  # on Identify
    assert window.tabs.currentWidget() is window.identify_tab
    _key_an_order(window, keys, second_phone, lines=2)  # without taking the first back
    keys.press(Key.Key_L, CTRL)
    assert not waiting.isVisible()  # a client's name: not on the lock page
    unlock(keys, "gerant", PINS["gerant"])
    assert not tab.draft_offer.shown and not waiting.isVisible()  # not the manager's
    keys.press(Key.Key_L, CTRL)
    unlock(keys, "comptoir", PINS["comptoir"])
    assert waiting.isVisible() and "2 unfinished orders" in waiting.text()
    keys.press(Key.Key_F3)
    said = tab.draft_banner.text()
    assert "more unfinished order" in said and said.startswith("An order for")
    numbers = [_restore_and_validate(window, keys)]
    assert tab.draft_offer.shown and "was kept while you were away" in tab.draft_banner.text()
    numbers.append(_restore_and_validate(window, keys))
    assert not tab.draft_offer.shown and not waiting.isVisible()
    recorded = [orders.get_order(n) for n in numbers]
    assert [(o.client_id, len(o.lines)) for o in recorded] == [(first_id, 1), (second_id, 2)]
    assert {h.changed_by for o in recorded for h in o.history} == {"comptoir"}
    close(window)


def test_restoring_one_keeps_the_order_being_keyed(qtbot, at_sign_in) -> None:
    """Closing the window with an order offered and another keyed keeps both; restoring
    the first puts the one on the screen aside, offered next."""
    window, keys = at_sign_in
    (first_id, first_phone), (second_id, second_phone) = _clients()
    sign_in(keys, "comptoir")
    _key_an_order(window, keys, first_phone)
    _quit(qtbot, window, keys)
    close(window)
    window, keys = _reopen(qtbot, window)
    sign_in(keys, "comptoir")
    _key_an_order(window, keys, second_phone, lines=2)
    _quit(qtbot, window, keys)  # the offer still shown: both kept
    close(window)
    window, keys = _reopen(qtbot, window)
    sign_in(keys, "comptoir")
    tab = window.new_order_tab
    keys.press(Key.Key_F3)
    assert "1 more unfinished order" in tab.draft_banner.text()
    tab.restore_draft_button.setFocus()
    keys.press(Key.Key_Return)
    assert tab.client.id == first_id and tab.lines_model.rowCount() == 1
    assert "more" not in tab.draft_banner.text()  # the second still offered, alone
    sku = str(raw_sql.fetch_one("SELECT sku FROM products WHERE active = 1 LIMIT 1")[0])
    tab.product_edit.setFocus()
    keys.type(sku)
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return)  # the restored one changes: 2 lines now
    tab.restore_draft_button.setFocus()
    keys.press(Key.Key_Return)  # the second back; the first, as changed, put aside
    assert tab.client.id == second_id and tab.lines_model.rowCount() == 2
    assert tab.draft_banner.text().startswith("Your order for")
    assert "was put aside when you restored another one" in tab.draft_banner.text()
    tab.discard_draft_button.setFocus()
    keys.press(Key.Key_Return)  # the clerk throws the first away: said, asked, done
    assert not tab.draft_offer.shown
    keys.press(Key.Key_Return, CTRL)
    assert orders.get_order(tab.last_number).client_id == second_id
    assert tab.drafts.load() is None and tab.drafts.kept() == []
    close(window)
