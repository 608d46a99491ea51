"""The operators screen's small dialogs: add an operator, edit one (name shown, role,
active), give one a new password, a PIN or none. Each Save is one call to the core, so one
transaction; a refusal is said beside its field and nothing is written."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import GestcoError
from gestco.domain.permissions import Role
from gestco.domain.staff import Operator
from ui.display import bidi
from ui.display.labels import role_label
from ui.runtime.services import OperatorServices
from ui.widgets.forms import InlineMessages, message_label, show_message
from ui.widgets.password_pair import PasswordPair


class _FormDialog(QDialog):
    """A form, its messages (one under each field, a banner for the rest) and OK/Cancel."""

    def __init__(self, name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setMinimumWidth(460)  # the strength hint on one or two lines, not four
        self.form = QFormLayout()
        self.banner = message_label(f"{name}Message", self)
        self.messages = InlineMessages(self.banner)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Save"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)

    def add_field(self, caption: str, widget: QWidget, field: str = "") -> None:
        self.form.addRow(caption, widget)
        if field:
            self.add_message_row(field)

    def add_message_row(self, field: str) -> None:
        """The message of the core's refusals naming `field`, under the rows above."""
        label = message_label(f"{self.objectName()}_{field}Error", self)
        label.setWordWrap(True)
        self.form.addRow("", label)
        self.messages.add(field, label)

    def about(self, operators: OperatorServices, username: str, title: str) -> None:
        """A dialog about one operator: `title` names them (%1)."""
        self.setWindowTitle(title.replace("%1", bidi.name(username)))
        self.operators = operators
        self.username = username

    def role_combo(self, current: Role) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName("operatorRoleCombo")
        for role in Role:
            combo.addItem(role_label(role), str(role))
        combo.setCurrentIndex(max(0, combo.findData(str(current))))
        return combo

    def attempt(self, write: Callable[[], object], focus: dict[str, QWidget]) -> bool:
        """Run `write`; a refusal goes beside its field, which gets the cursor."""
        try:
            write()
        except GestcoError as error:
            field = self.messages.show_error(error)
            self.adjustSize()  # a wrapped message of two lines was cut to one and a half
            focus.get(field, next(iter(focus.values()))).setFocus()
            return False
        return True

    def same_twice(self, first: QLineEdit, again: QLineEdit, field: str, differ: str) -> bool:
        """A secret typed twice the same; else `differ` under `field`, and the second field
        emptied for another try."""
        if first.text() == again.text():
            return True
        self.messages.clear()
        show_message(self.messages.labels[field], differ, "error")
        self.adjustSize()
        again.clear()
        again.setFocus()
        return False

    @Slot()
    def save(self) -> None:
        raise NotImplementedError


