"""Shared test setup: headless Qt, a temp-file database per test, small factories."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Backups, drafts and default databases of the tests go to a scratch folder, never to the
# user's real data directory (subprocesses inherit it).
os.environ["GESTCO_DATA_DIR"] = tempfile.mkdtemp(prefix="gestco-tests-")

from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, stock
from gestco.storage import binding, opening

ACTOR = "tester"
ROOT = Path(__file__).resolve().parents[1]


def gestco(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The admin CLI as a manager runs it: its own process, its exit code and output."""
    return subprocess.run(
        [sys.executable, "-m", "gestco", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


TEST_DB = os.environ.get("GESTCO_TEST_DB", "")  # a postgresql:// URL: run on that server
ON_POSTGRES = TEST_DB.startswith(("postgresql://", "postgres://"))


def sqlite_only(why: str) -> pytest.MarkDecorator:
    """Skip on the PostgreSQL run, saying why (the skip is listed in every run's summary)."""
    return pytest.mark.skipif(ON_POSTGRES, reason=f"SQLite only: {why}")


postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="needs GESTCO_TEST_DB=postgresql://…")
# .ci/postgres.sh says how to stop and start its server, for the tests that do so.
restartable_server = pytest.mark.skipif(
    not os.environ.get("GESTCO_PG_STOP"), reason="needs .ci/postgres.sh"
)


@contextmanager
def server_stopped() -> Iterator[None]:
    """The test server is down inside the block, started again however the block ends."""
    subprocess.run(os.environ["GESTCO_PG_STOP"], shell=True, check=True, timeout=60)
    try:
        yield
    finally:
        subprocess.run(os.environ["GESTCO_PG_START"], shell=True, check=True, timeout=60)


def _empty_postgres() -> None:
    """Drop everything in the test database's schema: each test starts from nothing."""
    import psycopg

    with psycopg.connect(TEST_DB, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def fresh_database(path: Path) -> str:
    """Where a test opens its own database: the file `path`, or with GESTCO_TEST_DB set, an
    emptied schema on that server."""
    if ON_POSTGRES:
        _empty_postgres()
        return TEST_DB
    return str(path)


def demo_database(path: Path, **sizes: int) -> str:
    """A fresh database at `path` (or on the test server) filled by the demo; left closed."""
    from gestco.tools import demo

    target = fresh_database(path)
    opening.open_database(target)
    try:
        demo.generate(**sizes)
    finally:
        binding.close_database()
    return target


def sql(target: str | Path, statement: str, *params: object) -> list[tuple]:
    """Run one statement on a test database from outside GESTCO (as another tool would) and
    return its rows: to look at what was written, or to break it on purpose."""
    if ON_POSTGRES and str(target) == TEST_DB:
        import psycopg

        with psycopg.connect(TEST_DB, autocommit=True) as conn:
            cursor = conn.execute(statement.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description else []
    import sqlite3

    conn = sqlite3.connect(target)
    try:
        with conn:
            return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def memory_keyring() -> Iterator[dict[tuple[str, str], str]]:
    """A keyring that keeps passwords in a dict (this machine has no desktop keyring); the
    test sees the dict. The previous keyring comes back afterwards."""
    import keyring
    from keyring.backend import KeyringBackend
    from keyring.errors import PasswordDeleteError

    kept: dict[tuple[str, str], str] = {}

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            return kept.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            kept[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            if kept.pop((service, username), None) is None:
                raise PasswordDeleteError(username)

    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield kept
    keyring.set_keyring(before)


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    """A fresh GESTCO database file (WAL, foreign keys: what ships); with GESTCO_TEST_DB set,
    a fresh schema on that PostgreSQL server instead."""
    if ON_POSTGRES:
        _empty_postgres()
        opening.open_database(TEST_DB)
        yield tmp_path / "postgres"
        binding.close_database()
        return
    path = tmp_path / "gestco.sqlite3"
    opening.open_database(path)
    yield path
    binding.close_database()


class Shop:
    """Factories for tests: a client, products with stock, an order."""

    def client(
        self, phone: str = "0612345678", first: str = "Amina", last: str = "Benali", **extra: str
    ):
        return clients.create_client(
            ClientInput(phone=phone, first_name=first, last_name=last, city="Rabat", **extra),
        )

    def product(
        self,
        sku: str = "CAF-250",
        name: str = "Café arabica 250 g",
        price: str = "45.00",
        stock_qty: int = 10,
        tax: str = "20",
    ):
        return stock.create_product(
            ProductInput(sku=sku, name=name, unit_price=Decimal(price), tax_rate=Decimal(tax)),
            actor=ACTOR,
            initial_stock=stock_qty,
        )

    def order(self, client_id: int, *lines: tuple[int, int], **kwargs):
        return orders.create_order(
            client_id=client_id,
            lines=[LineInput(product_id=p, quantity=q) for p, q in lines],
            actor=ACTOR,
            **kwargs,
        )


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A checkpointed demo file (3,000 orders) that tests copy and damage."""
    import sqlite3

    from gestco.tools import demo

    path = tmp_path_factory.mktemp("sample") / "shop.sqlite3"
    opening.open_database(path)
    demo.generate(clients=300, orders=3000, products=12, seed=2)
    binding.close_database()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture
def shop(db_path: Path) -> Shop:
    return Shop()
