"""Record a payment (or a deposit) on an order, or a refund: the amount as the shop writes it
(150, 150,50, 1 234,50), the method, the day it was paid (the app's DateField), a reference
(the cheque's or the card terminal's number) and, for a refund, its reason. The core checks
it all; what it refuses is said beside the field, and nothing is written."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import GestcoError
from gestco.domain.payments import METHODS, Balance, Payment
from ui.display import bidi, formatting
from ui.display.payment_words import method_label
from ui.runtime.services import PaymentServices
from ui.widgets.date_field import DateField
from ui.widgets.forms import InlineMessages, left_to_right, message_label


def method_combo(name: str, parent: QWidget) -> QComboBox:
    """The payment methods, cash first (what a counter takes most)."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for code in METHODS:
        combo.addItem(method_label(code), code)
    return combo


class PaymentDialog(QDialog):
    """`refund`: money given back (the amount typed positive, recorded negative)."""

    def __init__(
        self,
        *,
        payments: PaymentServices,
        order_id: int,
        number: str,
        balance: Balance,
        currency: str,
        refund: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("refundDialog" if refund else "paymentDialog")
        self.payments = payments
        self.order_id = order_id
        self.refund = refund
        self.recorded: Payment | None = None
        self.setWindowTitle(
            (self.tr("Refund — %1") if refund else self.tr("Record a payment — %1")).replace(
                "%1", bidi.ltr(number)
            )
        )
        due = bidi.ltr(formatting.money(max(balance.due_cents, 0), currency))
        received = bidi.ltr(formatting.money(balance.received_cents, currency))
        summary = QLabel(
            self.tr("Received %1 · balance due %2").replace("%1", received).replace("%2", due),
            self,
        )
        summary.setObjectName("paymentDialogSummary")
        summary.setWordWrap(True)
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("paymentAmountEdit")
        self.amount_edit.setPlaceholderText(self.tr("150,00"))
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        suggested = balance.received_cents if refund else max(balance.due_cents, 0)
        if suggested > 0:
            self.amount_edit.setText(formatting.money(suggested))
            self.amount_edit.selectAll()
        self.method_combo = method_combo("paymentMethodCombo", self)
        self.date = DateField(name="paymentDateEdit", parent=self)
        self.date.set_date(date.today())
        self.reference_edit = QLineEdit(self)
        self.reference_edit.setObjectName("paymentReferenceEdit")
        self.reference_edit.setPlaceholderText(self.tr("Cheque or receipt number (optional)"))
        left_to_right(self.amount_edit, self.reference_edit)  # an amount, a cheque's number
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("paymentReasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("Why the money is given back"))
        self.banner = message_label("paymentDialogMessage", self)
        self.messages = InlineMessages(self.banner)
        self.amount_caption = self._caption(self.tr("&Amount"), self.amount_edit)
        self.method_caption = self._caption(self.tr("&Method"), self.method_combo)
        self.date_caption = self._caption(self.tr("&Date"), self.date.edit)
        self.reference_caption = self._caption(self.tr("&Reference"), self.reference_edit)
        self.reason_caption = self._caption(self.tr("Reaso&n"), self.reason_edit)
        form = QFormLayout()
        form.addRow(self.amount_caption, self.amount_edit)
        form.addRow("", self.messages.add("amount", message_label("paymentAmountError", self)))
        form.addRow(self.method_caption, self.method_combo)
        form.addRow("", self.messages.add("method", message_label("paymentMethodError", self)))
        form.addRow(self.date_caption, self.date)
        self.messages.add("paid_on", self.date.error)
        form.addRow(self.reference_caption, self.reference_edit)
        form.addRow(
            "", self.messages.add("reference", message_label("paymentReferenceError", self))
        )
        if refund:
            form.addRow(self.reason_caption, self.reason_edit)
            form.addRow("", self.messages.add("reason", message_label("paymentReasonError", self)))
        else:
            self.reason_caption.hide()
            self.reason_edit.hide()
        for label in self.messages.labels.values():
            # wrapped at the field's width: measured narrower, the row kept a gap above it
            label.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(
            self.tr("Re&fund") if refund else self.tr("Rec&ord"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ok_button.setObjectName("recordPaymentOkButton")
        self.ok_button.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        # the title whole in the title bar (its buttons beside it), the placeholders whole
        title_room = self.fontMetrics().horizontalAdvance(self.windowTitle()) + 160
        self.setMinimumWidth(max(self.fontMetrics().averageCharWidth() * 75, title_room))
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        self.amount_edit.textEdited.connect(self.messages.labels["amount"].hide)
        self.amount_edit.setFocus()

    def _caption(self, text: str, field: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(field)
        return label

    def amount_text(self) -> str:
        """What the core is given: a refund typed positive (or with its minus) is negative."""
        text = self.amount_edit.text().strip()
        if not self.refund:
            return text
        return f"-{text.removeprefix('-').strip()}" if text else text

    @Slot()
    def record(self) -> None:
        day = self.date.value()
        if day is None:  # refused beside the field: nothing is recorded
            self.adjustSize()
            self.date.edit.setFocus()
            self.date.edit.selectAll()
            return
        try:
            self.recorded = self.payments.record_payment(
                order_id=self.order_id,
                amount=self.amount_text(),
                method=self.method_combo.currentData(),
                paid_on=day,
                reference=self.reference_edit.text(),
                reason=self.reason_edit.text() if self.refund else "",
            )
        except GestcoError as error:
            field = self.messages.show_error(error)
            self.adjustSize()  # the message whole, not cut at the form's first height
            focus = {
                "amount": self.amount_edit,
                "method": self.method_combo,
                "paid_on": self.date.edit,
                "reference": self.reference_edit,
                "reason": self.reason_edit,
            }.get(field)
            if focus is not None:
                focus.setFocus()
                if isinstance(focus, QLineEdit):
                    focus.selectAll()
            return
        self.accept()
