"""What the staff screens' tests share: a small demo shop (its operators admin, gerant and
comptoir: password = username, PINs 1111, 2222, 3333), a window over it at the sign-in page,
and signing in with the keyboard."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from gestco.storage import binding
from tests.support.databases import ON_POSTGRES, demo_database
from tests.support.keyboard import Keyboard, show

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SMALL_DEMO = {"clients": 40, "orders": 120, "products": 12, "seed": 3}
PINS = {"admin": "1111", "gerant": "2222", "comptoir": "3333"}


def demo_file(folder: Path) -> Path:
    path = folder / "staff-demo.sqlite3"
    if not ON_POSTGRES:
        demo_database(path, **SMALL_DEMO)
    return path


def open_at_sign_in(qtbot, demo: Path, tmp_path: Path):
    """A window over a copy of the demo as the shipped application opens it: nobody signed
    in. Returns (window, keyboard)."""
    from ui.app import create_main_window

    if ON_POSTGRES:
        target = demo_database(demo, **SMALL_DEMO)
    else:
        target = str(tmp_path / "shop.sqlite3")
        shutil.copy(demo, target)
    window = create_main_window(target)
    window.backup_on_close = False
    qtbot.addWidget(window)
    show(qtbot, window)
    return window, Keyboard(qtbot, window)


def sign_in(keys: Keyboard, username: str, password: str | None = None) -> None:
    """Type a username and a password on the sign-in page, as a person does."""
    keys.type(username)
    keys.press(Key.Key_Return)  # to the password
    keys.type(username if password is None else password)
    keys.press(Key.Key_Return)


def unlock(keys: Keyboard, username: str, secret: str) -> None:
    """On the lock page: the name shown is replaced by `username`, then the PIN or password."""
    page_user = keys.window.gate.lock_page.user_edit
    page_user.setFocus()
    keys.press(Key.Key_A, CTRL)
    keys.type(username)
    keys.press(Key.Key_Tab)
    keys.type(secret)
    keys.press(Key.Key_Return)


def close(window) -> None:
    window.watcher.stop()
    binding.close_database()
