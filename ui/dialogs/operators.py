"""Tools › Operators (administrators): who may sign in here and with which role. Add an
operator, edit one (name shown, role, may sign in), give a new password or PIN, clear the
wrong attempts that make their sign-in wait. The core keeps an active administrator and
records every change in the audit trail; passwords and PINs are never shown."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import GestcoError
from gestco.domain.staff import Operator
from ui.dialogs.operator_forms import (
    AddOperatorDialog,
    EditOperatorDialog,
    PasswordDialog,
    PinDialog,
)
from ui.display import bidi
from ui.display.errors import describe
from ui.models.operators import Column, OperatorLine, OperatorsModel
from ui.runtime.services import OperatorServices
from ui.widgets.forms import message_label, resize_within_screen, show_message
from ui.widgets.tables import read_only_list


class OperatorsDialog(QDialog):
    def __init__(self, *, operators: OperatorServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operatorsDialog")
        self.setWindowTitle(self.tr("Operators"))
        self.operators = operators
        self.model = OperatorsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("operatorsView")
        read_only_list(self.view, fit=QHeaderView.ResizeMode.ResizeToContents)
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.activated.connect(self._on_view_activated)  # Return or a double click
        self.message = message_label("operatorsMessage", self)
        self.message.setWordWrap(True)
        self.add_button = self._button("addOperatorButton", self.tr("&Add…"), self.add)
        self.edit_button = self._button("editOperatorButton", self.tr("&Edit…"), self.edit)
        self.password_button = self._button(
            "operatorPasswordButton", self.tr("New &password…"), self.new_password
        )
        self.pin_button = self._button("operatorPinButton", self.tr("P&IN…"), self.new_pin)
        self.unlock_button = self._button(
            "clearAttemptsButton", self.tr("&Clear wrong attempts"), self.clear_attempts
        )
        actions = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.password_button,
            self.pin_button,
            self.unlock_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.reload()
        resize_within_screen(self, max(self.sizeHint().width(), 760), 420)
        self.view.setFocus()

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)  # Return in the table edits, it does not add
        button.clicked.connect(slot)
        return button

    def reload(self, select: str = "") -> None:
        """The operators as the database has them now; `select` (or the one selected) stays
        the current row."""
        shown = self.current()
        chosen = select or (shown.username if shown else "")
        try:
            lines = [
                OperatorLine(op, self.operators.wrong_attempts(op.username))
                for op in self.operators.list_operators()
            ]
        except GestcoError as error:
            show_message(self.message, describe(error), "error")
            return
        self.model.set_rows(lines)
        row = max(0, self.model.row_for(chosen)) if chosen else 0
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, Column.USERNAME))
        self._on_current_row_changed()

    def current(self) -> Operator | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        line: OperatorLine = self.model.row_at(index.row())
        return line.operator

    @Slot()
    def _on_current_row_changed(self) -> None:
        index = self.view.currentIndex()
        chosen = index.isValid()
        for button in (self.edit_button, self.password_button, self.pin_button):
            button.setEnabled(chosen)
        line = self.model.row_at(index.row()) if chosen else None
        self.unlock_button.setEnabled(bool(line and line.wrong_attempts))

    @Slot(QModelIndex)
    def _on_view_activated(self, _index: QModelIndex) -> None:
        self.edit()

    def _done(self, dialog: QDialog, username: str, said: str) -> None:
        """Run `dialog`; when it saved, the table again and `said` (with %1 the username)."""
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.reload(username)
            show_message(self.message, said.replace("%1", bidi.name(username)), "success")
        self.view.setFocus()

    @Slot()
    def add(self) -> None:
        dialog = AddOperatorDialog(self.operators, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        added = dialog.added
        dialog.deleteLater()
        if accepted and added is not None:
            self.reload(added.username)
            show_message(
                self.message,
                self.tr("%1 added: they can sign in.").replace("%1", bidi.name(added.username)),
                "success",
            )
        self.view.setFocus()

    @Slot()
    def edit(self) -> None:
        operator = self.current()
        if operator is not None:
            self._done(
                EditOperatorDialog(self.operators, operator, self),
                operator.username,
                self.tr("%1 saved."),
            )

    @Slot()
    def new_password(self) -> None:
        operator = self.current()
        if operator is not None:
            self._done(
                PasswordDialog(self.operators, operator.username, self),
                operator.username,
                self.tr("%1 has a new password: give it to them in person."),
            )

    @Slot()
    def new_pin(self) -> None:
        operator = self.current()
        if operator is not None:
            self._done(
                PinDialog(self.operators, operator, self),
                operator.username,
                self.tr("%1's PIN saved."),
            )

    @Slot()
    def clear_attempts(self) -> None:
        operator = self.current()
        if operator is None:
            return
        try:
            self.operators.unlock(operator.username)
        except GestcoError as error:
            show_message(self.message, describe(error), "error")
            return
        self.reload(operator.username)
        show_message(
            self.message,
            self.tr("%1's wrong attempts cleared: they can sign in at once.").replace(
                "%1", bidi.name(operator.username)
            ),
            "success",
        )
        self.view.setFocus()
