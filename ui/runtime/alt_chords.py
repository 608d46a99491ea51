"""Alt+letter is a command, never text.

Qt types an Alt+letter (or digit) that no mnemonic took into the focused field: a clerk who
pressed Alt+Z where no control has Z got "z" in the client's name (seen in the tryout). This
filter drops such a key press once every shortcut has had its chance (Qt offers the chord to
the shortcuts before the field sees it), so a chord either acts or does nothing.

AltGr is not Alt: on Windows it arrives as Ctrl+Alt (left alone), and where a keyboard
layout reports it as Alt the key it makes is '@', '#', '€'…, not a letter: still typed.
Alt with the keypad's digits composes a character on Windows (Alt+0201: É): left alone.
An open menu keeps its own Alt+letter handling (it picks an entry).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMenu

_LETTERS = range(Qt.Key.Key_A.value, Qt.Key.Key_Z.value + 1)
_DIGITS = range(Qt.Key.Key_0.value, Qt.Key.Key_9.value + 1)
_LETTERS_AND_DIGITS = frozenset([*_LETTERS, *_DIGITS])


def is_unclaimed_alt_chord(event: QKeyEvent) -> bool:
    """Alt (without Ctrl) and a letter A–Z or a digit: a mnemonic, never a character."""
    modifiers = event.modifiers()
    if not modifiers & Qt.KeyboardModifier.AltModifier:
        return False
    if modifiers & Qt.KeyboardModifier.KeypadModifier:
        return False  # Alt+0201 on the keypad: how Windows users type É
    if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier):
        return False
    return event.key() in _LETTERS_AND_DIGITS


class AltChordGuard(QObject):
    """Installed on the application by the window (its parent): lives as long as it does."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if isinstance(QApplication.activePopupWidget(), QMenu):
            return False
        return is_unclaimed_alt_chord(event)
