"""What stands before the shop's screens: the first administrator's screen (a database
without any operator), the sign-in page, and the lock page that covers the screens when the
workstation locks. Until someone signs in, only these show; nothing of the shop's data."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QStackedWidget, QWidget

from gestco.domain.staff import Operator
from ui.runtime.services import SessionServices
from ui.widgets.first_admin import FirstAdminForm
from ui.widgets.sign_in import SignInForm


class StaffGate(QStackedWidget):
    """A stack: the screens (`content`) and the pages before them. `entered` says who just
    signed in (the first time, an unlock, or another operator switching in)."""

    entered = Signal(object)  # the Operator

    def __init__(
        self, *, session: SessionServices, content: QWidget, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainStack")
        self.session = session
        self.content = content
        self.first_admin_page = FirstAdminForm(session=session, parent=self)
        self.sign_in_page = SignInForm(session=session, prefix="signIn", pins=False, parent=self)
        self.lock_page = SignInForm(session=session, prefix="lock", pins=True, parent=self)
        for page in (self.sign_in_page, self.lock_page, self.first_admin_page, content):
            self.addWidget(page)
        for form in (self.first_admin_page, self.sign_in_page, self.lock_page):
            form.signed_in.connect(self._on_form_signed_in)
        self.first_admin_page.already_set_up.connect(self.show_signed_out)

    @property
    def is_open(self) -> bool:
        """The shop's screens show (someone is signed in)."""
        return self.currentWidget() is self.content

    def show_start(self) -> None:
        """At start: the screens if someone is already signed in in this process (tests,
        automation), the first administrator's screen for a shop without operators, else the
        sign-in page."""
        if self.session.current() is not None:
            self.setCurrentWidget(self.content)
        elif self.session.needs_first_admin():
            self.setCurrentWidget(self.first_admin_page)
        else:
            self.sign_in_page.show_welcome()
            self.setCurrentWidget(self.sign_in_page)

    def show_locked(self) -> None:
        self.lock_page.show_locked(self.session.locked_by())
        self.setCurrentWidget(self.lock_page)
        self.focus_entry()

    def show_signed_out(self, message: str = "") -> None:
        """The sign-in page, its fields empty; `message` says why it is shown (the session
        ended elsewhere, the shop got its administrator meanwhile)."""
        self.sign_in_page.show_welcome()
        if message:
            self.sign_in_page.show_notice(message)
        self.setCurrentWidget(self.sign_in_page)
        self.focus_entry()

    def show_content(self) -> None:
        self.setCurrentWidget(self.content)

    def focus_entry(self) -> None:
        """The cursor in the shown page's first field to fill."""
        page = self.currentWidget()
        if isinstance(page, (SignInForm, FirstAdminForm)):
            page.focus_entry()

    @Slot(object)
    def _on_form_signed_in(self, operator: Operator) -> None:
        self.entered.emit(operator)
