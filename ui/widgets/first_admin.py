"""A new shop's first screen: create the administrator (username, name, the password twice,
a strength hint). Nothing else is reachable before; the new administrator is then signed in
with the password just typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from gestco.domain.errors import GestcoError, ValidationError
from ui.display.errors import describe
from ui.runtime.services import SessionServices
from ui.widgets.forms import InlineMessages, message_label, show_message
from ui.widgets.password_pair import PasswordPair
from ui.widgets.sign_in import centred_panel


class FirstAdminForm(QWidget):
    signed_in = Signal(object)  # the new administrator, signed in
    # Another workstation created the shop's administrator meanwhile: the sign-in page
    # instead, with this message (the fields here are cleared).
    already_set_up = Signal(str)

    def __init__(self, *, session: SessionServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstAdminPage")
        self.session = session
        box = centred_panel(self, "firstAdminPanel", fixed=True)
        title = QLabel(self.tr("A new shop: create its administrator"), self)
        title.setProperty("kind", "number")
        title.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "The administrator chooses the database, restores backups and adds the "
                "other operators (counter clerks, managers) in Tools › Operators. Keep the "
                "password safe."
            ),
            self,
        )
        hint.setProperty("kind", "hint")
        hint.setWordWrap(True)
        self.user_edit = QLineEdit("admin", self)
        self.user_edit.setObjectName("adminUserEdit")
        self.user_edit.setMaxLength(40)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("adminNameEdit")
        self.name_edit.setMaxLength(100)
        self.passwords = PasswordPair(
            self, names=("adminPasswordEdit", "adminPasswordAgainEdit", "passwordStrengthLabel")
        )
        self.password_edit = self.passwords.password_edit
        self.again_edit = self.passwords.again_edit
        self.strength_label = self.passwords.strength_label
        self.button = QPushButton(self.tr("&Create the administrator"), self)
        self.button.setObjectName("createAdminButton")
        self.banner = message_label("firstAdminMessage", self)
        self.messages = InlineMessages(self.banner)
        form = QFormLayout()
        form.addRow(self.tr("&Username"), self.user_edit)
        form.addRow(self.tr("&Name shown"), self.name_edit)
        self.passwords.add_rows(form)
        box.addWidget(title)
        box.addWidget(hint)
        box.addLayout(form)
        box.addWidget(self.banner)
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self.setTabOrder(self.user_edit, self.name_edit)
        self.setTabOrder(self.name_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.again_edit)
        self.setTabOrder(self.again_edit, self.button)
        for edit in (self.user_edit, self.name_edit, self.password_edit):
            edit.returnPressed.connect(self.focusNextChild)
        self.again_edit.returnPressed.connect(self.create_admin)
        self.button.clicked.connect(self.create_admin)

    def focus_entry(self) -> None:
        self.user_edit.setFocus()
        self.user_edit.selectAll()

    @Slot()
    def create_admin(self) -> None:
        password = self.password_edit.text()
        if not self.passwords.matches():
            self.messages.clear()
            show_message(self.banner, self.passwords.mismatch_text(), "error")
            self.again_edit.clear()
            self.again_edit.setFocus()
            return
        try:
            admin = self.session.create_first_admin(
                self.user_edit.text(), password, display_name=self.name_edit.text()
            )
            operator = self.session.sign_in(admin.username, password)
        except GestcoError as error:
            if not self.session.needs_first_admin():  # another workstation made it meanwhile
                self.clear()
                self.already_set_up.emit(describe(error))
                return
            self.messages.show_error(error)
            field = error.field if isinstance(error, ValidationError) else ""
            focus = {"username": self.user_edit, "display_name": self.name_edit}.get(
                field, self.password_edit
            )
            focus.setFocus()
            return
        self.clear()
        self.signed_in.emit(operator)

    def clear(self) -> None:
        """No password left in a field, no message left shown."""
        self.passwords.clear()
        self.messages.clear()
