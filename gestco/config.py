"""Where the database lives, who is acting, and the shop's settings."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import platformdirs

APP_NAME = "GESTCO"
DB_ENV = "GESTCO_DB"
DB_FILENAME = "gestco.sqlite3"


DATA_DIR_ENV = "GESTCO_DATA_DIR"


def data_dir() -> Path:
    """Per-user data (database, backups, drafts); $GESTCO_DATA_DIR overrides it (a portable
    install, or tests that must not touch the real one)."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override)
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / DB_FILENAME


def resolve_database(cli_value: str | None) -> str:
    """--db wins, then $GESTCO_DB, then the server this workstation was pointed at (its
    settings screen), then the file in the per-user data directory."""
    if cli_value:
        return cli_value
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return env
    from gestco import workstation

    server = workstation.load()
    if server is not None:
        return workstation.server_url(server)
    return str(default_database_path())


POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(target: object) -> bool:
    """A PostgreSQL server URL rather than a file path."""
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


def shown_database(target: str | Path) -> str:
    """How a database is named on screen and in logs: a server URL without its password."""
    if not is_server_url(target):
        return str(target)
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(str(target))
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def current_user() -> str:
    """The operating-system login name, recorded in every history row."""
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):
        return "unknown"
