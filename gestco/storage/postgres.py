"""A shop's PostgreSQL server: connecting (timeouts, keepalives, lock and idle limits), the
schema brought up to date after a pg_dump, the plain messages for a server out of reach or a
login refused, and LISTEN for the change notices of other workstations."""

from __future__ import annotations

import os
from typing import Any

import peewee

from gestco.domain.errors import DatabaseError, ServerLoginError
from gestco.storage import migrations, server_snapshots, snapshots
from gestco.storage.binding import bind, close_database, database, server_url
from gestco.storage.shop_identity import ensure_shop_id
from gestco.storage.transactions import storage_error
from gestco.storage.write_rules import lock_timeout_s


def _open_postgres(url: str, *, migrate: bool) -> peewee.Database:
    """A PostgreSQL server (several workstations): the same schema and services."""
    from playhouse.db_url import connect

    close_database()
    try:
        pg = connect(url, connect_timeout=CONNECT_TIMEOUT, **session_options())
        pg.connect()
    except peewee.DatabaseError as exc:
        raise _connection_error(url, exc) from None
    except ValueError:  # the URL itself (no database name, a port out of range): its text
        raise DatabaseError(  # holds the password, so it is not repeated
            "This server address cannot be read: write it as {example}.", example=_EXAMPLE
        ) from None
    bind(pg, url=url)
    try:
        version = migrations.ensure_supported(pg)
        if migrate and 0 < version < migrations.SCHEMA_VERSION:
            _dump_before_migrating(url)
        if migrate:
            migrations.migrate(pg)
            ensure_shop_id(pg)
    except DatabaseError:
        close_database()
        raise
    except peewee.DatabaseError as exc:  # a step waited past lock_timeout on another session
        close_database()
        raise storage_error(exc) from None
    return pg


def _dump_before_migrating(url: str) -> None:
    """As a file gets a backup before every migration, a server gets a pg_dump, where the
    client tools are installed (else the migration's own transaction is the safety net)."""
    if server_snapshots.available():
        label = f"before-v{migrations.SCHEMA_VERSION}"
        server_snapshots.make_backup(url, snapshots.default_dir(), label=label)


_EXAMPLE = "postgresql://user:password@host:5432/name"


KEEPALIVE_IDLE_S, KEEPALIVE_INTERVAL_S, KEEPALIVE_COUNT = 10, 5, 3
CONNECT_TIMEOUT = 5  # seconds: an unreachable server is said so quickly, not after minutes


# A transaction left open and idle (a workstation frozen or cut off mid-save) is ended by the
# server after this, releasing its locks; GESTCO's own transactions never idle.
IDLE_TIMEOUT_ENV = "GESTCO_PG_IDLE_TIMEOUT_S"


IDLE_IN_TRANSACTION_S = 60


def session_options() -> dict[str, Any]:
    """libpq parameters of every GESTCO connection to a server: client-side keepalives, and
    the session settings (lock_timeout, idle_in_transaction_session_timeout, the server's
    own keepalives) passed as `options`, so they hold from the first statement on."""
    idle = float(os.environ.get(IDLE_TIMEOUT_ENV) or IDLE_IN_TRANSACTION_S)
    settings = {
        "lock_timeout": f"{int(lock_timeout_s() * 1000)}ms",
        "idle_in_transaction_session_timeout": f"{int(idle * 1000)}ms",
        "tcp_keepalives_idle": KEEPALIVE_IDLE_S,
        "tcp_keepalives_interval": KEEPALIVE_INTERVAL_S,
        "tcp_keepalives_count": KEEPALIVE_COUNT,
    }
    return {
        "keepalives": 1,
        "keepalives_idle": KEEPALIVE_IDLE_S,
        "keepalives_interval": KEEPALIVE_INTERVAL_S,
        "keepalives_count": KEEPALIVE_COUNT,
        "options": " ".join(f"-c {name}={value}" for name, value in settings.items()),
    }


def _connection_error(url: str, exc: Exception) -> DatabaseError:
    """What a person can act on: the server is out of reach, the login is refused, or the
    database does not exist there. (Connection failures carry no SQLSTATE: the text is all
    there is; anything else keeps libpq's own first line.)"""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    server = f"{parts.hostname or 'localhost'}:{parts.port or 5432}"
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    low = reason.lower()
    if any(
        words in low
        for words in ("password authentication failed", "no password supplied", 'role "')
    ):
        return ServerLoginError(
            "The server {server} refused the user {user} or its password: check them.",
            server=server,
            user=unquote(parts.username or ""),
        )
    if 'database "' in low and "does not exist" in low:
        return DatabaseError(
            "The server {server} has no database named {database}: ask for it to be created.",
            server=server,
            database=unquote(parts.path.lstrip("/")),
        )
    unreachable = (
        "connection refused", "resolve host", "translate host", "timeout", "no route to host",
        "network is unreachable", "could not connect", "server closed the connection",
    )  # fmt: skip
    if any(words in low for words in unreachable):
        return DatabaseError(
            "Cannot reach the server {server}: check that it is started and that this computer "
            "can reach it on the network ({reason}).",
            server=server,
            reason=reason.split(" failed: ")[-1],
        )
    return DatabaseError("Cannot reach the database server: {reason}.", reason=reason)


def probe_server(url: str) -> int | None:
    """Connect to the server at `url` without changing anything: the GESTCO schema version
    found there, or None for a database GESTCO has not set up yet (it will at first start).
    Raises DatabaseError (ServerLoginError for a refused login) with what to do."""
    from playhouse.db_url import connect

    probe = connect(url, connect_timeout=CONNECT_TIMEOUT)
    try:
        probe.connect()
    except peewee.DatabaseError as exc:
        raise _connection_error(url, exc) from None
    try:
        return migrations.ensure_supported(probe) or None
    except peewee.DatabaseError as exc:
        raise _connection_error(url, exc) from None
    finally:
        probe.close()


def listen(channel: str) -> Any:
    """A PostgreSQL connection of its own, LISTENing on `channel` (autocommit). Raises
    DatabaseError when the server cannot be reached."""
    import psycopg

    real = database.obj
    params = {
        k: v for k, v in real.connect_params.items() if k in ("host", "port", "user", "password")
    }
    params.update(session_options())
    try:
        conn = psycopg.connect(
            dbname=real.database, autocommit=True, connect_timeout=LISTEN_TIMEOUT, **params
        )
        conn.execute(f"LISTEN {channel}")
    except psycopg.Error as exc:
        raise _connection_error(server_url(), exc) from None
    return conn


LISTEN_TIMEOUT = 2  # seconds (libpq's least); the feed reconnects from a thread of its own


def drain_notifications(conn: Any) -> list[str]:
    """The payloads received so far, without waiting. Raises DatabaseError when the
    listening connection was lost (server restarted, network cut)."""
    import psycopg

    try:
        return [note.payload for note in conn.notifies(timeout=0)]
    except psycopg.Error as exc:
        raise DatabaseError(
            "The change notices from the server stopped: {reason}.", reason=str(exc).strip()
        ) from None
