"""A client's timeline on the client page: every note and contact, newest first (when, what
kind, who, the text), and a field to add one: its kind, its text, Ctrl+Return (or the
button) adds it. A note refused by the core is said beside the field and nothing is added."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import GestcoError
from gestco.domain.relationship import NOTE_KINDS, ClientNote
from ui.display import bidi, formatting
from ui.display.errors import describe
from ui.display.labels import note_kind_label
from ui.runtime.services import RelationshipServices
from ui.widgets.forms import message_label, show_message


class ClientTimeline(QWidget):
    def __init__(
        self, *, relationship: RelationshipServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clientTimeline")
        self.relationship = relationship
        self.client_id: int | None = None
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("noteKindCombo")
        for kind in NOTE_KINDS:
            self.kind_combo.addItem(note_kind_label(kind), kind)
        self.note_edit = QPlainTextEdit(self)  # Tab leaves it: a note holds no tab
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(
            self.tr("“Called: wants the delivery on Tuesday” · Ctrl+Return adds it")
        )
        self.note_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        lines = self.note_edit.fontMetrics().lineSpacing()
        self.note_edit.setFixedHeight(lines * 3 + 12)
        caption = QLabel(self.tr("&Write a note:"), self)
        caption.setBuddy(self.note_edit)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setObjectName("addNoteButton")
        self.add_button.setToolTip(self.tr("Ctrl+Return"))
        self.message = message_label("noteMessage", self)
        self.list = QListWidget(self)
        self.list.setObjectName("timelineList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.empty = QLabel(self.tr("No note yet."), self)
        self.empty.setProperty("kind", "caption")
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addWidget(self.kind_combo)
        top.addStretch(1)
        entry = QHBoxLayout()
        entry.addWidget(self.note_edit, 1)
        entry.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(entry)
        layout.addWidget(self.message)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        self.add_button.clicked.connect(self.add_note)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.note_edit, self.add_note)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    def show_client(self, client_id: int | None) -> None:
        if client_id != self.client_id:
            self.note_edit.clear()
            self.message.hide()
        self.client_id = client_id
        self.refresh()

    def allow(self, may_write: bool) -> None:
        for widget in (self.note_edit, self.kind_combo, self.add_button):
            widget.setEnabled(may_write)

    def refresh(self) -> None:
        self.list.clear()
        notes = [] if self.client_id is None else self.relationship.timeline(self.client_id)
        for note in notes:
            self.list.addItem(self._item(note))
        self.empty.setVisible(not notes)
        self.list.setVisible(bool(notes))

    def _item(self, note: ClientNote) -> QListWidgetItem:
        head = " · ".join(
            (
                bidi.ltr(formatting.moment(note.at)),
                note_kind_label(note.kind),
                bidi.name(note.operator),
            )
        )
        # Each line in its own direction (a French note in the Arabic window keeps its full
        # stop at its end): an isolate ends with its line.
        text = (
            "\n".join(bidi.name(line) for line in note.text.split("\n"))
            if note.text
            else self.tr("(erased: the client was anonymised)")
        )
        item = QListWidgetItem(f"{head}\n{text}")
        item.setData(Qt.ItemDataRole.UserRole, note.id)
        return item

    @Slot()
    def add_note(self) -> None:
        if self.client_id is None:
            return
        try:
            self.relationship.add_note(
                self.client_id, self.note_edit.toPlainText(), kind=self.kind_combo.currentData()
            )
        except GestcoError as error:
            show_message(self.message, describe(error), "error")
            self.note_edit.setFocus()
            return
        self.message.hide()
        self.note_edit.clear()
        self.kind_combo.setCurrentIndex(0)
        self.refresh()
        self.note_edit.setFocus()
