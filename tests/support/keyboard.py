"""Drive the window like a clerk: every key goes to whatever has the focus, and is counted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


class Keyboard:
    def __init__(self, qtbot, window: QWidget) -> None:
        self.qtbot = qtbot
        self.window = window
        self.count = 0

    def focused(self) -> QWidget:
        """Where a key goes: an open popup (a completer's list) takes the keyboard first, as on
        a real screen; else the focused widget."""
        popup = QApplication.activePopupWidget()
        if popup is None and not _a_visible_window_is_active():
            # A popup just closed and is still the active window: on a real screen the
            # window manager gives the activation back; offscreen, sometimes nothing does,
            # and no shortcut (F2 …) would reach the window.
            self.window.activateWindow()
            self.qtbot.waitUntil(_a_visible_window_is_active, timeout=2000)
        widget = (popup.focusWidget() or popup) if popup else QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        for char in text:
            QTest.keyClicks(self.focused(), char)
            self.count += 1
            QApplication.processEvents()  # what a person's pace lets run between two keys

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        QTest.keyClick(self.focused(), key, modifier)
        self.count += 1
        QApplication.processEvents()  # queued work (a cell editor's commit) runs, as on screen


def _a_visible_window_is_active() -> bool:
    active = QApplication.activeWindow()
    return active is not None and active.isVisible()


def show(qtbot, window: QWidget) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
