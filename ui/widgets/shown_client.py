"""The client a screen shows, kept as new as the database (identification, the client page).

A client renamed on another workstation (or by another screen of this one) used to stay as
it was on these screens until the clerk looked it up again; saving then said "their version
is shown" and showed nothing new. Now, when a change touches the clients:
- the form not edited: the newer version is shown at once, the cursor and selection where
  they were, and the banner says why the details changed;
- the form being edited: the clerk's typing stays, the banner says (once per version) that
  another version exists; their Save is refused and the newer version shown, so nothing is
  saved over it blindly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from gestco.domain.errors import GestcoError
from gestco.domain.records import Client
from ui.runtime.services import ClientServices
from ui.widgets.client_form import ClientForm
from ui.widgets.forms import show_message


class ShownClient:
    def __init__(
        self, form: ClientForm, clients: ClientServices, region: Callable[[], str]
    ) -> None:
        self.form = form
        self.clients = clients
        self.region = region
        self._warned: tuple[int, int] | None = None  # the (id, version) already said

    def _newer(self, shown: Client) -> Client | None:
        """The client's version saved since `shown`, if any (None also when it cannot be
        read: gone, or the database unreachable; the next change or Save says so)."""
        try:
            current = self.clients.get_client(shown.id)
        except GestcoError:
            return None
        return current if current.version != shown.version else None

    def follow(self, shown: Client | None) -> Client | None:
        """After a change touching what the screen shows: the client it holds now."""
        if shown is None:
            return None
        newer = self._newer(shown)
        if newer is None:
            return shown
        if self.form.is_edited():
            if self._warned != (newer.id, newer.version):
                self._warned = (newer.id, newer.version)
                # Beside the field messages, which stay: the clerk may be correcting one.
                show_message(
                    self.form.messages.banner,
                    QCoreApplication.translate(
                        "ShownClient",
                        "This client was just changed on another screen or workstation: "
                        "Save shows their version first, then make your change again.",
                    ),
                    "warning",
                )
            return shown  # Save compares with this version and is refused
        self._fill_keeping_cursor(newer)
        self.form.show_banner(
            QCoreApplication.translate(
                "ShownClient", "Updated: these are the client's details as just saved elsewhere."
            ),
            "info",
        )
        return newer

    def after_refused_save(self, shown: Client, error: GestcoError) -> Client:
        """A Save refused because another version was saved meanwhile: that one is shown
        (or, when it cannot be read, why)."""
        try:
            newer = self.clients.get_client(shown.id)
        except GestcoError as unreadable:
            self.form.show_error(unreadable)
            return shown
        self._fill_keeping_cursor(newer)
        self.form.show_error(error)
        return newer

    def _fill_keeping_cursor(self, client: Client) -> None:
        """Refill the form; a field of the form being typed in keeps its cursor and
        selection (a field elsewhere, the phone being typed say, is not touched)."""
        self._warned = None
        focused = QApplication.focusWidget()
        if not (focused is not None and self.form.isAncestorOf(focused)):
            self.form.fill(client, region=self.region())
            return
        if isinstance(focused, QLineEdit):
            start, length = focused.selectionStart(), len(focused.selectedText())
            position = focused.cursorPosition()
            self.form.fill(client, region=self.region())
            if start >= 0 and length:
                focused.setSelection(start, length)
            else:
                focused.setCursorPosition(min(position, len(focused.text())))
        elif isinstance(focused, QPlainTextEdit):
            position = focused.textCursor().position()
            self.form.fill(client, region=self.region())
            cursor = focused.textCursor()
            cursor.setPosition(min(position, len(focused.toPlainText())))
            focused.setTextCursor(cursor)
        else:
            self.form.fill(client, region=self.region())
