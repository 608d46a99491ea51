"""The client page's relationship section: the timeline (left), the tags and the marketing
consent (right), and the client's data rights below them: "Export this client's data…"
(managers and up, as every export) and "Anonymise…" (managers and up, after a confirmation
that says it is irreversible)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gestco.domain.errors import GestcoError
from gestco.domain.permissions import Permission
from gestco.domain.phones import format_phone
from gestco.domain.records import Client
from ui.display import bidi
from ui.display.errors import describe
from ui.runtime import export_job
from ui.runtime.services import RelationshipServices
from ui.widgets.client_rights import AnonymiseConfirmation, ask_data_path
from ui.widgets.client_tags import ClientTags
from ui.widgets.client_timeline import ClientTimeline
from ui.widgets.forms import message_label, show_message


class ClientRelationship(QWidget):
    anonymised = Signal(int)  # the client's id: the page shows them again, as they now are

    def __init__(
        self, *, relationship: RelationshipServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clientRelationship")
        self.relationship = relationship
        self.client: Client | None = None
        self.region = ""
        self._can: Callable[[Permission], bool] = lambda _permission: False
        self.timeline = ClientTimeline(relationship=relationship, parent=self)
        self.tags = ClientTags(relationship=relationship, parent=self)
        # No Alt+letter: the page's every letter is taken (Alt+X is Export clients…), Tab
        # reaches it after the consent box.
        self.export_button = QPushButton(self.tr("Export this client's data…"), self)
        self.export_button.setObjectName("exportClientDataButton")
        self.anonymise_button = QPushButton(self.tr("Anonymise…"), self)
        self.anonymise_button.setObjectName("anonymiseClientButton")
        self.message = message_label("clientRightsMessage", self)
        rights_caption = QLabel(self.tr("Data rights (law 09-08, GDPR):"), self)
        rights_caption.setProperty("kind", "caption")
        rights = QHBoxLayout()
        rights.addWidget(rights_caption)
        rights.addWidget(self.export_button)
        rights.addWidget(self.anonymise_button)
        rights.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(self.timeline, 3)
        columns.addWidget(self.tags, 2, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(columns, 1)
        layout.addLayout(rights)
        layout.addWidget(self.message)
        self.export_button.clicked.connect(self.export_data)
        self.anonymise_button.clicked.connect(self.anonymise)

    def show_client(self, client: Client | None, region: str) -> None:
        if client is None or self.client is None or client.id != self.client.id:
            self.message.hide()
        self.client = client
        self.region = region
        client_id = None if client is None else client.id
        self.timeline.show_client(client_id)
        self.tags.show_client(client_id)
        self._enable()

    def refresh(self) -> None:
        if self.client is not None:
            self.timeline.refresh()
            self.tags.refresh()
            self._enable()

    def allow(self, can: Callable[[Permission], bool]) -> None:
        self._can = can
        self.export_button.setVisible(can(Permission.EXPORT))
        self.anonymise_button.setVisible(can(Permission.CLIENT_ANONYMISE))
        self._enable()

    def _enable(self) -> None:
        gone = False
        if self.client is not None:
            gone = self.relationship.relationship(self.client.id).anonymised_at is not None
        self.timeline.allow(not gone and self._can(Permission.CLIENT_NOTE))
        self.tags.allow(not gone and self._can(Permission.CLIENT_TAG))
        self.anonymise_button.setEnabled(not gone)

    @Slot()
    def export_data(self) -> None:
        if self.client is None:
            return
        asked = ask_data_path(self.window(), self.client)
        if asked is None:
            return
        path, fmt = asked
        try:
            data = self.relationship.client_data(self.client.id)
            self.relationship.write_client_data(path, data, fmt)
        except GestcoError as error:
            show_message(self.message, describe(error), "error")
            return
        except OSError as error:
            show_message(self.message, export_job.os_reason(error), "error")
            return
        show_message(
            self.message, self.tr("Written to %1.").replace("%1", bidi.ltr(path)), "success"
        )

    @Slot()
    def anonymise(self) -> None:
        if self.client is None:
            return
        shown = format_phone(self.client.phone, self.region)
        box = AnonymiseConfirmation(self.client, shown, self.window())
        box.exec()
        if not box.confirmed():
            return
        try:
            done = self.relationship.anonymise_client(self.client.id)
        except GestcoError as error:
            show_message(self.message, describe(error), "error")
            return
        show_message(self.message, self.tr("The client was anonymised."), "success")
        self.anonymised.emit(done.id)
