"""The shop's identity in words: each field's caption on Tools › Shop details… and its name
in a sentence ("the ICE"), as a refusal names what a document lacks (MissingIdentifiers
carries the fields' codes; the core's own sentence names them in English); the kinds of
document (an invoice, a credit note)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gestco.domain.documents import CREDIT_NOTE, INVOICE
from ui.display.labels import QT_TRANSLATE_NOOP

# The form's captions (an & marks the Alt+letter).
CAPTIONS = {
    "name": QT_TRANSLATE_NOOP("identity", "Shop &name"),
    "address": QT_TRANSLATE_NOOP("identity", "&Address"),
    "phone": QT_TRANSLATE_NOOP("identity", "&Phone"),
    "email": QT_TRANSLATE_NOOP("identity", "&E-mail"),
    "logo_path": QT_TRANSLATE_NOOP("identity", "&Logo"),
    "country": QT_TRANSLATE_NOOP("identity", "&Country"),
    "ice": QT_TRANSLATE_NOOP("identity", "&ICE"),
    "tax_id": QT_TRANSLATE_NOOP("identity", "I&F (identifiant fiscal)"),
    "rc": QT_TRANSLATE_NOOP("identity", "&RC number"),
    "rc_court": QT_TRANSLATE_NOOP("identity", "RC's c&ourt"),
    "patente": QT_TRANSLATE_NOOP("identity", "&Taxe professionnelle (patente)"),
    "cnss": QT_TRANSLATE_NOOP("identity", "CNSS num&ber"),
    "siren": QT_TRANSLATE_NOOP("identity", "S&IREN or SIRET"),
    "vat_number": QT_TRANSLATE_NOOP("identity", "Intra-EU &VAT number"),
    "rcs": QT_TRANSLATE_NOOP("identity", "&RCS registration"),
    "footer": QT_TRANSLATE_NOOP("identity", "&Document footer"),
    "terms": QT_TRANSLATE_NOOP("identity", "Ter&ms"),
}
# The same fields in a sentence: "… the shop's settings lack the ICE, the RC's court."
IN_A_SENTENCE = {
    "name": QT_TRANSLATE_NOOP("identity", "the shop's name"),
    "address": QT_TRANSLATE_NOOP("identity", "the shop's address"),
    "phone": QT_TRANSLATE_NOOP("identity", "the phone number"),
    "email": QT_TRANSLATE_NOOP("identity", "the e-mail address"),
    "logo_path": QT_TRANSLATE_NOOP("identity", "the logo"),
    "country": QT_TRANSLATE_NOOP("identity", "the country"),
    "ice": QT_TRANSLATE_NOOP("identity", "the ICE"),
    "tax_id": QT_TRANSLATE_NOOP("identity", "the IF (identifiant fiscal)"),
    "rc": QT_TRANSLATE_NOOP("identity", "the RC number"),
    "rc_court": QT_TRANSLATE_NOOP("identity", "the RC's court"),
    "patente": QT_TRANSLATE_NOOP("identity", "the taxe professionnelle (patente)"),
    "cnss": QT_TRANSLATE_NOOP("identity", "the CNSS number"),
    "siren": QT_TRANSLATE_NOOP("identity", "the SIREN or SIRET"),
    "vat_number": QT_TRANSLATE_NOOP("identity", "the intra-EU VAT number"),
    "rcs": QT_TRANSLATE_NOOP("identity", "the RCS registration"),
    "footer": QT_TRANSLATE_NOOP("identity", "the footer"),
    "terms": QT_TRANSLATE_NOOP("identity", "the terms"),
}
COUNTRY_NAMES = {
    "MA": QT_TRANSLATE_NOOP("identity", "Morocco"),
    "FR": QT_TRANSLATE_NOOP("identity", "France"),
}
DOCUMENT_KINDS = {
    INVOICE: QT_TRANSLATE_NOOP("identity", "Invoice"),
    CREDIT_NOTE: QT_TRANSLATE_NOOP("identity", "Credit note"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("identity", text)


def caption(name: str) -> str:
    return _tr(CAPTIONS[name]) if name in CAPTIONS else name


def plain_caption(name: str) -> str:
    """The caption without its Alt+letter mark (for a list of fields)."""
    return caption(name).replace("&", "")


def in_a_sentence(name: str) -> str:
    return _tr(IN_A_SENTENCE[name]) if name in IN_A_SENTENCE else name


def lacking(names: tuple[str, ...]) -> str:
    return ", ".join(in_a_sentence(name) for name in names)


def country_name(code: str) -> str:
    return _tr(COUNTRY_NAMES[code]) if code in COUNTRY_NAMES else code


def document_kind(code: str) -> str:
    return _tr(DOCUMENT_KINDS[code]) if code in DOCUMENT_KINDS else code
