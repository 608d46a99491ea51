"""The window's File › Print entries and their keys: Ctrl+P prints the current order's slip,
Ctrl+Shift+P its invoice (issued first, after a confirmation, when it has none).

The current order: in the new-order screen, the order just validated; in the search
screen, the order its order view shows. Elsewhere, or with none, the status bar says to
open an order first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from gestco.domain.errors import GestcoError
from gestco.domain.legal_identity import DocumentKind
from ui.display.errors import describe
from ui.printing.actions import PREVIEW, PRINT, PaperActions
from ui.runtime.signals import AppSignals
from ui.tabs.new_order import NewOrderTab
from ui.tabs.search import SearchTab


class PrintMenu(QObject):
    def __init__(
        self,
        window: QMainWindow,
        *,
        menu: QMenu,
        signals: AppSignals,
        new_order: NewOrderTab,
        search: SearchTab,
        action: Callable[..., QAction],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.new_order = new_order
        self.search = search
        self.paper = PaperActions(window, signals=signals, report=self._report)
        self.paper.done.connect(lambda text: window.statusBar().showMessage(text, 15_000))
        self.slip_action = action(
            "printSlipAction", self.tr("P&rint the order's slip…"), self.print_slip, "Ctrl+P"
        )
        self.invoice_action = action(
            "printInvoiceAction",
            self.tr("Print the order's in&voice…"),
            self.print_invoice,
            "Ctrl+Shift+P",
        )
        self.preview_action = action(
            "previewSlipAction", self.tr("Previe&w the order's slip…"), self.preview_slip
        )
        self.actions = [self.slip_action, self.invoice_action, self.preview_action]
        menu.addActions(self.actions)

    def current_order(self) -> str | None:
        """The order the person has in front of them, if any."""
        if self.new_order.isVisible():
            return self.new_order.last_number or None
        view = self.search.order_view
        if self.search.isVisible() and view.isVisible() and view.order is not None:
            return view.order.number
        return None

    def _report(self, error: GestcoError) -> None:
        self.window.statusBar().showMessage(describe(error), 30_000)

    def _run(self, kind: DocumentKind, how: str) -> None:
        number = self.current_order()
        if number is None:
            self.window.statusBar().showMessage(
                self.tr("Open an order first (or validate one): its papers print from there."),
                15_000,
            )
            return
        self.paper.run(kind, number, how)

    @Slot()
    def print_slip(self) -> None:
        self._run(DocumentKind.ORDER_SLIP, PRINT)

    @Slot()
    def print_invoice(self) -> None:
        self._run(DocumentKind.INVOICE, PRINT)

    @Slot()
    def preview_slip(self) -> None:
        self._run(DocumentKind.ORDER_SLIP, PREVIEW)
