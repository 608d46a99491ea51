"""Shop settings kept in the database, so every workstation on it agrees: the rules above
(region, overselling, backups...) and the shop's identity as its documents print it (name,
address, legal identifiers: gestco.domain.legal_identity), one row per field `shop.<field>`.

    get_setting(key) / set_setting(key, value)         the rules (settings.edit)
    shop_identity() -> ShopIdentity                     what the documents print
    set_shop_identity(identity) -> ShopIdentity         all of it at once (shop.identity)
    missing_identifiers(kind) -> tuple[str, ...]        what `kind` needs and lacks
    require_identifiers(kind)                           refuses, naming them
"""

from __future__ import annotations

import time
from typing import Any

from gestco.domain.change_areas import NOTHING, Changes, reports_changes
from gestco.domain.documents import DOCUMENT_LANGUAGES
from gestco.domain.errors import MissingIdentifiers, ValidationError
from gestco.domain.legal_identity import (
    FIELDS,
    DocumentKind,
    ShopIdentity,
    checked,
    describe_missing,
    missing_for,
)
from gestco.domain.permissions import Permission
from gestco.domain.records import DEFAULT_REGION
from gestco.domain.text import clean
from gestco.services import session
from gestco.services.audit_trail import record_changes
from gestco.storage import binding, builder, transactions, write_rules
from gestco.storage.change_notices import bump
from gestco.storage.models import ChangeCounters, Settings

DEFAULTS: dict[str, str] = {
    "region": DEFAULT_REGION,  # phones typed without a country code belong here
    "allow_oversell": "1",  # a line asking for more than is available: warn (1) or refuse (0)
    "currency": "MAD",  # shown beside totals; amounts are stored in cents of it
    "backup_keep_daily": "7",  # backups kept: the newest of each of the last N days...
    "backup_keep_weekly": "4",  # ...and of each of the last N weeks
    "backup_every_hours": "4",  # while GESTCO is open (and always when it closes)
    # A line's discount above this percentage needs a manager (or a manager's PIN on the spot).
    "discount_approval_above": "10",
    "lock_after_minutes": "10",  # a workstation left idle this long locks (0: never)
    # The documents' labels: "" the window's language, else one of DOCUMENT_LANGUAGES.
    "document_language": "",
}


# Settings are read on hot paths (the region on every phone lookup): kept for a few seconds,
# per opened database. A change made here is seen at once; one made on another workstation
# within CACHE_SECONDS.
CACHE_SECONDS = 5.0
_cache: dict[tuple[int, str], tuple[float, str]] = {}


def get_setting(key: str) -> str:
    now = time.monotonic()
    cached = _cache.get((binding.generation(), key))
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    stored = builder.value(Settings.select(Settings.value).where(Settings.key == key))
    value = DEFAULTS[key] if stored is None else str(stored)
    _cache[(binding.generation(), key)] = (now, value)
    return value


def _checked(key: str, value: object) -> str:
    """The value as stored, or a ValidationError: every workstation reads these settings on
    its hot paths (the region for each phone, the backup counts as integers)."""
    text = clean(value, field=key, max_length=10)
    if key == "region":
        import phonenumbers

        ok = text.upper() in phonenumbers.SUPPORTED_REGIONS
        text = text.upper()
    elif key == "allow_oversell":
        ok = text in ("0", "1")
    elif key == "currency":
        ok = bool(text)
    elif key == "document_language":
        ok = text in DOCUMENT_LANGUAGES
    elif key == "discount_approval_above":  # a whole percentage
        ok = text.isascii() and text.isdigit() and 0 <= int(text) <= 100
    else:  # the backup counts and interval: whole numbers of days, weeks or hours
        ok = text.isascii() and text.isdigit() and 0 <= int(text) <= 1000
    if not ok:
        raise ValidationError(key, "This setting cannot be {value}.", value=text)
    return text


