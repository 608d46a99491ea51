"""Which Alt+letter each visible control of a window answers to, and which letters collide.

Qt gives an ambiguous Alt+letter to none of its owners: a button then only takes the focus
and its action silently does not happen. So within one window, among the visible controls
(buttons, check boxes, labels with a buddy, group boxes, tab bars) and the menu bar, a letter
may be used once."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTabBar,
    QWidget,
)


def mnemonic(text: str) -> str:
    """The letter after a single '&' ('' when there is none; '&&' is a literal ampersand)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].upper()
            i += 1
        i += 1
    return ""


def owners(window: QWidget) -> dict[str, list[str]]:
    """Letter -> the captions that answer to Alt+letter in `window` as it is shown now."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        letter = mnemonic(text)
        if letter:
            found[letter].append(text)

    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible():
                    add(action.text())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add(widget.tabText(index))
        elif isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
    return dict(found)


def collisions(window: QWidget) -> dict[str, list[str]]:
    return {letter: texts for letter, texts in owners(window).items() if len(texts) > 1}


def odd_letters(window: QWidget) -> list[str]:
    """Mnemonics on keys some keyboards lack (é, ç…): a French AZERTY and a US QWERTY both
    have A–Z and the digits with Alt."""
    return [
        text
        for texts in owners(window).values()
        for text in texts
        if not ("A" <= mnemonic(text) <= "Z" or mnemonic(text).isdigit())
    ]


def dead_mnemonics(window: QWidget) -> list[str]:
    """Shown labels with a mnemonic but no buddy: Qt prints their '&' as it is ("&Type")
    and Alt+letter does nothing (a form row whose field is a layout gets no buddy)."""
    return [
        widget.text()
        for widget in window.findChildren(QLabel)
        if widget.isVisible()
        and widget.window() is window
        and widget.textFormat() != Qt.TextFormat.RichText
        and mnemonic(widget.text())
        and widget.buddy() is None
    ]


def menu_collisions(menu: QMenu) -> dict[str, list[str]]:
    """Inside an open menu the letters of its items must differ too."""
    found: dict[str, list[str]] = defaultdict(list)
    for action in menu.actions():
        letter = mnemonic(action.text())
        if letter and action.isVisible():
            found[letter].append(action.text())
    return {letter: texts for letter, texts in found.items() if len(texts) > 1}
