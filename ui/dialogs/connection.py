"""Tools › Database connection: this workstation's own file, or the shop's PostgreSQL server
(host, port, database, user, password), with a Test button that says plainly what is wrong.
The choice applies from the next start; the password goes to the platform's keyring."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import GestcoError, ValidationError
from gestco.services import connection
from gestco.workstation import server_choice
from gestco.workstation.folders import default_database_path
from gestco.workstation.server_choice import ServerConnection
from ui.display import bidi
from ui.display.errors import describe
from ui.runtime.workers import run_with_progress
from ui.widgets.forms import InlineMessages, message_label, show_message


class ConnectionDialog(QDialog):
    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionDialog")
        self.setWindowTitle(self.tr("Database connection"))
        self.setMinimumWidth(520)
        current = server_choice.load()
        self.own_file_radio = QRadioButton(self.tr("This computer's own &file"), self)
        self.own_file_radio.setObjectName("ownFileRadio")
        self.server_radio = QRadioButton(self.tr("The shop's PostgreSQL &server"), self)
        self.server_radio.setObjectName("serverRadio")
        choice = QButtonGroup(self)
        choice.addButton(self.own_file_radio)
        choice.addButton(self.server_radio)
        file_note = QLabel(str(default_database_path()), self)
        file_note.setObjectName("ownFilePath")
        file_note.setProperty("kind", "hint")
        file_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.host_edit = self._edit("hostEdit", current.host if current else "")
        self.host_edit.setPlaceholderText("192.168.1.10")
        self.port_edit = self._edit("portEdit", str(current.port if current else 5432))
        self.port_edit.setValidator(QIntValidator(1, 65535, self))
        self.port_edit.setMaximumWidth(90)
        self.database_edit = self._edit("databaseEdit", current.database if current else "gestco")
        self.user_edit = self._edit("userEdit", current.user if current else "gestco")
        self.password_edit = self._edit("passwordEdit", "")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if current is not None and server_choice.stored_password(current):
            self.password_edit.setPlaceholderText(self.tr("(unchanged)"))
        self.keyring_note = QLabel(self)
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setProperty("kind", "hint")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setText(
            self.tr("The password is kept in this computer's keyring, never in a file.")
            if server_choice.keyring_available()
            else self.tr(
                "This computer has no keyring: the password is not stored, GESTCO asks for it "
                "at each start."
            )
        )
        self.test_button = QPushButton(self.tr("&Test the connection"), self)
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self.test_connection)
        self.result_label = message_label("connectionResult", self)
        self.copy_button = QPushButton(self.tr("&Copy this computer's data to the server…"), self)
        self.copy_button.setObjectName("copyDataButton")
        self.copy_button.setToolTip(
            self.tr("For the first workstation moving to a new, empty server database.")
        )
        self.copy_button.clicked.connect(self.copy_own_data)
        self.copy_button.hide()

        banner = message_label("connectionBanner", self)
        self.messages = InlineMessages(banner)
        self.server_form = QWidget(self)
        form = QFormLayout(self.server_form)
        form.setContentsMargins(24, 0, 0, 0)
        for caption, name, edit in (
            (self.tr("Ser&ver"), "host", self.host_edit),
            (self.tr("&Port"), "port", self.port_edit),
            (self.tr("&Database"), "database", self.database_edit),
            (self.tr("&User"), "user", self.user_edit),
            (self.tr("Pass&word"), "password", self.password_edit),
        ):
            label = QLabel(caption, self.server_form)
            label.setBuddy(edit)
            form.addRow(label, edit)
            form.addRow("", self.messages.add(name, message_label(f"{name}Message", self)))
        form.addRow("", self.keyring_note)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        form.addRow("", test_row)
        form.addRow("", self.result_label)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_button)
        copy_row.addStretch(1)
        form.addRow("", copy_row)

        self.note = QLabel(self.tr("The new connection is used from GESTCO's next start."), self)
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.own_file_radio)
        file_row = QVBoxLayout()
        file_row.setContentsMargins(24, 0, 0, 6)
        file_row.addWidget(file_note)
        layout.addLayout(file_row)
        layout.addWidget(self.server_radio)
        layout.addWidget(self.server_form)
        layout.addWidget(banner)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.server_radio.toggled.connect(self.server_form.setEnabled)
        (self.server_radio if current else self.own_file_radio).setChecked(True)
        self.server_form.setEnabled(current is not None)
        (self.host_edit if current else self.own_file_radio).setFocus()

    def _edit(self, name: str, text: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        return edit

    def _server(self) -> ServerConnection | None:
        """The fields as a connection; None (the message shown by its field) when wrong."""
        try:
            return server_choice.parse(
                self.host_edit.text(),
                self.port_edit.text(),
                self.database_edit.text(),
                self.user_edit.text(),
            )
        except ValidationError as error:
            field = self.messages.show_error(error)
            edit = {
                "host": self.host_edit,
                "port": self.port_edit,
                "database": self.database_edit,
                "user": self.user_edit,
            }.get(field)
            if edit is not None:
                edit.setFocus()
            return None

    @Slot()
    def test_connection(self) -> bool:
        """Connects on a worker thread (an unreachable server takes up to 5 s to say so)."""
        self.messages.clear()
        self.result_label.hide()
        self.copy_button.hide()
        server = self._server()
        if server is None:
            return False
        password = self.password_edit.text()
        result = run_with_progress(
            self,
            self.tr("Connecting to %1…").replace("%1", bidi.ltr(server.host)),
            lambda: connection.test_connection(server, password),
        )
        if isinstance(result, GestcoError):
            show_message(self.result_label, describe(result), "error")
            return False
        show_message(
            self.result_label,
            self.tr("Connected: the shop's GESTCO database is there.")
            if result
            else self.tr("Connected: an empty database, GESTCO sets it up at its first start."),
            "success",
        )
        # An empty server and orders on this computer: the first workstation moving over.
        self.copy_button.setVisible(not result and default_database_path().is_file())
        return True

    @Slot()
    def copy_own_data(self) -> bool:
        """This computer's file into the empty server database (`gestco migrate-to`), on a
        worker; the file itself is only read."""
        server = self._server()
        if server is None:
            return False
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr(
                "Copy every client, order and stock movement of this computer into the server "
                "database %1, then check the copy? This computer's file stays as it was."
            ).replace("%1", bidi.ltr(server.database)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        password = self.password_edit.text()
        result = run_with_progress(
            self,
            self.tr("Copying this computer's data to %1…").replace("%1", bidi.ltr(server.host)),
            lambda: connection.copy_own_file(server, password),
        )
        if isinstance(result, GestcoError):
            show_message(self.result_label, describe(result), "error")
            return False
        self.copy_button.hide()
        show_message(
            self.result_label,
            self.tr(
                "Copied and checked: the server holds this computer's data. Save to use it "
                "from the next start."
            ),
            "success",
        )
        return True

    def _save_anyway(self) -> bool:
        """The server may be down for now: the manager decides."""
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("The connection test failed. Save these settings anyway?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def accept(self) -> None:
        self.messages.clear()
        try:
            if self.own_file_radio.isChecked():
                connection.use_own_file()
            else:
                server = self._server()
                if server is None or not (self.test_connection() or self._save_anyway()):
                    return
                connection.use_server(server, self.password_edit.text())
        except GestcoError as error:
            self.messages.show_error(error)
            return
        super().accept()
