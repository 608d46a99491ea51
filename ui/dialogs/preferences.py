"""Settings: the interface language and the watched folder (this workstation) and the shop's
rules (the database): the currency, overselling, the idle lock's delay and the discount a
clerk may give alone.
Every value is checked as typed before anything is saved; a refused one is said beside its
field and nothing is written."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import GestcoError
from ui.runtime.services import SettingsServices
from ui.widgets.forms import InlineMessages, message_label, show_message
from ui.widgets.watch_folder_box import WatchFolderBox

LOCK_MINUTES_MAX = 1000  # what the core stores (gestco.services.settings)
NUMBER_CHARS = 8  # the numbers' fields, in average characters


def whole_number(text: str, *, suffix: str = "") -> int | None:
    """A whole number as a person types it ('10', ' 10 ', '10 %' with suffix '%'); None
    for anything else ('10,5', '-1', 'dix')."""
    typed = text.strip()
    if suffix:
        typed = typed.removesuffix(suffix).strip()
    return int(typed) if typed.isascii() and typed.isdigit() else None


class PreferencesDialog(QDialog):
    def __init__(self, *, settings: SettingsServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem(self.tr("Follow the system"), "")
        self.language_combo.addItem("Français", "fr")
        self.language_combo.addItem("English", "en")
        self.language_combo.addItem("العربية", "ar")
        current = str(QSettings().value("ui/language", "") or "")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(current)))
        self.oversell_check = QCheckBox(
            self.tr("Allow an order beyond the available stock (warn)"), self
        )
        self.oversell_check.setObjectName("allowOversellCheck")
        self.oversell_check.setChecked(settings.allow_oversell())
        self.currency_edit = QLineEdit(settings.get_setting("currency"), self)
        self.currency_edit.setObjectName("currencyEdit")
        self.currency_edit.setMaxLength(5)
        self.lock_edit = self._number_edit("lockMinutesEdit", "lock_after_minutes")
        self.discount_edit = self._number_edit("discountThresholdEdit", "discount_approval_above")
        self.lock_error = message_label("lockMinutesError", self)
        self.discount_error = message_label("discountThresholdError", self)
        self.note = QLabel(self.tr("The language applies the next time GESTCO starts."), self)
        self.note.setWordWrap(True)
        self.error = message_label("preferencesError", self)
        self.messages = InlineMessages(self.error)
        self.messages.add("lock_after_minutes", self.lock_error)
        self.messages.add("discount_approval_above", self.discount_error)
        form = QFormLayout()
        form.addRow(self.tr("&Language"), self.language_combo)
        form.addRow(self.tr("&Currency"), self.currency_edit)
        form.addRow("", self.oversell_check)
        form.addRow(
            self.tr("Lock after (&minutes idle)"),
            self._with_hint(self.lock_edit, self.tr("0: never")),
        )
        form.addRow("", self.lock_error)
        form.addRow(
            self.tr("Manager for discounts a&bove (%)"),
            self._with_hint(
                self.discount_edit, self.tr("a clerk's larger discount asks a manager's PIN")
            ),
        )
        form.addRow("", self.discount_error)
        self.watch_box = WatchFolderBox(settings=settings, parent=self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.watch_box)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # A message goes as soon as its field is being corrected.
        self.lock_edit.textEdited.connect(self.lock_error.hide)
        self.discount_edit.textEdited.connect(self.discount_error.hide)

    def _number_edit(self, name: str, key: str) -> QLineEdit:
        edit = QLineEdit(self.settings.get_setting(key), self)
        edit.setObjectName(name)
        edit.setMaxLength(10)
        edit.setFixedWidth(self.fontMetrics().averageCharWidth() * NUMBER_CHARS + 16)
        return edit

    def _with_hint(self, edit: QLineEdit, hint: str) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit)
        said = QLabel(hint, box)
        said.setProperty("kind", "hint")
        row.addWidget(said, 1)
        return box

    def _typed(self) -> dict[str, str] | None:
        """The shop's settings as typed, checked; None: one was refused, said beside it."""
        self.messages.clear()
        refused: list[tuple[QLabel, str, QLineEdit]] = []
        currency = self.currency_edit.text().strip().upper()
        if not currency or any(c.isspace() or c.isdigit() for c in currency):
            refused.append(
                (
                    self.error,
                    self.tr("Enter a currency code or sign, such as MAD or EUR."),
                    self.currency_edit,
                )
            )
        minutes = whole_number(self.lock_edit.text())
        if minutes is None or minutes > LOCK_MINUTES_MAX:
            refused.append(
                (
                    self.lock_error,
                    self.tr("Type a whole number of minutes, from 0 (never lock) to %1.").replace(
                        "%1", str(LOCK_MINUTES_MAX)
                    ),
                    self.lock_edit,
                )
            )
        percent = whole_number(self.discount_edit.text(), suffix="%")
        if percent is None or percent > 100:
            refused.append(
                (
                    self.discount_error,
                    self.tr("Type a whole percentage from 0 to 100, such as 10."),
                    self.discount_edit,
                )
            )
        for label, text, _edit in refused:
            show_message(label, text, "error")
        if refused:
            first = refused[0][2]
            first.setFocus()
            first.selectAll()
            return None
        return {
            "currency": currency,
            "allow_oversell": "1" if self.oversell_check.isChecked() else "0",
            "lock_after_minutes": str(minutes),
            "discount_approval_above": str(percent),
        }

    def accept(self) -> None:
        typed = self._typed()
        if typed is None or not self.watch_box.checked():
            return
        try:
            for key, value in typed.items():
                if value != self.settings.get_setting(key):  # an unchanged one: no audit line
                    self.settings.set_setting(key, value)
            self.watch_box.save()
        except GestcoError as error:
            field = self.messages.show_error(error)
            edit = {
                "lock_after_minutes": self.lock_edit,
                "discount_approval_above": self.discount_edit,
            }.get(field)
            if edit is not None:
                edit.setFocus()
            return
        QSettings().setValue("ui/language", self.language_combo.currentData())
        super().accept()
