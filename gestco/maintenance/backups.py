"""The backups a shop keeps: one made on demand or on schedule (a file's through
gestco.storage.snapshots, a server's through pg_dump), rotated (7 daily, 4 weekly by default;
the one just made is never deleted), and the newest good one found for the recovery screen."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from gestco.storage import server_snapshots
from gestco.storage.snapshots import (
    SCRATCH_PREFIX,
    SUFFIX,
    UNTAGGED,
    folder_for,
    integrity,
    list_backups,
    make_backup,
    parse_name,
)
from gestco.workstation.addresses import is_server_url
from gestco.workstation.atomic_file import SIDE_SUFFIX
from gestco.workstation.folder_lock import names_locked

DEFAULT_KEEP_DAILY = 7


DEFAULT_KEEP_WEEKLY = 4


def back_up(target: str, directory: Path | None = None, *, label: str = "") -> Path:
    """A checked backup of the database at `target`: the file's through SQLite's backup
    API, a server's through pg_dump. Touches no connection of the calling thread."""
    if is_server_url(target):
        return server_snapshots.make_backup(target, directory or folder_for(target), label=label)
    return make_backup(Path(target), directory, label=label)


def rotate(
    directory: Path,
    *,
    keep_daily: int = DEFAULT_KEEP_DAILY,
    keep_weekly: int = DEFAULT_KEEP_WEEKLY,
    suffix: str = SUFFIX,
    shop_id: str | None = None,
    keep: Path | None = None,
    now: datetime | None = None,
) -> list[Path]:
    """Keep the newest backup of each of the last `keep_daily` days that have one, and of
    each of the last `keep_weekly` weeks; delete the rest. Returns what was deleted.

    Only backups of `shop_id` are deleted (named with its tag; all tagged ones when None),
    never `keep` (the backup just made) nor the newest one. The days are judged in the
    order the backups were made: one made earlier cannot count as later than one made
    after it, and nothing counts as later than now, so a clock that ran ahead and was put
    back (or jumped forward) cannot make new backups rotate themselves out.
    Under the folder's naming lock: a backup choosing its number meanwhile sees every name."""
    if not directory.is_dir():
        return []  # nothing made there yet: nothing to rotate
    with names_locked(directory):
        return _rotate(directory, keep_daily, keep_weekly, suffix, shop_id, keep, now)


def _rotate(
    directory: Path,
    keep_daily: int,
    keep_weekly: int,
    suffix: str,
    shop_id: str | None,
    keep: Path | None,
    now: datetime | None,
) -> list[Path]:
    tagged = [(p, n) for p in list_backups(directory, suffix) if (n := parse_name(p)) and n.tag]
    mine = [p for p, n in tagged if shop_id is None or n.tag == shop_id[:8]]
    latest = now or datetime.now()
    kept: set[Path] = {p for p in (keep, *mine[:1]) if p is not None}
    days: list[object] = []
    weeks: list[object] = []
    for path in mine:  # newest first, in the order they were made
        name = parse_name(path)
        taken = (name.taken if name else None) or latest
        latest = min(taken, latest)
        day, week = latest.date(), latest.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.append(day)
            kept.add(path)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.append(week)
            kept.add(path)
    removed = [path for path in mine if path not in kept]
    for path in removed:
        path.unlink(missing_ok=True)
    _sweep_scratch(directory)
    return removed


def _sweep_scratch(directory: Path) -> None:
    """Scratch files of backups that a killed process left (a day old or more)."""
    limit = (datetime.now() - timedelta(days=1)).timestamp()
    for scratch in directory.glob(f"{SCRATCH_PREFIX}*{SIDE_SUFFIX}"):
        try:
            if scratch.stat().st_mtime < limit:
                scratch.unlink()
        except OSError:
            pass


def back_up_and_rotate(
    target: str, directory: Path | None = None, *, keep_daily: int, keep_weekly: int
) -> tuple[Path, list[Path]]:
    """A checked backup, then the rotation of its shop's backups of its kind; returns it and
    what was rotated out (never itself, never another database's)."""
    made = back_up(target, directory)
    suffix = made.name[made.name.index(".") :]
    name = parse_name(made)
    shop = name.tag if name else ""
    if shop in ("", UNTAGGED):
        return made, []  # a database without a shop id: its backups are never rotated
    removed = rotate(
        made.parent,
        keep_daily=keep_daily,
        keep_weekly=keep_weekly,
        suffix=suffix,
        shop_id=shop,
        keep=made,
    )
    return made, removed


def newest_good(directory: Path | None) -> Path | None:
    """The newest backup in `directory` (a shop's folder) that passes its check."""
    if directory is None:
        return None
    return next((p for p in list_backups(directory) if not integrity(p)), None)