class AddOperatorDialog(_FormDialog):
    def __init__(self, operators: OperatorServices, parent: QWidget | None = None) -> None:
        super().__init__("addOperatorDialog", parent)
        self.setWindowTitle(self.tr("Add an operator"))
        self.operators = operators
        self.added: Operator | None = None
        self.user_edit = QLineEdit(self)
        self.user_edit.setObjectName("operatorUserEdit")
        self.user_edit.setMaxLength(40)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("operatorNameEdit")
        self.name_edit.setMaxLength(100)
        self.name_edit.setPlaceholderText(self.tr("the username if empty"))
        self.role = self.role_combo(Role.COUNTER)
        self.passwords = PasswordPair(
            self, names=("operatorPasswordEdit", "operatorPasswordAgainEdit", "operatorStrength")
        )
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setObjectName("operatorPinEdit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(6)
        self.pin_edit.setPlaceholderText(self.tr("4 to 6 digits, optional"))
        self.add_field(self.tr("&Username"), self.user_edit, "username")
        self.add_field(self.tr("&Name shown"), self.name_edit, "display_name")
        self.add_field(self.tr("&Role"), self.role, "role")
        self.passwords.add_rows(self.form)
        self.add_message_row("password")
        self.add_field(self.tr("P&IN"), self.pin_edit, "pin")
        self.user_edit.setFocus()

    @Slot()
    def save(self) -> None:
        edit = self.passwords
        if not self.same_twice(
            edit.password_edit, edit.again_edit, "password", edit.mismatch_text()
        ):
            return
        pin = self.pin_edit.text()

        def add() -> None:
            self.added = self.operators.create_operator(
                self.user_edit.text(),
                role=str(self.role.currentData()),
                password=edit.password_edit.text(),
                display_name=self.name_edit.text(),
                pin=pin or None,
            )

        focus = {
            "username": self.user_edit,
            "display_name": self.name_edit,
            "role": self.role,
            "password": edit.password_edit,
            "pin": self.pin_edit,
        }
        if self.attempt(add, focus):
            edit.clear()
            self.accept()


class EditOperatorDialog(_FormDialog):
    def __init__(
        self, operators: OperatorServices, operator: Operator, parent: QWidget | None = None
    ) -> None:
        super().__init__("editOperatorDialog", parent)
        self.about(operators, operator.username, self.tr("Operator %1"))
        self.name_edit = QLineEdit(operator.display_name, self)
        self.name_edit.setObjectName("operatorNameEdit")
        self.name_edit.setMaxLength(100)
        self.name_edit.setPlaceholderText(self.tr("the username if empty"))
        self.role = self.role_combo(operator.role)
        self.active_box = QCheckBox(self.tr("&May sign in"), self)
        self.active_box.setObjectName("operatorActiveBox")
        self.active_box.setChecked(operator.active)
        self.add_field(self.tr("&Name shown"), self.name_edit, "display_name")
        self.add_field(self.tr("&Role"), self.role, "role")
        self.add_field("", self.active_box)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    @Slot()
    def save(self) -> None:
        def update() -> None:
            self.operators.update_operator(
                self.username,
                display_name=self.name_edit.text(),
                role=str(self.role.currentData()),
                active=self.active_box.isChecked(),
            )

        if self.attempt(update, {"display_name": self.name_edit, "role": self.role}):
            self.accept()


class PasswordDialog(_FormDialog):
    """An operator's new password (forgotten, or never given)."""

    def __init__(
        self, operators: OperatorServices, username: str, parent: QWidget | None = None
    ) -> None:
        super().__init__("passwordDialog", parent)
        self.about(operators, username, self.tr("New password for %1"))
        self.passwords = PasswordPair(
            self, names=("newPasswordEdit", "newPasswordAgainEdit", "newPasswordStrength")
        )
        self.passwords.add_rows(self.form)
        self.add_message_row("password")
        self.passwords.password_edit.setFocus()

    @Slot()
    def save(self) -> None:
        edit = self.passwords
        if not self.same_twice(
            edit.password_edit, edit.again_edit, "password", edit.mismatch_text()
        ):
            return
        password = edit.password_edit.text()
        if self.attempt(
            lambda: self.operators.set_password(self.username, password),
            {"password": edit.password_edit},
        ):
            edit.clear()
            self.accept()


class PinDialog(_FormDialog):
    """An operator's PIN for quick switching and approvals: a new one, or none."""

    def __init__(
        self, operators: OperatorServices, operator: Operator, parent: QWidget | None = None
    ) -> None:
        super().__init__("pinDialog", parent)
        self.about(operators, operator.username, self.tr("PIN of %1"))
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setObjectName("newPinEdit")
        self.again_edit = QLineEdit(self)
        self.again_edit.setObjectName("newPinAgainEdit")
        for edit in (self.pin_edit, self.again_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(6)
        self.pin_edit.setPlaceholderText(self.tr("4 to 6 digits"))
        self.add_field(self.tr("New &PIN"), self.pin_edit)
        self.add_field(self.tr("PIN &again"), self.again_edit, "pin")
        self.remove_button = QPushButton(self.tr("&Remove the PIN"), self)
        self.remove_button.setObjectName("removePinButton")
        self.remove_button.setEnabled(operator.has_pin)
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button.clicked.connect(self.remove)
        self.pin_edit.setFocus()

    @Slot()
    def save(self) -> None:
        pin = self.pin_edit.text()
        differ = self.tr("The two PINs differ: type the same one twice.")
        if not self.same_twice(self.pin_edit, self.again_edit, "pin", differ):
            return
        if self.attempt(lambda: self.operators.set_pin(self.username, pin), {"pin": self.pin_edit}):
            self.accept()

    @Slot()
    def remove(self) -> None:
        if self.attempt(lambda: self.operators.set_pin(self.username, None), {"": self.pin_edit}):
            self.accept()
