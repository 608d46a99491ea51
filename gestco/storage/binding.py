"""Which database this process works on: `database`, the one module-level global (the proxy
the models and every query go through), pointed at a real file or server by `bind`.

What is remembered of the opened database lives here too, read on every statement or
transaction: whether it is a server, its full URL (reopening needs it; screens show
`workstation.addresses.shown_database`), and the file's identity when it was opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import peewee

database = peewee.DatabaseProxy()


@dataclass
class _Opened:
    on_postgres: bool = False  # read on every statement: a plain attribute, not a query
    server_url: str = ""  # with its password: never shown or logged
    file_identity: tuple[int, int] | None = None  # (device, inode) of the file when opened
    generation: int = 0  # bumped at each bind: caches keyed by it start afresh


_opened = _Opened()


def bind(real: peewee.Database, *, url: str = "", path: Path | None = None) -> None:
    """Point `database` at `real`: a server opened from `url`, or the file at `path`."""
    database.initialize(real)
    _opened.generation += 1
    _opened.on_postgres = isinstance(real, peewee.PostgresqlDatabase)
    _opened.server_url = url
    _opened.file_identity = file_identity(path) if path is not None else None


def is_postgres() -> bool:
    return _opened.on_postgres


def generation() -> int:
    return _opened.generation


def server_url() -> str:
    return _opened.server_url


def file_identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def replaced_underneath() -> bool:
    """Whether the open file is no longer the one at its path: another process restored a
    backup (the file set aside by rename, a copy put in its place). This connection would
    go on writing into the file set aside; the caller reopens the path. Inode numbers mean
    nothing on every file system (FAT, some network ones): there it always says False."""
    opened = _opened.file_identity
    if _opened.on_postgres or opened is None or opened[1] == 0:
        return False
    real = database.obj
    if real is None:
        return False
    return file_identity(Path(real.database)) != opened  # None: gone from its path


def close_database() -> None:
    """Close the calling thread's connection (peewee gives each thread its own)."""
    real = database.obj
    if real is not None and not real.is_closed():
        real.close()


def database_path() -> str:
    """The opened database: its file path, or a server's full URL (to reopen it)."""
    real = database.obj
    if real is None:
        return ""
    if _opened.on_postgres:
        return _opened.server_url
    return str(real.database)
