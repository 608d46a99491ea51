"""Shared test setup: headless Qt, a temp-file database per test, small factories."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Backups, drafts and default databases of the tests go to a scratch folder, never to the
# user's real data directory (subprocesses inherit it).
os.environ["GESTCO_DATA_DIR"] = tempfile.mkdtemp(prefix="gestco-tests-")

from gestco import db
from gestco.domain import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, stock

ACTOR = "tester"


TEST_DB = os.environ.get("GESTCO_TEST_DB", "")  # a postgresql:// URL: run on that server
ON_POSTGRES = TEST_DB.startswith(("postgresql://", "postgres://"))
sqlite_only = pytest.mark.skipif(ON_POSTGRES, reason="SQLite files only (demo builder, pragmas)")


def _empty_postgres() -> None:
    """Drop everything in the test database's schema: each test starts from nothing."""
    import psycopg

    with psycopg.connect(TEST_DB, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    """A fresh GESTCO database file (WAL, foreign keys: what ships); with GESTCO_TEST_DB set,
    a fresh schema on that PostgreSQL server instead."""
    if ON_POSTGRES:
        _empty_postgres()
        db.open_database(TEST_DB)
        yield tmp_path / "postgres"
        db.close_database()
        return
    path = tmp_path / "gestco.sqlite3"
    db.open_database(path)
    yield path
    db.close_database()


class Shop:
    """Factories for tests: a client, products with stock, an order."""

    def client(
        self, phone: str = "0612345678", first: str = "Amina", last: str = "Benali", **extra: str
    ):
        return clients.create_client(
            ClientInput(phone=phone, first_name=first, last_name=last, city="Rabat", **extra),
            actor=ACTOR,
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

    from gestco import demo

    path = tmp_path_factory.mktemp("sample") / "shop.sqlite3"
    db.open_database(path)
    demo.generate(clients=300, orders=3000, products=12, seed=2)
    db.close_database()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture
def shop(db_path: Path) -> Shop:
    return Shop()
