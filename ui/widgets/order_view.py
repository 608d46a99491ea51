"""One order, found by its number: header, lines (editable while to process), delivery
details, status along the allowed path, and its history. Saving is one transaction; a
conflicting save by someone else is said plainly and the order reloaded."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import ConflictError, GestcoError, ValidationError
from gestco.domain.permissions import APPROVABLE, STATUS_PERMISSION, Permission
from gestco.domain.phones import format_phone
from gestco.domain.records import CHANNELS, LineInput, Order
from gestco.domain.staff import Approval
from ui.display import bidi, formatting
from ui.display.errors import describe
from ui.display.labels import channel_label, source_label, status_label
from ui.models.history import HistoryModel, order_history
from ui.models.order_lines import DraftLine
from ui.runtime.services import (
    AuditServices,
    InvoiceServices,
    OrderServices,
    PaymentServices,
    SessionServices,
    SettingsServices,
    StockServices,
)
from ui.runtime.signals import AppSignals
from ui.widgets.approval import with_approval
from ui.widgets.date_field import DateField
from ui.widgets.forms import InlineMessages, field_row, forget_success_when_edited, message_label
from ui.widgets.lines_editor import LinesEditor
from ui.widgets.order_invoicing import OrderInvoicing
from ui.widgets.order_payments import OrderPayments
from ui.widgets.print_button import PrintButton
from ui.widgets.tables import keyboard_table


class OrderView(QWidget):
    client_requested = Signal(int)

    def __init__(
        self,
        *,
        orders: OrderServices,
        stock: StockServices,
        settings: SettingsServices,
        session: SessionServices,
        audit: AuditServices,
        signals: AppSignals,
        payments: PaymentServices | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("orderView")
        self.session = session
        self.audit = audit
        self._can: Callable[[Permission], bool] = session.can
        self.orders = orders
        self.stock = stock
        self.settings = settings
        self.signals = signals
        self.payments = payments or PaymentServices(signals)
        self.order: Order | None = None
        self._build()
        self.show_order(None)

    def _build(self) -> None:
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName("orderNumberEdit")
        self.number_edit.setPlaceholderText(self.tr("CMD-2026-000042, 2026-42 …"))
        self.number_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a number
        self.find_button = QPushButton(self.tr("Find"), self)
        self.find_button.setObjectName("findOrderButton")
        search = field_row(self, self.tr("Order num&ber:"), self.number_edit, self.find_button)
        self.banner = message_label("orderMessageLabel", self)
        self.messages = InlineMessages(self.banner)

        self.title_label = QLabel(self)
        self.title_label.setObjectName("orderTitleLabel")
        self.title_label.setProperty("kind", "client")
        self.dates_label = QLabel(self)
        self.dates_label.setObjectName("orderDatesLabel")
        self.dates_label.setWordWrap(True)
        # An imported order's shop and its number there (nothing for the counter's own).
        self.source_label = QLabel(self)
        self.source_label.setObjectName("orderSourceLabel")
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.client_button = QPushButton(self.tr("Open the c&lient"), self)
        self.client_button.setObjectName("openClientButton")
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.client_button)
        self.print_button = PrintButton(  # the order's papers: slip, delivery, receipt, invoice
            signals=self.signals,
            current=lambda: self.order.number if self.order else None,
            report=self.messages.show_error,
            parent=self,
        )
        header.addWidget(self.print_button)

        self.lines = LinesEditor(stock=self.stock, prefix="order", parent=self)
        self.lines_note = QLabel(self)
        self.lines_note.setObjectName("orderLinesNote")
        self.lines_note.setWordWrap(True)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("orderTotalsLabel")
        self.totals_label.setProperty("kind", "total")
        self.totals_label.setAlignment(Qt.AlignmentFlag.AlignRight)

        edit = QGroupBox(self.tr("Status and delivery"), self)
        edit.setMaximumWidth(self.fontMetrics().averageCharWidth() * 70)  # the rest: lines
        form = QFormLayout(edit)
        self.status_combo = QComboBox(edit)
        self.status_combo.setObjectName("orderStatusCombo")
        self.status_note_edit = QLineEdit(edit)
        self.status_note_edit.setObjectName("orderStatusNoteEdit")
        self.status_note_edit.setPlaceholderText(self.tr("Note (required to cancel)"))
        self.channel_combo = QComboBox(edit)
        self.channel_combo.setObjectName("orderChannelCombo")
        for code in CHANNELS:
            self.channel_combo.addItem(channel_label(code), code)
        self.shipping_date = DateField(name="orderShippingDateEdit", parent=edit)
        self.shipping_date_edit = self.shipping_date.edit
        self.address_edit = QPlainTextEdit(edit)
        self.address_edit.setObjectName("orderShippingAddressEdit")
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.notes_edit = QLineEdit(edit)
        self.notes_edit.setObjectName("orderNotesEdit")
        form.addRow(self.tr("Stat&us"), self.status_combo)
        form.addRow(self.tr("Not&e"), self.status_note_edit)
        form.addRow("", self.messages.add("note", message_label("orderStatusNoteError", edit)))
        form.addRow("", self.messages.add("status", message_label("orderStatusError", edit)))
        form.addRow(self.tr("&Channel"), self.channel_combo)
        form.addRow(self.tr("Shipping &date"), self.shipping_date)
        self.messages.add("shipping_date", self.shipping_date.error)
        form.addRow(self.tr("Shippin&g address"), self.address_edit)
        form.addRow(self.tr("Remar&ks"), self.notes_edit)
        self.messages.add("lines", self.lines.error)
        self.messages.add("quantity", self.lines.error)
        self.messages.add("product", self.lines.error)
        self.save_button = QPushButton(self.tr("Sa&ve the order"), self)
        self.save_button.setObjectName("saveOrderButton")

        self.history_model = HistoryModel(self)
        self.history_view = QTableView(self)
        self.history_view.setObjectName("orderHistoryView")
        keyboard_table(self.history_view)
        self.history_view.setModel(self.history_model)
        self.history_view.verticalHeader().hide()
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        history_header = self.history_view.horizontalHeader()
        history_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        history_header.setStretchLastSection(True)
        history_caption = QLabel(self.tr("History"), self)
        history_caption.setProperty("kind", "caption")

        left = QVBoxLayout()
        left.addWidget(self.lines, 3)
        left.addWidget(self.lines_note)
        left.addWidget(self.totals_label)
        self.invoicing = OrderInvoicing(  # the order's invoices: issue one, a credit note
            invoices=InvoiceServices(self.signals), messages=self.messages, reload=self._reload
        )
        left.addWidget(self.invoicing)
        left.addWidget(history_caption)
        left.addWidget(self.history_view, 2)
        right = QVBoxLayout()
        right.addWidget(edit)
        right.addWidget(self.save_button)
        self.payments_box = OrderPayments(
            payments=self.payments, settings=self.settings, signals=self.signals, parent=self
        )
        right.addWidget(self.payments_box)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 0)  # its own width; the lines take the rest
        self.body = QWidget(self)
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(header)
        body_layout.addWidget(self.dates_label)
        body_layout.addWidget(self.source_label)
        body_layout.addLayout(body, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(search)
        layout.addWidget(self.banner)
        layout.addWidget(self.body, 1)
        layout.addStretch(0)  # the room left when no order is shown: not the message's

        self.setTabOrder(self.number_edit, self.find_button)
        self.setTabOrder(self.find_button, self.client_button)
        self.setTabOrder(self.client_button, self.lines.product_edit)
        self.setTabOrder(self.lines.view, self.status_combo)
        self.setTabOrder(self.status_combo, self.status_note_edit)
        self.setTabOrder(self.status_note_edit, self.channel_combo)
        self.setTabOrder(self.channel_combo, self.shipping_date_edit)
        self.setTabOrder(self.shipping_date_edit, self.address_edit)
        self.setTabOrder(self.address_edit, self.notes_edit)
        self.setTabOrder(self.notes_edit, self.save_button)
        self.payments_box.tab_after(self.save_button)

        self.number_edit.returnPressed.connect(self.open_typed_number)
        self.find_button.clicked.connect(self.open_typed_number)
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.client_button.clicked.connect(self._on_client_button_clicked)
        self.lines.changed.connect(self._update_totals)
        for line_edit in (self.status_note_edit, self.notes_edit):
            line_edit.returnPressed.connect(self.save)
        forget_success_when_edited(  # typed or picked by the clerk: "Order … saved." goes
            self.messages, self.body, self.status_note_edit.textEdited,
            self.notes_edit.textEdited, self.status_combo.activated, self.channel_combo.activated,
            self.shipping_date.changed, self.address_edit.textChanged, self.lines.changed,
        )  # fmt: skip

    def allow(self, can: Callable[[Permission], bool]) -> None:
        """The statuses offered follow the role: a clerk is not offered shipping; cancelling
        stays offered (a manager's PIN allows it on the spot)."""
        self._can = can
        self.invoicing.allow(can)
        self.payments_box.allow(can)
        if self.order is not None:
            self._fill_statuses(self.order)

    def _offered(self, status: str) -> bool:
        permission = STATUS_PERMISSION[status]
        return permission in APPROVABLE or self._can(permission)

    def _fill_statuses(self, order: Order) -> None:
        self.status_combo.clear()
        self.status_combo.addItem(
            self.tr("%1 (unchanged)").replace("%1", status_label(order.status)), None
        )
        offered = [code for code in order.allowed_statuses if self._offered(code)]
        for code in offered:
            self.status_combo.addItem(self.tr("→ %1").replace("%1", status_label(code)), code)
        self.status_combo.setEnabled(bool(offered))

    # --- finding -------------------------------------------------------------------------
    def focus_number(self) -> None:
        self.number_edit.setFocus()
        self.number_edit.selectAll()

    @Slot()
    def open_typed_number(self) -> None:
        self.open_number(self.number_edit.text())

    def open_number(self, number: str) -> bool:
        try:
            order = self.orders.get_order(number)
        except GestcoError as error:
            self.show_order(None)
            self.messages.show_error(error)
            self.focus_number()
            return False
        self.show_order(order)
        self.lines.view.setFocus() if order.lines_editable else self.status_combo.setFocus()
        return True

    # --- showing -------------------------------------------------------------------------
    def show_order(self, order: Order | None) -> None:
        self.order = order
        self.messages.clear()
        self.body.setVisible(order is not None)
        self.payments_box.show_order(order)
        if order is None:
            return
        self.number_edit.setText(order.number)
        phone = format_phone(order.client_phone, self.settings.region())
        self.title_label.setText(
            f"{bidi.ltr(order.number)} · {status_label(order.status)} · "
            f"{bidi.name(order.client_name)} · {bidi.ltr(phone)}"
        )
        said = [
            (self.tr("Created %1"), order.created_at),
            (self.tr("shipped %1"), order.shipped_at),
        ]
        said += [(self.tr("delivered %1"), order.delivered_at)]  # each a left-to-right piece
        moments = (text.replace("%1", bidi.ltr(formatting.moment(at))) for text, at in said if at)
        self.dates_label.setText(" · ".join(moments))
        self.source_label.setText(
            self.tr("Source: %1 · Shop's number: %2")
            .replace("%1", source_label(order.source))
            .replace("%2", bidi.ltr(order.external_number) or "—")
            if order.source
            else ""
        )
        self.source_label.setVisible(bool(order.source))
        products = self.stock.get_products([line.product_id for line in order.lines])
        self.lines.reset()
        drafts = [
            DraftLine(
                products[line.product_id], line.quantity, line.discount_bp, line.unit_price_cents
            )
            for line in order.lines
        ]
        editable = order.lines_editable
        self.lines.model.set_lines(drafts, held=order.held_stock, check_stock=editable)
        self.lines.setEnabled(editable)
        self.lines_note.setText(
            ""
            if editable
            else self.tr("The lines are fixed once the order is no longer to process.")
        )
        self._fill_statuses(order)
        self.status_note_edit.clear()
        self.channel_combo.setCurrentIndex(self.channel_combo.findData(order.channel))
        self.shipping_date.set_minimum(order.created_at.date())
        self.shipping_date.set_date(order.shipping_date)
        self.address_edit.setPlainText(order.shipping_address)
        self.notes_edit.setText(order.notes)
        self.history_model.set_rows(
            order_history(order.history, self.audit.record_trail("orders", order.id))
        )
        self._update_totals()
        self.invoicing.show_order(order)

    def _reload(self, order_id: int) -> None:
        self.show_order(self.orders.get_order_by_id(order_id))

    @Slot()
    def _update_totals(self) -> None:
        self.totals_label.setText(self.lines.totals_text(self.settings.get_setting("currency")))

    @Slot()
    def _on_client_button_clicked(self) -> None:
        if self.order is not None:
            self.client_requested.emit(self.order.client_id)

    # --- saving --------------------------------------------------------------------------
    def _changed_lines(self, order: Order) -> list[LineInput] | None:
        """The lines to save, or None when the clerk left them as they were."""
        drafts = self.lines.model.lines()
        before = [
            (x.product_id, x.quantity, x.discount_bp, x.unit_price_cents) for x in order.lines
        ]
        after = [(d.product.id, d.quantity, d.discount_bp, d.unit_cents) for d in drafts]
        return None if before == after else [d.to_input() for d in drafts]

    @Slot()
    def save(self) -> None:
        order = self.order
        if order is None:
            return
        self.lines.view.commit_editing()
        shipping = self.shipping_date.value()
        if shipping is None:  # refused, the reason beside the field: nothing is saved
            self.shipping_date_edit.setFocus()
            self.shipping_date_edit.selectAll()
            return
        address = self.address_edit.toPlainText()
        channel = self.channel_combo.currentData()
        to_status, note, notes = (
            self.status_combo.currentData(),
            self.status_note_edit.text(),
            self.notes_edit.text(),
        )
        lines = self._changed_lines(order) if order.lines_editable else None
        if to_status == "cancelled" and not note.strip():  # before a manager is called over
            self.messages.show_error(ValidationError("note", "Say why the order is cancelled."))
            self.status_note_edit.setFocus()
            return

        def attempt(approval: Approval | None) -> Order:
            return self.orders.save_order_changes(
                order_id=order.id,
                expected_version=order.version,
                to_status=to_status,
                note=note,
                channel=channel if channel != order.channel else None,
                shipping_date=shipping if shipping != order.shipping_date else None,
                shipping_address=address if address != order.shipping_address else None,
                notes=notes if notes != order.notes else None,
                lines=lines,
                approval=approval,
            )

        try:
            # A clerk's cancel or discount above the threshold: a manager's PIN on the spot.
            approved = with_approval(self, self.session, attempt)
        except ConflictError as error:
            self.show_order(self.orders.get_order_by_id(order.id))
            self.messages.show_banner(describe(error), "warning")
            return
        except GestcoError as error:
            self.messages.show_error(error)
            return
        if approved is None:
            self.messages.show_banner(
                self.tr("No manager approved the change: nothing was saved."), "warning"
            )
            return
        saved = approved
        self.show_order(saved)
        self.messages.show_banner(
            self.tr("Order %1 saved.").replace("%1", bidi.ltr(saved.number)), "success"
        )
