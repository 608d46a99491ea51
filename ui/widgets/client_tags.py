"""A client's tags and marketing consent on the client page.

Tags: typed in a field that offers the tags other clients have (a completer, any case),
Return adds; the client's tags are listed beside it, Delete or Backspace takes the chosen one
off. Consent: a check box, and when it was given or withdrawn. A refusal is said beside the
field and nothing changes."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import GestcoError
from gestco.domain.relationship import TAG_MAX, ClientRelationship
from ui.display import bidi, formatting
from ui.display.errors import describe
from ui.runtime.services import RelationshipServices
from ui.widgets.forms import message_label, show_message


class TagFilter(QComboBox):
    """A filter by tag: first `everyone` (no filter), then the tags clients have; refilled,
    the tag chosen stays chosen (and signals nothing: nobody chose anything)."""

    def __init__(self, everyone: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.everyone = everyone
        self.fill([])

    def fill(self, tags: list[str]) -> None:
        chosen = self.tag()
        self.blockSignals(True)
        self.clear()
        self.addItem(self.everyone, "")
        for tag in tags:
            self.addItem(tag, tag)
        self.setCurrentIndex(max(self.findData(chosen), 0) if chosen else 0)
        self.blockSignals(False)

    def tag(self) -> str:
        """The tag chosen, '' for every client."""
        return str(self.currentData() or "")


class _TagList(QListWidget):
    """The client's tags side by side; Delete or Backspace takes the current one off."""

    def __init__(self, owner: ClientTags) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setObjectName("clientTagsList")
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setSpacing(3)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().height() * 2 + 18)
        self.setToolTip(self.tr("Delete takes the chosen tag off"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentItem():
            self.owner.remove_tag(self.currentItem().text())
            event.accept()
            return
        super().keyPressEvent(event)


class ClientTags(QWidget):
    def __init__(
        self, *, relationship: RelationshipServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clientTags")
        self.relationship = relationship
        self.client_id: int | None = None
        self.tag_edit = QLineEdit(self)
        self.tag_edit.setObjectName("tagEdit")
        self.tag_edit.setMaxLength(TAG_MAX + 20)  # past the limit: the core's message says it
        self.tag_edit.setPlaceholderText(self.tr("VIP, grossiste… Return adds"))
        self.known = QStringListModel(self)
        self.completer = QCompleter(self.known, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tag_edit.setCompleter(self.completer)
        caption = QLabel(self.tr("Ta&gs:"), self)
        caption.setBuddy(self.tag_edit)
        self.tags = _TagList(self)
        self.tag_message = message_label("tagMessage", self)
        self.consent_box = QCheckBox(self.tr("Su&bscribed to offers (marketing consent)"), self)
        self.consent_box.setObjectName("consentCheck")
        self.consent_date = QLabel(self)
        self.consent_date.setObjectName("consentDateLabel")
        self.consent_date.setProperty("kind", "caption")
        self.consent_message = message_label("consentMessage", self)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.tag_edit, 1)
        consent = QHBoxLayout()
        consent.addWidget(self.consent_box)
        consent.addWidget(self.consent_date, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.tags)
        layout.addWidget(self.tag_message)
        layout.addLayout(consent)
        layout.addWidget(self.consent_message)
        self.tag_edit.returnPressed.connect(self.add_tag)
        self.consent_box.clicked.connect(self.set_consent)

    def show_client(self, client_id: int | None) -> None:
        if client_id != self.client_id:
            self.tag_edit.clear()
            self.tag_message.hide()
            self.consent_message.hide()
        self.client_id = client_id
        self.refresh()

    def allow(self, may_write: bool) -> None:
        self.tag_edit.setEnabled(may_write)
        self.consent_box.setEnabled(may_write)
        self.tags.setEnabled(may_write)

    def refresh(self) -> None:
        if self.client_id is None:
            return
        self._show(self.relationship.relationship(self.client_id))
        self.known.setStringList(self.relationship.all_tags())

    def _show(self, rel: ClientRelationship) -> None:
        current = self.tags.currentRow()
        self.tags.clear()
        for tag in rel.tags:
            self.tags.addItem(QListWidgetItem(tag))
        if self.tags.count():
            self.tags.setCurrentRow(min(max(current, 0), self.tags.count() - 1))
        self.consent_box.setChecked(rel.marketing_consent)
        if rel.consent_at is None:
            said = self.tr("never asked")
        elif rel.marketing_consent:
            said = self.tr("given on %1").replace("%1", bidi.ltr(formatting.moment(rel.consent_at)))
        else:
            said = self.tr("withdrawn on %1").replace(
                "%1", bidi.ltr(formatting.moment(rel.consent_at))
            )
        self.consent_date.setText(said)

    @Slot()
    def add_tag(self) -> None:
        if self.client_id is None:
            return
        try:
            done = self.relationship.add_tag(self.client_id, self.tag_edit.text())
        except GestcoError as error:
            show_message(self.tag_message, describe(error), "error")
            return
        self.tag_message.hide()
        self.tag_edit.clear()
        self._show(done)
        self.known.setStringList(self.relationship.all_tags())

    def remove_tag(self, name: str) -> None:
        if self.client_id is None:
            return
        try:
            done = self.relationship.remove_tag(self.client_id, name)
        except GestcoError as error:
            show_message(self.tag_message, describe(error), "error")
            return
        self.tag_message.hide()
        self._show(done)
        if not self.tags.count():
            self.tag_edit.setFocus()

    @Slot(bool)
    def set_consent(self, checked: bool) -> None:
        if self.client_id is None:
            return
        try:
            done = self.relationship.set_marketing_consent(self.client_id, checked)
        except GestcoError as error:
            show_message(self.consent_message, describe(error), "error")
            self.refresh()  # the box as stored
            return
        self.consent_message.hide()
        self._show(done)
