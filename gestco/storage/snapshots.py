"""Checked copies of a database, taken with SQLite's backup API (a consistent copy even while
others write, never a file copy), each checked after it is written and kept in a folder per
shop (the database's random shop id). Storage takes one before every schema migration; the
backups a shop keeps and rotates are gestco.maintenance.backups.

A backup's name says when it was made by the clock, in which order (a number per shop that
only goes up, whatever the clock does) and of which shop:
gestco-YYYYmmdd-HHMMSS-nNNNNNN-<first 8 of the shop id>[-label].sqlite3 (or .dump)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gestco.domain.errors import DatabaseError
from gestco.storage import file_checks, migrations, raw_sql, sqlite_files
from gestco.storage.models import Settings
from gestco.storage.names import plain_sql
from gestco.storage.shop_identity import SHOP_ID_KEY
from gestco.workstation.addresses import is_server_url
from gestco.workstation.atomic_file import publish, side_file
from gestco.workstation.folder_lock import names_locked
from gestco.workstation.folders import data_dir, default_database_path, private_folder

PREFIX = "gestco-"
SCRATCH_PREFIX = f".{PREFIX}"  # a backup being written: .gestco-….part (backups sweep them)


SUFFIX = ".sqlite3"


SOURCES = "databases.txt"  # in a shop's folder: the files its backups were made from


_NAME = re.compile(
    r"^gestco-(?P<stamp>\d{8}-\d{6})(?:-n(?P<seq>\d{6})-(?P<tag>[0-9a-f]{8}))?"
    r"(?:-(?P<label>.+?))?(?P<suffix>\.sqlite3|\.dump)$"
)


def default_dir() -> Path:
    """Every backup of this computer lives below it, one folder per shop."""
    return data_dir() / "backups"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d-%H%M%S")


def shop_id_of(target: str | Path) -> str:
    """The shop id stored in the database at `target` (read only), '' when it has none or
    cannot be read (an older or damaged file)."""
    sql, params = plain_sql(Settings.select(Settings.value).where(Settings.key == SHOP_ID_KEY))
    try:
        if is_server_url(target):
            conn = raw_sql.raw_connection(str(target))
            try:
                row = conn.execute(sql, params).fetchone()
            finally:
                conn.close()
        else:
            path = Path(target)
            if not path.is_file():
                return ""
            ro = sqlite_files.read_only(path)
            try:
                row = ro.execute(sql, params).fetchone()
            finally:
                ro.close()
    except Exception:  # any engine or driver error means "unknown": the shared folder
        return ""
    return str(row[0]) if row and re.fullmatch(r"[0-9a-f]{32}", str(row[0])) else ""


def shop_folder(shop_id: str) -> Path:
    return default_dir() / shop_id if shop_id else default_dir()


def folder_for(target: str | Path) -> Path:
    """Where the backups of the database at `target` go by default."""
    return shop_folder(shop_id_of(target))


def _remember_source(folder: Path, target: str | Path) -> None:
    """Note which file a shop's backups come from: the recovery screen finds them even when
    the file is too damaged to say its shop id."""
    if is_server_url(target) or folder == default_dir():
        return
    line = str(Path(target).resolve())
    sources = folder / SOURCES
    try:
        known = sources.read_text(encoding="utf-8").splitlines() if sources.exists() else []
        if line not in known:
            with open(sources, "a", encoding="utf-8") as out:
                out.write(line + "\n")
    except OSError:
        pass  # a convenience for the recovery screen: never fail a backup for it


def backups_of(path: Path) -> Path | None:
    """The folder holding the backups of the database file `path`, even a damaged one:
    its shop id if it can be read, else the folder that notes it as a source. An older
    install's shared folder stands for the default database."""
    found = shop_id_of(path)
    if found:
        return shop_folder(found)
    wanted = str(path.resolve())
    if default_dir().is_dir():
        for folder in sorted(default_dir().iterdir()):
            sources = folder / SOURCES
            if sources.is_file() and wanted in sources.read_text(encoding="utf-8").splitlines():
                return folder
    if path.resolve() == default_database_path().resolve():
        return default_dir()
    return None


@dataclass(frozen=True)
class Name:
    stamp: str
    sequence: int  # 0 for names from before the sequence
    tag: str  # the first 8 characters of the shop id ('' on older names)

    @property
    def taken(self) -> datetime | None:
        try:
            return datetime.strptime(self.stamp, "%Y%m%d-%H%M%S")
        except ValueError:
            return None


def parse_name(path: Path) -> Name | None:
    found = _NAME.match(path.name)
    if found is None:
        return None
    return Name(found["stamp"], int(found["seq"] or 0), found["tag"] or "")


