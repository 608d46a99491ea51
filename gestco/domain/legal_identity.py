"""The shop's identity as its documents print it: name, address, contacts, logo, and the legal
identifiers of its country (Morocco or France), each checked; the footer and terms; and which
identifiers each kind of document legally needs (`missing_for`).

No I/O here (the domain layer): gestco.services.shop_identity stores and reads these in the
settings table, one row per field (`shop.<field>`).

What each document needs, by country (REQUIRED below). These are the mentions the law asks a
shop's own documents to carry, as GESTCO checks them before it issues one; the shop's
accountant has the last word on its own case:

- Morocco (Code général des impôts, art. 145-III, invoices; loi 15-95 and décret 2-11-13,
  the ICE on every document a business hands out): an invoice or a credit note names the
  shop (name, address), its ICE, IF (identifiant fiscal), RC with its court, and taxe
  professionnelle (patente). An order slip, a delivery note or a receipt: the name and the
  ICE. CNSS is kept and printed when given, never required.
- France (Code de commerce art. R123-237 and L441-9, CGI art. 242 nonies A): an invoice or a
  credit note names the shop (name, address), its SIREN (or SIRET), its intra-EU VAT number
  and its RCS registration; the other documents, the name. A shop under the VAT franchise
  (no VAT number) prints "TVA non applicable, art. 293 B du CGI" in its terms instead: GESTCO
  still asks for the number, so such a shop types the mention there and is told the field is
  missing (a later issue may add the franchise as a setting).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from email_validator import EmailNotValidError, validate_email
from stdnum.eu import vat
from stdnum.fr import siren, siret
from stdnum.ma import ice

from gestco.domain.change_areas import NOTHING, Changes
from gestco.domain.errors import ValidationError
from gestco.domain.text import ascii_digits, clean

COUNTRIES = ("MA", "FR")


class DocumentKind(StrEnum):
    """The papers GESTCO hands a client."""

    ORDER_SLIP = "slip"  # bon de commande
    DELIVERY_NOTE = "delivery"  # bon de livraison
    RECEIPT = "receipt"  # the slip on the counter's receipt printer
    INVOICE = "invoice"  # facture
    CREDIT_NOTE = "credit"  # avoir


@dataclass(frozen=True, slots=True)
class ShopIdentity:
    """The shop as its documents show it. '' is "not given". Stored values are the checked,
    normalised forms (digits without spaces; a VAT number in capitals with its country)."""

    name: str = ""
    address: str = ""  # several lines
    phone: str = ""
    email: str = ""
    logo_path: str = ""  # an image file on this workstation or a share
    country: str = "MA"
    # Morocco
    ice: str = ""  # Identifiant Commun de l'Entreprise: 15 digits, checked
    tax_id: str = ""  # IF, identifiant fiscal
    rc: str = ""  # registre du commerce: its number...
    rc_court: str = ""  # ...and the court that keeps it (tribunal de commerce de Rabat)
    patente: str = ""  # taxe professionnelle
    cnss: str = ""
    # France
    siren: str = ""  # SIREN (9 digits) or SIRET (14), checked
    vat_number: str = ""  # intra-EU VAT number (FR40303265045), checked
    rcs: str = ""  # "RCS Paris 732 829 320"
    # Every document
    footer: str = ""
    terms: str = ""
    # Set on what set_shop_identity returns: the areas it changed (gestco.domain.change_areas).
    changes: Changes = field(default=NOTHING, compare=False, repr=False)


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ShopIdentity) if f.name != "changes")

# What a field is called in a refusal's message (English; the screens translate the code).
FIELD_NAMES: dict[str, str] = {
    "name": "the shop's name",
    "address": "the shop's address",
    "phone": "the phone number",
    "email": "the e-mail address",
    "logo_path": "the logo",
    "country": "the country",
    "ice": "the ICE",
    "tax_id": "the IF (identifiant fiscal)",
    "rc": "the RC number",
    "rc_court": "the RC's court",
    "patente": "the taxe professionnelle (patente)",
    "cnss": "the CNSS number",
    "siren": "the SIREN or SIRET",
    "vat_number": "the intra-EU VAT number",
    "rcs": "the RCS registration",
    "footer": "the footer",
    "terms": "the terms",
}

_INVOICE_MA = ("name", "address", "ice", "tax_id", "rc", "rc_court", "patente")
_OTHER_MA = ("name", "ice")
_INVOICE_FR = ("name", "address", "siren", "vat_number", "rcs")
_OTHER_FR = ("name",)

# (country, document) -> the fields that document cannot be issued without (see above).
REQUIRED: dict[tuple[str, DocumentKind], tuple[str, ...]] = {
    ("MA", DocumentKind.INVOICE): _INVOICE_MA,
    ("MA", DocumentKind.CREDIT_NOTE): _INVOICE_MA,
    ("MA", DocumentKind.ORDER_SLIP): _OTHER_MA,
    ("MA", DocumentKind.DELIVERY_NOTE): _OTHER_MA,
    ("MA", DocumentKind.RECEIPT): _OTHER_MA,
    ("FR", DocumentKind.INVOICE): _INVOICE_FR,
    ("FR", DocumentKind.CREDIT_NOTE): _INVOICE_FR,
    ("FR", DocumentKind.ORDER_SLIP): _OTHER_FR,
    ("FR", DocumentKind.DELIVERY_NOTE): _OTHER_FR,
    ("FR", DocumentKind.RECEIPT): _OTHER_FR,
}
assert set(REQUIRED) == {(c, k) for c in COUNTRIES for k in DocumentKind}


def missing_for(identity: ShopIdentity, kind: DocumentKind | str) -> tuple[str, ...]:
    """The fields `kind` legally needs that `identity` leaves empty, in REQUIRED's order."""
    needed = REQUIRED[(identity.country, DocumentKind(kind))]
    return tuple(name for name in needed if not getattr(identity, name))


