"""Each source's statuses -> GESTCO's (domain.records.STATUSES) and a payment state
(records.PAYMENT_STATUSES). Tables as data, the same ones docs/import-format.md shows; a
status no table knows is an error on that order, never a guess."""

from __future__ import annotations

from collections.abc import Mapping

from gestco.domain.errors import ValidationError
from gestco.domain.text import search_key


def status_key(text: str) -> str:
    """'On-Hold', 'wc-on-hold', 'on_hold' and 'On hold' compare the same; so do 'Expédiée'
    and 'expediee'."""
    word = search_key(text.replace("-", " ").replace("_", " "))
    return word.removeprefix("wc ")


def _keyed(table: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    return {status_key(word): value for word, value in table.items()}


# Shopify: Financial Status -> payment state.
SHOPIFY_PAYMENT = {
    "pending": "unpaid",
    "authorized": "authorized",
    "partially_paid": "partially_paid",
    "paid": "paid",
    "partially_refunded": "partially_refunded",
    "refunded": "refunded",
    "voided": "voided",
    "expired": "unpaid",  # an authorisation that lapsed: nothing was taken
}
SHOPIFY_FULFILLMENT = ("fulfilled", "unfulfilled", "partial", "restocked")


def shopify_status(*, cancelled: bool, financial: str, fulfillment: str) -> str:
    """The first rule that holds (docs/import-format.md, Shopify):
    1. Cancelled at is set -> cancelled;  2. Financial voided -> cancelled;
    3. Fulfillment restocked -> cancelled;
    4. Financial refunded and nothing fulfilled -> cancelled (refunded before shipping);
    5. Fulfillment fulfilled -> shipped;  6. Fulfillment partial -> processing;
    7. paid, partially paid, authorized, partially refunded -> processing;
    8. otherwise (pending, expired; unfulfilled) -> pending."""
    if cancelled or financial == "voided" or fulfillment == "restocked":
        return "cancelled"
    if financial == "refunded" and fulfillment not in ("fulfilled", "partial"):
        return "cancelled"
    if fulfillment == "fulfilled":
        return "shipped"
    if fulfillment == "partial":
        return "processing"
    if financial in ("paid", "partially_paid", "authorized", "partially_refunded"):
        return "processing"
    return "pending"


# WooCommerce: the order status (slug, or its English or French label in plugin exports)
# -> (GESTCO status, payment state).
WOOCOMMERCE = _keyed(
    {
        "pending": ("pending", "unpaid"),
        "pending payment": ("pending", "unpaid"),
        "en attente de paiement": ("pending", "unpaid"),
        "processing": ("processing", "paid"),
        "en cours": ("processing", "paid"),
        "on-hold": ("on_hold", "unpaid"),  # awaiting a transfer or a cheque
        "en attente": ("on_hold", "unpaid"),
        "completed": ("shipped", "paid"),  # fulfilled: GESTCO records the delivery after
        "terminee": ("shipped", "paid"),
        "cancelled": ("cancelled", "unpaid"),
        "annulee": ("cancelled", "unpaid"),
        "refunded": ("cancelled", "refunded"),
        "remboursee": ("cancelled", "refunded"),
        "failed": ("cancelled", "failed"),  # the payment was declined
        "echouee": ("cancelled", "failed"),
        # Statuses the common shipment-tracking plugins add.
        "shipped": ("shipped", "paid"),
        "partial-shipped": ("processing", "paid"),
        "delivered": ("delivered", "paid"),
    }
)
WOOCOMMERCE_REFUSED = frozenset({status_key("checkout-draft"), status_key("draft")})


def woocommerce_status(text: str, *, field: str) -> tuple[str, str]:
    key = status_key(text)
    if key in WOOCOMMERCE_REFUSED:
        raise ValidationError(
            field, "This order is a draft at the shop (never placed): it is not imported."
        )
    if key not in WOOCOMMERCE:
        raise ValidationError(
            field,
            "Unknown order status {status}: GESTCO knows {known}.",
            status=text,
            known="pending, processing, on-hold, completed, cancelled, refunded, failed",
        )
    return WOOCOMMERCE[key]


# GESTCO's own files: the codes, or the labels the window shows (English and French).
GESTCO_STATUS = {
    status_key(word): code
    for code, words in {
        "pending": ("pending", "to process", "a traiter", "nouvelle"),
        "processing": ("processing", "en preparation", "en cours"),
        "on_hold": ("on hold", "en attente"),
        "shipped": ("shipped", "expediee"),
        "delivered": ("delivered", "livree"),
        "cancelled": ("cancelled", "canceled", "annulee"),
    }.items()
    for word in words
}
GESTCO_CHANNEL = {
    status_key(word): code
    for code, words in {
        "counter": ("counter", "comptoir", "boutique", "magasin"),
        "phone": ("phone", "telephone", "tel", "call centre", "centre d appels"),
        "online": ("online", "en ligne", "web", "site"),
        "email": ("email", "e mail", "mail", "courriel"),
        "other": ("other", "autre"),
    }.items()
    for word in words
}
GESTCO_PAYMENT = {
    status_key(word): code
    for code, words in {
        "unpaid": ("unpaid", "non payee", "impayee", "a payer", "no", "non"),
        "authorized": ("authorized", "autorisee"),
        "partially_paid": ("partially paid", "acompte", "partiellement payee"),
        "paid": ("paid", "payee", "reglee", "yes", "oui"),
        "partially_refunded": ("partially refunded", "partiellement remboursee"),
        "refunded": ("refunded", "remboursee"),
        "voided": ("voided", "annulee"),
        "failed": ("failed", "refusee", "echouee"),
    }.items()
    for word in words
}


def gestco_code(table: Mapping[str, str], text: str, *, field: str, default: str) -> str:
    if not text.strip():
        return default
    code = table.get(status_key(text))
    if code is None:
        raise ValidationError(
            field,
            "Unknown value {value}: use one of {known}.",
            value=text,
            known=", ".join(sorted(set(table.values()))),
        )
    return code
