"""The audit trail in words: what a kind of line is, what a field is called, a stored
value (text, as the trail keeps it) as the screens show that field, and a line's note (the
core writes codes: "PIN", "set", "release order cancelled", "delay 30 s") in the interface's
language."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication

from ui.display import bidi, formatting
from ui.display.identity_words import CAPTIONS, plain_caption
from ui.display.labels import (
    MOVEMENT_LABELS,
    QT_TRANSLATE_NOOP,
    channel_label,
    movement_label,
    note_kind_label,
    reason_label,
    role_label,
    status_label,
)
from ui.display.payment_words import method_label

KIND_LABELS = {
    "order": QT_TRANSLATE_NOOP("audit", "Order"),
    "client": QT_TRANSLATE_NOOP("audit", "Client"),
    "product": QT_TRANSLATE_NOOP("audit", "Product"),
    "stock": QT_TRANSLATE_NOOP("audit", "Stock"),
    "setting": QT_TRANSLATE_NOOP("audit", "Setting"),
    "operator": QT_TRANSLATE_NOOP("audit", "Operator"),
    "sign_in": QT_TRANSLATE_NOOP("audit", "Sign-in"),
    "sign_in_failed": QT_TRANSLATE_NOOP("audit", "Failed sign-in"),
    "sign_in_refused": QT_TRANSLATE_NOOP("audit", "Sign-in while waiting"),
    "sign_out": QT_TRANSLATE_NOOP("audit", "Sign-out"),
    "lock": QT_TRANSLATE_NOOP("audit", "Lock"),
    "approval": QT_TRANSLATE_NOOP("audit", "Approval"),
    "approval_failed": QT_TRANSLATE_NOOP("audit", "Failed approval"),
    "failures_cleared": QT_TRANSLATE_NOOP("audit", "Wrong attempts cleared"),
}
# Lines of kind "order" that are not the order itself: its payments and its invoices
# (gestco.services.payments, invoices), named by the table they wrote.
ENTITY_KIND_LABELS = {
    "payments": QT_TRANSLATE_NOOP("audit", "Payment"),
    "invoices": QT_TRANSLATE_NOOP("audit", "Invoice"),
}
DOCUMENT_KIND_LABELS = {
    "invoice": QT_TRANSLATE_NOOP("audit", "invoice"),
    "credit_note": QT_TRANSLATE_NOOP("audit", "credit note"),
}
FIELD_LABELS = {
    # orders
    "number": QT_TRANSLATE_NOOP("audit", "Number"),
    "client_id": QT_TRANSLATE_NOOP("audit", "Client"),
    "channel": QT_TRANSLATE_NOOP("audit", "Channel"),
    "status": QT_TRANSLATE_NOOP("audit", "Status"),
    "shipping_date": QT_TRANSLATE_NOOP("audit", "Shipping date"),
    "shipped_at": QT_TRANSLATE_NOOP("audit", "Shipped"),
    "delivered_at": QT_TRANSLATE_NOOP("audit", "Delivered"),
    "shipping_address": QT_TRANSLATE_NOOP("audit", "Shipping address"),
    "notes": QT_TRANSLATE_NOOP("audit", "Remarks"),
    "total_excl_cents": QT_TRANSLATE_NOOP("audit", "Total excl. tax"),
    "total_tax_cents": QT_TRANSLATE_NOOP("audit", "Tax"),
    "total_cents": QT_TRANSLATE_NOOP("audit", "Total"),
    "lines": QT_TRANSLATE_NOOP("audit", "Lines"),
    # payments and invoices
    "order": QT_TRANSLATE_NOOP("audit", "Order"),
    "amount_cents": QT_TRANSLATE_NOOP("audit", "Amount"),
    "method": QT_TRANSLATE_NOOP("audit", "Payment method"),
    "paid_on": QT_TRANSLATE_NOOP("audit", "Paid on"),
    "reference": QT_TRANSLATE_NOOP("audit", "Payment reference"),
    "reason": QT_TRANSLATE_NOOP("audit", "Reason"),
    "credited": QT_TRANSLATE_NOOP("audit", "Invoice credited"),
    # clients
    "phone": QT_TRANSLATE_NOOP("audit", "Phone"),
    "first_name": QT_TRANSLATE_NOOP("audit", "First name"),
    "last_name": QT_TRANSLATE_NOOP("audit", "Last name"),
    "email": QT_TRANSLATE_NOOP("audit", "E-mail"),
    "address": QT_TRANSLATE_NOOP("audit", "Address"),
    "postal_code": QT_TRANSLATE_NOOP("audit", "Postal code"),
    "city": QT_TRANSLATE_NOOP("audit", "City"),
    "country": QT_TRANSLATE_NOOP("audit", "Country"),
    "tags": QT_TRANSLATE_NOOP("audit", "Tags"),
    "marketing_consent": QT_TRANSLATE_NOOP("audit", "Marketing consent"),
    "consent_at": QT_TRANSLATE_NOOP("audit", "Consent given or withdrawn"),
    "anonymised_at": QT_TRANSLATE_NOOP("audit", "Anonymised"),
    "kind": QT_TRANSLATE_NOOP("audit", "Kind of contact"),
    # products and stock
    "sku": QT_TRANSLATE_NOOP("audit", "Reference"),
    "name": QT_TRANSLATE_NOOP("audit", "Name"),
    "unit_price_cents": QT_TRANSLATE_NOOP("audit", "Unit price"),
    "tax_rate_bp": QT_TRANSLATE_NOOP("audit", "Tax rate"),
    "reorder_level": QT_TRANSLATE_NOOP("audit", "Reorder level"),
    "active": QT_TRANSLATE_NOOP("audit", "Active"),
    "on_hand": QT_TRANSLATE_NOOP("audit", "On hand"),
    "reserved": QT_TRANSLATE_NOOP("audit", "Reserved"),
    # settings and operators
    "value": QT_TRANSLATE_NOOP("audit", "Value"),
    "username": QT_TRANSLATE_NOOP("audit", "Username"),
    "display_name": QT_TRANSLATE_NOOP("audit", "Name shown"),
    "role": QT_TRANSLATE_NOOP("audit", "Role"),
    "password": QT_TRANSLATE_NOOP("audit", "Password"),
    "pin": QT_TRANSLATE_NOOP("audit", "PIN"),
}


# The notes the core writes on events and changes (gestco.services.session, operators); a
# context of their own: a note is lower case ("mot de passe"), a field's name is not.
NOTE_WORDS = {
    "PIN": QT_TRANSLATE_NOOP("auditNote", "PIN"),
    "password": QT_TRANSLATE_NOOP("auditNote", "password"),
    "assumed": QT_TRANSLATE_NOOP("auditNote", "without a secret (tests, automation)"),
    "anonymised: the former values are not kept": QT_TRANSLATE_NOOP(
        "auditNote", "anonymised: the former values are not kept"
    ),
    "disabled operator": QT_TRANSLATE_NOOP("auditNote", "operator disabled"),
    "set": QT_TRANSLATE_NOOP("auditNote", "set"),
    "changed": QT_TRANSLATE_NOOP("auditNote", "changed"),
    "removed": QT_TRANSLATE_NOOP("auditNote", "removed"),
    # why an operator's wrong attempts were cleared (gestco.services.operators)
    "unlocked": QT_TRANSLATE_NOOP("auditNote", "cleared by an administrator"),
    "new password": QT_TRANSLATE_NOOP("auditNote", "new password"),
    "new PIN": QT_TRANSLATE_NOOP("auditNote", "new PIN"),
    "PIN removed": QT_TRANSLATE_NOOP("auditNote", "PIN removed"),
    "enabled": QT_TRANSLATE_NOOP("auditNote", "enabled again"),
}
_DELAY = re.compile(r"delay (\d+) s")
DELAY_NOTE = QT_TRANSLATE_NOOP("auditNote", "delay %1")
_WAIT = re.compile(r"wait (\d+) s")
WAIT_NOTE = QT_TRANSLATE_NOOP("auditNote", "%1 still to wait")
_ATTEMPTS = re.compile(r"(\d+) wrong attempts")
ATTEMPTS_NOTE = QT_TRANSLATE_NOOP("auditNote", "wrong attempts: %1")  # no plural to agree
_APPROVES_NOTHING = re.compile(r"the role (\w+) approves nothing")
APPROVES_NOTHING_NOTE = QT_TRANSLATE_NOOP("auditNote", "the role %1 approves nothing")
LINE_TEXT = QT_TRANSLATE_NOOP("audit", "%1 × %2 at %3")
DISCOUNTED_LINE = QT_TRANSLATE_NOOP("audit", "%1, discount %2")
# A line of an order as the trail keeps it (gestco.services.order_checks.lines_text).
_LINE = re.compile(r"(\d+) x (.+) @ (-?\d+\.\d{2})(?: -(\d+(?:\.\d+)?)%)?")


def _tr(text: str) -> str:
    return QCoreApplication.translate("audit", text)


def note_text(kind: str, note: str) -> str:
    """A line's note in the interface's language; text the core did not write (a stock
    receipt's reference, a correction's reason) as it was typed."""
    if not note:
        return ""
    if kind == "stock":  # "<movement> <reason>": "release order cancelled", "receipt BL-12"
        move, _, reason = note.partition(" ")
        if move in MOVEMENT_LABELS:
            said = movement_label(move)
            return f"{said} · {reason_label(reason)}" if reason else said
        return note
    return " · ".join(_note_part(part.strip()) for part in note.split(";"))


def _note_part(part: str) -> str:
    if part in NOTE_WORDS:
        return QCoreApplication.translate("auditNote", NOTE_WORDS[part])
    for pattern, words in ((_DELAY, DELAY_NOTE), (_WAIT, WAIT_NOTE)):
        seconds = pattern.fullmatch(part)
        if seconds:
            said = QCoreApplication.translate("auditNote", words)
            return said.replace("%1", bidi.ltr(formatting.duration(int(seconds.group(1)))))
    attempts = _ATTEMPTS.fullmatch(part)
    if attempts:
        said = QCoreApplication.translate("auditNote", ATTEMPTS_NOTE)
        return said.replace("%1", bidi.ltr(attempts.group(1)))
    role = _APPROVES_NOTHING.fullmatch(part)
    if role:
        said = QCoreApplication.translate("auditNote", APPROVES_NOTHING_NOTE)
        return said.replace("%1", role_label(role.group(1)))
    return part


def _line(text: str) -> str:
    """'2 x ARG-0003 @ 90.00 -15%' with the language's amounts: '2 × ARG-0003 à 90,00,
    remise 15 %' in French."""
    found = _LINE.fullmatch(text.strip())
    if found is None:
        return text
    quantity, sku, price, discount = found.groups()
    try:
        cents = int(Decimal(price) * 100)
        points = int(Decimal(discount) * 100) if discount else 0
    except InvalidOperation:
        return text
    said = (
        _tr(LINE_TEXT)
        .replace("%1", bidi.ltr(quantity))
        .replace("%2", bidi.ltr(sku))
        .replace("%3", bidi.ltr(formatting.money(cents)))
    )
    if points:
        said = (
            _tr(DISCOUNTED_LINE)
            .replace("%1", said)
            .replace("%2", bidi.ltr(formatting.rate(points)))
        )
    return said


