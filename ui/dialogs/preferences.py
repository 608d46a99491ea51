"""Settings: the interface language (this workstation) and the shop's rules (the database)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import GestcoError
from ui.display.errors import describe
from ui.runtime.services import SettingsServices


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
        self.note = QLabel(self.tr("The language applies the next time GESTCO starts."), self)
        self.note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setProperty("kind", "error")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Language"), self.language_combo)
        form.addRow(self.tr("&Currency"), self.currency_edit)
        form.addRow("", self.oversell_check)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        currency = self.currency_edit.text().strip().upper()
        if not currency or any(c.isspace() or c.isdigit() for c in currency):
            self.error.setText(self.tr("Enter a currency code or sign, such as MAD or EUR."))
            self.error.show()
            return
        try:
            self.settings.set_setting("currency", currency)
            self.settings.set_setting(
                "allow_oversell", "1" if self.oversell_check.isChecked() else "0"
            )
        except GestcoError as error:
            self.error.setText(describe(error))
            self.error.show()
            return
        QSettings().setValue("ui/language", self.language_combo.currentData())
        super().accept()
