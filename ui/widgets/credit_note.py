"""The order view's Credit note… dialog (managers): the invoice's lines with what is left to
credit on each (invoices.left_to_credit), "Whole invoice" (all that is left) or a quantity
typed per line, and the reason. The core refuses more than is left; its message is said
beside the lines and nothing is issued."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.documents import Document
from gestco.domain.errors import GestcoError
from ui.display import bidi, formatting
from ui.runtime.services import InvoiceServices
from ui.widgets.forms import InlineMessages, message_label, show_message


class CreditNoteDialog(QDialog):
    def __init__(
        self, *, invoices: InvoiceServices, invoice: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("creditNoteDialog")
        self.setWindowTitle(self.tr("Credit note for %1").replace("%1", bidi.ltr(invoice)))
        self.invoices = invoices
        self.invoice = invoices.get_document(invoice)
        self.left = invoices.left_to_credit(invoice)
        self.issued: Document | None = None
        self.whole_check = QCheckBox(self.tr("&Whole invoice (all that is left to credit)"), self)
        self.whole_check.setObjectName("creditWholeCheck")
        self.whole_check.setChecked(True)
        self.lines_box = QGroupBox(self.tr("Units to credit, line by line"), self)
        form = QFormLayout(self.lines_box)
        self.spins: dict[int, QSpinBox] = {}
        for line in self.invoice.lines:
            left = self.left.get(line.position, 0)
            spin = QSpinBox(self.lines_box)
            spin.setObjectName(f"creditLine{line.position}Spin")
            spin.setRange(0, left)
            spin.setSuffix(self.tr(" of %1").replace("%1", bidi.ltr(str(left))))
            spin.setEnabled(left > 0)
            self.spins[line.position] = spin
            said = QLabel(
                self.tr("%1 — %2 (%3 × %4)")
                .replace("%1", bidi.ltr(line.sku))
                .replace("%2", bidi.name(line.description))
                .replace("%3", bidi.ltr(str(line.quantity)))
                .replace("%4", bidi.ltr(formatting.money(line.unit_price_cents))),
                self.lines_box,
            )
            said.setBuddy(spin)
            form.addRow(said, spin)
        self.lines_error = message_label("creditLinesError", self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("creditReasonEdit")
        self.reason_edit.setMaxLength(500)
        self.reason_edit.setPlaceholderText(self.tr("Returned goods, a price corrected…"))
        self.reason_error = message_label("creditReasonError", self)
        self.banner = message_label("creditNoteError", self)
        self.messages = InlineMessages(self.banner)
        self.messages.add("lines", self.lines_error)
        self.messages.add("reason", self.reason_error)
        reason = QFormLayout()
        reason_caption = QLabel(self.tr("&Reason"), self)
        reason_caption.setBuddy(self.reason_edit)
        reason.addRow(reason_caption, self.reason_edit)
        reason.addRow("", self.reason_error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(self.tr("&Issue the credit note"))
            ok.setObjectName("issueCreditNoteButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.whole_check)
        layout.addWidget(self.lines_box)
        layout.addWidget(self.lines_error)
        layout.addLayout(reason)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.whole_check.toggled.connect(self._on_whole_check_toggled)
        self._on_whole_check_toggled(True)
        self.reason_edit.textEdited.connect(self.reason_error.hide)
        self.reason_edit.returnPressed.connect(self.accept)
        self.whole_check.setFocus()

    @Slot(bool)
    def _on_whole_check_toggled(self, whole: bool) -> None:
        self.lines_box.setEnabled(not whole)
        self.lines_error.hide()

    def asked(self) -> dict[str, int] | None:
        """Units per SKU typed (None: the whole invoice)."""
        if self.whole_check.isChecked():
            return None
        units: dict[str, int] = {}
        for line in self.invoice.lines:
            typed = self.spins[line.position].value()
            if typed:
                units[line.sku] = units.get(line.sku, 0) + typed
        return units

    def accept(self) -> None:
        self.messages.clear()
        asked = self.asked()
        reason = self.reason_edit.text().strip()
        refused = False
        if asked == {}:
            show_message(
                self.lines_error, self.tr("Type the units to credit on at least one line."), "error"
            )
            refused = True
        if not reason:
            show_message(self.reason_error, self.tr("Say why the invoice is corrected."), "error")
            refused = True
        if refused:
            (self.reason_edit if not reason and asked != {} else self.whole_check).setFocus()
            return
        try:
            self.issued = self.invoices.issue_credit_note(
                invoice_number=self.invoice.number, lines=asked, reason=reason
            )
        except GestcoError as error:
            self.messages.show_error(error)
            return
        super().accept()
