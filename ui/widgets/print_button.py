"""The order view's Print button: a menu of the order's papers (slip, delivery note,
receipt, invoice), each to preview, print or save as PDF (ui.printing.actions)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from gestco.domain.errors import GestcoError
from gestco.domain.legal_identity import DocumentKind
from ui.printing import texts
from ui.printing.actions import HOWS, ORDER_PAPERS, PDF, PREVIEW, PRINT, PaperActions
from ui.runtime.signals import AppSignals

NAMES = {
    DocumentKind.ORDER_SLIP: "Slip",
    DocumentKind.DELIVERY_NOTE: "Delivery",
    DocumentKind.RECEIPT: "Receipt",
    DocumentKind.INVOICE: "Invoice",
}


class PrintButton(QPushButton):
    def __init__(
        self,
        *,
        signals: AppSignals,
        current: Callable[[], str | None],
        report: Callable[[GestcoError], object],
        parent: QWidget | None = None,
    ) -> None:
        # No Alt+letter: every letter of "Print" is taken on the order screen; Ctrl+P prints.
        super().__init__(self.tr("Print"), parent)
        self.setObjectName("printButton")
        self.current = current
        self.actions_ = PaperActions(self, signals=signals, report=report)
        menu = QMenu(self)
        menu.setObjectName("printMenu")
        words = {
            PREVIEW: self.tr("Preview…"),
            PRINT: self.tr("Print…"),
            PDF: self.tr("Save as PDF…"),
        }
        for kind in ORDER_PAPERS:
            sub = menu.addMenu(texts.title(kind))
            sub.setObjectName(f"print{NAMES[kind]}Menu")
            for how in HOWS:
                action = sub.addAction(words[how])
                action.setObjectName(f"print{NAMES[kind]}{how.capitalize()}Action")
                action.triggered.connect(lambda _checked=False, k=kind, h=how: self.run(k, h))
        self.setMenu(menu)

    def run(self, kind: DocumentKind, how: str) -> bool:
        number = self.current()
        return bool(number) and self.actions_.run(kind, str(number), how)
