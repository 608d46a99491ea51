"""Words for the payments' codes (gestco.domain.payments): the methods and GESTCO's payment
status. A module of its own beside ui.display.labels, which other screens' work also edits."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from ui.display.labels import QT_TRANSLATE_NOOP

METHOD_LABELS = {
    "cash": QT_TRANSLATE_NOOP("payments", "Cash"),
    "card": QT_TRANSLATE_NOOP("payments", "Card"),
    "transfer": QT_TRANSLATE_NOOP("payments", "Transfer"),
    "cheque": QT_TRANSLATE_NOOP("payments", "Cheque"),
    "other": QT_TRANSLATE_NOOP("payments", "Other"),
}
PAYMENT_STATUS_LABELS = {
    "unpaid": QT_TRANSLATE_NOOP("payments", "Unpaid"),
    "partly_paid": QT_TRANSLATE_NOOP("payments", "Partly paid"),
    "paid": QT_TRANSLATE_NOOP("payments", "Paid"),
    "refunded": QT_TRANSLATE_NOOP("payments", "Refunded"),
    "refund_due": QT_TRANSLATE_NOOP("payments", "Refund due"),
}
# Unpaid is most orders' state until delivery: the text's own colour, not an alarm.
PAYMENT_STATUS_COLORS = {
    "partly_paid": QColor("#b35c00"),
    "paid": QColor("#2e7d32"),
    "refunded": QColor("#55606a"),
    "refund_due": QColor("#7a4fa3"),
}


def method_label(code: str) -> str:
    return QCoreApplication.translate("payments", METHOD_LABELS.get(code, code))


def payment_status_label(code: str) -> str:
    return QCoreApplication.translate("payments", PAYMENT_STATUS_LABELS.get(code, code))
