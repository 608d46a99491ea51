"""This computer's folders for GESTCO (the per-user data folder, or $GESTCO_DATA_DIR), the
default database file in it, who is logged in to the operating system and the computer's name."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import platformdirs

APP_NAME = "GESTCO"


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


def current_user() -> str:
    """The operating-system login name: the CLI acts as `cli:<login>`. (History rows name
    the signed-in operator since issue 17; older rows keep the login they had.)"""
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):
        return "unknown"


def workstation_name() -> str:
    """This computer's network name, recorded with every line of the audit trail."""
    import socket

    try:
        return socket.gethostname()[:100] or "unknown"
    except OSError:
        return "unknown"


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
