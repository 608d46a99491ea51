"""A manager's approval at the counter: when the core refuses a clerk's change that a
manager may allow on the spot (cancelling, a discount above the shop's threshold), one small
dialog asks the manager's username and PIN, and the change is made again with it. The
change then records both names (the clerk's, and the manager's as approved_by)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QRegularExpression, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import GestcoError, PermissionDenied, SignInDelayed
from gestco.domain.staff import Approval
from ui.display.errors import describe
from ui.display.labels import permission_label
from ui.runtime.services import SessionServices
from ui.widgets.countdown import WaitCountdown
from ui.widgets.forms import message_label, show_message

DIALOG_CHARS = 48  # the dialog's width, in average characters: its messages wrap, not clip

T = TypeVar("T")


class ApprovalDialog(QDialog):
    def __init__(
        self, *, session: SessionServices, permission: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(self.tr("A manager's approval"))
        self.session = session
        self.approval: Approval | None = None
        said = QLabel(
            self.tr("To %1, a manager approves: the manager types their username and PIN.").replace(
                "%1", permission_label(permission)
            ),
            self,
        )
        said.setObjectName("approvalReasonLabel")
        said.setWordWrap(True)
        self.user_edit = QLineEdit(self)
        self.user_edit.setObjectName("approverUserEdit")
        self.user_edit.setMaxLength(100)
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setObjectName("approverPinEdit")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(6)
        self.pin_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9]{0,6}"), self.pin_edit)
        )
        self.message = message_label("approvalMessage", self)
        form = QFormLayout()
        form.addRow(self.tr("&Manager"), self.user_edit)
        form.addRow(self.tr("P&IN"), self.pin_edit)
        buttons = QDialogButtonBox(self)
        approve = buttons.addButton(self.tr("&Approve"), QDialogButtonBox.ButtonRole.AcceptRole)
        approve.setObjectName("approveButton")
        approve.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelApprovalButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(said)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        # Never smaller than what it shows: a message under the fields (a wrong PIN, a
        # refusal, the wait) made the fields squash and the text clip in a fixed box.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * DIALOG_CHARS)
        self.countdown = WaitCountdown(self.message)
        self.countdown.ticked.connect(self._fit)
        self.user_edit.textEdited.connect(self.countdown.clear)  # another manager's name
        self.user_edit.setFocus()

    def accept(self) -> None:
        pin = self.pin_edit.text()
        if not pin:  # Return after the name: the PIN comes next, no attempt is counted
            self.pin_edit.setFocus()
            return
        self.pin_edit.clear()  # never kept
        try:
            self.approval = self.session.approve(self.user_edit.text(), pin)
        except SignInDelayed as delayed:
            self.countdown.start(delayed.retry_after)
            self.pin_edit.setFocus()
            return
        except GestcoError as error:
            self.countdown.stop()
            show_message(self.message, describe(error), "error")
            self._fit()
            self.pin_edit.setFocus()
            return
        self.countdown.stop()
        super().accept()

    @Slot()
    def _fit(self) -> None:
        """As high as the message now shown needs, at the width the dialog has."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.adjustSize()


def with_approval(
    parent: QWidget, session: SessionServices, attempt: Callable[[Approval | None], T]
) -> T | None:
    """`attempt(None)`; when the core refuses it for want of a manager whose PIN would allow
    it, ask for that PIN and `attempt(approval)` again. None: nobody approved (nothing was
    written). Any other refusal or error is the caller's to show."""
    try:
        return attempt(None)
    except PermissionDenied as refused:
        if not refused.approvable:
            raise
        dialog = ApprovalDialog(session=session, permission=refused.permission, parent=parent)
        try:
            if not dialog.exec() or dialog.approval is None:
                return None
            return attempt(dialog.approval)
        finally:
            dialog.deleteLater()
