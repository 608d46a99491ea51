"""The order view's invoices: the numbers of the order's invoices and credit notes once
issued, "Make out the invoice…" (after a confirmation: once issued, an invoice never changes)
and, for an invoiced order, "Write a credit note…" (ui.dialogs.credit_note).

The core decides: a cancelled order, one invoiced already, or a shop whose settings lack
an identifier the invoice legally needs is refused, and the refusal (naming the missing
fields in the shop's language: ui.display.errors) is said in the order view's banner."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from gestco.domain.documents import INVOICE
from gestco.domain.errors import GestcoError
from gestco.domain.permissions import Permission
from gestco.domain.records import Order
from ui.display import bidi
from ui.display.identity_words import document_kind
from ui.runtime.services import InvoiceServices
from ui.widgets.credit_note import CreditNoteDialog
from ui.widgets.forms import InlineMessages


class OrderInvoicing(QWidget):
    def __init__(
        self,
        *,
        invoices: InvoiceServices,
        messages: InlineMessages,
        reload: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("orderInvoicing")
        self.invoices = invoices
        self.messages = messages
        self.reload = reload  # shows the order again (its history has the new line)
        self.order: Order | None = None
        self.standing = ""  # the invoice left to credit, if any
        self._can: Callable[[Permission], bool] = lambda _p: False
        self.documents_label = QLabel(self)
        self.documents_label.setObjectName("orderDocumentsLabel")
        self.documents_label.setWordWrap(True)
        self.issue_button = QPushButton(self.tr("&Make out the invoice…"), self)
        self.issue_button.setObjectName("issueInvoiceButton")
        self.credit_button = QPushButton(self.tr("&Write a credit note…"), self)
        self.credit_button.setObjectName("creditNoteButton")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.documents_label, 1)
        row.addWidget(self.issue_button)
        row.addWidget(self.credit_button)
        self.issue_button.clicked.connect(self._on_issue_button_clicked)
        self.credit_button.clicked.connect(self._on_credit_button_clicked)

    def allow(self, can: Callable[[Permission], bool]) -> None:
        self._can = can
        self.show_order(self.order)

    def show_order(self, order: Order | None) -> None:
        self.order = order
        self.standing = ""
        if order is None:
            return
        documents = self.invoices.documents_of_order(order.id)
        for number, kind in documents:
            if kind == INVOICE and any(self.invoices.left_to_credit(number).values()):
                self.standing = number
        self.documents_label.setText(
            " · ".join(f"{document_kind(kind)} {bidi.ltr(number)}" for number, kind in documents)
            if documents
            else self.tr("Not invoiced")
        )
        can = self._can
        self.issue_button.setVisible(can(Permission.INVOICE_ISSUE))
        self.issue_button.setEnabled(not self.standing and order.status != "cancelled")
        self.credit_button.setVisible(can(Permission.CREDIT_NOTE_ISSUE) and bool(documents))
        self.credit_button.setEnabled(bool(self.standing))

    def confirm(self, number: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Issue the invoice"),
            self.tr(
                "Issue the invoice of order %1? Once issued, an invoice never changes: a"
                " correction is a credit note."
            ).replace("%1", bidi.ltr(number)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("issueInvoiceBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def _on_issue_button_clicked(self) -> None:
        order = self.order
        if order is None or not self.confirm(order.number):
            return
        try:
            issued = self.invoices.issue_invoice(order_id=order.id)
        except GestcoError as error:
            self.messages.show_error(error)
            return
        self.reload(order.id)
        self.messages.show_banner(
            self.tr("Invoice %1 issued.").replace("%1", bidi.ltr(issued.number)), "success"
        )

    @Slot()
    def _on_credit_button_clicked(self) -> None:
        order = self.order
        if order is None or not self.standing:
            return
        dialog = CreditNoteDialog(invoices=self.invoices, invoice=self.standing, parent=self)
        done = dialog.exec()
        issued = dialog.issued
        dialog.deleteLater()
        if done and issued is not None:
            self.reload(order.id)
            self.messages.show_banner(
                self.tr("Credit note %1 issued.").replace("%1", bidi.ltr(issued.number)), "success"
            )
