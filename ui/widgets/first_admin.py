"""A new shop's first screen: create the administrator (username, name, the password twice,
a strength hint). Nothing else is reachable before; the new administrator is then signed in
with the password just typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from gestco.domain.errors import GestcoError, ValidationError
from gestco.domain.staff import PASSWORD_MIN
from ui.display.errors import describe
from ui.runtime.services import SessionServices
from ui.widgets.forms import InlineMessages, message_label, show_message
from ui.widgets.sign_in import centred_panel


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
                "The administrator chooses the database and restores backups. The other "
                "operators (counter clerks, managers) are added on this computer with the "
                "command gestco user add USERNAME --role counter (or manager): GESTCO has no "
                "operators screen yet. Keep the password safe."
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
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("adminPasswordEdit")
        self.again_edit = QLineEdit(self)
        self.again_edit.setObjectName("adminPasswordAgainEdit")
        for edit in (self.password_edit, self.again_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(1024)
        self.strength_label = QLabel(self)
        self.strength_label.setObjectName("passwordStrengthLabel")
        self.strength_label.setProperty("kind", "hint")
        # Wrapped in the panel's width: the longest hint was cut, and its width changed
        # the panel's as the password was typed.
        self.strength_label.setWordWrap(True)
        self.button = QPushButton(self.tr("&Create the administrator"), self)
        self.button.setObjectName("createAdminButton")
        self.banner = message_label("firstAdminMessage", self)
        self.messages = InlineMessages(self.banner)
        form = QFormLayout()
        form.addRow(self.tr("&Username"), self.user_edit)
        form.addRow(self.tr("&Name shown"), self.name_edit)
        form.addRow(self.tr("&Password"), self.password_edit)
        form.addRow("", self.strength_label)
        form.addRow(self.tr("Password &again"), self.again_edit)
        box.addWidget(title)
        box.addWidget(hint)
        box.addLayout(form)
        box.addWidget(self.banner)
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self.setTabOrder(self.user_edit, self.name_edit)
        self.setTabOrder(self.name_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.again_edit)
        self.setTabOrder(self.again_edit, self.button)
        self.password_edit.textChanged.connect(self._on_password_edit_text_changed)
        for edit in (self.user_edit, self.name_edit, self.password_edit):
            edit.returnPressed.connect(self.focusNextChild)
        self.again_edit.returnPressed.connect(self.create_admin)
        self.button.clicked.connect(self.create_admin)
        self._on_password_edit_text_changed("")

    def focus_entry(self) -> None:
        self.user_edit.setFocus()
        self.user_edit.selectAll()

    @Slot(str)
    def _on_password_edit_text_changed(self, text: str) -> None:
        words = (
            self.tr("too short: %1 characters at least").replace("%1", str(PASSWORD_MIN)),
            self.tr("weak: longer is better (a phrase of a few words)"),
            self.tr("fair: 12 characters or more would be better"),
            self.tr("good"),
            self.tr("strong"),
        )
        level = strength(text)
        self.strength_label.setText(self.tr("Strength: %1").replace("%1", words[level]))
        self.strength_label.setProperty("strength", level)

    @Slot()
    def create_admin(self) -> None:
        password = self.password_edit.text()
        if password != self.again_edit.text():
            self.messages.clear()
            show_message(
                self.banner, self.tr("The two passwords differ: type the same one twice."), "error"
            )
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
        self.password_edit.clear()
        self.again_edit.clear()
        self.messages.clear()
