"""Times as the database stores them: local wall-clock text 'YYYY-MM-DD HH:MM:SS', which
sorts as time and reads the same from raw SQL on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"


def now() -> datetime:
    """Local wall-clock time to the second: what the shop's clock says."""
    return datetime.now().replace(microsecond=0)


def to_text(value: datetime) -> str:
    # The year always in four digits: strftime writes year 999 as '999', which no reader
    # (fromisoformat, a text sort) takes for a date.
    return f"{value.year:04d}-{value:%m-%d %H:%M:%S}"


def from_text(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
