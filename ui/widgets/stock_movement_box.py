"""The stock screen's movement box: a receipt (quantity, the supplier's reference) or a
correction (a signed quantity, its reason, required) for the product shown. Each is one
call to the core; what it refuses is said under its field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from gestco.domain.errors import GestcoError
from gestco.domain.money import MAX_QUANTITY
from gestco.domain.records import Product
from ui.display import bidi
from ui.runtime.services import StockServices
from ui.widgets.forms import InlineMessages, left_to_right, message_label


class StockMovementBox(QGroupBox):
    def __init__(
        self,
        *,
        stock: StockServices,
        current_product: Callable[[], Product | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Stock movement"))
        self.stock = stock
        self.current_product = current_product
        ops = QGridLayout(self)
        self.messages = InlineMessages(message_label("stockOperationMessage", self))
        self.receipt_spin = QSpinBox(self)
        self.receipt_spin.setObjectName("receiptQuantitySpin")
        self.receipt_spin.setRange(1, MAX_QUANTITY)  # the core's limits (gestco/domain/money.py)
        self.receipt_reference_edit = QLineEdit(self)
        self.receipt_reference_edit.setObjectName("receiptReferenceEdit")
        self.receipt_reference_edit.setPlaceholderText(self.tr("Supplier reference (optional)"))
        self.receive_button = QPushButton(self.tr("Rec&eive"), self)
        self.receive_button.setObjectName("receiveButton")
        self.correction_spin = QSpinBox(self)
        self.correction_spin.setObjectName("correctionSpin")
        self.correction_spin.setRange(-MAX_QUANTITY, MAX_QUANTITY)
        self.correction_reason_edit = QLineEdit(self)
        self.correction_reason_edit.setObjectName("correctionReasonEdit")
        self.correction_reason_edit.setPlaceholderText(self.tr("Reason (required)"))
        self.correct_button = QPushButton(self.tr("&Correct"), self)
        left_to_right(self.receipt_spin, self.receipt_reference_edit, self.correction_spin)
        self.correct_button.setObjectName("correctButton")
        # quantity and button on one row, the reference or reason under them at full width
        ops.addWidget(QLabel(self.tr("Receipt"), self), 0, 0)
        ops.addWidget(self.receipt_spin, 0, 1)
        ops.addWidget(self.receive_button, 0, 2)
        ops.addWidget(self.receipt_reference_edit, 1, 1, 1, 2)
        ops.addWidget(
            self.messages.add("quantity", message_label("receiptError", self)), 2, 1, 1, 2
        )
        ops.addWidget(QLabel(self.tr("Correction"), self), 3, 0)
        ops.addWidget(self.correction_spin, 3, 1)
        ops.addWidget(self.correct_button, 3, 2)
        ops.addWidget(self.correction_reason_edit, 4, 1, 1, 2)
        correction_error = message_label("correctionError", self)
        ops.addWidget(self.messages.add("delta", correction_error), 5, 1, 1, 2)
        self.messages.add("reason", correction_error)
        ops.addWidget(self.messages.banner, 6, 0, 1, 3)
        ops.setColumnStretch(1, 1)
        self.receive_button.clicked.connect(self.receive)
        self.receipt_reference_edit.returnPressed.connect(self.receive)
        self.correct_button.clicked.connect(self.correct)
        self.correction_reason_edit.returnPressed.connect(self.correct)

    def allow(self, *, receive: bool, correct: bool) -> None:
        for widget in (self.receipt_spin, self.receipt_reference_edit, self.receive_button):
            widget.setEnabled(receive)
        for widget in (self.correction_spin, self.correction_reason_edit, self.correct_button):
            widget.setEnabled(correct)
        self.setVisible(receive or correct)

    @Slot()
    def receive(self) -> None:
        product = self.current_product()
        if product is None:
            return
        self._operate(
            lambda: self.stock.receive_stock(
                product.id,
                self.receipt_spin.value(),
                reference=self.receipt_reference_edit.text(),
            )
        )
        self.receipt_reference_edit.clear()

    @Slot()
    def correct(self) -> None:
        product = self.current_product()
        if product is None:
            return
        if self._operate(
            lambda: self.stock.adjust_stock(
                product.id,
                self.correction_spin.value(),
                reason=self.correction_reason_edit.text(),
            )
        ):
            self.correction_spin.setValue(0)
            self.correction_reason_edit.clear()

    def _operate(self, operation: Callable[[], Product]) -> bool:
        try:
            product = operation()
        except GestcoError as error:
            self.messages.show_error(error)
            return False
        self.messages.show_banner(
            self.tr("%1: %2 on hand, %3 available.")
            .replace("%1", bidi.ltr(product.sku))
            .replace("%2", bidi.ltr(str(product.on_hand)))
            .replace("%3", bidi.ltr(str(product.available))),
            "success",
        )
        return True
