"""Nouvelle commande: key in the lines for the current client and validate; the number is
read back to the client from `lastOrderNumberLabel`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.change_areas import Area
from gestco.domain.errors import GestcoError, ValidationError
from gestco.domain.permissions import Permission
from gestco.domain.phones import format_phone
from gestco.domain.records import Client
from ui.display import bidi, formatting
from ui.runtime.drafts import DraftStore
from ui.runtime.services import (
    ClientServices,
    OrderServices,
    PaymentServices,
    SessionServices,
    SettingsServices,
    StockServices,
)
from ui.runtime.signals import AppSignals
from ui.tabs.new_order_drafts import KeptOrders
from ui.widgets.approval import with_approval
from ui.widgets.delivery_form import DeliveryForm
from ui.widgets.deposit_box import DepositBox
from ui.widgets.forms import InlineMessages, message_label, show_message
from ui.widgets.lines_editor import LinesEditor

PRODUCT_SUGGESTIONS = 15

# What this screen shows: it refreshes when a change touches one of these areas.
# (the lines' available stock, the totals' currency, the overselling rule, the client's name)
SHOWS = (Area.STOCK, Area.SETTINGS, Area.CLIENTS)


class NewOrderTab(KeptOrders, QWidget):
    identify_requested = Signal()
    offer_changed = Signal()  # kept orders offered, or no longer (waiting_text says which)

    def __init__(
        self,
        *,
        orders: OrderServices,
        stock: StockServices,
        clients: ClientServices,
        settings: SettingsServices,
        session: SessionServices,
        signals: AppSignals,
        payments: PaymentServices | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newOrderTab")
        self.session = session
        self.orders = orders
        self.stock = stock
        self.clients = clients
        self.settings = settings
        self.signals = signals
        self.payments = payments or PaymentServices(signals)
        self.client: Client | None = None
        self._restoring = False
        self.last_number = ""
        self.drafts: DraftStore | None = None  # set by the window: where drafts are kept
        self._build()
        self.set_client(None)
        signals.follow(self, SHOWS, self._on_shown_data_changed)

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.client_label = QLabel(self)
        self.client_label.setObjectName("orderClientLabel")
        self.client_label.setProperty("kind", "client")
        self.identify_button = QPushButton(self.tr("Identify a client (F2)"), self)
        self.identify_button.setObjectName("goIdentifyButton")
        client_row = QHBoxLayout()
        client_row.addWidget(self.client_label, 1)
        client_row.addWidget(self.identify_button)

        self.lines = LinesEditor(stock=self.stock, parent=self)
        self.product_edit = self.lines.product_edit
        self.quantity_spin = self.lines.quantity_spin
        self.lines_model = self.lines.model
        self.lines_view = self.lines.view
        self.product_error = self.lines.error
        self.stock_warning = self.lines.stock_warning

        self.banner = message_label("orderErrorLabel", self)
        self.messages = InlineMessages(self.banner)
        self.delivery = DeliveryForm(messages=self.messages, parent=self)
        self.channel_combo = self.delivery.channel_combo
        self.shipping_date = self.delivery.shipping_date
        self.shipping_date_edit = self.shipping_date.edit
        self.address_edit = self.delivery.address_edit
        self.notes_edit = self.delivery.notes_edit
        self.address_error = self.delivery.address_error
        self.notes_error = self.delivery.notes_error
        self.messages.add("quantity", self.product_error)
        self.messages.add("product", self.product_error)
        self.messages.add("lines", self.product_error)
        self.messages.add("discount", self.product_error)

        self.total_label = QLabel(self)
        self.total_label.setObjectName("orderTotalLabel")
        self.total_label.setProperty("kind", "total")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.validate_button = QPushButton(self.tr("&Validate order (Ctrl+Return)"), self)
        self.validate_button.setObjectName("validateOrderButton")
        self.last_number_label = QLabel(self)
        self.last_number_label.setObjectName("lastOrderNumberLabel")
        self.last_number_label.setProperty("kind", "number")
        self.last_number_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.copy_button = QToolButton(self)
        self.copy_button.setObjectName("copyNumberButton")
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the order number (Ctrl+Shift+C)"))
        self.copy_button.setEnabled(False)
        result_row = QHBoxLayout()
        result_row.addWidget(self.last_number_label, 1)
        result_row.addWidget(self.copy_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.banner, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.total_label)
        bottom.addWidget(self.validate_button)

        layout = QVBoxLayout(self)
        layout.addLayout(client_row)
        layout.addWidget(self.lines, 1)  # the lines take the room the screen has
        layout.addWidget(self.delivery)
        # its own row, right under the total: beside it the row passed 1024 pixels
        self.deposit = DepositBox(messages=self.messages, parent=self)
        layout.addWidget(self.deposit, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(bottom)
        layout.addLayout(result_row)

        self.setTabOrder(self.lines_view, self.channel_combo)
        self.setTabOrder(self.channel_combo, self.shipping_date_edit)
        self.setTabOrder(self.shipping_date_edit, self.address_edit)
        self.setTabOrder(self.address_edit, self.notes_edit)
        self.setTabOrder(self.notes_edit, self.deposit.amount_edit)
        self.setTabOrder(self.deposit.amount_edit, self.deposit.method_combo)
        self.setTabOrder(self.deposit.method_combo, self.validate_button)
        self.setTabOrder(self.validate_button, self.copy_button)

        self.identify_button.clicked.connect(self.identify_requested)
        self.validate_button.clicked.connect(self.validate)
        self.copy_button.clicked.connect(self.copy_number)
        self.lines.changed.connect(self._update_totals)
        # A message goes as soon as its field is being corrected.
        self.notes_edit.textEdited.connect(self.notes_error.hide)
        self.address_edit.textChanged.connect(self.address_error.hide)
        self.lines.changed.connect(self._on_lines_changed)
        # The last order's number goes as soon as the next order is being keyed, whatever
        # field it starts in (typed: not the form's own reset after validating).
        for edit in (
            self.product_edit,
            self.quantity_spin.lineEdit(),
            self.shipping_date_edit,
            self.notes_edit,
        ):
            edit.textEdited.connect(self._on_next_order_started)
        self.channel_combo.activated.connect(self._on_next_order_started)
        self.address_edit.installEventFilter(self)
        self.build_kept_orders(layout)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.validate)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.copy_number)

    # --- client --------------------------------------------------------------------------
    def set_client(self, client: Client | None) -> None:
        """Start a fresh order for `client` (None: no client yet)."""
        self.client = client
        self._clear_last_number()  # the previous client's order number is no longer news
        if client is None:
            show_message(
                self.client_label, self.tr("No client: identify the client first (F2)."), "warning"
            )
        else:
            self._show_client(client)
        self.identify_button.setText(
            self.tr("Change client (F2)") if client else self.tr("Identify a client (F2)")
        )
        for widget in (
            self.lines,
            self.channel_combo,
            self.shipping_date,
            self.address_edit,
            self.notes_edit,
            self.deposit,
            self.validate_button,
        ):
            widget.setEnabled(client is not None)
        self._reset_form()

    def _show_client(self, client: Client) -> None:
        phone = format_phone(client.phone, self.settings.region())
        city = f" · {bidi.name(client.city)}" if client.city else ""
        named = f"{bidi.name(client.display_name)} · {bidi.ltr(phone)}{city}"
        show_message(self.client_label, self.tr("Client: %1").replace("%1", named), "client")

    def _reread_client(self) -> None:
        """The order's client renamed (here or elsewhere): the banner says the new name; the
        lines being keyed stay."""
        if self.client is None:
            return
        try:
            fresh = self.clients.get_client(self.client.id)
        except GestcoError:
            return  # gone: validating says so
        if fresh != self.client:
            self.client = fresh
            self._show_client(fresh)

    def focus_entry(self) -> None:
        (self.product_edit if self.client else self.identify_button).setFocus()

    def waiting_text(self) -> str:
        """What the status bar says while kept orders wait ('' for none)."""
        kept = self.drafts.kept() if self.drafts and self.draft_offer.shown else []
        if not kept:
            return ""
        if len(kept) == 1:
            return self.tr("Your unfinished order for %1 waits on New order (F3).").replace(
                "%1", bidi.name(str(kept[0].get("client_name", "")))
            )
        return self.tr("%n unfinished orders of yours wait on New order (F3).", "", len(kept))

    def allow(self, can: Callable[[Permission], bool]) -> None:
        """Nothing to hide here: a discount above the shop's threshold asks a manager's PIN
        when the order is validated (the core says when)."""

    def _clear_last_number(self) -> None:
        self.last_number = ""
        self.last_number_label.clear()
        self.copy_button.setEnabled(False)

    @Slot()
    def _on_lines_changed(self) -> None:
        if self.lines_model.rowCount() and self.last_number_label.text():
            self._clear_last_number()  # the next order is being keyed

    @Slot()
    def _on_next_order_started(self) -> None:
        if self.last_number_label.text():
            self._clear_last_number()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The address has no textEdited: a key typed in it starts the next order too.
        if watched is self.address_edit and event.type() == QEvent.Type.KeyPress:
            self._on_next_order_started()
        return super().eventFilter(watched, event)

    def _reset_form(self) -> None:
        self.messages.clear()
        self.lines.reset()
        self.channel_combo.setCurrentIndex(self.channel_combo.findData("counter"))
        self.shipping_date.set_minimum(date.today())
        self.shipping_date.set_date(date.today())
        self.address_edit.setPlainText(self.client.postal_address if self.client else "")
        self.notes_edit.clear()
        self.deposit.clear()
        self._update_totals()

    @Slot()
    def _update_totals(self) -> None:
        self.total_label.setText(self.lines.totals_text(self.settings.get_setting("currency")))

    @Slot()
    def _on_shown_data_changed(self) -> None:
        self.lines.refresh_stock()
        self._update_totals()  # the currency, the overselling rule
        self._reread_client()

    # --- validation ----------------------------------------------------------------------
    @Slot()
    def validate(self) -> None:
        if self.client is None:
            self.identify_requested.emit()
            return
        self.lines_view.commit_editing()  # Ctrl+Return while a quantity is being typed
        self.messages.clear()  # this attempt says what is wrong now, nothing older
        if not self.lines_model.rowCount():
            self.lines.show_error(self.tr("Add at least one product to the order."))
            return
        if self.product_edit.text().strip():  # typed, not added: it would be silently left out
            self.lines.show_error(
                self.tr("“%1” is typed but not added: Return adds it, Escape clears it.").replace(
                    "%1", bidi.name(self.product_edit.text().strip())
                )
            )
            return
        shipping = self.shipping_date.value()
        if shipping is None:  # refused, the reason beside the field: nothing is saved
            self.shipping_date_edit.setFocus()
            self.shipping_date_edit.selectAll()
            return
        client_id = self.client.id
        lines = [line.to_input() for line in self.lines_model.lines()]
        channel = self.channel_combo.currentData()
        address, notes = self.address_edit.toPlainText(), self.notes_edit.text()
        deposit = self.deposit.value()
        try:
            # A clerk's discount above the threshold: a manager's PIN on the spot.
            order = with_approval(
                self,
                self.session,
                lambda approval: self.orders.create_order(
                    client_id=client_id,
                    lines=lines,
                    channel=channel,
                    shipping_date=shipping,
                    shipping_address=address,
                    notes=notes,
                    approval=approval,
                    deposit=deposit,
                ),
            )
        except GestcoError as error:
            field = self.messages.show_error(error)
            if isinstance(error, ValidationError) and error.field.startswith("lines["):
                row = int(error.field[6 : error.field.index("]")])
                self.lines_view.selectRow(row)
            focus = {
                "shipping_date": self.shipping_date_edit,
                "shipping_address": self.address_edit,
                "notes": self.notes_edit,
                "amount": self.deposit.amount_edit,
                "method": self.deposit.method_combo,
            }.get(field)
            if focus is not None:
                focus.setFocus()
            return
        if order is None:
            self.messages.show_banner(
                self.tr("No manager approved the discount: the order is not recorded."), "warning"
            )
            return
        currency = self.settings.get_setting("currency")
        due = self.payments.balance(order.id).due_cents
        self.last_number_label.setText(
            self.tr("Order %1 recorded — total %2 · balance due %3")
            .replace("%1", bidi.ltr(order.number))
            .replace("%2", bidi.ltr(formatting.money(order.total_cents, currency)))
            .replace("%3", bidi.ltr(formatting.money(due, currency)))
        )
        if self.drafts:
            self.drafts.clear()  # at once: a crash now must not offer a validated order back
        self.last_number = order.number
        self.copy_button.setEnabled(True)
        self._reset_form()
        self.product_edit.setFocus()

    @Slot()
    def copy_number(self) -> None:
        if self.last_number:
            QGuiApplication.clipboard().setText(self.last_number)
