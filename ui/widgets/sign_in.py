"""The sign-in page and the lock page: a username, a password (on the lock page a PIN too),
one button. A wrong one is said in words that never tell whether the name exists; after
five, the wait before the next try is shown, counting down. The secret typed is cleared
after every try and never kept."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import GestcoError, SignInDelayed
from gestco.domain.staff import Operator
from ui.display import bidi
from ui.display.errors import describe
from ui.display.labels import role_label
from ui.runtime.services import SessionServices
from ui.widgets.countdown import WaitCountdown
from ui.widgets.forms import message_label, show_message

PANEL_CHARS = 46  # the form's width, in average characters: a box in the middle of the page


def looks_like_pin(secret: str) -> bool:
    """4 to 6 digits: a PIN (a password has 8 characters at least)."""
    return secret.isascii() and secret.isdigit() and 4 <= len(secret) <= 6


def centred_panel(page: QWidget, name: str, *, fixed: bool = False) -> QVBoxLayout:
    """A framed box in the middle of `page`, as wide as a short form; returns its layout.
    `fixed`: always its widest (what it says changes as one types: it wraps, the box stays)."""
    panel = QFrame(page)
    panel.setObjectName(name)
    panel.setFrameShape(QFrame.Shape.StyledPanel)
    char = page.fontMetrics().averageCharWidth()
    # At least the form's width: the box took only its fields' width, and a lock title
    # with the operator's name and role wrapped onto two lines (seen in the screenshots).
    widest = char * PANEL_CHARS * 2
    panel.setMinimumWidth(widest if fixed else char * PANEL_CHARS * 3 // 2)
    panel.setMaximumWidth(widest)
    grid = QGridLayout(page)
    grid.addWidget(panel, 1, 1)
    grid.setRowStretch(0, 1)
    grid.setRowStretch(2, 2)
    grid.setColumnStretch(0, 1)
    grid.setColumnStretch(2, 1)
    return QVBoxLayout(panel)


class SignInForm(QWidget):
    """`prefix` names the widgets: signIn (signInPage, signInUserEdit, signInPasswordEdit,
    signInButton, signInMessage) or lock (lockPage…). `pins`: a PIN is taken too (the lock
    page: unlock, or another operator switches in)."""

    signed_in = Signal(object)  # the Operator

    def __init__(
        self, *, session: SessionServices, prefix: str, pins: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}Page")
        self.session = session
        self.pins = pins
        box = centred_panel(self, f"{prefix}Panel")
        self.title = QLabel(self)
        self.title.setObjectName(f"{prefix}Title")
        self.title.setProperty("kind", "number")
        self.title.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName(f"{prefix}Hint")
        self.hint.setProperty("kind", "hint")
        self.hint.setWordWrap(True)
        self.user_edit = QLineEdit(self)
        self.user_edit.setObjectName(f"{prefix}UserEdit")
        self.user_edit.setMaxLength(100)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName(f"{prefix}PasswordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(1024)
        self.button = QPushButton(self.tr("Un&lock") if pins else self.tr("&Sign in"), self)
        self.button.setObjectName(f"{prefix}Button")
        self.message = message_label(f"{prefix}Message", self)
        form = QFormLayout()
        form.addRow(self.tr("&Username"), self.user_edit)
        form.addRow(
            self.tr("&PIN or password") if pins else self.tr("&Password"), self.password_edit
        )
        box.addWidget(self.title)
        box.addWidget(self.hint)
        box.addLayout(form)
        box.addWidget(self.message)
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self.setTabOrder(self.user_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.button)
        self.countdown = WaitCountdown(self.message)
        # The wait is the typed name's: another name typed is not made to wait (its own
        # delay, if any, is said at its first try).
        self.user_edit.textEdited.connect(self.countdown.clear)
        self.user_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)
        self.show_welcome()

    def show_welcome(self) -> None:
        """The sign-in page as it opens: nobody was signed in."""
        self.title.setText(self.tr("GESTCO — sign in"))
        self.hint.setText(self.tr("Type your username and your password."))
        self.reset("")

    def show_notice(self, text: str) -> None:
        """Why this page shows now (above the fields, until the next try)."""
        show_message(self.message, text, "warning")

    def show_locked(self, operator: Operator | None) -> None:
        """The lock page: who locked it is offered first; another operator types their own
        name to switch."""
        if operator is None:
            self.title.setText(self.tr("Workstation locked"))
        else:
            self.title.setText(
                self.tr("Locked — %1 (%2)")
                .replace("%1", bidi.name(operator.shown_name))
                .replace("%2", role_label(operator.role))
            )
        self.hint.setText(
            self.tr("Your PIN or password to unlock. Another operator: type your own username.")
        )
        self.reset(operator.username if operator else "")

    def reset(self, username: str) -> None:
        self.countdown.stop()
        self.message.hide()
        self.user_edit.setText(username)
        self.password_edit.clear()

    def focus_entry(self) -> None:
        (self.password_edit if self.user_edit.text() else self.user_edit).setFocus()

    @Slot()
    def submit(self) -> None:
        username = self.user_edit.text()
        secret = self.password_edit.text()
        self.password_edit.clear()  # never kept, whatever happens next
        if not username.strip():
            show_message(self.message, self.tr("Type your username."), "error")
            self.user_edit.setFocus()
            return
        try:
            if self.pins and looks_like_pin(secret):
                operator = self.session.sign_in_pin(username, secret)
            else:
                operator = self.session.sign_in(username, secret)
        except SignInDelayed as delayed:
            self.countdown.start(delayed.retry_after)
            self.password_edit.setFocus()
            return
        except GestcoError as error:
            self.countdown.stop()
            show_message(self.message, describe(error), "error")
            self.password_edit.setFocus()
            return
        self.countdown.stop()
        self.message.hide()
        self.signed_in.emit(operator)
