"""The database: opening it, its pragmas and schema version. The only engine-aware module.

`database` is the single module-level global: a proxy the models are bound to and
`open_database` points at a real file.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import peewee

from gestco import engine_errors, write_rules
from gestco.config import check_server_url, is_server_url, private_folder
from gestco.engine_errors import Fault
from gestco.errors import DamagedFileError, DatabaseError, ServerLoginError
from gestco.storage.models import SHOP_ID_KEY, Settings
from gestco.storage.proxy import database  # what the models are bound to

# Set on every connection. journal_mode=wal is persistent in the file and is switched on
# once the file is known to be ours (setting it rewrites the header).
SQLITE_PRAGMAS = {
    "synchronous": 2,  # FULL: a commit the client was told about survives power loss
    "foreign_keys": 1,
    "cache_size": -16_000,  # 16 MB page cache per connection; the OS caches the file too
    "temp_store": "memory",
}
BUSY_TIMEOUT_S = 10


def is_url(target: str | Path) -> bool:
    """A PostgreSQL server URL rather than a file path."""
    return is_server_url(target)


_on_postgres = False  # set when a database is opened: read on every statement, so a plain flag
_server_url = ""  # the full URL of the opened server (with its password: never shown or logged)


def is_postgres() -> bool:
    return _on_postgres


_generation = 0  # bumped each time a database is opened: caches keyed by it start afresh


def generation() -> int:
    return _generation


def _bind(real: peewee.Database) -> None:
    global _on_postgres, _generation
    _generation += 1
    database.initialize(real)
    _on_postgres = isinstance(real, peewee.PostgresqlDatabase)


def open_database(
    path: str | Path, *, migrate: bool = True, create: bool = True
) -> peewee.Database:
    """Open the SQLite file at `path` (or the PostgreSQL database at a postgresql:// URL),
    bring its schema up to date, bind the models. A missing file is created only when
    `create` (the admin commands pass False: a mistyped path must not become a new, empty
    shop). Nothing is written to a file before it is known to be GESTCO's and whole."""
    from gestco import migrations, safety

    if is_url(path):
        check_server_url(str(path))
        return _open_postgres(str(path), migrate=migrate)
    path = Path(path)
    safety.refuse_before_opening(path, create=create)
    new_file = not path.exists()
    try:
        private_folder(path.parent)
        if new_file:
            _create_private_file(path)
    except OSError as exc:
        unavailable = safety.file_unavailable(path, exc)
        if unavailable is not None:
            raise unavailable from None
        raise DatabaseError(
            "Cannot create the folder for {path}: {reason}.", path=str(path), reason=exc.strerror
        ) from None
    close_database()
    db = peewee.SqliteDatabase(
        str(path),
        pragmas=SQLITE_PRAGMAS,
        timeout=BUSY_TIMEOUT_S,
        # In WAL a read-then-write transaction can fail at once with SQLITE_BUSY:
        # every write takes the write lock up front instead.
        lock_type="IMMEDIATE",
        check_same_thread=False,
    )
    try:
        db.connect()
    except peewee.DatabaseError as exc:
        raise _not_usable(path, exc) from None
    _bind(db)
    global _file_identity
    _file_identity = _identity(path)
    try:
        version = migrations.ensure_supported(db)
        # Another program's SQLite file may carry any user_version: GESTCO's tables are
        # checked before the first write (WAL, a backup, a migration step).
        missing = safety.missing_tables(db.connection(), version)
        if missing:
            raise DatabaseError(
                "{path} is an SQLite database of another program, not GESTCO's (no {table} "
                "table). It was not changed.",
                path=str(path),
                table=missing[0],
            )
        db.execute_sql("PRAGMA journal_mode = wal")
        if migrate and 0 < version < migrations.SCHEMA_VERSION:
            from gestco import backup  # a backup before every migration, always

            backup.make_backup(path, label=f"before-v{migrations.SCHEMA_VERSION}")
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


def ensure_shop_id(real: peewee.Database) -> str:
    """This database's identity: a random id kept in its settings, made once. Backups are
    kept in a folder per shop id, so one database's rotation never touches another's."""
    import uuid

    stored = Settings.select(Settings.value).where(Settings.key == SHOP_ID_KEY)
    found = real.execute(stored).fetchone()
    if found:
        return str(found[0])
    with real.atomic():  # made once: another workstation's at the same moment wins
        real.execute(Settings.insert(key=SHOP_ID_KEY, value=uuid.uuid4().hex).on_conflict_ignore())
    return str(real.execute(stored).fetchone()[0])


def _not_usable(path: Path, exc: Exception) -> DatabaseError:
    from gestco import safety

    return safety.file_unavailable(path, exc) or _not_ours(path, exc)


_file_identity: tuple[int, int] | None = None  # (device, inode) of the file when opened


def _identity(path: Path) -> tuple[int, int] | None:
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
    if _on_postgres or _file_identity is None or _file_identity[1] == 0:
        return False
    real = database.obj
    if real is None:
        return False
    now = _identity(Path(real.database))
    return now != _file_identity  # None: gone from its path (mid-restore, or deleted)


def _open_postgres(url: str, *, migrate: bool) -> peewee.Database:
    """A PostgreSQL server (several workstations): the same schema and services."""
    from playhouse.db_url import connect

    from gestco import migrations

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
    global _server_url
    _bind(pg)
    _server_url = url
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
    from gestco import backup, migrations, server_backup

    if server_backup.available():
        label = f"before-v{migrations.SCHEMA_VERSION}"
        server_backup.make_backup(url, backup.default_dir(), label=label)


_EXAMPLE = "postgresql://user:password@host:5432/name"
CONNECT_TIMEOUT = 5  # seconds: an unreachable server is said so quickly, not after minutes
# A write waits for another workstation's row locks at most as long as SQLite's busy timeout,
# then says so (tests shorten it through the environment).
LOCK_TIMEOUT_ENV = "GESTCO_PG_LOCK_TIMEOUT_S"
# A transaction left open and idle (a workstation frozen or cut off mid-save) is ended by the
# server after this, releasing its locks; GESTCO's own transactions never idle.
IDLE_TIMEOUT_ENV = "GESTCO_PG_IDLE_TIMEOUT_S"
IDLE_IN_TRANSACTION_S = 60
# TCP keepalives, both ways: this workstation notices a server gone silent, and the server
# notices a workstation gone (network cut) after ~25 s instead of TCP's two hours.
KEEPALIVE_IDLE_S, KEEPALIVE_INTERVAL_S, KEEPALIVE_COUNT = 10, 5, 3


def lock_timeout_s() -> float:
    return float(os.environ.get(LOCK_TIMEOUT_ENV) or BUSY_TIMEOUT_S)


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

    from gestco import migrations

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


def _not_ours(path: Path, exc: Exception) -> DatabaseError:
    return DamagedFileError(
        "{path} is not a GESTCO database or is damaged ({reason}).",
        "damaged",
        path=str(path),
        reason=str(exc),
    )


def close_database() -> None:
    """Close the calling thread's connection (peewee gives each thread its own)."""
    real = database.obj
    if real is not None and not real.is_closed():
        real.close()


def database_path() -> str:
    real = database.obj
    if real is None:
        return ""
    if is_postgres():
        return _server_url  # reopening needs all of it; screens show config.shown_database()
    return str(real.database)


_writes_held: str | None = None  # why writes wait (a check of the file still running)


def hold_writes(reason: str) -> None:
    """Refuse writes until release_writes(): reading goes on meanwhile."""
    global _writes_held
    _writes_held = reason


def release_writes() -> None:
    global _writes_held
    _writes_held = None


@contextmanager
def atomic() -> Iterator[None]:
    """One write transaction (BEGIN IMMEDIATE on SQLite). Storage failures come out as a
    DatabaseError a clerk can act on; the transaction is rolled back, nothing half-written."""
    if database.transaction_depth() == 0:
        if _writes_held is not None:
            raise DatabaseError(
                "{reason} Try again in a moment; nothing was saved.", reason=_writes_held
            )
        write_rules.begin()
    try:
        with database.atomic():
            if database.transaction_depth() == 1 and replaced_underneath():
                # Checked holding the write lock (a restore waits for the writes running on
                # the old file before it returns): a write never goes into a file another
                # process's restore has set aside.
                raise _replaced()
            yield
    except (
        peewee.OperationalError,
        sqlite3.OperationalError,
        peewee.DatabaseError,
        peewee.InterfaceError,
    ) as exc:
        if is_postgres() and _connection_lost():
            raise _lost() from None
        error = storage_error(exc)
        error.sqlstate = write_rules.sqlstate(exc)
        raise error from None


def _replaced() -> DatabaseError:
    return DatabaseError(
        "The database file was replaced (a backup was restored meanwhile): nothing was "
        "saved. GESTCO reloads it; try again in a moment."
    )


def _connection_lost() -> bool:
    """Whether the server connection is gone (restart, network cut). If so it is dropped, and
    the next statement connects again by itself (peewee's autoconnect)."""
    real = database.obj
    conn = real._state.conn
    if conn is not None and not (getattr(conn, "broken", False) or getattr(conn, "closed", False)):
        return False  # an error of the statement (a deadlock, a constraint), not of the link
    if database.transaction_depth() > 0:
        return True  # the transaction unwinds first; atomic() drops the connection after
    try:
        real.close()
    except Exception:
        real._state.reset()  # a dead connection cannot even close cleanly
    return True


def _lost() -> DatabaseError:
    return DatabaseError(
        "The connection to the database server was lost: nothing was saved. GESTCO "
        "reconnects by itself; try again in a moment."
    )


def storage_error(exc: Exception) -> DatabaseError:
    """The engine's error in words the shop can act on, told apart by its code
    (gestco.engine_errors). SQLite rolls back by itself on a full disk, so the error raised is
    often peewee's failed ROLLBACK: the cause is in the exception's context chain."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 5:
        chain.append(current)
        current = current.__context__
    code = write_rules.sqlstate(exc)
    if code in (write_rules.DEADLOCK, write_rules.SERIALIZATION_FAILURE):
        return DatabaseError(
            "The database is busy with another workstation: nothing was saved. Try again."
        )
    if code == write_rules.LOCK_TIMEOUT:
        return DatabaseError(
            "Another workstation has held the data this change needs for {seconds} s: "
            "nothing was saved. Try again in a moment.",
            seconds=f"{lock_timeout_s():g}",
        )
    kind = engine_errors.fault(exc)  # by the error's code (SQLite's, or the server's SQLSTATE)
    if kind is Fault.FULL:
        return DatabaseError(
            "The disk is full: nothing was saved. Free some space, then try again."
        )
    if kind is Fault.READ_ONLY:
        return DatabaseError(
            "The database file cannot be written (read-only disk or file): nothing was saved."
        )
    if kind is Fault.BUSY:
        return DatabaseError(
            "The database is busy with another workstation: nothing was saved. Try again."
        )
    if kind is Fault.DAMAGED:
        return DatabaseError(
            "The database file is damaged or unreadable ({reason}): nothing was saved. "
            "Restore a backup (Tools menu, or `gestco restore`).",
            reason=str(chain[-1]),
        )
    return DatabaseError(
        "The database refused the change ({reason}): nothing was saved.", reason=str(chain[-1])
    )


def _q(sql: str) -> str:
    """The services write `?` placeholders; psycopg wants `%s` (and `%%` for a percent)."""
    if _on_postgres:
        return sql.replace("%", "%%").replace("?", "%s")
    return sql


def _p(params: Sequence[Any]) -> Sequence[Any]:
    """PostgreSQL text cannot hold NUL: a searched text with one matches nothing stored
    (writes refuse NUL before they get here, gestco.text.clean), so it is dropped."""
    if _on_postgres and any(isinstance(p, str) and "\x00" in p for p in params):
        return [p.replace("\x00", "") if isinstance(p, str) else p for p in params]
    return params


def fetch_all(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Prepared SQL for hot read paths: skips peewee's query building (~90 µs a query)."""
    rows = _read(sql, params, lambda cursor: cursor.fetchall())
    return rows if not _on_postgres else [tuple(r) for r in rows]


def fetch_one(sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
    row = _read(sql, params, lambda cursor: cursor.fetchone())
    return tuple(row) if row is not None else None


def rows(query: peewee.Query) -> list[tuple[Any, ...]]:
    """The rows of a query built with peewee, as tuples, read as fetch_all reads."""
    return built_rows(*query.sql())


def first_row(query: peewee.Query) -> tuple[Any, ...] | None:
    return built_first_row(*query.sql())


def built_rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The rows of SQL peewee wrote for this engine (gestco.storage.prepared keeps some)."""
    found = _read(sql, params, lambda cursor: cursor.fetchall(), built=True)
    return found if not _on_postgres else [tuple(r) for r in found]


def built_first_row(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    row = _read(sql, params, lambda cursor: cursor.fetchone(), built=True)
    return tuple(row) if row is not None else None


def value(query: peewee.Query) -> Any:
    """The first column of a query's first row (None when there is no row)."""
    row = first_row(query)
    return row[0] if row else None


Row = TypeVar("Row", bound=peewee.Model)


def locked(query: peewee.ModelSelect[Row], ids: Sequence[int]) -> peewee.ModelSelect[Row]:
    """`query`, a select of rows of one table by their ids, locking them in the one lock
    order (gestco.write_rules: checked here). SQLite's BEGIN IMMEDIATE already serialises
    writers; on PostgreSQL's READ COMMITTED the rows are locked FOR NO KEY UPDATE, which the
    foreign-key checks of other writers' inserts (KEY SHARE) do not wait for."""
    model = query.model
    write_rules.check_lock(model._meta.table_name, ids)
    query = query.order_by(model._meta.primary_key)
    if not _on_postgres:
        return query
    return query.for_update("FOR NO KEY UPDATE")  # type: ignore[arg-type]  # peewee takes it


def lock(model: type[peewee.Model], ids: Sequence[int]) -> None:
    """Lock rows of `model`'s table the transaction is about to change (see locked)."""
    if ids:
        key: Any = model._meta.primary_key
        rows(locked(model.select(key).where(key.in_(list(ids))), ids))


def _read(
    sql: str, params: Sequence[Any], take: Callable[[Any], Any], *, built: bool = False
) -> Any:
    """One read. If the server connection turns out lost, a read outside a transaction is
    repeated once on a fresh connection (reading twice changes nothing): the first refresh
    after a server restart just works. Inside a transaction, or if the server is still
    away, the clear 'connection lost' DatabaseError. `built`: peewee wrote the SQL (and its
    placeholders) for this engine already."""
    if not built:
        sql = _q(sql)
    try:
        return take(database.execute_sql(sql, _p(params)))
    except (peewee.OperationalError, peewee.InterfaceError):
        if not (_on_postgres and _connection_lost()):
            raise
        if database.transaction_depth() > 0:
            raise _lost() from None
    try:
        return take(database.execute_sql(sql, _p(params)))
    except (peewee.OperationalError, peewee.InterfaceError):
        _connection_lost()  # still away: drop the connection again for the next try
        raise _lost() from None


def restart_ids(table: str) -> None:
    """After rows were copied with their ids: new rows continue after the highest one
    (PostgreSQL identity columns do not follow explicit ids; SQLite needs nothing)."""
    if is_postgres():
        database.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
            f" coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
        )


class _RawServer:
    """A psycopg connection that takes the core's `?` SQL, as sqlite3 does (for the bench)."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql.replace("%", "%%").replace("?", "%s"), params)

    def close(self) -> None:
        self.conn.close()


def raw_connection(target: str) -> Any:
    """A plain driver connection to the same database, with nothing of GESTCO's in between:
    the bench's baseline (sqlite3 on a file, psycopg on a server)."""
    if is_url(target):
        return _RawServer(target)
    return sqlite3.connect(target)


def copy_rows(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Bulk-load rows into `table` within the current transaction: PostgreSQL's COPY (about
    four times executemany's rate), an executemany on SQLite."""
    names = ", ".join(columns)
    if not _on_postgres:
        marks = ", ".join("?" * len(columns))
        execute_many(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        return
    with database.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def execute_many(sql: str, rows: Sequence[Sequence[Any]]) -> None:
    database.cursor().executemany(_q(sql), rows)


def fetch_ids(sql: str, params: Sequence[Any] = ()) -> array[int]:
    """The first column of `sql` (non-negative integers, in the query's order) as an array.

    SQLite writes the ids as one hex string (16 digits each) that becomes the array's bytes
    without a Python object per id: a million ids in ~0.25 s and ~24 MB transient, against
    ~0.28 s and ~70 MB for a million 1-tuples through the cursor.
    """
    ids = array("q")
    if is_postgres():
        ids.extend(r[0] for r in database.execute_sql(_q(sql), _p(params)))
        return ids
    row = database.execute_sql(
        f"SELECT group_concat(printf('%016x', id), '') FROM ({sql})", params
    ).fetchone()
    if row and row[0]:
        ids.frombytes(bytes.fromhex(row[0]))
        if sys.byteorder == "little":
            ids.byteswap()  # the hex digits are big-endian
    return ids


def data_version() -> int:
    """Changes whenever another connection commits to the file (SQLite PRAGMA data_version;
    a PostgreSQL server tells its listeners instead: listen())."""
    row = database.execute_sql("PRAGMA data_version").fetchone()
    return int(row[0])


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
        raise _connection_error(_server_url, exc) from None
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


def not_indexed(expression: str) -> str:
    """`expression` written so the engine does not pick an index for it (SQLite: unary +;
    PostgreSQL's planner costs the choice itself)."""
    return expression if is_postgres() else f"+{expression}"


def execute(sql: str, params: Sequence[Any] = ()) -> int:
    """Run one statement, return the number of rows it changed."""
    return int(database.execute_sql(_q(sql), _p(params)).rowcount)


def iterate(sql: str, params: Sequence[Any] = (), batch: int = 2000) -> Iterator[tuple[Any, ...]]:
    cursor = database.execute_sql(_q(sql), _p(params))
    while rows := cursor.fetchmany(batch):
        yield from rows


def iterate_query(query: peewee.Query, batch: int = 2000) -> Iterator[tuple[Any, ...]]:
    """A peewee query's rows, fetched `batch` at a time (a whole table, streamed)."""
    sql, params = query.sql()
    cursor = database.execute_sql(sql, _p(params))
    while found := cursor.fetchmany(batch):
        yield from found


@contextmanager
def build_new_file(path: str | Path) -> Iterator[sqlite3.Connection]:
    """Build a whole database in bulk beside `path`, then swap it in atomically.

    For the demo generator: ten million rows through the ORM take many minutes. Here the
    rows go through raw executemany into a side file with no journal, a large cache and the
    secondary indexes built at the end (STACK_NOTES). If anything fails or the process dies,
    only the side file is lost; `path` is replaced only once the new file is complete.
    """
    from gestco import migrations

    path = Path(path)
    side = path.with_name(path.name + ".building")
    side.unlink(missing_ok=True)
    _create_private_file(side)  # the finished database is this user's only (0600)
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
        with open(side, "rb+") as handle:
            os.fsync(handle.fileno())
        close_database()
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        os.replace(side, path)
    finally:
        if not builder.is_closed():
            builder.close()
        side.unlink(missing_ok=True)
