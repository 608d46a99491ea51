"""A new password typed twice, with a strength hint under the first field: the first
administrator's screen and the operators screen ask for one the same way."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from gestco.domain.staff import PASSWORD_MIN
from ui.display import bidi


def strength(password: str) -> int:
    """0 too short, 1 weak, 2 fair, 3 good, 4 strong: length counts most (a long phrase
    beats a short jumble), then the kinds of characters in it."""
    if len(password) < PASSWORD_MIN:
        return 0
    kinds = sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
    score = 1 + (len(password) >= 12) + (len(password) >= 16) + (kinds >= 3)
    return min(score, 4)


class PasswordPair(QObject):
    """The two fields and the hint; `add_rows` puts them in a form."""

    def __init__(self, parent: QWidget, *, names: tuple[str, str, str]) -> None:
        super().__init__(parent)
        first, again, hint = names
        self.password_edit = QLineEdit(parent)
        self.password_edit.setObjectName(first)
        self.again_edit = QLineEdit(parent)
        self.again_edit.setObjectName(again)
        for edit in (self.password_edit, self.again_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(1024)
        self.strength_label = QLabel(parent)
        self.strength_label.setObjectName(hint)
        self.strength_label.setProperty("kind", "hint")
        # Wrapped in the form's width: the longest hint was cut, and its width changed the
        # panel's as the password was typed.
        self.strength_label.setWordWrap(True)
        self.password_edit.textChanged.connect(self._on_password_edit_text_changed)
        self._on_password_edit_text_changed("")

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow(self.tr("&Password"), self.password_edit)
        form.addRow("", self.strength_label)
        form.addRow(self.tr("Password &again"), self.again_edit)

    def matches(self) -> bool:
        return self.password_edit.text() == self.again_edit.text()

    def clear(self) -> None:
        self.password_edit.clear()
        self.again_edit.clear()

    def mismatch_text(self) -> str:
        return self.tr("The two passwords differ: type the same one twice.")

    @Slot(str)
    def _on_password_edit_text_changed(self, text: str) -> None:
        words = (
            self.tr("too short: %1 characters at least").replace("%1", bidi.ltr(str(PASSWORD_MIN))),
            self.tr("weak: longer is better (a phrase of a few words)"),
            self.tr("fair: 12 characters or more would be better"),
            self.tr("good"),
            self.tr("strong"),
        )
        level = strength(text)
        self.strength_label.setText(self.tr("Strength: %1").replace("%1", words[level]))
        self.strength_label.setProperty("strength", level)
