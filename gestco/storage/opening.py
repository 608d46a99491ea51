"""Opening a database: a SQLite file (checked before anything is written to it, created only
when asked, its pragmas set, its schema brought up to date after a backup) or, for a
postgresql:// URL, a shop's server (gestco.storage.postgres). Either way the result is bound
to `binding.database`."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee

from gestco.domain.errors import DamagedFileError, DatabaseError

# daily_figures: imported for its listeners (every process opens its database here, so they
# are registered before any write keeps the daily figures).
from gestco.storage import (
    daily_figures,  # noqa: F401
    file_checks,
    migrations,
    snapshots,
    write_rules,
)
from gestco.storage.binding import bind, close_database
from gestco.storage.postgres import _open_postgres
from gestco.storage.shop_identity import ensure_shop_id
from gestco.workstation.addresses import check_server_url, is_server_url
from gestco.workstation.atomic_file import SIDE_SUFFIX, write_beside
from gestco.workstation.folders import private_folder

# Set on every connection. journal_mode=wal is persistent in the file and is switched on
# once the file is known to be ours (setting it rewrites the header).
SQLITE_PRAGMAS = {
    "synchronous": 2,  # FULL: a commit the client was told about survives power loss
    "foreign_keys": 1,
    "cache_size": -16_000,  # 16 MB page cache per connection; the OS caches the file too
    "temp_store": "memory",
}


def is_url(target: str | Path) -> bool:
    """A PostgreSQL server URL rather than a file path."""
    return is_server_url(target)


def open_database(
    path: str | Path, *, migrate: bool = True, create: bool = True
) -> peewee.Database:
    """Open the SQLite file at `path` (or the PostgreSQL database at a postgresql:// URL),
    bring its schema up to date, bind the models. A missing file is created only when
    `create` (the admin commands pass False: a mistyped path must not become a new, empty
    shop). Nothing is written to a file before it is known to be GESTCO's and whole."""
    if is_url(path):
        check_server_url(str(path))
        return _open_postgres(str(path), migrate=migrate)
    path = Path(path)
    file_checks.refuse_before_opening(path, create=create)
    new_file = not path.exists()
    try:
        private_folder(path.parent)
        if new_file:
            _create_private_file(path)
    except OSError as exc:
        unavailable = file_checks.file_unavailable(path, exc)
        if unavailable is not None:
            raise unavailable from None
        raise DatabaseError(
            "Cannot create the folder for {path}: {reason}.", path=str(path), reason=exc.strerror
        ) from None
    close_database()
    db = peewee.SqliteDatabase(
        str(path),
        pragmas=SQLITE_PRAGMAS,
        timeout=write_rules.BUSY_TIMEOUT_S,
        # In WAL a read-then-write transaction can fail at once with SQLITE_BUSY:
        # every write takes the write lock up front instead.
        lock_type="IMMEDIATE",
        check_same_thread=False,
    )
    try:
        db.connect()
    except peewee.DatabaseError as exc:
        raise _not_usable(path, exc) from None
    bind(db, path=path)
    try:
        version = migrations.ensure_supported(db)
        # Another program's SQLite file may carry any user_version: GESTCO's tables are
        # checked before the first write (WAL, a backup, a migration step).
        missing = file_checks.missing_tables(db.connection(), version)
        if missing:
            raise DatabaseError(
                "{path} is an SQLite database of another program, not GESTCO's (no {table} "
                "table). It was not changed.",
                path=str(path),
                table=missing[0],
            )
        db.execute_sql("PRAGMA journal_mode = wal")
        if migrate and 0 < version < migrations.SCHEMA_VERSION:
            snapshots.make_backup(path, label=f"before-v{migrations.SCHEMA_VERSION}")
        if migrate:
            migrations.migrate(db)
            ensure_shop_id(db)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        close_database()
        raise _not_usable(path, exc) from None
    except DatabaseError:
        close_database()
        raise
    return db


def _create_private_file(path: Path) -> None:
    """An empty file readable by this user only (0600 on POSIX); SQLite gives its -wal and
    -shm the same permissions."""
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _not_usable(path: Path, exc: Exception) -> DatabaseError:
    return file_checks.file_unavailable(path, exc) or _not_ours(path, exc)


def _not_ours(path: Path, exc: Exception) -> DatabaseError:
    return DamagedFileError(
        "{path} is not a GESTCO database or is damaged ({reason}).",
        "damaged",
        path=str(path),
        reason=str(exc),
    )


@contextmanager
def build_new_file(path: str | Path) -> Iterator[sqlite3.Connection]:
    """Build a whole database in bulk beside `path`, then swap it in atomically.

    For the demo generator: ten million rows through the ORM take many minutes. Here the
    rows go through raw executemany into a side file with no journal, a large cache and the
    secondary indexes built at the end (STACK_NOTES). If anything fails or the process dies,
    only the side file is lost; `path` is replaced only once the new file is complete.
    """
    path = Path(path)
    real = path.resolve()
    # A build killed before its end left its side file (a whole demo's size): no use now.
    for stale in real.parent.glob(f".{real.name}.*{SIDE_SUFFIX}"):
        stale.unlink(missing_ok=True)
    with write_beside(path) as side:  # this user's only (0600), renamed over `path` at the end
        builder = peewee.SqliteDatabase(
            str(side),
            pragmas={
                "journal_mode": "off",
                "synchronous": 0,
                "cache_size": -1_000_000,
                "temp_store": "memory",
                "foreign_keys": 0,
            },
            check_same_thread=False,  # the demo writes from a second thread
        )
        try:
            migrations.migrate(builder)
            conn: sqlite3.Connection = builder.connection()
            indexes = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            ).fetchall()
            conn.execute("BEGIN")
            for name, _ in indexes:
                conn.execute(f'DROP INDEX "{name}"')
            yield conn
            for _, sql in indexes:
                conn.execute(sql)
            conn.execute("COMMIT")
            conn.execute("PRAGMA analysis_limit = 1000")  # statistics from a sample: ms, not s
            conn.execute("ANALYZE")
            conn.execute("PRAGMA journal_mode = wal")
            builder.close()
            close_database()
            for suffix in ("-wal", "-shm"):  # the old file's, which the new one must not get
                Path(str(path) + suffix).unlink(missing_ok=True)
        finally:
            if not builder.is_closed():
                builder.close()
