"""The client a screen shows, kept as new as the database (identification, the client page).

A client renamed on another workstation (or by another screen of this one) used to stay as
it was on these screens until the clerk looked it up again; saving then said "their version
is shown" and showed nothing new. Now, when a change touches the clients:
- the form not edited: the newer version is shown at once, the cursor where it was, and the
  banner says why the details changed;
- the form being edited: the clerk's typing stays, the banner says another version exists;
  their Save is refused and the newer version shown, so nothing is saved over it blindly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from gestco.domain.errors import GestcoError, NotFoundError
from gestco.domain.records import Client
from ui.runtime.services import ClientServices
from ui.widgets.client_form import ClientForm


class ShownClient:
    def __init__(
        self, form: ClientForm, clients: ClientServices, region: Callable[[], str]
    ) -> None:
        self.form = form
        self.clients = clients
        self.region = region

    def _newer(self, shown: Client) -> Client | None:
        try:
            current = self.clients.get_client(shown.id)
        except NotFoundError:
            return None
        return current if current.version != shown.version else None

    def follow(self, shown: Client | None) -> Client | None:
        """After a change touching the clients: the client the screen holds now."""
        if shown is None:
            return None
        newer = self._newer(shown)
        if newer is None:
            return shown
        if self.form.is_edited():
            self.form.show_banner(
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
        """A Save refused because another version was saved meanwhile: that one is shown."""
        newer = self._newer(shown)
        if newer is not None:
            self._fill_keeping_cursor(newer)
        self.form.show_error(error)
        return newer or shown

    def _fill_keeping_cursor(self, client: Client) -> None:
        focused = QApplication.focusWidget()
        position = focused.cursorPosition() if isinstance(focused, QLineEdit) else None
        self.form.fill(client, region=self.region())
        if isinstance(focused, QLineEdit) and position is not None:
            focused.setCursorPosition(min(position, len(focused.text())))