def describe_missing(missing: tuple[str, ...]) -> str:
    return ", ".join(FIELD_NAMES[name] for name in missing)


def _digits(value: str, lengths: tuple[int, ...]) -> str | None:
    """Digits typed with spaces, dots or dashes between them -> the digits alone (None: not
    that many digits)."""
    text = ascii_digits(value)
    for separator in (" ", ".", "-", "/", "\u00a0"):
        text = text.replace(separator, "")
    ok = text.isascii() and text.isdigit() and len(text) in lengths
    return text if ok else None


def _checked_ice(value: str) -> str:
    digits = _digits(value, (15,))
    if digits is None:
        raise ValidationError("ice", "An ICE is 15 digits, such as 001561191000066.")
    if not ice_is_valid(digits):
        raise ValidationError("ice", "This ICE's check digits are wrong: check the number.")
    return digits


def ice_is_valid(digits: str) -> bool:
    """The ICE's published check (its last two digits make the number ≡ 0 mod 97), through
    python-stdnum's stdnum.ma.ice."""
    return bool(ice.is_valid(digits))


def _checked_siren(value: str) -> str:
    digits = _digits(value, (9, 14))
    if digits is None:
        raise ValidationError("siren", "A SIREN is 9 digits (a SIRET 14), such as 732 829 320.")
    module = siren if len(digits) == 9 else siret
    if not module.is_valid(digits):
        raise ValidationError("siren", "This number's check digit is wrong: check it.")
    return digits


def _checked_vat(value: str) -> str:
    compact = "".join(value.split()).upper().replace(".", "").replace("-", "")
    if not (compact.isascii() and compact.isalnum() and vat.is_valid(compact)):
        raise ValidationError(
            "vat_number",
            "Type an intra-EU VAT number with its country, such as FR40303265045.",
        )
    return compact


def _checked_number(value: str, field: str, max_digits: int) -> str:
    """IF, patente, CNSS: a number of the administration's, digits only."""
    digits = _digits(value, tuple(range(1, max_digits + 1)))
    if digits is None:
        raise ValidationError(field, "Type digits only (at most {n}).", n=max_digits)
    return digits


_LINES = {"address": 500, "footer": 2000, "terms": 4000}
_MAX = {"name": 200, "phone": 40, "email": 254, "logo_path": 1000, "rc_court": 100, "rcs": 100}


def checked(identity: ShopIdentity) -> ShopIdentity:
    """`identity` with every given field checked and put in its stored form; raises a
    ValidationError naming the first wrong field. Empty fields stay empty (what a document
    needs is `missing_for`'s business, when it is issued)."""
    values: dict[str, Any] = {}
    for name in FIELDS:
        raw = getattr(identity, name)
        if name in _LINES:
            text = clean(raw, field=name, max_length=_LINES[name], multiline=True)
        else:
            text = clean(raw, field=name, max_length=_MAX.get(name, 40))
        values[name] = text
    country = values["country"].upper()
    if country not in COUNTRIES:
        raise ValidationError("country", "Choose the shop's country: MA (Morocco) or FR (France).")
    values["country"] = country
    if values["ice"]:
        values["ice"] = _checked_ice(values["ice"])
    for name, most in (("tax_id", 10), ("patente", 11), ("cnss", 10)):
        if values[name]:
            values[name] = _checked_number(values[name], name, most)
    if values["rc"]:
        rc = values["rc"].replace(" ", "")
        if not (rc.isascii() and rc.replace("/", "").isalnum()):
            raise ValidationError("rc", "Type the RC number as the court gave it, such as 123456.")
        values["rc"] = rc
    if values["siren"]:
        values["siren"] = _checked_siren(values["siren"])
    if values["vat_number"]:
        values["vat_number"] = _checked_vat(values["vat_number"])
    if values["email"]:
        try:
            values["email"] = validate_email(values["email"], check_deliverability=False).normalized
        except EmailNotValidError:
            raise ValidationError(
                "email", "Type an e-mail address such as contact@boutique.ma."
            ) from None
    return replace(identity, **values)
