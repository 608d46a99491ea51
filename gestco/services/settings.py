"""Shop settings kept in the database, so every workstation on it agrees."""

from __future__ import annotations

from gestco import db
from gestco.domain import DEFAULT_REGION

DEFAULTS: dict[str, str] = {
    "region": DEFAULT_REGION,  # phones typed without a country code belong here
    "allow_oversell": "1",  # a line asking for more than is available: warn (1) or refuse (0)
    "currency": "MAD",  # shown beside totals; amounts are stored in cents of it
    "backup_keep_daily": "7",  # backups kept: the newest of each of the last N days...
    "backup_keep_weekly": "4",  # ...and of each of the last N weeks
    "backup_every_hours": "4",  # while GESTCO is open (and always when it closes)
}


def get_setting(key: str) -> str:
    row = db.fetch_one("SELECT value FROM settings WHERE key = ?", (key,))
    return str(row[0]) if row else DEFAULTS[key]


def set_setting(key: str, value: str) -> None:
    if key not in DEFAULTS:
        raise KeyError(key)
    with db.atomic():
        db.execute("DELETE FROM settings WHERE key = ?", (key,))
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))


def region() -> str:
    return get_setting("region")


def allow_oversell() -> bool:
    return get_setting("allow_oversell") == "1"
