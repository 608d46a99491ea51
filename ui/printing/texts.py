"""The words printed on the documents, in the UI's language (Qt's translation: the "paper"
context of resources/translations/*.ts). Kept in one module so a shop's accountant can read
every label a document prints in one place."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gestco.domain.legal_identity import DocumentKind


def title(kind: DocumentKind) -> str:
    """The document's name as its heading prints it."""
    return {
        DocumentKind.ORDER_SLIP: QCoreApplication.translate("paper", "Order slip"),
        DocumentKind.DELIVERY_NOTE: QCoreApplication.translate("paper", "Delivery note"),
        DocumentKind.RECEIPT: QCoreApplication.translate("paper", "Receipt"),
        DocumentKind.INVOICE: QCoreApplication.translate("paper", "Invoice"),
        DocumentKind.CREDIT_NOTE: QCoreApplication.translate("paper", "Credit note"),
    }[kind]


def identifier(code: str) -> str:
    """A legal identifier's short name, as the administrations write it."""
    return {
        "ice": QCoreApplication.translate("paper", "ICE"),
        "tax_id": QCoreApplication.translate("paper", "IF"),
        "rc": QCoreApplication.translate("paper", "RC"),
        "patente": QCoreApplication.translate("paper", "Professional tax"),
        "cnss": QCoreApplication.translate("paper", "CNSS"),
        "siren": QCoreApplication.translate("paper", "SIREN/SIRET"),
        "vat_number": QCoreApplication.translate("paper", "VAT no."),
        "rcs": QCoreApplication.translate("paper", "RCS"),
    }.get(code, code)


def method(code: str) -> str:
    return {
        "cash": QCoreApplication.translate("paper", "cash"),
        "card": QCoreApplication.translate("paper", "card"),
        "transfer": QCoreApplication.translate("paper", "transfer"),
        "cheque": QCoreApplication.translate("paper", "cheque"),
        "other": QCoreApplication.translate("paper", "other"),
    }.get(code, code)


class Words:
    """The labels, read once per document (each a translation lookup)."""

    def __init__(self) -> None:
        self.number = QCoreApplication.translate("paper", "No.")
        self.date = QCoreApplication.translate("paper", "Date")
        self.order = QCoreApplication.translate("paper", "Order")
        self.served_by = QCoreApplication.translate("paper", "Served by")
        self.client = QCoreApplication.translate("paper", "Client")
        self.sku = QCoreApplication.translate("paper", "Ref.")
        self.description = QCoreApplication.translate("paper", "Description")
        self.quantity = QCoreApplication.translate("paper", "Qty")
        self.unit_price_short = QCoreApplication.translate("paper", "Unit price")
        self.discount = QCoreApplication.translate("paper", "Disc.")
        self.vat = QCoreApplication.translate("paper", "VAT")
        self.line_total = QCoreApplication.translate("paper", "Total incl. VAT")
        self.vat_rate = QCoreApplication.translate("paper", "VAT rate")
        self.base = QCoreApplication.translate("paper", "Base excl. VAT")
        self.vat_amount = QCoreApplication.translate("paper", "VAT amount")
        self.total_excl = QCoreApplication.translate("paper", "Total excl. VAT")
        self.total_vat = QCoreApplication.translate("paper", "Total VAT")
        self.total = QCoreApplication.translate("paper", "Total incl. VAT")
        self.received = QCoreApplication.translate("paper", "Received")
        self.balance = QCoreApplication.translate("paper", "Balance due")
        self.to_refund = QCoreApplication.translate("paper", "To give back")
        self.expected = QCoreApplication.translate("paper", "Expected on")
        self.delivery_address = QCoreApplication.translate("paper", "Delivery address")
        self.notes = QCoreApplication.translate("paper", "Remarks")
        self.delivered = QCoreApplication.translate("paper", "Delivered")
        self.received_ok = QCoreApplication.translate("paper", "Received in good order")
        self.signature = QCoreApplication.translate(
            "paper", "Date, name and signature of the client"
        )
        self.shop_signature = QCoreApplication.translate("paper", "For the shop")
        self.credits = QCoreApplication.translate("paper", "Credit note on invoice %1")
        self.keep_slip = QCoreApplication.translate(
            "paper", "Keep this slip: its number finds your order."
        )
        self.page = QCoreApplication.translate("paper", "Page %1/%2")
