"""The screen shown instead of the main window when the database file is damaged: restore
the newest good backup of this database (the damaged file is kept beside it), open another
file, or quit. Restoring is never the default button: Return must not replace a file. Before
a backup replaces a file that can still be read, both sides are shown."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gestco.maintenance.restore import Side
from ui.display import bidi


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
            self.tr("&Restore the backup of %1").replace("%1", bidi.ltr(backup.name))
            if backup
            else "",
            self,
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
        self.restore_button.setAutoDefault(False)
        self.other_button.setDefault(True)
        self.resize(620, 220)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.done(0)


def _side_text(side: Side | None) -> str:
    if side is None:
        return QCoreApplication.translate("damaged", "cannot be read")
    if not side.orders:
        return QCoreApplication.translate("damaged", "no orders")
    return (
        QCoreApplication.translate("damaged", "orders: %1, the newest %2 of %3")
        .replace("%1", bidi.ltr(str(side.orders)))
        .replace("%2", bidi.ltr(side.newest_number))
        .replace("%3", bidi.ltr(side.newest_at[:16].replace("T", " ")))
    )


def confirm_replacing(
    parent: QWidget | None, current_path: str, current: Side, backup: Path, chosen: Side | None
) -> bool:
    """Both sides before a backup replaces a file that still opens: the orders in each and
    the newest in each. The default is to keep the current file."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("damaged", "Replace the database with a backup?"),
        QCoreApplication.translate(
            "damaged",
            "The current file %1 can still be read.\n\nIn it now: %2.\nIn the backup %3: "
            "%4.\n\nOrders made after the backup are only in the current file, which is kept "
            "beside it, renamed.",
        )
        .replace("%1", bidi.ltr(current_path))
        .replace("%2", _side_text(current))
        .replace("%3", bidi.ltr(backup.name))
        .replace("%4", _side_text(chosen)),
        parent=parent,
    )
    box.setObjectName("confirmReplacingBox")
    replace = box.addButton(
        QCoreApplication.translate("damaged", "&Replace with the backup"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    replace.setObjectName("replaceButton")
    keep = box.addButton(
        QCoreApplication.translate("damaged", "&Keep the current file"),
        QMessageBox.ButtonRole.RejectRole,
    )
    keep.setObjectName("keepButton")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is replace
