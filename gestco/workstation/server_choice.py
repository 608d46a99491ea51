"""This workstation's choice of database: its own SQLite file (the default) or a shop's
PostgreSQL server. The choice lives in the data directory's `workstation.json`, without the
password: that goes to the platform's keyring (Windows Credential Manager, the desktop's
Secret Service on Linux, macOS Keychain). Where there is no keyring it is not stored at all:
the window asks for it at start, and libpq's own PGPASSWORD / .pgpass files still work."""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

from gestco.domain.errors import ValidationError
from gestco.workstation import watch_choice
from gestco.workstation.folders import data_dir, default_database_path

log = logging.getLogger(__name__)


KEYRING_SERVICE = "GESTCO"


FILENAME = "workstation.json"


DEFAULT_PORT = 5432


@dataclass(frozen=True)
class ServerConnection:
    host: str
    port: int = DEFAULT_PORT
    database: str = "gestco"
    user: str = "gestco"

    def url(self, password: str | None = None) -> str:
        credentials = quote(self.user, safe="")
        if password:
            credentials += ":" + quote(password, safe="")
        host = f"[{self.host}]" if ":" in self.host and not self.host.startswith("[") else self.host
        return f"postgresql://{credentials}@{host}:{self.port}/{quote(self.database)}"

    @property
    def account(self) -> str:
        """The keyring entry's name: one password per user, server and database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def parse(host: str, port: str, database: str, user: str) -> ServerConnection:
    """The settings screen's fields as a connection, or a ValidationError for the first
    field that is wrong (the screen shows it beside that field)."""
    host, database, user = host.strip(), database.strip(), user.strip()
    if not host or any(ch.isspace() or ch in "/@?#" for ch in host):
        raise ValidationError("host", "Enter the server's name or address, such as 192.168.1.10.")
    try:
        number = int(port.strip() or DEFAULT_PORT)
    except ValueError:
        number = 0
    if not 1 <= number <= 65535:
        raise ValidationError("port", "The port is a number from 1 to 65535 (usually 5432).")
    if not database:
        raise ValidationError("database", "Enter the name of the shop's database on the server.")
    if not user:
        raise ValidationError("user", "Enter the user name GESTCO connects with.")
    return ServerConnection(host=host, port=number, database=database, user=user)


def _config_path() -> Path:
    return data_dir() / FILENAME


def load() -> ServerConnection | None:
    """The server this workstation uses, or None for its own file. A damaged choice file is
    logged and ignored (the workstation falls back to its file, it does not fail to start)."""
    path = _config_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        server = raw.get("server")
        if not server:
            return None
        return ServerConnection(
            host=str(server["host"]),
            port=int(server["port"]),
            database=str(server["database"]),
            user=str(server["user"]),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("ignoring %s: %s", path, exc)
        return None


def _write(content: dict[str, object]) -> None:
    """The server choice, the workstation's other choices (the watched folder) kept."""
    for key, value in content.items():
        watch_choice.write_key(key, value)


def use_server(server: ServerConnection, password: str) -> bool:
    """Point this workstation at `server` from its next start. Returns True when the
    password went into the keyring, False when there is none (it is then not stored)."""
    stored = _keep_password(server, password) if password else False
    _write({"server": asdict(server)})
    return stored


def use_own_file() -> None:
    """Back to this workstation's own SQLite file; the stored password is forgotten."""
    server = load()
    _write({"server": None})
    if server is not None:
        _forget_password(server)


def server_url(server: ServerConnection) -> str:
    """The URL to open, with the keyring's password when it has one (else libpq's own
    PGPASSWORD or .pgpass apply, or the window asks)."""
    return server.url(stored_password(server))


def with_password(url: str, password: str) -> str:
    """`url` with `password` in it (asked for at start when none was stored)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    user = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0] if "@" in parts.netloc else ""
    netloc = f"{user}:{quote(password, safe='')}@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def keyring_available() -> bool:
    try:
        import keyring
        from keyring.backends import fail

        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception as exc:  # a broken backend is "no keyring", never a failed start
        log.warning("no usable keyring: %s", exc)
        return False


def stored_password(server: ServerConnection) -> str | None:
    if not keyring_available():
        return None
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, server.account)
    except Exception as exc:
        log.warning("keyring read failed: %s", type(exc).__name__)  # never the password
        return None


def _keep_password(server: ServerConnection, password: str) -> bool:
    if not keyring_available():
        return False
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, server.account, password)
        return True
    except Exception as exc:
        log.warning("keyring write failed: %s", type(exc).__name__)
        return False


def _forget_password(server: ServerConnection) -> None:
    if not keyring_available():
        return
    import keyring

    # Nothing stored, or the keyring is locked: nothing to forget.
    with contextlib.suppress(Exception):
        keyring.delete_password(KEYRING_SERVICE, server.account)


DB_ENV = "GESTCO_DB"


def resolve_database(cli_value: str | None) -> str:
    """--db wins, then $GESTCO_DB, then the server this workstation was pointed at (its
    settings screen), then the file in the per-user data directory."""
    if cli_value is not None:
        if not cli_value.strip():  # `--db ""` (an unset variable): never the default file
            raise ValidationError("db", "--db is empty: name the database file or server.")
        return cli_value
    env = os.environ.get(DB_ENV, "").strip()
    if env:
        return env
    server = load()
    if server is not None:
        return server_url(server)
    return str(default_database_path())
