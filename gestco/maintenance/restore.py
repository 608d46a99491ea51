"""Restoring a backup: checked first (whole, GESTCO's, a version this program opens), then
the current file and its -wal/-shm set aside untouched in the real file's folder (a
symlinked path is followed), the copy put in place, and only then is the restore done:
after every write still running on the old file has ended. A write that starts later finds
the file replaced (transactions.atomic checks it holding the write lock) and saves nothing.
`restore_and_reopen` is the whole flow every front end runs."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gestco.domain.change_areas import Changes
from gestco.domain.errors import DatabaseError, GestcoError
from gestco.domain.permissions import Permission
from gestco.services import session
from gestco.storage import binding, change_notices, opening, server_snapshots, sqlite_files
from gestco.storage.snapshots import _copy, _stamp, folder_for, integrity
from gestco.workstation.addresses import is_server_url
from gestco.workstation.atomic_file import write_beside

WRITERS_TIMEOUT_S = 30  # how long the swap waits for a write still running on the old file


def can_back_up(target: str) -> bool:
    """Always for a file; for a server when PostgreSQL's client tools are installed."""
    if not is_server_url(target):
        return True
    return server_snapshots.available()


def restore_database(chosen: Path, target: str) -> Path | None:
    """Put the backup `chosen` in place of the database at `target` (the caller's own
    connections closed first); returns where the previous content was kept. Admins only
    (the recovery screen of a damaged file calls `restore` itself: nobody can sign in to a
    file that cannot be read)."""
    session.require(Permission.BACKUP_RESTORE)
    binding.close_database()  # the check read the operator: that connection goes too
    return _swap(chosen, target)


def _swap(chosen: Path, target: str) -> Path | None:
    if is_server_url(target):
        return server_snapshots.restore(chosen, target, folder_for(target))
    return restore(chosen, Path(target))


@dataclass(frozen=True)
class Restored:
    aside: Path | None  # where the previous content was kept (None: there was none)
    changes: Changes  # everything: every window, here and elsewhere, reloads what it shows


def _at_once(work: Callable[[], Path | None]) -> Path | None:
    return work()


def restore_and_reopen(
    chosen: Path,
    target: str,
    *,
    run: Callable[[Callable[[], Path | None]], Path | None] = _at_once,
    recovering: bool = False,
) -> Restored:
    """The restore of `gestco restore`, of the Tools menu and of the recovery screen.

    The calling thread's connection is closed first: it would go on writing to the file
    set aside (on a server, holding its locks). `run` does the swap (restore_database): at
    once, or off the window's thread behind a progress dialog; it returns what the work
    returns or raises what it raised. Then the restored database is opened like any other
    (checked, migrated) and every workstation is told that everything changed. The
    database is left open. If the swap fails, nothing was replaced: a database that was
    open is opened again as it was, and the error is raised.

    Admins only, checked before anything is closed; but `recovering`: the recovery screen
    of a file that cannot be read, where nobody can sign in."""
    if not recovering:
        session.require(Permission.BACKUP_RESTORE)
    real = binding.database.obj
    was_open = real is not None and not real.is_closed()
    binding.close_database()
    try:
        aside = run(lambda: _swap(chosen, target))
    except GestcoError:
        if was_open:
            opening.open_database(target, create=False)
        raise
    opening.open_database(target, create=False)
    return Restored(aside, change_notices.announce_everything())


def restore(backup: Path, target: Path, *, now: datetime | None = None) -> Path | None:
    """Check `backup`, set `target` (and its -wal/-shm) aside untouched, then put a copy of
    the backup in its place. Returns where the previous file went (None if there was none).
    The caller closes its connections to `target` first."""
    problems = integrity(backup)
    if problems:
        raise DatabaseError("This backup cannot be restored: {problem}.", problem=problems[0])
    real = Path(os.path.realpath(target))  # through a symlink: the real file is replaced
    stamp = _stamp(now or datetime.now())
    aside = None
    try:
        with write_beside(real) as incoming:  # the copy, whole, then renamed into place
            _copy(backup, incoming)
            sides = [Path(f"{real}{suffix}") for suffix in ("-wal", "-shm")]
            if real.exists() or any(side.exists() for side in sides):
                aside = _free_name(real.with_name(f"{real.name}.before-restore-{stamp}"))
                if real.exists():
                    os.replace(real, aside)
                for side, suffix in zip(sides, ("-wal", "-shm"), strict=True):
                    if side.exists():
                        os.replace(side, Path(f"{aside}{suffix}"))
        if aside is not None and aside.exists():
            _wait_for_writers(aside)
    except OSError as exc:
        raise DatabaseError(
            "Cannot restore into {path}: {reason}.",
            path=str(target),
            reason=exc.strerror or str(exc),
        ) from None
    return aside


def _free_name(wanted: Path) -> Path:
    """`wanted`, or with -2, -3… when two restores happen in the same second."""
    candidate, serial = wanted, 1
    while any(Path(f"{candidate}{s}").exists() for s in ("", "-wal", "-shm")):
        serial += 1
        candidate = wanted.with_name(f"{wanted.name}-{serial}")
    return candidate


def _wait_for_writers(aside: Path) -> None:
    """The old file's write lock, taken and let go: a transaction that was running on it
    when it was set aside has ended (its commit belongs to the previous content); any later
    one sees the new file at the path and refuses. The connection goes through the aside
    name, so its -wal and -shm are the ones the running writers use."""
    sqlite_files.wait_for_writers(aside, WRITERS_TIMEOUT_S)


@dataclass(frozen=True)
class Side:
    """What a database file holds, to compare before a restore replaces it."""

    orders: int
    newest_number: str
    newest_at: str  # ISO 8601, as stored


def summary(path: Path) -> Side | None:
    """The orders in the file at `path` and its newest one (read only); None when it cannot
    be read as a GESTCO database."""
    found = sqlite_files.orders_summary(path)
    return Side(*found) if found is not None else None
