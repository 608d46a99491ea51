"""Nouvelle commande: key in the lines for the current client and validate; the number is
read back to the client from `lastOrderNumberLabel`."""

from __future__ import annotations

from datetime import date
from types import ModuleType

from PySide6.QtCore import QDate, Qt, Signal, Slot
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
from ui.labels import channel_label
from ui.signals import AppSignals
from ui.widgets.forms import InlineMessages, ReturnButton, message_label
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
        self.last_number = ""
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
        form.addRow(self.tr("C&hannel"), self.channel_combo)
        form.addRow(self.tr("Shipping &date"), self.shipping_date_edit)
        form.addRow(
            "", self.messages.add("shipping_date", message_label("shippingDateError", details))
        )
        form.addRow(self.tr("Shipping addr&ess"), self.address_edit)
        form.addRow(self.tr("No&tes"), self.notes_edit)
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
        middle.addWidget(self.lines, 3)
        right = QVBoxLayout()
        right.addWidget(details)
        right.addStretch(1)
        middle.addLayout(right, 2)
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
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.validate)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.copy_number)

    # --- client --------------------------------------------------------------------------
    def set_client(self, client: Client | None) -> None:
        """Start a fresh order for `client` (None: no client yet)."""
        self.client = client
        self.messages.clear()
        if client is None:
            self.client_label.setText(self.tr("No client: identify the client first (F2)."))
            self.client_label.setProperty("kind", "warning")
        else:
            phone = format_phone(client.phone, self.settings.region())
            city = f" · {client.city}" if client.city else ""
            self.client_label.setText(
                self.tr("Client: %1").replace("%1", f"{client.display_name} · {phone}{city}")
            )
            self.client_label.setProperty("kind", "client")
        self.client_label.style().unpolish(self.client_label)
        self.client_label.style().polish(self.client_label)
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
