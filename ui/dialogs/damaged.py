"""The screen shown instead of the main window when the database file is damaged: restore
the newest good backup (the damaged file is kept beside it), open another file, or quit."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget


class Choice(Enum):
    RESTORE = "restore"
    OTHER_FILE = "other"
    QUIT = "quit"


class DamagedFileDialog(QDialog):
    def __init__(self, *, message: str, backup: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("damagedFileDialog")
        self.setWindowTitle(self.tr("GESTCO — the database needs attention"))
        self.choice = Choice.QUIT
        text = QLabel(message, self)
        text.setObjectName("damagedMessage")
        text.setWordWrap(True)
        advice = QLabel(
            self.tr(
                "Nothing was written to it. Restoring puts a copy of the newest good backup "
                "in its place and keeps the damaged file beside it, renamed."
            )
            if backup
            else self.tr(
                "No good backup was found. Open another file, or quit and "
                "call for help: the damaged file was not changed."
            ),
            self,
        )
        advice.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(
            self.tr("&Restore the backup of %1").replace("%1", backup.name) if backup else "", self
        )
        self.restore_button.setObjectName("restoreBackupButton")
        self.restore_button.setVisible(backup is not None)
        self.other_button = QPushButton(self.tr("&Open another file…"), self)
        self.other_button.setObjectName("openOtherFileButton")
        self.quit_button = QPushButton(self.tr("&Quit"), self)
        self.quit_button.setObjectName("quitButton")
        for button, role in (
            (self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole),
            (self.other_button, QDialogButtonBox.ButtonRole.ActionRole),
            (self.quit_button, QDialogButtonBox.ButtonRole.RejectRole),
        ):
            buttons.addButton(button, role)
        self.restore_button.clicked.connect(lambda: self._choose(Choice.RESTORE))
        self.other_button.clicked.connect(lambda: self._choose(Choice.OTHER_FILE))
        self.quit_button.clicked.connect(lambda: self._choose(Choice.QUIT))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(advice)
        layout.addWidget(buttons)
        (self.restore_button if backup else self.other_button).setDefault(True)
        self.resize(620, 220)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.done(0)
