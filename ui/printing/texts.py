"""The words printed on the documents, in the UI's language (Qt's translation: the "paper"
context of resources/translations/*.ts). Kept in one module so a shop's accountant can read
every label a document prints in one place."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gestco.domain.legal_identity import DocumentKind


def tr(text: str) -> str:
    return QCoreApplication.translate("paper", text)


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
        t = tr
        self.number = t("No.")
        self.date = t("Date")
        self.order = t("Order")
        self.served_by = t("Served by")
        self.client = t("Client")
        self.phone = t("Phone")
        self.sku = t("Ref.")
        self.description = t("Description")
        self.quantity = t("Qty")
        self.unit_price = t("Unit price incl. VAT")
        self.unit_price_short = t("Unit price")
        self.discount = t("Disc.")
        self.vat = t("VAT")
        self.line_total = t("Total incl. VAT")
        self.vat_rate = t("VAT rate")
        self.base = t("Base excl. VAT")
        self.vat_amount = t("VAT amount")
        self.total_excl = t("Total excl. VAT")
        self.total_vat = t("Total VAT")
        self.total = t("Total incl. VAT")
        self.total_short = t("Total")
        self.payments = t("Payments received")
        self.received = t("Received")
        self.balance = t("Balance due")
        self.to_refund = t("To give back")
        self.paid_in_full = t("Paid in full")
        self.expected = t("Expected on")
        self.delivery_address = t("Delivery address")
        self.notes = t("Remarks")
        self.ordered = t("Quantity")
        self.delivered = t("Delivered")
        self.received_ok = t("Received in good order")
        self.signature = t("Date, name and signature of the client")
        self.shop_signature = t("For the shop")
        self.credits = t("Credit note on invoice %1")
        self.vat_summary = t("VAT summary")
        self.keep_slip = t("Keep this slip: its number finds your order.")
        self.page = t("Page %1/%2")
        self.lines_count = t("Lines")
