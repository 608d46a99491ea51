"""Nouvelle commande: key in the lines for the current client and validate; the number is
read back to the client from `lastOrderNumberLabel`."""

from __future__ import annotations

from datetime import date
from types import ModuleType

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gestco.config import current_user
from gestco.domain import CHANNELS, Client, Product
from gestco.errors import GestcoError, ValidationError
from gestco.phones import format_phone
from ui import formatting
from ui.labels import channel_label
from ui.models.order_lines import Column, OrderLinesModel
from ui.models.suggestions import COMPLETION_ROLE, SuggestionModel
from ui.signals import AppSignals
from ui.widgets.forms import InlineMessages, ReturnButton, message_label

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

        self.product_edit = QLineEdit(self)
        self.product_edit.setObjectName("productSearchEdit")
        self.product_edit.setPlaceholderText(self.tr("SKU or product name"))
        self.product_model = SuggestionModel(self)
        self.product_completer = QCompleter(self.product_model, self)
        self.product_completer.setCompletionMode(
            QCompleter.CompletionMode.UnfilteredPopupCompletion
        )
        self.product_completer.setCompletionRole(COMPLETION_ROLE)
        self.product_completer.setMaxVisibleItems(PRODUCT_SUGGESTIONS)
        self.product_edit.setCompleter(self.product_completer)
        self.quantity_spin = QSpinBox(self)
        self.quantity_spin.setObjectName("quantitySpin")
        self.quantity_spin.setRange(1, 9999)
        self.add_line_button = ReturnButton(self.tr("&Add line"), self)
        self.add_line_button.setObjectName("addLineButton")
        product_caption = QLabel(self.tr("&Product:"), self)
        product_caption.setBuddy(self.product_edit)
        quantity_caption = QLabel(self.tr("&Qty:"), self)
        quantity_caption.setBuddy(self.quantity_spin)
        entry_row = QHBoxLayout()
        entry_row.addWidget(product_caption)
        entry_row.addWidget(self.product_edit, 1)
        entry_row.addWidget(quantity_caption)
        entry_row.addWidget(self.quantity_spin)
        entry_row.addWidget(self.add_line_button)
        self.product_error = message_label("productError", self)

        self.lines_model = OrderLinesModel(self)
        self.lines_view = QTableView(self)
        self.lines_view.setObjectName("orderLinesView")
        self.lines_view.setModel(self.lines_model)
        self.lines_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.lines_view.verticalHeader().hide()
        header = self.lines_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.PRODUCT, QHeaderView.ResizeMode.Stretch)
        self.stock_warning = message_label("stockWarningLabel", self, kind="warning")

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
        left = QVBoxLayout()
        left.addLayout(entry_row)
        left.addWidget(self.product_error)
        left.addWidget(self.lines_view, 1)
        left.addWidget(self.stock_warning)
        middle.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(details)
        right.addStretch(1)
        middle.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(client_row)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        layout.addLayout(result_row)

        self.setTabOrder(self.product_edit, self.quantity_spin)
        self.setTabOrder(self.quantity_spin, self.add_line_button)
        self.setTabOrder(self.add_line_button, self.lines_view)
        self.setTabOrder(self.lines_view, self.channel_combo)
        self.setTabOrder(self.channel_combo, self.shipping_date_edit)
        self.setTabOrder(self.shipping_date_edit, self.address_edit)
        self.setTabOrder(self.address_edit, self.notes_edit)
        self.setTabOrder(self.notes_edit, self.validate_button)
        self.setTabOrder(self.validate_button, self.copy_button)

        self.product_edit.textEdited.connect(self._on_product_edit_text_edited)
        self.product_edit.returnPressed.connect(self.add_line)
        self.product_completer.activated[QModelIndex].connect(self._on_product_completer_activated)
        self.quantity_spin.lineEdit().returnPressed.connect(self.add_line)
        self.add_line_button.clicked.connect(self.add_line)
        self.identify_button.clicked.connect(self.identify_requested)
        self.validate_button.clicked.connect(self.validate)
        self.copy_button.clicked.connect(self.copy_number)
        self.lines_model.totals_changed.connect(self._update_totals)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.validate)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.copy_number)
        delete = QShortcut(
            QKeySequence.StandardKey.Delete, self.lines_view, self.remove_selected_line
        )
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)

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
            self.product_edit,
            self.quantity_spin,
            self.add_line_button,
            self.lines_view,
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
        self.lines_model.clear()
        self.product_edit.clear()
        self.quantity_spin.setValue(1)
        self.channel_combo.setCurrentIndex(self.channel_combo.findData("counter"))
        today = date.today()
        self.shipping_date_edit.setMinimumDate(QDate(today.year, today.month, today.day))
        self.shipping_date_edit.setDate(QDate(today.year, today.month, today.day))
        self.address_edit.setPlainText(self.client.postal_address if self.client else "")
        self.notes_edit.clear()
        self._update_totals()

    # --- lines ---------------------------------------------------------------------------
    @Slot(str)
    def _on_product_edit_text_edited(self, text: str) -> None:
        products = (
            self.stock.search_products(text, limit=PRODUCT_SUGGESTIONS) if text.strip() else []
        )
        rows = [
            (
                f"{p.sku} — {p.name} — {formatting.money(p.unit_price_cents)}"
                f" ({self.tr('available: %1').replace('%1', str(p.available))})",
                p.sku,
                p,
            )
            for p in products
        ]
        self.product_model.set_rows(rows)
        if rows:
            self.product_completer.complete()
        else:
            self.product_completer.popup().hide()

    @Slot(QModelIndex)
    def _on_product_completer_activated(self, index: QModelIndex) -> None:
        self.product_edit.setText(self.product_model.item(index.row()).sku)

    def _resolve_product(self, text: str) -> Product | None:
        """Exact SKU, else exact name, else the only product the text starts."""
        candidates = self.stock.search_products(text, limit=PRODUCT_SUGGESTIONS)
        wanted = text.strip().casefold()
        for product in candidates:
            if wanted in (product.sku.casefold(), product.name.casefold()):
                return product
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            self._show_product_error(
                self.tr("%1 products match: pick one from the list (↓).").replace(
                    "%1", str(len(candidates))
                )
            )
        else:
            self._show_product_error(
                self.tr("No product matches “%1”.").replace("%1", text.strip())
            )
        return None

    def _show_product_error(self, text: str) -> None:
        self.product_error.setText(text)
        self.product_error.show()
        self.product_edit.setFocus()
        self.product_edit.selectAll()

    @Slot()
    def add_line(self) -> None:
        if self.client is None:
            return
        self.product_completer.popup().hide()
        text = self.product_edit.text()
        if not text.strip():
            self._show_product_error(self.tr("Type a SKU or a product name."))
            return
        product = self._resolve_product(text)
        if product is None:
            return
        self.product_error.hide()
        row = self.lines_model.add(product, self.quantity_spin.value())
        self.lines_view.selectRow(row)
        self.product_edit.clear()
        self.quantity_spin.setValue(1)
        self.product_edit.setFocus()

    @Slot()
    def remove_selected_line(self) -> None:
        rows = self.lines_view.selectionModel().selectedRows()
        if rows:
            row = rows[0].row()
            self.lines_model.remove(row)
            if self.lines_model.rowCount():
                self.lines_view.selectRow(min(row, self.lines_model.rowCount() - 1))

    @Slot()
    def _update_totals(self) -> None:
        excl, tax, total = self.lines_model.totals()
        currency = self.settings.get_setting("currency")
        self.total_label.setText(
            self.tr("Excl. tax %1 · VAT %2 · Total %3")
            .replace("%1", formatting.money(excl))
            .replace("%2", formatting.money(tax))
            .replace("%3", formatting.money(total, currency))
        )
        short = self.lines_model.short_rows()
        if short:
            names = ", ".join(self.lines_model.lines()[r].product.sku for r in short)
            self.stock_warning.setText(
                self.tr(
                    "Not enough stock for %1: the order can be taken, it will wait for stock."
                ).replace("%1", names)
            )
            self.stock_warning.show()
        else:
            self.stock_warning.hide()

    @Slot()
    def _on_stock_changed(self) -> None:
        ids = [line.product.id for line in self.lines_model.lines()]
        if ids:
            self.lines_model.refresh_products(self.stock.get_products(ids))

    # --- validation ----------------------------------------------------------------------
    @Slot()
    def validate(self) -> None:
        if self.client is None:
            self.identify_requested.emit()
            return
        if not self.lines_model.rowCount():
            self._show_product_error(self.tr("Add at least one product to the order."))
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
