"""The Settings dialog's watched folder (this workstation's, README "Watched folder"): on or
off, the folder typed or chosen, checked before anything is saved (it exists and takes new
files: the message is said beside it and nothing is written)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import ValidationError
from ui.display.errors import describe
from ui.runtime import file_dialogs
from ui.runtime.services import SettingsServices
from ui.widgets.forms import message_label, show_message


class WatchFolderBox(QGroupBox):
    def __init__(self, *, settings: SettingsServices, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Watched folder (this workstation)"), parent)
        self.setObjectName("watchFolderBox")
        self.settings = settings
        self.choice = settings.watch_choice()
        self.enabled_check = QCheckBox(self.tr("&Watch a folder for orders files"), self)
        self.enabled_check.setObjectName("watchFolderCheck")
        self.enabled_check.setChecked(self.choice.enabled)
        self.folder_edit = QLineEdit(self.choice.folder, self)
        self.folder_edit.setObjectName("watchFolderEdit")
        self.folder_edit.setMaxLength(1000)
        self.choose_button = QPushButton(self.tr("C&hoose…"), self)
        self.choose_button.setObjectName("chooseWatchFolderButton")
        self.error = message_label("watchFolderError", self)
        hint = QLabel(
            self.tr(
                "A file dropped there is imported (its valid orders), then moved to done/, or"
                " to failed/ when some were refused, with a report beside it. The folder is"
                " watched while a manager or an administrator is signed in here."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setProperty("kind", "hint")
        label = QLabel(self.tr("&Folder"), self)
        label.setBuddy(self.folder_edit)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled_check)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.folder_edit.textEdited.connect(self.error.hide)
        self.enabled_check.toggled.connect(self.error.hide)

    @Slot()
    def _on_choose_button_clicked(self) -> None:
        chosen = file_dialogs.folder_name(
            self, self.tr("The folder to watch"), self.folder_edit.text().strip()
        )
        if chosen:
            self.folder_edit.setText(chosen)
            self.error.hide()

    def checked(self) -> bool:
        """Whether what is typed can be saved (else the reason beside the field)."""
        self.error.hide()
        if not self.enabled_check.isChecked():
            return True
        try:
            self.settings.check_watched_folder(self.folder_edit.text())
        except ValidationError as error:
            show_message(self.error, describe(error), "error")
            self.folder_edit.setFocus()
            self.folder_edit.selectAll()
            return False
        return True

    def save(self) -> None:
        """Save the choice when it changed (checked() first)."""
        enabled, folder = self.enabled_check.isChecked(), self.folder_edit.text().strip()
        if (enabled, folder) != (self.choice.enabled, self.choice.folder):
            self.choice = self.settings.choose_watched_folder(enabled=enabled, folder=folder)
