"""Nouvelle commande: key in the lines for the current client and validate; the number is
read back to the client from `lastOrderNumberLabel`."""

from __future__ import annotations

from datetime import date
from types import ModuleType

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gestco.config import current_user
from gestco.domain import CHANNELS, Client
from gestco.errors import GestcoError, ValidationError
from gestco.phones import format_phone
from ui import formatting
from ui.drafts import DraftStore
from ui.labels import channel_label
from ui.models.order_lines import DraftLine
from ui.signals import AppSignals
from ui.widgets.forms import InlineMessages, ReturnButton, message_label, show_message
from ui.widgets.lines_editor import LinesEditor

PRODUCT_SUGGESTIONS = 15


class NewOrderTab(QWidget):
    identify_requested = Signal()

    def __init__(
        self,
        *,
        orders: ModuleType,
        stock: ModuleType,
        clients: ModuleType,
        settings: ModuleType,
        signals: AppSignals,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newOrderTab")
        self.orders = orders
        self.stock = stock
        self.clients = clients
        self.settings = settings
        self.signals = signals
        self.client: Client | None = None
        self._restoring = False
        self._offering = False
        self.last_number = ""
        self.drafts: DraftStore | None = None  # set by the window: where drafts are kept
        self._build()
        self.set_client(None)
        signals.stock_changed.connect(self._on_stock_changed)

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.client_label = QLabel(self)
        self.client_label.setObjectName("orderClientLabel")
        self.client_label.setProperty("kind", "client")
        self.identify_button = ReturnButton(self.tr("Identify a client (F2)"), self)
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

        details = QGroupBox(self.tr("Delivery"), self)
        details.setMaximumWidth(self.fontMetrics().averageCharWidth() * 70)  # the rest: lines
        form = QFormLayout(details)
        self.channel_combo = QComboBox(details)
        self.channel_combo.setObjectName("channelCombo")
        for code in CHANNELS:
            self.channel_combo.addItem(channel_label(code), code)
        self.shipping_date_edit = QDateEdit(details)
        self.shipping_date_edit.setObjectName("shippingDateEdit")
        self.shipping_date_edit.setCalendarPopup(True)
        self.shipping_date_edit.setDisplayFormat("dd/MM/yyyy")
        self.address_edit = QPlainTextEdit(details)
        self.address_edit.setObjectName("shippingAddressEdit")
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.notes_edit = QLineEdit(details)
        self.notes_edit.setObjectName("orderNotesEdit")
        self.banner = message_label("orderErrorLabel", self)
        self.messages = InlineMessages(self.banner)
        form.addRow(self.tr("&Channel"), self.channel_combo)
        form.addRow(self.tr("Shipping &date"), self.shipping_date_edit)
        form.addRow(
            "", self.messages.add("shipping_date", message_label("shippingDateError", details))
        )
        form.addRow(self.tr("Shippin&g address"), self.address_edit)
        form.addRow(self.tr("Remar&ks"), self.notes_edit)
        self.messages.add("quantity", self.product_error)
        self.messages.add("product", self.product_error)
        self.messages.add("lines", self.product_error)
        self.messages.add("discount", self.product_error)

        self.total_label = QLabel(self)
        self.total_label.setObjectName("orderTotalLabel")
        self.total_label.setProperty("kind", "total")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.validate_button = ReturnButton(self.tr("&Validate order (Ctrl+Return)"), self)
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

        middle = QHBoxLayout()
        middle.addWidget(self.lines, 1)
        right = QVBoxLayout()
        right.addWidget(details)
        right.addStretch(1)
        middle.addLayout(right, 0)  # its own width; the lines take the rest
        layout = QVBoxLayout(self)
        layout.addLayout(client_row)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        layout.addLayout(result_row)

        self.setTabOrder(self.lines_view, self.channel_combo)
        self.setTabOrder(self.channel_combo, self.shipping_date_edit)
        self.setTabOrder(self.shipping_date_edit, self.address_edit)
        self.setTabOrder(self.address_edit, self.notes_edit)
        self.setTabOrder(self.notes_edit, self.validate_button)
        self.setTabOrder(self.validate_button, self.copy_button)

        self.identify_button.clicked.connect(self.identify_requested)
        self.validate_button.clicked.connect(self.validate)
        self.copy_button.clicked.connect(self.copy_number)
        self.lines.changed.connect(self._update_totals)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(300)
        self._draft_timer.timeout.connect(self.save_draft)
        self.lines.changed.connect(self._draft_timer.start)
        self.channel_combo.currentIndexChanged.connect(self._draft_timer.start)
        self.shipping_date_edit.dateChanged.connect(self._draft_timer.start)
        self.address_edit.textChanged.connect(self._draft_timer.start)
        self.notes_edit.textChanged.connect(self._draft_timer.start)
        self.draft_banner = message_label("draftBanner", self, kind="warning")
        self.restore_draft_button = ReturnButton(self.tr("R&estore it"), self)
        self.restore_draft_button.setObjectName("restoreDraftButton")
        self.discard_draft_button = ReturnButton(self.tr("Discard"), self)
        self.discard_draft_button.setObjectName("discardDraftButton")
        draft_row = QHBoxLayout()
        draft_row.addWidget(self.draft_banner, 1)
        draft_row.addWidget(self.restore_draft_button)
        draft_row.addWidget(self.discard_draft_button)
        self.layout().insertLayout(0, draft_row)
        self._show_draft_offer(False)
        self.restore_draft_button.clicked.connect(self.restore_draft)
        self.discard_draft_button.clicked.connect(self.discard_draft)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.validate)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.copy_number)

    # --- client --------------------------------------------------------------------------
    def set_client(self, client: Client | None) -> None:
        """Start a fresh order for `client` (None: no client yet)."""
        self.client = client
        self.messages.clear()
        if client is None:
            show_message(
                self.client_label, self.tr("No client: identify the client first (F2)."), "warning"
            )
        else:
            phone = format_phone(client.phone, self.settings.region())
            city = f" · {client.city}" if client.city else ""
            named = f"{client.display_name} · {phone}{city}"
            show_message(self.client_label, self.tr("Client: %1").replace("%1", named), "client")
        self.identify_button.setText(
            self.tr("Change client (F2)") if client else self.tr("Identify a client (F2)")
        )
        for widget in (
            self.lines,
            self.channel_combo,
            self.shipping_date_edit,
            self.address_edit,
            self.notes_edit,
            self.validate_button,
        ):
            widget.setEnabled(client is not None)
        self._reset_form()

    def focus_entry(self) -> None:
        (self.product_edit if self.client else self.identify_button).setFocus()

    # --- drafts: what is keyed survives a crash ------------------------------------------
    @Slot()
    def save_draft(self) -> None:
        if self.drafts is None or self._restoring or self._offering:
            return  # never overwrite a draft the clerk has not yet taken back or discarded
        if self.client is None or not self.lines_model.rowCount():
            self.drafts.clear()
            return
        qdate = self.shipping_date_edit.date()
        self.drafts.save(
            {
                "client_id": self.client.id,
                "client_name": self.client.display_name,
                "lines": [
                    [d.product.id, d.quantity, d.discount_bp] for d in self.lines_model.lines()
                ],
                "channel": self.channel_combo.currentData(),
                "shipping_date": date(qdate.year(), qdate.month(), qdate.day()).isoformat(),
                "address": self.address_edit.toPlainText(),
                "notes": self.notes_edit.text(),
            }
        )

    def offer_draft(self) -> bool:
        """At start: an order keyed but never validated is offered back."""
        draft = self.drafts.load() if self.drafts else None
        if draft is None:
            return False
        count = len(draft["lines"])
        self.draft_banner.setText(
            self.tr("An order for %1 (%2 lines) was being keyed when GESTCO stopped.")
            .replace("%1", str(draft.get("client_name", "")))
            .replace("%2", str(count))
        )
        self._show_draft_offer(True)
        return True

    def _show_draft_offer(self, shown: bool) -> None:
        self._offering = shown
        for widget in (self.draft_banner, self.restore_draft_button, self.discard_draft_button):
            widget.setVisible(shown)

    @Slot()
    def restore_draft(self) -> None:
        draft = self.drafts.load() if self.drafts else None
        self._show_draft_offer(False)
        if draft is None:
            return
        try:
            client = self.clients.get_client(int(draft["client_id"]))
            products = self.stock.get_products([int(line[0]) for line in draft["lines"]])
        except (GestcoError, KeyError, TypeError, ValueError):
            self.messages.show_banner(
                self.tr("The unfinished order could not be restored."), "error"
            )
            return
        self._restoring = True
        try:
            self.set_client(client)
            self.lines_model.set_lines(
                [
                    DraftLine(products[int(pid)], int(qty), int(discount))
                    for pid, qty, discount in draft["lines"]
                    if int(pid) in products
                ]
            )
            self.channel_combo.setCurrentIndex(
                max(0, self.channel_combo.findData(draft.get("channel")))
            )
            ship = date.fromisoformat(draft.get("shipping_date") or date.today().isoformat())
            ship = max(ship, date.today())
            self.shipping_date_edit.setDate(QDate(ship.year, ship.month, ship.day))
            self.address_edit.setPlainText(str(draft.get("address", "")))
            self.notes_edit.setText(str(draft.get("notes", "")))
        finally:
            self._restoring = False
        self.save_draft()
        self.focus_entry()

    @Slot()
    def discard_draft(self) -> None:
        self._show_draft_offer(False)
        if self.drafts:
            self.drafts.clear()

    def _reset_form(self) -> None:
        self.lines.reset()
        self.channel_combo.setCurrentIndex(self.channel_combo.findData("counter"))
        today = date.today()
        self.shipping_date_edit.setMinimumDate(QDate(today.year, today.month, today.day))
        self.shipping_date_edit.setDate(QDate(today.year, today.month, today.day))
        self.address_edit.setPlainText(self.client.postal_address if self.client else "")
        self.notes_edit.clear()
        self._update_totals()

    @Slot()
    def _update_totals(self) -> None:
        self.total_label.setText(self.lines.totals_text(self.settings.get_setting("currency")))

    @Slot()
    def _on_stock_changed(self) -> None:
        self.lines.refresh_stock()

    # --- validation ----------------------------------------------------------------------
    @Slot()
    def validate(self) -> None:
        if self.client is None:
            self.identify_requested.emit()
            return
        if not self.lines_model.rowCount():
            self.lines.show_error(self.tr("Add at least one product to the order."))
            return
        qdate = self.shipping_date_edit.date()
        try:
            order = self.orders.create_order(
                client_id=self.client.id,
                lines=[line.to_input() for line in self.lines_model.lines()],
                channel=self.channel_combo.currentData(),
                shipping_date=date(qdate.year(), qdate.month(), qdate.day()),
                shipping_address=self.address_edit.toPlainText(),
                notes=self.notes_edit.text(),
                actor=current_user(),
            )
        except GestcoError as error:
            field = self.messages.show_error(error)
            if isinstance(error, ValidationError) and error.field.startswith("lines["):
                row = int(error.field[6 : error.field.index("]")])
                self.lines_view.selectRow(row)
            if field == "shipping_date":
                self.shipping_date_edit.setFocus()
            return
        self.last_number_label.setText(
            self.tr("Order %1 recorded — total %2")
            .replace("%1", order.number)
            .replace(
                "%2", formatting.money(order.total_cents, self.settings.get_setting("currency"))
            )
        )
        if self.drafts:
            self.drafts.clear()  # at once: a crash now must not offer a validated order back
        self.last_number = order.number
        self.copy_button.setEnabled(True)
        self._reset_form()
        self.signals.orders_changed.emit()
        self.signals.stock_changed.emit()
        self.product_edit.setFocus()

    @Slot()
    def copy_number(self) -> None:
        if self.last_number:
            QGuiApplication.clipboard().setText(self.last_number)
