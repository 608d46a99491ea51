"""Tools › Shop details… (managers): the shop as its documents print it — name, address,
phone, e-mail, logo, the legal identifiers of its country (Morocco or France: only that
country's are shown), the footer and the terms, and the language the documents print
their labels in (a setting of the shop's, gestco.services.settings: document_language).

Every field is checked as the core checks it (gestco.domain.legal_identity) before anything
is saved: each wrong one is said beside it, all at once, and nothing is written. The logo is
kept in the database (services.shop_logo: the image's bytes), so it comes with the database
to another workstation; the file's path is kept too, for information."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import GestcoError, ValidationError
from gestco.domain.legal_identity import COUNTRIES, FIELDS, ShopIdentity, checked, missing_for
from ui.display.errors import describe
from ui.display.identity_words import caption, country_name, lacking
from ui.runtime import file_dialogs
from ui.runtime.services import ShopServices
from ui.widgets.forms import InlineMessages, message_label, show_message

MOROCCO = ("ice", "tax_id", "rc", "rc_court", "patente", "cnss")
FRANCE = ("siren", "vat_number", "rcs")
LINES = {"address": 3, "footer": 2, "terms": 3}  # several lines: their height, in lines
LOGO_SIDE = 64  # the preview's height, in pixels
_TEXT_FIELDS = {f.name for f in fields(ShopIdentity)} - {"changes", "country", "logo_path"}


def _object_name(name: str) -> str:
    head, *rest = name.split("_")
    return "shop" + head.capitalize() + "".join(part.capitalize() for part in rest) + "Edit"


class ShopDetailsDialog(QDialog):
    def __init__(self, *, shop: ShopServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shopDetailsDialog")
        self.setWindowTitle(self.tr("Shop details"))
        self.shop = shop
        self.identity = shop.shop_identity()
        self.logo = shop.shop_logo()
        self.logo_path = self.identity.logo_path
        self.banner = message_label("shopDetailsError", self)
        self.messages = InlineMessages(self.banner)
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.errors: dict[str, QLabel] = {}

        general = QFormLayout()
        for name in ("name", "address", "phone", "email"):
            self._add_field(general, name)
        self.country_combo = QComboBox(self)
        self.country_combo.setObjectName("shopCountryCombo")
        for code in COUNTRIES:
            self.country_combo.addItem(country_name(code), code)
        self.country_combo.setCurrentIndex(
            max(0, self.country_combo.findData(self.identity.country))
        )
        self._caption_row(general, "country", self.country_combo)
        general.addRow(self._logo_box())
        self.logo_error = self._error("logo")

        general.addRow(self.logo_error)
        self.morocco_box = self._identifiers_box(self.tr("Morocco's identifiers"), MOROCCO)
        self.france_box = self._identifiers_box(self.tr("France's identifiers"), FRANCE)
        self.needed_label = QLabel(self)
        self.needed_label.setObjectName("shopNeededLabel")
        self.needed_label.setWordWrap(True)
        self.needed_label.setProperty("kind", "hint")
        papers = QFormLayout()
        for name in ("footer", "terms"):
            self._add_field(papers, name)
        self.language_combo = self._language_combo()
        said = QLabel(self.tr("Documents' lang&uage"), self)
        said.setBuddy(self.language_combo)
        papers.addRow(said, self.language_combo)

        left = QVBoxLayout()
        left.addLayout(general)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.morocco_box)
        right.addWidget(self.france_box)
        right.addWidget(self.needed_label)
        right.addLayout(papers)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.setObjectName("shopDetailsButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 150)

        # Return in the address, footer or terms starts a new line: Ctrl+S or Ctrl+Return save.
        for keys in (QKeySequence(QKeySequence.StandardKey.Save), QKeySequence("Ctrl+Return")):
            QShortcut(keys, self, self.accept)
        self.country_combo.currentIndexChanged.connect(self._on_country_combo_changed)
        for name, edit in self.edits.items():
            if isinstance(edit, QLineEdit):
                edit.textEdited.connect(lambda _t, n=name: self._on_field_edited(n))
            else:
                edit.textChanged.connect(lambda n=name: self._on_field_edited(n))
        self._fill(self.identity)
        self._show_country()

    # --- building --------------------------------------------------------------------------
    def _error(self, name: str) -> QLabel:
        label = message_label(f"shop{name.title().replace('_', '')}Error", self)
        self.errors[name] = label
        self.messages.add(name, label)
        return label

    def _caption_row(self, form: QFormLayout, name: str, field: QWidget) -> None:
        said = QLabel(caption(name), self)
        said.setBuddy(field)
        form.addRow(said, field)

    def _add_field(self, form: QFormLayout, name: str) -> None:
        edit: QLineEdit | QPlainTextEdit
        if name in LINES:
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(self.fontMetrics().lineSpacing() * LINES[name] + 12)
        else:
            edit = QLineEdit(self)
        edit.setObjectName(_object_name(name))
        self.edits[name] = edit
        self._caption_row(form, name, edit)
        form.addRow(self._error(name))  # the whole row's width: a message on one line

    def _language_combo(self) -> QComboBox:
        """The documents' language: the window's (each workstation prints in its own), one
        language, or French with Arabic as Moroccan shops print them."""
        combo = QComboBox(self)
        combo.setObjectName("shopDocumentLanguageCombo")
        combo.addItem(self.tr("The window's language"), "")
        for code, shown in (
            ("fr", "Français"),
            ("en", "English"),
            ("ar", "العربية"),
            ("fr+ar", "Français + العربية"),
        ):
            combo.addItem(shown, code)
        combo.setCurrentIndex(max(0, combo.findData(self.shop.document_language())))
        return combo

    def _identifiers_box(self, title: str, names: tuple[str, ...]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        for name in names:
            self._add_field(form, name)
        return box

    def _logo_box(self) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        said = QLabel(caption("logo_path"), box)
        self.logo_preview = QLabel(box)
        self.logo_preview.setObjectName("shopLogoPreview")
        self.logo_preview.setFixedHeight(LOGO_SIDE)
        self.logo_preview.setMinimumWidth(LOGO_SIDE)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_button = QPushButton(self.tr("C&hoose an image…"), box)
        self.logo_button.setObjectName("shopLogoButton")
        self.logo_remove = QPushButton(self.tr("Remove the lo&go"), box)
        self.logo_remove.setObjectName("shopLogoRemoveButton")
        said.setBuddy(self.logo_button)
        row.addWidget(said)
        row.addWidget(self.logo_preview, 1)
        row.addWidget(self.logo_button)
        row.addWidget(self.logo_remove)
        self.logo_button.clicked.connect(self._on_logo_button_clicked)
        self.logo_remove.clicked.connect(self._on_logo_remove_clicked)
        self._show_logo()
        return box

    # --- showing ---------------------------------------------------------------------------
    def _fill(self, identity: ShopIdentity) -> None:
        for name, edit in self.edits.items():
            value = getattr(identity, name)
            if isinstance(edit, QLineEdit):
                edit.setText(value)
            else:
                edit.setPlainText(value)

    def country(self) -> str:
        return str(self.country_combo.currentData())

    def _show_country(self) -> None:
        morocco = self.country() == "MA"
        self.morocco_box.setVisible(morocco)
        self.france_box.setVisible(not morocco)
        self._show_needed()

    def _show_needed(self) -> None:
        missing = missing_for(self.typed(), "invoice")
        self.needed_label.setText(
            self.tr("Invoices also need: %1.").replace("%1", lacking(missing)) if missing else ""
        )
        self.needed_label.setVisible(bool(missing))

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self.logo and pixmap.loadFromData(self.logo):
            self.logo_preview.setPixmap(
                pixmap.scaledToHeight(LOGO_SIDE, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("No logo") if not self.logo else "")
        self.logo_remove.setEnabled(bool(self.logo))

    @Slot(int)
    def _on_country_combo_changed(self, _index: int) -> None:
        self._show_country()

    def _on_field_edited(self, name: str) -> None:
        self.errors[name].hide()  # a message goes as soon as its field is being corrected
        if name in (*MOROCCO, *FRANCE, "name", "address"):
            self._show_needed()

    @Slot()
    def _on_logo_button_clicked(self) -> None:
        folder = str(Path(self.logo_path).parent) if self.logo_path else str(Path.home())
        images = self.tr("Images (*.png *.jpg *.jpeg)")
        caption_text = self.tr("The shop's logo")
        path, _chosen = file_dialogs.open_file_name(self, caption_text, folder, images)
        if path:
            self.choose_logo(path)

    def choose_logo(self, path: str) -> bool:
        """The image at `path` as the logo (saved with the rest); False: not readable."""
        self.errors["logo"].hide()
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            show_message(self.errors["logo"], error.strerror or str(error), "error")
            return False
        if not QPixmap().loadFromData(data):
            show_message(
                self.errors["logo"],
                describe(ValidationError("logo", "Choose a PNG or JPEG image for the logo.")),
                "error",
            )
            return False
        self.logo, self.logo_path = data, str(Path(path).resolve())
        self._show_logo()
        return True

    @Slot()
    def _on_logo_remove_clicked(self) -> None:
        self.logo, self.logo_path = b"", ""
        self._show_logo()
        self.logo_button.setFocus()

    # --- saving ----------------------------------------------------------------------------
    def typed(self) -> ShopIdentity:
        """What the form holds; the other country's identifiers are kept as they were."""
        values: dict[str, Any] = {}
        shown = MOROCCO if self.country() == "MA" else FRANCE
        for name, edit in self.edits.items():
            if name in (*MOROCCO, *FRANCE) and name not in shown:
                values[name] = getattr(self.identity, name)
            elif isinstance(edit, QLineEdit):
                values[name] = edit.text()
            else:
                values[name] = edit.toPlainText()
        return replace(self.identity, country=self.country(), logo_path=self.logo_path, **values)

    def refused(self) -> list[ValidationError]:
        """Every field the core would refuse, each checked alone (the core names only the
        first), in the form's order."""
        typed = self.typed()
        found: list[ValidationError] = []
        for name in FIELDS:
            if name not in _TEXT_FIELDS:
                continue
            try:
                checked(ShopIdentity(country=typed.country, **{name: getattr(typed, name)}))
            except ValidationError as error:
                found.append(error)
        return found

    def accept(self) -> None:
        self.messages.clear()
        problems = self.refused()
        if problems:
            for error in problems:
                label = self.errors.get(error.field, self.banner)
                show_message(label, describe(error), "error")
            self._focus(problems[0].field)
            return
        try:
            # The logo first: the core refuses a file too big before anything is written.
            if self.logo != self.shop.shop_logo():
                self.shop.set_shop_logo(self.logo)
            self.identity = self.shop.set_shop_identity(self.typed())
            language = str(self.language_combo.currentData())
            if language != self.shop.document_language():  # unchanged: no audit line
                self.shop.set_setting("document_language", language)
        except GestcoError as error:
            field = self.messages.show_error(error)
            self._focus(field)
            return
        super().accept()

    def _focus(self, field: str) -> None:
        edit = self.edits.get(field)
        if edit is None:
            if field == "logo":
                self.logo_button.setFocus()
            return
        edit.setFocus()
        if isinstance(edit, QLineEdit):
            edit.selectAll()
