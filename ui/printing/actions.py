"""What a screen does with an order's papers: preview, print (the system's printers) or save
as PDF the slip, the delivery note, the receipt or the invoice; the invoice issued first,
after a confirmation, when the order has none.

One object for the order view's Print menu and the window's Ctrl+P / Ctrl+Shift+P, so both
ask and refuse the same way. `started` is emitted with each paper just before its dialog
opens: what the tests observe (the rendering itself is tested on the PDFs it writes).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QWidget

from gestco.domain.errors import GestcoError, ValidationError
from gestco.domain.legal_identity import DocumentKind
from gestco.domain.permissions import Permission
from gestco.services import invoices, orders, paper, session
from gestco.services.paper import Paper
from ui.display import bidi
from ui.printing import texts
from ui.printing.pages import Layout, paint, pdf_bytes
from ui.runtime import export_job
from ui.runtime.file_dialogs import save_file_name
from ui.runtime.signals import AppSignals

PREVIEW, PRINT, PDF = "preview", "print", "pdf"
HOWS = (PREVIEW, PRINT, PDF)
ORDER_PAPERS = (
    DocumentKind.ORDER_SLIP,
    DocumentKind.DELIVERY_NOTE,
    DocumentKind.RECEIPT,
    DocumentKind.INVOICE,
)


class PaperServices:
    """gestco.services.paper as the screens call it; issuing an invoice publishes its change
    (the orders' area) as every write a screen makes does (ui.runtime.services)."""

    def __init__(self, signals: AppSignals) -> None:
        self.order_paper = paper.order_paper
        self.document_paper = paper.document_paper
        self.standing_invoice = paper.standing_invoice
        self.write_pdf = paper.write_pdf
        self.issue_invoice = signals.reporting(invoices.issue_invoice)
        self.can = session.can


class PaperActions(QObject):
    started = Signal(object, str)  # the Paper, and PREVIEW, PRINT or PDF
    done = Signal(str)  # what to tell the person ("FAC-… saved as …")

    def __init__(
        self,
        parent: QWidget,
        *,
        signals: AppSignals,
        report: Callable[[GestcoError], object],
    ) -> None:
        super().__init__(parent)
        self.widget = parent
        self.services = PaperServices(signals)
        self.report = report

    # --- what the menus call -------------------------------------------------------------
    def run(self, kind: DocumentKind, order_number: str, how: str) -> bool:
        """`how` (preview, print, save as PDF) the paper `kind` of the order; False when it
        was refused (said through `report`) or cancelled."""
        try:
            value = (
                self.invoice_of(order_number)
                if kind == DocumentKind.INVOICE
                else self.services.order_paper(order_number, kind)
            )
        except GestcoError as error:
            self.report(error)
            return False
        if value is None:
            return False
        return self.show(value, how)

    def invoice_of(self, order_number: str) -> Paper | None:
        """The order's invoice; with none, issued after the person confirms (a clerk may:
        the invoice service's permission). None: declined."""
        number = self.services.standing_invoice(order_number)
        if number is None:
            if not self.services.can(Permission.INVOICE_ISSUE):
                session.require(Permission.INVOICE_ISSUE)  # raises, with the role's words
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Issue the invoice"),
                self.tr(
                    "Order %1 has no invoice yet. Issue it now? Once issued, an invoice"
                    " never changes: a correction is a credit note."
                ).replace("%1", bidi.ltr(order_number)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self.widget,
            )
            box.setObjectName("issueInvoiceBox")
            box.setDefaultButton(QMessageBox.StandardButton.No)  # issuing is for good
            try:
                answer = box.exec()
            finally:
                box.deleteLater()
            if answer != QMessageBox.StandardButton.Yes:
                return None
            order = orders.get_order(order_number)
            number = self.services.issue_invoice(order_id=order.id).number
        return self.services.document_paper(number)

    def show(self, value: Paper, how: str) -> bool:
        self.started.emit(value, how)
        if how == PREVIEW:
            return self.preview(value)
        if how == PRINT:
            return self.print(value)
        return self.save_pdf(value)

    # --- the three ways ------------------------------------------------------------------
    def _printer(self, value: Paper) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)  # the margins are the layout's (ui.printing.pages)
        printer.setDocName(f"{texts.title(value.kind)} {value.number}")
        printer.setPageLayout(Layout(value, printer).page_layout())
        return printer

    def preview(self, value: Paper) -> bool:
        printer = self._printer(value)
        dialog = QPrintPreviewDialog(printer, self.widget)
        dialog.setObjectName("printPreviewDialog")
        dialog.setWindowTitle(f"{texts.title(value.kind)} {value.number}")
        dialog.paintRequested.connect(lambda device: paint(value, device))
        # A page's height where the screen has it, never past its edge: 1000 pixels put the
        # dialog's foot under a 1366×768 screen's (seen under Xvfb); room for the frame.
        room = self.widget.screen().availableGeometry().size() - QSize(40, 60)
        dialog.resize(QSize(900, 1000).boundedTo(room))
        try:
            return bool(dialog.exec())
        finally:
            dialog.deleteLater()

    def print(self, value: Paper) -> bool:
        printer = self._printer(value)
        dialog = QPrintDialog(printer, self.widget)
        dialog.setObjectName("printDialog")
        try:
            if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                return False
        finally:
            dialog.deleteLater()
        try:
            paint(value, printer)
        except OSError:
            # Said in the window's words (already translated: describe() passes it through).
            said = self.tr("The printer could not start: check it, then print again.")
            self.report(ValidationError("printer", said))
            return False
        self.done.emit(self.tr("%1 sent to the printer.").replace("%1", bidi.ltr(value.number)))
        return True

    def save_pdf(self, value: Paper) -> bool:
        name = f"{value.number}-{value.kind.value}.pdf"
        path, _chosen = save_file_name(
            self.widget,
            self.tr("Save as PDF"),
            str(export_job.start_folder() / name),
            self.tr("PDF documents (*.pdf)"),
        )
        if not path:
            return False
        if Path(path).suffix.lower() != ".pdf":
            path += ".pdf"
        try:
            self.services.write_pdf(path, pdf_bytes(value))
        except GestcoError as error:
            self.report(error)
            return False
        except OSError as error:
            self.report(ValidationError("output", export_job.os_reason(error)))
            return False
        export_job.remember_folder(path)
        self.done.emit(
            self.tr("%1 saved as %2.")
            .replace("%1", bidi.ltr(value.number))
            .replace("%2", bidi.ltr(path))
        )
        return True
