"""What a client owes over their orders (the client page, issue 19), from the rows of their
orders list (each row carries what its order received: no query more)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QWidget

from gestco.domain.records import OrderRow
from ui.display import bidi, formatting


class ClientBalanceLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientBalanceDueLabel")

    def show_rows(self, rows: Iterable[OrderRow], currency: str) -> None:
        """'Balance due 85,00 MAD over 2 orders' (or 'Nothing due'); money to give back on
        cancelled orders is said after it."""
        owed = [row.balance_due_cents for row in rows if row.balance_due_cents > 0]
        back = -sum(row.balance_due_cents for row in rows if row.balance_due_cents < 0)
        if owed:
            said = self.tr("Balance due %1 over %n orders", "", len(owed))
            said = said.replace("%1", bidi.ltr(formatting.money(sum(owed), currency)))
        else:
            said = self.tr("Nothing due")
        if back:
            refund = self.tr("%1 to refund").replace(
                "%1", bidi.ltr(formatting.money(back, currency))
            )
            said = f"{said} · {refund}"
        self.setText(said)
