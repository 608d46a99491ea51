"""Answering a modal message box as a person does: wait for it to show, read it, click one
of its buttons or press Return (the default one)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox


@dataclass
class Seen:
    """What the boxes said, in order: their text, their default button's object name (the
    same in every language), their buttons' texts."""

    texts: list[str] = field(default_factory=list)
    defaults: list[str] = field(default_factory=list)
    buttons: list[list[str]] = field(default_factory=list)


def answer_boxes(name: str, *presses: str) -> Seen:
    """For each of `presses`: when the box named `name` shows, click the button of that
    object name, or press Return for "" (its default button)."""
    seen = Seen()
    queue = list(presses)

    def plain(text: str) -> str:
        return text.replace("&", "")

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not (isinstance(box, QMessageBox) and box.objectName() == name and box.isVisible()):
            QTimer.singleShot(10, poll)
            return
        seen.texts.append(box.text())
        default = box.defaultButton()
        seen.defaults.append(default.objectName() if default else "")
        seen.buttons.append([plain(b.text()) for b in box.buttons()])
        press = queue.pop(0)
        if not press:
            QTest.keyClick(box, Qt.Key.Key_Return)
        else:
            button = next(b for b in box.buttons() if b.objectName() == press)
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        if queue:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return seen
