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
    if cli_value is not None:
        if not cli_value.strip():  # `--db ""` (an unset variable): never the default file
            from gestco.errors import ValidationError

            raise ValidationError("db", "--db is empty: name the database file or server.")
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
    try:
        port = parts.port
    except ValueError:  # an unreadable port: named as typed, without the password
        return _without_password(str(target))
    if port:
        netloc += f":{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def current_user() -> str:
    """The operating-system login name, recorded in every history row."""
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):
        return "unknown"


def check_server_url(url: str) -> None:
    """A postgresql:// URL whose host and port can be read, else a DatabaseError saying
    what is wrong (urlsplit raises a bare ValueError on a bad port or an IPv6 host without
    its brackets)."""
    from urllib.parse import urlsplit

    from gestco.errors import DatabaseError

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it is the check
    except ValueError:
        raise DatabaseError(
            "The server address {url} cannot be read: the port must be a number from 1 to "
            "65535, and an IPv6 address goes in brackets ([::1]:5432).",
            url=_without_password(url),
        ) from None
    host = parts.netloc.rsplit("@", 1)[-1]
    if host.count(":") > 1 and not host.startswith("["):
        raise DatabaseError(
            "The server address {url} cannot be read: the port must be a number from 1 to "
            "65535, and an IPv6 address goes in brackets ([::1]:5432).",
            url=_without_password(url),
        )


def _without_password(url: str) -> str:
    """`url` with any password cut out, for a message (the URL itself may be unreadable)."""
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"


def private_folder(folder: Path) -> None:
    """Create `folder` and its missing parents for this user only (0700 on POSIX): they
    hold the shop's clients (the database, its backups, drafts)."""
    missing = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for part in reversed(missing):
        part.mkdir(mode=0o700, exist_ok=True)
