"""What the Arabic window's tryout under Xvfb found (a clerk's keyboard, a 1366×768 screen),
each typed as the clerk typed it and failing before its fix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gestco.services import clients
from gestco.storage import binding
from tests.support.databases import fresh_database
from tests.support.keyboard import Keyboard, show
from tests.support.languages import interface_in
from ui.runtime.resources import resource_path

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def arabic_window(qtbot, qapp, tmp_path):
    from tests.support.staff import signed_window

    # the window's style, as ui.app gives it (the tests run without one): the boxes' padding
    qapp.setStyleSheet(resource_path("styles", "gestco.qss").read_text(encoding="utf-8"))
    with interface_in(qapp, "ar"):
        window = signed_window(fresh_database(tmp_path / "ar-tryout.sqlite3"))
        window.backup_on_close = False
        qtbot.addWidget(window)
        show(qtbot, window)
        yield window, Keyboard(qtbot, window)
        window.close()
        binding.close_database()
    qapp.setStyleSheet("")


def test_client_saved_keeps_its_box_padding(qtbot, arabic_window) -> None:
    """'حُفظ الزبون.' touched the box's right border: the banner, made as a bare error
    line, kept the error's margins (none) when it came back as a padded success box, and
    in a right-to-left line the text starts on the border's side."""
    window, keys = arabic_window
    identify = window.identify_tab
    keys.press(Key.Key_F2)
    keys.type("0661234567")
    keys.press(Key.Key_Return)  # unknown: the new client's form
    keys.type("Mohamed")
    keys.press(Key.Key_Tab)
    keys.type("Alaoui")
    keys.press(Key.Key_S, CTRL)
    assert clients.identify("0661234567") is not None
    banner = identify.banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.property("kind") == "success"
    inside = banner.contentsRect()
    # gestco.qss: a success box has a 1-pixel border and 8 pixels of padding on each side
    assert inside.left() >= 9 and banner.width() - 1 - inside.right() >= 9, inside
