"""Identification client: type a phone number, the client is found or recorded in seconds."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.change_areas import Area
from gestco.domain.errors import ConflictError, GestcoError
from gestco.domain.phones import format_phone
from gestco.domain.records import Client
from ui.display import bidi
from ui.models.order_rows import OrderRowsModel
from ui.models.suggestions import COMPLETION_ROLE, SuggestionModel
from ui.runtime.services import ClientServices, RelationshipServices, SettingsServices
from ui.runtime.signals import AppSignals
from ui.widgets.client_form import ClientForm
from ui.widgets.forms import (
    field_row,
    left_to_right,
    message_label,
    show_message,
    suggestion_list,
)
from ui.widgets.shown_client import ShownClient
from ui.widgets.tables import keyboard_table

SUGGESTIONS = 12
RECENT_ORDERS = 10

# What this screen shows: it refreshes when a change touches one of these areas (a found
# client's last orders; the client's details, unless the clerk is editing them:
# ui.widgets.shown_client).
SHOWS = (Area.ORDERS, Area.CLIENTS)


class IdentifyTab(QWidget):
    """Emits `client_ready` with the client once found or recorded, None after a refused
    number."""

    client_ready = Signal(object)

    def __init__(
        self,
        *,
        clients: ClientServices,
        relationship: RelationshipServices,
        settings: SettingsServices,
        signals: AppSignals,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("identifyTab")
        self.clients = clients
        self.relationship = relationship
        self.settings = settings
        self.signals = signals
        self.client: Client | None = None
        self._new_phone = ""  # the unknown number a new client is being recorded for
        self._build()
        self._set_state(None, "")
        signals.follow(self, SHOWS, self._on_shown_data_changed)

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("phoneEdit")
        self.phone_edit.setPlaceholderText(self.tr("06 12 34 56 78, +212 6 12 34 56 78 or a name"))
        self.phone_edit.setClearButtonEnabled(True)
        left_to_right(self.phone_edit)  # a number mostly (a name typed in reads as well)
        font = self.phone_edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.phone_edit.setFont(font)
        self.identify_button = QPushButton(self.tr("I&dentify"), self)
        self.identify_button.setObjectName("identifyButton")
        self.suggestions = SuggestionModel(self)
        self.completer = QCompleter(self.suggestions, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(COMPLETION_ROLE)
        self.completer.setMaxVisibleItems(SUGGESTIONS)
        self.phone_edit.setCompleter(self.completer)
        self.phone_error = message_label("phoneError", self)
        self.state_label = message_label("identifyStateLabel", self, kind="info")

        search_row = field_row(self, self.tr("Phone:"), self.phone_edit, self.identify_button)

        self.banner = message_label("clientFormMessage", self)
        self.form = ClientForm(banner=self.banner, phone_name="clientPhoneEdit", parent=self)
        self.fields = self.form.fields
        self.notes_edit = self.form.notes_edit
        self.shown = ShownClient(self.form, self.clients, self.settings.region)
        details = self.form

        self.save_button = QPushButton(self.tr("Sa&ve client (Ctrl+S)"), self)
        self.save_button.setObjectName("saveClientButton")
        self.start_order_button = QPushButton(self.tr("Ne&w order for this client"), self)
        self.start_order_button.setObjectName("startOrderButton")
        self.start_order_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.banner, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.start_order_button)

        self.orders_model = OrderRowsModel(self)
        self.orders_view = QTableView(self)
        self.orders_view.setObjectName("clientLastOrdersView")
        keyboard_table(self.orders_view)
        self.orders_view.setModel(self.orders_model)
        self.orders_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.orders_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.orders_view.verticalHeader().hide()
        self.orders_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.orders_caption = QLabel(self.tr("Last orders"), self)
        self.orders_caption.setProperty("kind", "caption")

        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.phone_error)
        layout.addWidget(self.state_label)
        layout.addWidget(details)
        layout.addLayout(buttons)
        layout.addWidget(self.orders_caption)
        layout.addWidget(self.orders_view, 1)
        layout.addStretch(0)  # a new client has no orders table: keep the form at the top

        self.setTabOrder(self.phone_edit, self.identify_button)
        self.setTabOrder(self.identify_button, self.fields["phone"])
        self.setTabOrder(self.notes_edit, self.save_button)
        self.setTabOrder(self.save_button, self.start_order_button)

        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(60)  # coalesce fast typing; each search is < 1 ms
        self._suggest_timer.timeout.connect(self._suggest)
        self.phone_edit.textEdited.connect(self._on_phone_edit_text_edited)
        self.phone_edit.returnPressed.connect(self.identify)
        self.identify_button.clicked.connect(self.identify)
        # PySide6's stub types the signal as not indexable; an overloaded one picks by type
        self.completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._on_completer_activated
        )
        self.save_button.clicked.connect(self.save)
        self.start_order_button.clicked.connect(self._on_start_order_button_clicked)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.form.submitted.connect(self.save)
        for name in ("first_name", "last_name"):
            self.fields[name].textEdited.connect(self._on_name_text_edited)

    # --- behaviour -----------------------------------------------------------------------
    def reset(self) -> None:
        """Another operator signs in: no client left shown from the previous one's work."""
        self._suggest_timer.stop()
        self.phone_edit.clear()
        self._set_state(None, "")

    def hideEvent(self, event: QHideEvent) -> None:
        """Left for another screen (the client's order, say): 'Client saved.' has been read
        and goes, not to greet the clerk again with F2 (a minimised window keeps it)."""
        if not event.spontaneous():
            self.form.messages.forget_success()
        super().hideEvent(event)

    def focus_phone(self) -> None:
        self.phone_edit.setFocus()
        self.phone_edit.selectAll()

    def focus_entry(self) -> None:
        """The screen's first field (the window's start, a switch-in)."""
        self.focus_phone()

    @Slot(str)
    def _on_phone_edit_text_edited(self, _text: str) -> None:
        self.phone_error.hide()  # being corrected: the old message no longer holds
        self._suggest_timer.start()

    @Slot()
    def _on_name_text_edited(self) -> None:
        if self.client is None and self._new_phone and self.form.has_name():
            show_message(
                self.state_label,
                self.tr("New client: check the details, then Save (Ctrl+S)."),
                "info",
            )

    @Slot()
    def _suggest(self) -> None:
        text = self.phone_edit.text()
        matches = self.clients.search_clients(text, limit=SUGGESTIONS) if text.strip() else []
        region = self.settings.region()
        rows = []
        for match in matches:
            phone = format_phone(match.phone, region)
            shown = f"{bidi.ltr(phone)}  —  {bidi.name(match.display_name)}" + (
                f", {bidi.name(match.city)}" if match.city else ""
            )
            rows.append((shown, phone, match.id))
        self.suggestions.set_rows(rows)
        if rows and self.phone_edit.hasFocus():
            self.completer.complete()
        else:
            suggestion_list(self.completer).hide()

    @Slot(QModelIndex)
    def _on_completer_activated(self, index: QModelIndex) -> None:
        client_id = self.suggestions.item(index.row())
        try:
            self._show_found(self.clients.get_client(client_id))
        except GestcoError as error:
            self._show_phone_error(error)

    @Slot()
    def identify(self) -> None:
        """Look up the typed phone: fill the found client, or open a new client's form."""
        self._suggest_timer.stop()
        suggestion_list(self.completer).hide()
        text = self.phone_edit.text()
        try:
            found = self.clients.identify(text)
        except GestcoError as error:
            if self.suggestions.rowCount() == 1 and not any(c.isdigit() for c in text):
                self._on_completer_activated(self.suggestions.index(0, 0))  # a unique name
                return
            self._show_phone_error(error)
            return
        if found is not None:
            self._show_found(found)
        else:
            self._show_new(text)

    def _show_phone_error(self, error: GestcoError) -> None:
        """A refused number: no client is current any more (nothing can be saved or ordered
        for the one shown before); the refused text stays in the field to be corrected."""
        from ui.display.errors import describe

        self._set_state(None, "")
        self.phone_error.setText(describe(error))
        self.phone_error.show()
        self.phone_edit.setFocus()
        self.phone_edit.deselect()
        self.phone_edit.end(False)  # the cursor after the text, to complete or correct it
        self.client_ready.emit(None)

    def refuses_an_order(self) -> bool:
        """F3 (a new order for the current client) after a refused number: there is none.
        Says so in the phone field's message, under the number's own reason; True when it
        did (the number is to be corrected here, nothing else happens)."""
        if self.client is not None or self._new_phone or self.phone_error.isHidden():
            return False
        reason = self.phone_error.text().split("\n")[0]
        show_message(
            self.phone_error,
            reason
            + "\n"
            + self.tr("No client, so no order yet: correct the number, Return, then F3."),
            "error",
        )
        self.phone_edit.setFocus()
        return True

    def _show_found(self, client: Client) -> None:
        self._set_state(client, "")
        self.phone_edit.setText(format_phone(client.phone, self.settings.region()))
        self.start_order_button.setFocus()
        self.client_ready.emit(client)

    def _show_new(self, typed_phone: str) -> None:
        self._set_state(None, typed_phone)
        self.phone_edit.setText(self.fields["phone"].text())  # formatted, as a known one's
        self.fields["first_name"].setFocus()

    def _set_state(self, client: Client | None, new_phone: str) -> None:
        """Fill the form from `client`, or empty it for a new client with `new_phone`."""
        self.client = client
        self._new_phone = "" if client is not None else new_phone.strip()
        self.phone_error.hide()
        self.form.fill(client, region=self.settings.region(), phone=new_phone)
        self.start_order_button.setEnabled(client is not None)
        # Before a number is looked up there is no one to record: the form waits greyed.
        self._editable(client is not None or bool(self._new_phone))
        if client is not None:
            known = self.tr("Known client: %1").replace("%1", bidi.name(client.display_name))
            show_message(self.state_label, known, "success")
        elif new_phone.strip():
            show_message(
                self.state_label,
                self.tr(
                    "New client: this number is not known yet. Fill in the name, then "
                    "Save (Ctrl+S)."
                ),
                "info",
            )
        else:
            self.state_label.hide()
        self._refresh_orders()

    def _editable(self, editable: bool) -> None:
        """`editable` unless the client shown was anonymised: their details never change
        again (as on the client page), and the form says so instead of a phone error."""
        gone = self.client is not None and self._anonymised(self.client)
        self.form.setEnabled(editable and not gone)
        self.save_button.setEnabled(editable and not gone)
        if gone:
            self.form.show_banner(
                QCoreApplication.translate(
                    "core", "This client was anonymised: their details can no longer change."
                ),
                "warning",
            )

    def _anonymised(self, client: Client) -> bool:
        return self.relationship.relationship(client.id).anonymised_at is not None

    @Slot()
    def save(self) -> None:
        """Record the new client, or save the found client's edits."""
        if self.client is None and not self._new_phone:
            if self.phone_error.isHidden():  # a refused number's message already says why
                show_message(
                    self.phone_error,
                    self.tr("Type the client's phone number and press Return first."),
                    "error",
                )
            self.phone_edit.setFocus()
            return
        try:
            if self.client is None:
                saved = self.clients.create_client(self.form.to_input())
            else:
                saved = self.clients.update_client(
                    self.client.id,
                    self.form.to_input(),
                    expected_version=self.client.version,
                )
        except ConflictError as error:
            if self.client is not None:
                self._take(self.shown.after_refused_save(self.client, error))
            return
        except GestcoError as error:
            if self.client is not None and self._anonymised(self.client):
                self._set_state(self.clients.get_client(self.client.id), "")  # as they now are
                return
            self.form.show_error(error)
            return
        self._show_found(saved)
        self.form.show_banner(self.tr("Client saved."), "success")

    @Slot()
    def _on_start_order_button_clicked(self) -> None:
        if self.client is not None:
            self.signals.start_order_for_client.emit(self.client.id)

    @Slot()
    def _on_shown_data_changed(self) -> None:
        if self.client is not None:
            self._take(self.shown.follow(self.client))
        self._refresh_orders()

    def _take(self, client: Client | None) -> None:
        """The version of the shown client the form now holds (a newer one from elsewhere)."""
        if client is None or client is self.client:
            return
        self.client = client
        known = self.tr("Known client: %1").replace("%1", bidi.name(client.display_name))
        show_message(self.state_label, known, "success")
        self._editable(True)  # anonymised elsewhere: no longer
        if not self.phone_edit.hasFocus():
            self.phone_edit.setText(format_phone(client.phone, self.settings.region()))
        # Not announced as client_ready: nobody identified anyone (the new order re-reads
        # its own client on the same change).

    @Slot()
    def _refresh_orders(self) -> None:
        rows = (
            self.clients.client_orders(self.client.id, limit=RECENT_ORDERS) if self.client else []
        )
        self.orders_model.set_rows(rows)
        self.orders_view.setVisible(self.client is not None)
        self.orders_caption.setVisible(self.client is not None)