def list_backups(directory: Path | None = None, suffix: str = SUFFIX) -> list[Path]:
    """Backups in `directory` (files' `.sqlite3`, or servers' `.dump`), newest first: in the
    order they were made (the sequence), the clock's time only between older names. Without
    a directory: every backup of every shop on this computer, by the clock."""
    if directory is None:
        found = [p for p in default_dir().rglob(f"{PREFIX}*{suffix}") if parse_name(p)]
        return sorted(found, key=lambda p: (p.name[len(PREFIX) :][:15], p.name), reverse=True)
    if not directory.is_dir():
        return []
    named = [(p, n) for p in directory.glob(f"{PREFIX}*{suffix}") if (n := parse_name(p))]
    named.sort(key=lambda pn: (pn[1].sequence, pn[1].stamp, pn[0].name), reverse=True)
    return [p for p, _ in named]


UNTAGGED = "00000000"  # the tag of a backup of a file that has no shop id yet


def _next_sequence(directory: Path, tag: str) -> int:
    numbers = [
        n.sequence for p in directory.glob(f"{PREFIX}*") if (n := parse_name(p)) and n.tag == tag
    ]
    return max(numbers, default=0) + 1


def make_backup(
    source: Path, directory: Path | None = None, *, label: str = "", now: datetime | None = None
) -> Path:
    """Copy `source` into `directory` (default: its shop's folder) and check it. Returns the
    backup's path; raises DatabaseError if it cannot be written or checked."""
    shop = shop_id_of(source)
    directory = directory or shop_folder(shop)
    try:
        made = write_checked(
            directory,
            lambda partial: _copy(source, partial),
            integrity,
            label=label,
            suffix=SUFFIX,
            shop_id=shop,
            now=now,
        )
    except sqlite3.Error as exc:
        raise DatabaseError("The backup failed: {reason}.", reason=str(exc)) from None
    _remember_source(directory, source)
    return made


def write_checked(
    directory: Path,
    write: Callable[[Path], None],
    check: Callable[[Path], list[str]],
    *,
    label: str,
    suffix: str,
    shop_id: str,
    now: datetime | None = None,
) -> Path:
    """`write` the backup into a scratch file of its own, `check` it, and only then give it
    its name, which no other backup can take (two at once both succeed): a backup that
    exists under its name is whole. Nothing is left behind on failure."""
    # A file without a shop id (one older than shop ids, before its migration) is named
    # with the tag 00000000, and its sequence is counted among the names that carry it: a
    # sequence counted under '' never grew, and two such backups in one second looped for
    # ever on the name taken (seen in CI: the suite hung until its 90 minutes ran out).
    tag = shop_id[:8] or UNTAGGED
    partial: Path | None = None
    try:
        private_folder(directory)
        partial = side_file(directory, SCRATCH_PREFIX)  # this user's only (0600)
        write(partial)
        problems = check(partial)
        if problems:
            raise DatabaseError(
                "The backup did not pass its check ({problem}); it was deleted.",
                problem=problems[0],
            )
        stamp = _stamp(now or datetime.now())
        with names_locked(directory):  # no other backup or rotation renames meanwhile
            while True:
                sequence = _next_sequence(directory, tag)
                middle = f"-n{sequence:06d}-{tag}"
                name = f"{PREFIX}{stamp}{middle}{'-' + label if label else ''}{suffix}"
                target = directory / name
                try:
                    publish(partial, target, replace=False)  # flushed first: whole when named
                    return target
                except FileExistsError:
                    continue  # a GESTCO older than the lock took that number: the next one
    except OSError as exc:
        raise DatabaseError(
            "Cannot write the backup in {directory}: {reason}.",
            directory=str(directory),
            reason=exc.strerror or str(exc),
        ) from None
    finally:
        if partial is not None:
            partial.unlink(missing_ok=True)


def _copy(source: Path, target: Path) -> None:
    """One step of the backup API: a snapshot of one moment, even with writers running
    (stepping would restart from scratch at every commit made meanwhile)."""
    src = sqlite_files.read_only(source, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA journal_mode = delete")  # a backup is one self-contained file
    finally:
        dst.close()
        src.close()


def integrity(path: Path) -> list[str]:
    """[] when `path` is whole and a GESTCO database this version can open: integrity_check,
    a known schema version and GESTCO's tables, read on a connection of its own."""
    try:
        conn = sqlite_files.read_only(path)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            missing = file_checks.missing_tables(conn, version)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    if rows != ["ok"]:
        return rows
    if version > migrations.SCHEMA_VERSION:
        return [
            f"it was written by a newer GESTCO (schema {version}; this one knows up to"
            f" {migrations.SCHEMA_VERSION})"
        ]
    if version < 1 or missing:
        return ["not a GESTCO database" + (f" (no {missing[0]} table)" if missing else "")]
    return []
