"""Shop settings kept in the database, so every workstation on it agrees."""

from __future__ import annotations

import time

from gestco.domain.change_areas import NOTHING, Changes, reports_changes
from gestco.domain.errors import ValidationError
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


def discount_threshold_bp() -> int:
    """A line's discount above this (in basis points) needs the order.discount permission."""
    return int(get_setting("discount_approval_above")) * 100
