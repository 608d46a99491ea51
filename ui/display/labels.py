"""Words for the core's codes. Codes are the stable API; labels are translated here."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from gestco.domain.stock_moves import INITIAL_STOCK, ORDER_CANCELLED, ORDER_EDITED, ORDER_SHIPPED


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


# Where an order came from (gestco.imports.records.SOURCES; '' is the counter's own).
SOURCE_LABELS = {
    "": QT_TRANSLATE_NOOP("labels", "Counter"),
    "shopify": QT_TRANSLATE_NOOP("labels", "Shopify"),
    "woocommerce": QT_TRANSLATE_NOOP("labels", "WooCommerce"),
    "file": QT_TRANSLATE_NOOP("labels", "File"),
}


def source_label(code: str) -> str:
    return QCoreApplication.translate("labels", SOURCE_LABELS.get(code, code))


def status_label(code: str) -> str:
    return QCoreApplication.translate("labels", STATUS_LABELS.get(code, code))


def channel_label(code: str) -> str:
    return QCoreApplication.translate("labels", CHANNEL_LABELS.get(code, code))


ROLE_LABELS = {
    "counter": QT_TRANSLATE_NOOP("labels", "counter clerk"),
    "manager": QT_TRANSLATE_NOOP("labels", "manager"),
    "admin": QT_TRANSLATE_NOOP("labels", "administrator"),
}
# What each permission lets one do (gestco.domain.permissions), as a refusal says it.
PERMISSION_LABELS = {
    "client.create": QT_TRANSLATE_NOOP("labels", "record a client"),
    "client.edit": QT_TRANSLATE_NOOP("labels", "change a client"),
    "client.note": QT_TRANSLATE_NOOP("labels", "add a note to a client"),
    "client.tag": QT_TRANSLATE_NOOP("labels", "tag a client"),
    "client.consent": QT_TRANSLATE_NOOP("labels", "record a client's marketing consent"),
    "client.anonymise": QT_TRANSLATE_NOOP("labels", "anonymise a client"),
    "order.create": QT_TRANSLATE_NOOP("labels", "create an order"),
    "order.edit": QT_TRANSLATE_NOOP("labels", "change an order"),
    "order.status": QT_TRANSLATE_NOOP(
        "labels", "move an order between pending, processing and on hold"
    ),
    "order.ship": QT_TRANSLATE_NOOP("labels", "ship or deliver an order"),
    "order.cancel": QT_TRANSLATE_NOOP("labels", "cancel an order"),
    "order.discount": QT_TRANSLATE_NOOP("labels", "give a discount above the shop's threshold"),
    "order.price": QT_TRANSLATE_NOOP("labels", "change a line's price"),
    "product.edit": QT_TRANSLATE_NOOP("labels", "change products and prices"),
    "stock.receive": QT_TRANSLATE_NOOP("labels", "receive stock"),
    "stock.correct": QT_TRANSLATE_NOOP("labels", "correct the stock"),
    "export": QT_TRANSLATE_NOOP("labels", "export"),
    "import": QT_TRANSLATE_NOOP("labels", "import orders and clients from files"),
    "settings.edit": QT_TRANSLATE_NOOP("labels", "change the shop's settings"),
    "shop.identity": QT_TRANSLATE_NOOP(
        "labels", "change the shop's name, address and legal identifiers"
    ),
    "payment.record": QT_TRANSLATE_NOOP("labels", "record a payment"),
    "payment.refund": QT_TRANSLATE_NOOP("labels", "refund a client"),
    "invoice.issue": QT_TRANSLATE_NOOP("labels", "issue an invoice"),
    "credit_note.issue": QT_TRANSLATE_NOOP("labels", "issue a credit note"),
    "invoices.view": QT_TRANSLATE_NOOP("labels", "list and export the invoices"),
    "audit.view": QT_TRANSLATE_NOOP("labels", "read the audit trail"),
    "figures.view": QT_TRANSLATE_NOOP("labels", "see the shop's figures"),
    "operators.manage": QT_TRANSLATE_NOOP("labels", "manage operators"),
    "database.connection": QT_TRANSLATE_NOOP("labels", "change the database connection"),
    "backup.restore": QT_TRANSLATE_NOOP("labels", "restore a backup"),
}


# A line of a client's timeline (gestco.domain.relationship.NOTE_KINDS).
NOTE_KIND_LABELS = {
    "note": QT_TRANSLATE_NOOP("labels", "Note"),
    "call": QT_TRANSLATE_NOOP("labels", "Call"),
    "visit": QT_TRANSLATE_NOOP("labels", "Visit"),
    "message": QT_TRANSLATE_NOOP("labels", "Message"),
}


def note_kind_label(code: str) -> str:
    return QCoreApplication.translate("labels", NOTE_KIND_LABELS.get(code, code))


def role_label(code: str) -> str:
    return QCoreApplication.translate("labels", ROLE_LABELS.get(code, code))


def permission_label(code: str) -> str:
    return QCoreApplication.translate("labels", PERMISSION_LABELS.get(code, code))


MOVEMENT_LABELS = {
    "receipt": QT_TRANSLATE_NOOP("labels", "Receipt"),
    "correction": QT_TRANSLATE_NOOP("labels", "Correction"),
    "reserve": QT_TRANSLATE_NOOP("labels", "Reservation"),
    "release": QT_TRANSLATE_NOOP("labels", "Release"),
    "shipment": QT_TRANSLATE_NOOP("labels", "Shipment"),
}
# Reasons the core writes itself (stored in English): shown in the interface's language.
SYSTEM_REASONS = {
    ORDER_SHIPPED: QT_TRANSLATE_NOOP("labels", "order shipped"),
    ORDER_CANCELLED: QT_TRANSLATE_NOOP("labels", "order cancelled"),
    ORDER_EDITED: QT_TRANSLATE_NOOP("labels", "order edited"),
    INITIAL_STOCK: QT_TRANSLATE_NOOP("labels", "initial stock"),
}


def movement_label(code: str) -> str:
    """A stock movement's kind (receipt, reservation...)."""
    return QCoreApplication.translate("labels", MOVEMENT_LABELS.get(code, code))


def reason_label(reason: str) -> str:
    """A movement's reason: the core's own in the interface's language, a typed one as is."""
    if reason in SYSTEM_REASONS:
        return QCoreApplication.translate("labels", SYSTEM_REASONS[reason])
    return reason