def kind_label(code: str, entity: str = "") -> str:
    """What a line is: its kind, or for an order's payment or invoice, that."""
    if code == "order" and entity in ENTITY_KIND_LABELS:
        return _tr(ENTITY_KIND_LABELS[entity])
    return _tr(KIND_LABELS.get(code, code))


def _kind_value(text: str) -> str:
    """A "kind" field: a timeline line's (note, call...) or an invoice's (invoice, credit)."""
    if text in DOCUMENT_KIND_LABELS:
        return _tr(DOCUMENT_KIND_LABELS[text])
    return note_kind_label(text)


def field_label(name: str) -> str:
    if name in FIELD_LABELS:
        return _tr(FIELD_LABELS[name])
    # the shop's identity and logo (a setting's line, record "shop"): the form's captions
    shop_field = "logo_path" if name == "logo" else name
    return plain_caption(shop_field) if shop_field in CAPTIONS else name


def _cents(text: str) -> str:
    return formatting.money(int(text))


def _moment(text: str) -> str:
    return formatting.moment(datetime.fromisoformat(text))


def _day(text: str) -> str:
    return formatting.day(date.fromisoformat(text[:10]))


def _yes_no(text: str) -> str:
    if text == "1":
        return QCoreApplication.translate("audit", "yes")
    return QCoreApplication.translate("audit", "no")


_SHOWN: dict[str, Callable[[str], str]] = {
    "channel": channel_label,
    "status": status_label,
    "role": role_label,
    "shipping_date": _day,
    "shipped_at": _moment,
    "delivered_at": _moment,
    "total_excl_cents": _cents,
    "total_tax_cents": _cents,
    "total_cents": _cents,
    "unit_price_cents": _cents,
    "tax_rate_bp": lambda text: formatting.rate(int(text)),
    "active": _yes_no,
    "marketing_consent": _yes_no,
    "kind": _kind_value,
    "amount_cents": _cents,
    "method": method_label,
    "paid_on": _day,
    "consent_at": _moment,
    "anonymised_at": _moment,
    "tags": lambda text: ", ".join(text.splitlines()),
    "lines": lambda text: " · ".join(_line(line) for line in text.splitlines()),
}


def field_value(name: str, value: str | None) -> str:
    """`value` as stored, shown as the screens show that field ('' for none; a value the
    screens cannot read is shown as it is stored)."""
    if value is None or value == "":
        return ""
    shown = _SHOWN.get(name)
    if shown is None:
        return " ".join(value.splitlines())
    try:
        return shown(value)
    except ValueError:
        return value
