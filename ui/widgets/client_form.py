"""A client's details as a form: the same fields, captions and inline messages wherever a
client is shown (identification, search)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from gestco.domain.errors import GestcoError
from gestco.domain.phones import format_phone, parse_phone, phone_region
from gestco.domain.records import Client, ClientInput
from ui.widgets.forms import InlineMessages, left_to_right, message_label

FIELDS = ("phone", "first_name", "last_name", "email", "address", "postal_code", "city", "country")


def shown_phone(typed: str, region: str) -> str:
    """A new client's number as known clients' are shown (0699887766 -> 06 99 88 77 66);
    one that is no number stays as typed, for its message."""
    try:
        return format_phone(parse_phone(typed, region), region)
    except GestcoError:
        return typed.strip()


def _camel(field: str) -> str:
    head, *rest = field.split("_")
    return head + "".join(part.title() for part in rest)


class ClientForm(QGroupBox):
    """Fields are named `<prefix><Field>Edit` (e.g. clientFirstNameEdit), or `<field>Edit`
    without a prefix; `phone_name` overrides the phone field's name."""

    submitted = Signal()  # Return in a one-line field

    def __init__(self, *, banner: QLabel, prefix: str = "", phone_name: str = "",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setTitle(self.tr("Client details"))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.messages = InlineMessages(banner)
        self._region = ""
        self._country_follows = True  # the country follows the phone until the clerk sets it
        captions = {
            "phone": self.tr("&Phone"),
            "first_name": self.tr("First na&me"),
            "last_name": self.tr("&Last name"),
            "email": self.tr("&E-mail"),
            "address": self.tr("&Address"),
            "postal_code": self.tr("Postal &code"),
            "city": self.tr("Cit&y"),
            "country": self.tr("Co&untry"),
        }
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.fields: dict[str, QLineEdit] = {}
        for position, field in enumerate(FIELDS):
            base = _camel(field)
            name = f"{prefix}{base[0].upper()}{base[1:]}Edit" if prefix else f"{base}Edit"
            if field == "phone" and phone_name:
                name = phone_name
            edit = QLineEdit(self)
            edit.setObjectName(name)
            edit.returnPressed.connect(self.submitted)
            edit.textEdited.connect(self._on_field_text_edited)
            label = QLabel(captions[field], self)
            label.setBuddy(edit)
            error = message_label(f"{name.removesuffix('Edit')}Error", self)
            self.messages.add(field, error)
            row, column = divmod(position, 2)
            grid.addWidget(label, row * 2, column * 2)
            grid.addWidget(edit, row * 2, column * 2 + 1)
            grid.addWidget(error, row * 2 + 1, column * 2 + 1)
            self.fields[field] = edit
        self.fields["country"].setMaxLength(2)
        left_to_right(*(self.fields[f] for f in ("phone", "email", "postal_code", "country")))
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName(f"{prefix}NotesEdit" if prefix else "clientNotesEdit")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        notes_label = QLabel(self.tr("Remar&ks"), self)
        notes_label.setBuddy(self.notes_edit)
        last_row = len(FIELDS) // 2 * 2 + 1
        grid.addWidget(notes_label, last_row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.notes_edit, last_row, 1, 1, 3)
        self.messages.add("notes", message_label(f"{self.notes_edit.objectName()[:-4]}Error", self))
        previous: QWidget = self.fields[FIELDS[0]]
        for field in FIELDS[1:]:
            QWidget.setTabOrder(previous, self.fields[field])
            previous = self.fields[field]
        QWidget.setTabOrder(previous, self.notes_edit)
        self.notes_edit.textChanged.connect(self._on_notes_edit_text_changed)
        self.fields["phone"].textChanged.connect(self._on_phone_text_changed)
        self.fields["country"].textEdited.connect(self._on_country_text_edited)

    def fill(self, client: Client | None, *, region: str, phone: str = "") -> None:
        """Show `client`, or empty fields with `phone` for a new client."""
        self.messages.clear()
        self._region = region
        self.fields["country"].setPlaceholderText(region)
        values = {field: str(getattr(client, field)) if client else "" for field in FIELDS}
        values["phone"] = (
            format_phone(client.phone, region) if client else shown_phone(phone, region)
        )
        # A country the clerk chose (not the phone's) stays when the phone is edited.
        self._country_follows = client is None or client.country in (
            "",
            phone_region(client.phone, region),
        )
        for field, value in values.items():
            self.fields[field].setText(value)
        self._on_phone_text_changed(values["phone"])  # a new +33 number: FR, not blank
        self.notes_edit.setPlainText(client.notes if client else "")
        self._filled = self.to_input()

    def is_edited(self) -> bool:
        """Whether the clerk changed anything since the form was last filled."""
        return self.to_input() != self._filled

    @Slot(str)
    def _on_phone_text_changed(self, text: str) -> None:
        country = phone_region(text, self._region) if self._country_follows else None
        if country:
            self.fields["country"].setText(country)

    @Slot(str)
    def _on_country_text_edited(self, text: str) -> None:
        self._country_follows = not text.strip()

    @Slot()
    def _on_field_text_edited(self) -> None:
        """A field being corrected loses its message (the name rule spans both names), and
        a past success ("Client saved.") goes: what is on screen is no longer what was saved."""
        self._forget_success()
        edit = self.sender()
        for field, widget in self.fields.items():
            if widget is edit:
                self.messages.labels[field].hide()
                if field == "first_name":
                    self.messages.labels["last_name"].hide()

    @Slot()
    def _on_notes_edit_text_changed(self) -> None:
        self.messages.labels["notes"].hide()
        if self.notes_edit.hasFocus():  # typed, not filled
            self._forget_success()

    def _forget_success(self) -> None:
        banner = self.messages.banner
        if banner.property("kind") in ("success", "info"):
            banner.hide()  # a warning (changed elsewhere) stays until the form is filled

    def has_name(self) -> bool:
        return any(self.fields[f].text().strip() for f in ("first_name", "last_name"))

    def to_input(self) -> ClientInput:
        values = {field: edit.text() for field, edit in self.fields.items()}
        return ClientInput(notes=self.notes_edit.toPlainText(), **values)

    def show_error(self, error: GestcoError) -> None:
        """The message beside its field, and the cursor in that field."""
        field = self.messages.show_error(error)
        edit = self.fields.get(field)
        if edit is not None:
            edit.setFocus()
            edit.selectAll()

    def show_banner(self, text: str, kind: str = "info") -> None:
        self.messages.show_banner(text, kind)
