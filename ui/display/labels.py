"""Words for the core's codes. Codes are the stable API; labels are translated here."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for lupdate, which finds this name, and return it unchanged: what PySide6's
    own function does, whose stub types the result as `object` (the tables of labels are str)."""
    return text


STATUS_LABELS = {
    "pending": QT_TRANSLATE_NOOP("labels", "To process"),
    "processing": QT_TRANSLATE_NOOP("labels", "Processing"),
    "on_hold": QT_TRANSLATE_NOOP("labels", "On hold"),
    "shipped": QT_TRANSLATE_NOOP("labels", "Shipped"),
    "delivered": QT_TRANSLATE_NOOP("labels", "Delivered"),
    "cancelled": QT_TRANSLATE_NOOP("labels", "Cancelled"),
}
STATUS_COLORS = {
    "pending": QColor("#b35c00"),
    "processing": QColor("#1f5f8b"),
    "on_hold": QColor("#7a4fa3"),
    "shipped": QColor("#2e7d32"),
    "delivered": QColor("#55606a"),
    "cancelled": QColor("#b3261e"),
}
CHANNEL_LABELS = {
    "counter": QT_TRANSLATE_NOOP("labels", "Counter"),
    "phone": QT_TRANSLATE_NOOP("labels", "Phone"),
    "online": QT_TRANSLATE_NOOP("labels", "Online"),
    "email": QT_TRANSLATE_NOOP("labels", "E-mail"),
    "other": QT_TRANSLATE_NOOP("labels", "Other"),
}


def status_label(code: str) -> str:
    return QCoreApplication.translate("labels", STATUS_LABELS.get(code, code))


def channel_label(code: str) -> str:
    return QCoreApplication.translate("labels", CHANNEL_LABELS.get(code, code))
