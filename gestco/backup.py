"""Backups with SQLite's backup API (a consistent copy even while others write, never a file
copy), each checked with integrity_check after it is written, rotated, and restored by
setting the current file aside and swapping the copy in."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from gestco.config import data_dir, is_server_url
from gestco.errors import DatabaseError

PREFIX = "gestco-"
SUFFIX = ".sqlite3"
DEFAULT_KEEP_DAILY = 7
DEFAULT_KEEP_WEEKLY = 4


def default_dir() -> Path:
    return data_dir() / "backups"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d-%H%M%S")


def unique_name(directory: Path, label: str, moment: datetime, suffix: str) -> str:
    """gestco-YYYYmmdd-HHMMSS[-label][-n]<suffix>: sortable by time, never overwriting."""
    base = f"{PREFIX}{_stamp(moment)}{'-' + label if label else ''}"
    name = f"{base}{suffix}"
    serial = 1
    while (directory / name).exists():  # two backups in the same second: keep both
        serial += 1
        name = f"{base}-{serial}{suffix}"
    return name


def back_up(target: str, directory: Path | None = None, *, label: str = "") -> Path:
    """A checked backup of the database at `target`: the file's through SQLite's backup
    API, a server's through pg_dump. Touches no connection of the calling thread."""
    if is_server_url(target):
        from gestco import server_backup

        return server_backup.make_backup(target, directory or default_dir(), label=label)
    return make_backup(Path(target), directory, label=label)


def restore_database(chosen: Path, target: str) -> Path | None:
    """Put the backup `chosen` in place of the database at `target` (the caller's own
    connections closed first); returns where the previous content was kept."""
    if is_server_url(target):
        from gestco import server_backup

        return server_backup.restore(chosen, target, default_dir())
    return restore(chosen, Path(target))


def can_back_up(target: str) -> bool:
    """Always for a file; for a server when PostgreSQL's client tools are installed."""
    if not is_server_url(target):
        return True
    from gestco import server_backup

    return server_backup.available()


def back_up_and_rotate(
    target: str, directory: Path | None = None, *, keep_daily: int, keep_weekly: int
) -> tuple[Path, list[Path]]:
    """A checked backup, then the rotation of its kind; returns it and what was rotated out."""
    made = back_up(target, directory)
    suffix = made.name[made.name.index(".") :]
    return made, rotate(made.parent, keep_daily=keep_daily, keep_weekly=keep_weekly, suffix=suffix)


def make_backup(
    source: Path, directory: Path | None = None, *, label: str = "", now: datetime | None = None
) -> Path:
    """Copy `source` into `directory` (default: the data directory's backups) and check it.
    Returns the backup's path; raises DatabaseError if it cannot be written or checked."""
    directory = directory or default_dir()
    name = unique_name(directory, label, now or datetime.now(), SUFFIX)
    try:
        return write_checked(directory / name, lambda partial: _copy(source, partial), integrity)
    except sqlite3.Error as exc:
        raise DatabaseError("The backup failed: {reason}.", reason=str(exc)) from None


def write_checked(
    target: Path, write: Callable[[Path], None], check: Callable[[Path], list[str]]
) -> Path:
    """`write` the backup beside `target` (`.part`), `check` it, and only then give it its
    name: a backup that exists under its name is whole. Nothing is left behind on failure."""
    partial = target.with_name(f"{target.name}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        write(partial)
        problems = check(partial)
        if problems:
            raise DatabaseError(
                "The backup did not pass its check ({problem}); it was deleted.",
                problem=problems[0],
            )
        os.replace(partial, target)
    except OSError as exc:
        raise DatabaseError(
            "Cannot write the backup in {directory}: {reason}.",
            directory=str(target.parent),
            reason=exc.strerror or str(exc),
        ) from None
    finally:
        partial.unlink(missing_ok=True)
    return target


def _copy(source: Path, target: Path) -> None:
    """One step of the backup API: a snapshot of one moment, even with writers running
    (stepping would restart from scratch at every commit made meanwhile)."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA journal_mode = delete")  # a backup is one self-contained file
    finally:
        dst.close()
        src.close()


def integrity(path: Path) -> list[str]:
    """integrity_check of a file on its own read-only connection: [] when whole."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    if rows != ["ok"]:
        return rows
    return [] if version >= 1 else ["not a GESTCO database"]


def backups(directory: Path | None = None, suffix: str = SUFFIX) -> list[Path]:
    """Backups in `directory` (files' `.sqlite3`, or servers' `.dump`), newest first."""
    directory = directory or default_dir()
    if not directory.is_dir():
        return []
    found = directory.glob(f"{PREFIX}*{suffix}")
    # the time in the name first (copied files keep it), then the file's own for same-second ones
    return sorted(
        found, key=lambda p: (p.name[: len(PREFIX) + 15], p.stat().st_mtime), reverse=True
    )


def _taken_at(path: Path) -> datetime | None:
    try:
        return datetime.strptime(path.name[len(PREFIX) : len(PREFIX) + 15], "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def rotate(
    directory: Path | None = None,
    *,
    keep_daily: int = DEFAULT_KEEP_DAILY,
    keep_weekly: int = DEFAULT_KEEP_WEEKLY,
    suffix: str = SUFFIX,
) -> list[Path]:
    """Keep the newest backup of each of the last `keep_daily` days that have one, and of
    each of the last `keep_weekly` weeks; delete the rest. Returns what was deleted."""
    dated = [(p, t) for p in backups(directory, suffix) if (t := _taken_at(p)) is not None]
    keep: set[Path] = set()
    days: list[object] = []
    weeks: list[object] = []
    for path, taken in dated:  # newest first
        day, week = taken.date(), taken.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.append(day)
            keep.add(path)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.append(week)
            keep.add(path)
    removed = [path for path, _ in dated if path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def newest_good(directory: Path | None = None) -> Path | None:
    """The newest backup that passes its check."""
    return next((p for p in backups(directory) if not integrity(p)), None)


def restore(backup: Path, target: Path, *, now: datetime | None = None) -> Path | None:
    """Check `backup`, set `target` (and its -wal/-shm) aside untouched, then put a copy of
    the backup in its place. Returns where the previous file went (None if there was none).
    The caller closes its connections to `target` first."""
    problems = integrity(backup)
    if problems:
        raise DatabaseError("This backup cannot be restored: {problem}.", problem=problems[0])
    stamp = _stamp(now or datetime.now())
    incoming = target.with_name(f"{target.name}.restoring")
    incoming.unlink(missing_ok=True)
    try:
        _copy(backup, incoming)
        aside = None
        if target.exists():
            aside = target.with_name(f"{target.name}.before-restore-{stamp}")
            os.replace(target, aside)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{target}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{aside}{suffix}"))
        os.replace(incoming, target)
    except OSError as exc:
        raise DatabaseError(
            "Cannot restore into {path}: {reason}.",
            path=str(target),
            reason=exc.strerror or str(exc),
        ) from None
    finally:
        incoming.unlink(missing_ok=True)
    return aside
