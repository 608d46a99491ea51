"""What a client owes over their orders (the client page, issue 19), from the rows of their
orders list (each row carries what its order received: no query more)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from gestco.domain.records import OrderRow
from ui.display import formatting


def client_balance_text(rows: Iterable[OrderRow], currency: str) -> str:
    """'Balance due 85,00 MAD over 2 orders' (or 'Nothing due'); money to give back on
    cancelled orders is said after it."""
    owed = [row.balance_due_cents for row in rows if row.balance_due_cents > 0]
    back = -sum(row.balance_due_cents for row in rows if row.balance_due_cents < 0)
    tr = QCoreApplication.translate
    if owed:
        said = tr("clientBalance", "Balance due %1 over %n orders", "", len(owed)).replace(
            "%1", formatting.money(sum(owed), currency)
        )
    else:
        said = tr("clientBalance", "Nothing due")
    if back:
        said += tr("clientBalance", " · %1 to refund").replace(
            "%1", formatting.money(back, currency)
        )
    return said
