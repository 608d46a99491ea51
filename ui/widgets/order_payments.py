"""The order view's payments: the list (date, method, amount, reference or reason, operator),
what was received, the balance due and the payment status, and "Record payment…" and
"Refund…" (a manager's). It follows the orders' change notices: a payment taken on this order
at another workstation shows here within the second."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.change_areas import Area
from gestco.domain.errors import GestcoError
from gestco.domain.payments import Balance
from gestco.domain.permissions import Permission
from gestco.domain.records import Order
from ui.display import bidi, formatting
from ui.display.payment_words import PAYMENT_STATUS_COLORS, payment_status_label
from ui.models.payments import PaymentsModel
from ui.runtime.services import PaymentServices, SettingsServices
from ui.runtime.signals import AppSignals
from ui.widgets.forms import message_label, show_message
from ui.widgets.payment_dialog import PaymentDialog
from ui.widgets.tables import keyboard_table

VISIBLE_ROWS = 3  # the list's height: a deposit, a payment, a refund without scrolling


class OrderPayments(QGroupBox):
    def __init__(
        self,
        *,
        payments: PaymentServices,
        settings: SettingsServices,
        signals: AppSignals,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Payments"), parent)
        self.setObjectName("orderPayments")
        # as wide as the status and delivery box above it: the lines take the rest
        self.setMaximumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.payments = payments
        self.settings = settings
        self.order: Order | None = None
        self.balance: Balance | None = None
        self.dialog: PaymentDialog | None = None
        self._can: Callable[[Permission], bool] = lambda _permission: True
        self.model = PaymentsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("orderPaymentsView")
        keyboard_table(self.view)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        rows = self.view.verticalHeader().defaultSectionSize() * VISIBLE_ROWS
        self.view.setFixedHeight(rows + header.sizeHint().height() + 2 * self.view.frameWidth())
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("orderPaymentsSummary")
        self.summary_label.setWordWrap(True)
        self.due_label = QLabel(self)
        self.due_label.setObjectName("orderBalanceDueLabel")
        self.record_button = QPushButton(self.tr("Record pa&yment…"), self)
        self.record_button.setObjectName("recordPaymentButton")
        self.refund_button = QPushButton(self.tr("Refund…"), self)
        self.refund_button.setObjectName("refundButton")
        self.message = message_label("orderPaymentsMessage", self)
        self.due_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.refund_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.due_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.record_button.clicked.connect(self.record_payment)
        self.refund_button.clicked.connect(self.refund)
        signals.follow(self, (Area.ORDERS, Area.SETTINGS), self.refresh)

    def tab_after(self, widget: QWidget) -> None:
        """Tab goes from `widget` to Record payment…, Refund…, then the list (called once
        the screen has set its own order, which moves widgets along the chain)."""
        self.setTabOrder(widget, self.record_button)
        self.setTabOrder(self.record_button, self.refund_button)
        self.setTabOrder(self.refund_button, self.view)

    def allow(self, can: Callable[[Permission], bool]) -> None:
        """A clerk records payments; refunds are a manager's (the button is not offered)."""
        self._can = can
        self.refund_button.setVisible(can(Permission.PAYMENT_REFUND))
        self._enable()

    def show_order(self, order: Order | None) -> None:
        if order is None or self.order is None or order.id != self.order.id:
            self.message.hide()
        self.order = order
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self.order is None:
            self.balance = None
            self.model.set_rows([])
            return
        try:
            self.balance = self.payments.balance(self.order.id)
            listed = self.payments.list_payments(self.order.id)
        except GestcoError:
            return  # gone: the order view says so when it is reopened
        self.model.set_rows(listed)
        currency = self.settings.get_setting("currency")
        balance = self.balance
        parts = [
            self.tr("Received %1").replace(
                "%1", bidi.ltr(formatting.money(balance.received_cents, currency))
            )
        ]
        if balance.refunded_cents:
            parts.append(
                self.tr("refunded %1").replace(
                    "%1", bidi.ltr(formatting.money(balance.refunded_cents, currency))
                )
            )
        self.summary_label.setText(" · ".join(parts))
        status = balance.status
        self.due_label.setText(
            self.tr("Balance due %1 · %2")
            .replace("%1", bidi.ltr(formatting.money(balance.due_cents, currency)))
            .replace("%2", payment_status_label(status))
        )
        color = PAYMENT_STATUS_COLORS.get(status)
        shade = f"color: {color.name()}; " if color is not None else ""
        self.due_label.setStyleSheet(f"{shade}font-weight: bold;")
        self._enable()

    def _enable(self) -> None:
        balance = self.balance
        self.record_button.setEnabled(
            balance is not None and not balance.cancelled and balance.due_cents > 0
        )
        self.refund_button.setEnabled(balance is not None and balance.received_cents > 0)

    @Slot()
    def record_payment(self) -> None:
        self._open(refund=False)

    @Slot()
    def refund(self) -> None:
        self._open(refund=True)

    def _open(self, *, refund: bool) -> None:
        if self.order is None or self.balance is None:
            return
        self.dialog = PaymentDialog(
            payments=self.payments,
            order_id=self.order.id,
            number=self.order.number,
            balance=self.balance,
            currency=self.settings.get_setting("currency"),
            refund=refund,
            parent=self.window(),
        )
        self.dialog.accepted.connect(self._on_dialog_accepted)
        opener = self.refund_button if refund else self.record_button
        # once the window has the keyboard back (it gives the focus back as it is activated)
        self.dialog.finished.connect(
            lambda _result: QTimer.singleShot(0, self, lambda: self._focus_after(opener))
        )
        self.dialog.open()  # window-modal; the list refreshes on the change notice

    @Slot()
    def _on_dialog_accepted(self) -> None:
        dialog = self.dialog
        if dialog is None or dialog.recorded is None:
            return
        payment = dialog.recorded
        currency = self.settings.get_setting("currency")
        said = (
            self.tr("Refund of %1 recorded.")
            if payment.is_refund
            else self.tr("Payment of %1 recorded.")
        )
        show_message(
            self.message,
            said.replace("%1", bidi.ltr(formatting.money(abs(payment.amount_cents), currency))),
            "success",
        )
        self.refresh()

    def _focus_after(self, opener: QPushButton) -> None:
        """Back where the clerk was, whatever the dialog's end (Escape too): its button, or
        the list when the button is no longer offered (the order is paid)."""
        shown = opener if opener.isEnabled() and opener.isVisible() else self.view
        shown.setFocus(Qt.FocusReason.TabFocusReason)  # with its focus frame, as Tab would
