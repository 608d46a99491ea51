"""The new order's deposit (issue 19): an amount taken as the order is validated, and how it
was paid. Optional: left empty, the order is recorded without one. The core records it as the
order's first payment in the order's own transaction (orders.create_order(deposit=)): a
refused deposit (more than the total...) is said beside the amount and nothing is recorded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from gestco.domain.payments import Deposit
from ui.widgets.forms import InlineMessages, message_label
from ui.widgets.payment_dialog import method_combo


class DepositBox(QWidget):
    def __init__(self, *, messages: InlineMessages, parent: QWidget | None = None) -> None:
        """`messages`: the order's; the core's errors on the deposit go beside it."""
        super().__init__(parent)
        self.setObjectName("depositBox")
        # its own width beside the total: the room left is not spread between its captions
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("depositAmountEdit")
        self.amount_edit.setPlaceholderText(self.tr("none"))
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # an amount
        self.amount_edit.setMaximumWidth(self.fontMetrics().averageCharWidth() * 14)
        self.amount_edit.setToolTip(
            self.tr("A deposit taken now (150,00), recorded with the order; empty: none")
        )
        self.method_combo = method_combo("depositMethodCombo", self)
        self.amount_caption = QLabel(self.tr("Down pa&yment"), self)
        self.amount_caption.setBuddy(self.amount_edit)
        self.method_caption = QLabel(self.tr("by"), self)
        self.method_caption.setBuddy(self.method_combo)  # no letter left: Tab reaches it
        self.error = messages.add(
            "amount", message_label("depositAmountError", self), named=self.tr("Deposit: %1")
        )
        messages.add("method", self.error, named=self.tr("Deposit: %1"))
        messages.add("reference", self.error, named=self.tr("Deposit: %1"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount_caption)
        row.addWidget(self.amount_edit)
        row.addWidget(self.method_caption)
        row.addWidget(self.method_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.amount_edit.textEdited.connect(self.error.hide)

    def value(self) -> Deposit | None:
        """The deposit to record with the order (None: the amount is left empty)."""
        text = self.amount_edit.text().strip()
        if not text:
            return None
        return Deposit(amount=text, method=str(self.method_combo.currentData()))

    def clear(self) -> None:
        self.amount_edit.clear()
        self.method_combo.setCurrentIndex(0)
        self.error.hide()