@write_rules.retried
@reports_changes
def set_setting(key: str, value: str) -> Changes:
    """Store a setting (managers and up); returns the areas changed (settings: how totals
    and stock show)."""
    actor = session.require(Permission.SETTINGS_EDIT)
    if key not in DEFAULTS:
        raise KeyError(key)
    value = _checked(key, value)
    with transactions.atomic():
        before = builder.value(Settings.select(Settings.value).where(Settings.key == key))
        # The settings' change counter came after the counters' schema step: made on first use.
        ChangeCounters.insert(area="settings", n=0).on_conflict_ignore().execute()
        bump("settings")
        Settings.delete().where(Settings.key == key).execute()
        Settings.insert(key=key, value=value).execute()
        record_changes(
            actor,
            kind="setting",
            entity="settings",
            record_id=key,
            label=key,
            before=None if before is None else {"value": before},
            after={"value": value},
        )
    _cache.clear()
    return NOTHING  # @reports_changes adds what the transaction marked


def forget_cached() -> None:
    """Another workstation changed a setting (its change notice said so): read them again."""
    _cache.clear()


def region() -> str:
    return get_setting("region")


def allow_oversell() -> bool:
    return get_setting("allow_oversell") == "1"


def document_language() -> str:
    """What the documents print their labels in: "" (the window's language), "fr", "en",
    "ar" or "fr+ar" (French, Arabic beside it)."""
    return get_setting("document_language")


def discount_threshold_bp() -> int:
    """A line's discount above this (in basis points) needs the order.discount permission."""
    return int(get_setting("discount_approval_above")) * 100


IDENTITY_PREFIX = "shop."  # a setting's key: shop.name, shop.ice... (never in DEFAULTS)


def shop_identity() -> ShopIdentity:
    """The shop as its documents show it now (fields never set are empty; the country MA)."""
    query = Settings.select(Settings.key, Settings.value).where(
        Settings.key.startswith(IDENTITY_PREFIX)
    )
    stored: dict[str, Any] = {
        str(key)[len(IDENTITY_PREFIX) :]: str(value) for key, value in builder.rows(query)
    }
    return ShopIdentity(**{name: stored[name] for name in FIELDS if name in stored})


@write_rules.retried
@reports_changes
def set_shop_identity(identity: ShopIdentity) -> ShopIdentity:
    """Store the shop's identity, every field at once (managers and up): checked first (an
    ICE's, a SIREN's or a VAT number's check digits), one transaction, each changed field a
    row of the audit trail. Returns what is stored, with the areas changed (settings)."""
    actor = session.require(Permission.SHOP_IDENTITY_EDIT)
    if not isinstance(identity, ShopIdentity):
        raise ValidationError("name", "Fill in the shop's details.")
    wanted = checked(identity)
    with transactions.atomic():
        before = shop_identity()
        ChangeCounters.insert(area="settings", n=0).on_conflict_ignore().execute()
        changed = [name for name in FIELDS if getattr(before, name) != getattr(wanted, name)]
        if changed:
            bump("settings")
            keys = [IDENTITY_PREFIX + name for name in changed]
            Settings.delete().where(Settings.key.in_(keys)).execute()
            Settings.insert_many(
                [(IDENTITY_PREFIX + name, getattr(wanted, name)) for name in changed],
                fields=[Settings.key, Settings.value],
            ).execute()
            record_changes(
                actor,
                kind="setting",
                entity="settings",
                record_id="shop",
                label="shop",
                before={name: getattr(before, name) for name in changed},
                after={name: getattr(wanted, name) for name in changed},
            )
    return wanted


def missing_identifiers(kind: DocumentKind | str) -> tuple[str, ...]:
    """The fields a document of `kind` legally needs that the shop has not given (the
    table: gestco.domain.legal_identity.REQUIRED)."""
    return missing_for(shop_identity(), kind)


def require_identifiers(kind: DocumentKind) -> ShopIdentity:
    """The shop's identity, or MissingIdentifiers naming what `kind` lacks."""
    identity = shop_identity()
    missing = missing_for(identity, kind)
    if not missing:
        return identity
    named = describe_missing(missing)
    if kind == DocumentKind.INVOICE:
        raise MissingIdentifiers(
            "This invoice cannot be issued: the shop's settings lack {lacking}.",
            missing,
            lacking=named,
        )
    if kind == DocumentKind.CREDIT_NOTE:
        raise MissingIdentifiers(
            "This credit note cannot be issued: the shop's settings lack {lacking}.",
            missing,
            lacking=named,
        )
    raise MissingIdentifiers(
        "This document cannot be printed: the shop's settings lack {lacking}.",
        missing,
        lacking=named,
    )
