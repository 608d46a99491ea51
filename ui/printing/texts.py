"""The words printed on the documents, in the document's language (ui.printing.speech: the
"paper" context of resources/translations/*.ts, looked up in the catalogue of the language
the shop prints in, which need not be the window's). Kept in one module so a shop's
accountant can read every label a document prints in one place.

Each label is marked for lupdate (QT_TRANSLATE_NOOP) and translated when a document is laid
out; what the window shows of a document (a print dialog's title) is in the window's
language (a Speech of no language)."""

from __future__ import annotations

from gestco.domain.legal_identity import DocumentKind
from ui.display.labels import QT_TRANSLATE_NOOP
from ui.printing.speech import Speech

TITLES = {
    DocumentKind.ORDER_SLIP: QT_TRANSLATE_NOOP("paper", "Order slip"),
    DocumentKind.DELIVERY_NOTE: QT_TRANSLATE_NOOP("paper", "Delivery note"),
    DocumentKind.RECEIPT: QT_TRANSLATE_NOOP("paper", "Receipt"),
    DocumentKind.INVOICE: QT_TRANSLATE_NOOP("paper", "Invoice"),
    DocumentKind.CREDIT_NOTE: QT_TRANSLATE_NOOP("paper", "Credit note"),
}
# A legal identifier's short name, as the administrations write it.
IDENTIFIERS = {
    "ice": QT_TRANSLATE_NOOP("paper", "ICE"),
    "tax_id": QT_TRANSLATE_NOOP("paper", "IF"),
    "rc": QT_TRANSLATE_NOOP("paper", "RC"),
    "patente": QT_TRANSLATE_NOOP("paper", "Professional tax"),
    "cnss": QT_TRANSLATE_NOOP("paper", "CNSS"),
    "siren": QT_TRANSLATE_NOOP("paper", "SIREN/SIRET"),
    "vat_number": QT_TRANSLATE_NOOP("paper", "VAT no."),
    "rcs": QT_TRANSLATE_NOOP("paper", "RCS"),
}
METHODS = {
    "cash": QT_TRANSLATE_NOOP("paper", "cash"),
    "card": QT_TRANSLATE_NOOP("paper", "card"),
    "transfer": QT_TRANSLATE_NOOP("paper", "transfer"),
    "cheque": QT_TRANSLATE_NOOP("paper", "cheque"),
    "other": QT_TRANSLATE_NOOP("paper", "other"),
}
# Words' attributes: each label's source text.
LABELS = {
    "number": QT_TRANSLATE_NOOP("paper", "No."),
    "date": QT_TRANSLATE_NOOP("paper", "Date"),
    "order": QT_TRANSLATE_NOOP("paper", "Order"),
    "served_by": QT_TRANSLATE_NOOP("paper", "Served by"),
    "client": QT_TRANSLATE_NOOP("paper", "Client"),
    "sku": QT_TRANSLATE_NOOP("paper", "Ref."),
    "description": QT_TRANSLATE_NOOP("paper", "Description"),
    "quantity": QT_TRANSLATE_NOOP("paper", "Qty"),
    "unit_price_short": QT_TRANSLATE_NOOP("paper", "Unit price"),
    "discount": QT_TRANSLATE_NOOP("paper", "Disc."),
    "vat": QT_TRANSLATE_NOOP("paper", "VAT"),
    "line_total": QT_TRANSLATE_NOOP("paper", "Total incl. VAT"),
    "vat_rate": QT_TRANSLATE_NOOP("paper", "VAT rate"),
    "base": QT_TRANSLATE_NOOP("paper", "Base excl. VAT"),
    "vat_amount": QT_TRANSLATE_NOOP("paper", "VAT amount"),
    "total_excl": QT_TRANSLATE_NOOP("paper", "Total excl. VAT"),
    "total_vat": QT_TRANSLATE_NOOP("paper", "Total VAT"),
    "total": QT_TRANSLATE_NOOP("paper", "Total incl. VAT"),
    "received": QT_TRANSLATE_NOOP("paper", "Received"),
    "balance": QT_TRANSLATE_NOOP("paper", "Balance due"),
    "to_refund": QT_TRANSLATE_NOOP("paper", "To give back"),
    "expected": QT_TRANSLATE_NOOP("paper", "Expected on"),
    "delivery_address": QT_TRANSLATE_NOOP("paper", "Delivery address"),
    "notes": QT_TRANSLATE_NOOP("paper", "Remarks"),
    "delivered": QT_TRANSLATE_NOOP("paper", "Delivered"),
    "received_ok": QT_TRANSLATE_NOOP("paper", "Received in good order"),
    "signature": QT_TRANSLATE_NOOP("paper", "Date, name and signature of the client"),
    "shop_signature": QT_TRANSLATE_NOOP("paper", "For the shop"),
    "credits": QT_TRANSLATE_NOOP("paper", "Credit note on invoice %1"),
    "keep_slip": QT_TRANSLATE_NOOP("paper", "Keep this slip: its number finds your order."),
    "page": QT_TRANSLATE_NOOP("paper", "Page %1/%2"),
}


def title(kind: DocumentKind, speech: Speech | None = None) -> str:
    """The document's name as plain text (no speech: in the window's language)."""
    return (speech or Speech()).text(TITLES[kind])


def heading(kind: DocumentKind, speech: Speech) -> str:
    """The document's name as its heading prints it (HTML, in capitals)."""
    return speech.html(TITLES[kind], upper=True)


def identifier(code: str, speech: Speech) -> str:
    """A legal identifier's short name as HTML."""
    source = IDENTIFIERS.get(code)
    return speech.html(source, inline=True) if source else code


def method(code: str, speech: Speech) -> str:
    """A payment's method as HTML."""
    source = METHODS.get(code)
    return speech.html(source, inline=True) if source else code


class Words:
    """The labels of one document, as HTML in its language(s) (the Arabic under the French in
    a bilingual one: the column heads, the boxes' captions); `inline` holds each on one line,
    "Total HT / المجموع خارج TVA", for the rows of figures and the sentences."""

    def __init__(self, speech: Speech) -> None:
        self.speech = speech
        for name, source in LABELS.items():
            setattr(self, name, speech.html(source))
        self.inline = {name: speech.html(source, inline=True) for name, source in LABELS.items()}

    def with_suffix(self, name: str, suffix: str) -> str:
        """A label on one line with `suffix` (HTML: the currency) after its first language's
        words."""
        return self.speech.html(LABELS[name], suffix=suffix, inline=True)

    def __getattr__(self, name: str) -> str:  # the labels set above, for the type checker
        raise AttributeError(name)
