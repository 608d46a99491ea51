"""Each test's database on either engine: a file, or with GESTCO_TEST_DB a schema emptied on
that PostgreSQL server; the demo in it; a statement run from outside GESTCO; the marks that
skip a test on one engine, saying why."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from gestco.storage import binding, opening

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


def empty_postgres() -> None:
    """Drop everything in the test database's schema: each test starts from nothing."""
    import psycopg

    with psycopg.connect(TEST_DB, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def fresh_database(path: Path) -> str:
    """Where a test opens its own database: the file `path`, or with GESTCO_TEST_DB set, an
    emptied schema on that server."""
    if ON_POSTGRES:
        empty_postgres()
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


# The demo the orders-table tests open.
TABLE_DEMO = {"clients": 150, "orders": 1500, "products": 12, "seed": 11}
