"""The tests' fixtures (helpers are in tests/support): headless Qt, a scratch data folder, a
fresh database per test on either engine, the shop's factories, a keyring in memory."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Backups, drafts and default databases of the tests go to a scratch folder, never to the
# user's real data directory (subprocesses inherit it). Set before GESTCO is imported.
os.environ["GESTCO_DATA_DIR"] = tempfile.mkdtemp(prefix="gestco-tests-")

from gestco.services import session
from gestco.storage import binding, opening
from tests.support.databases import ON_POSTGRES, TEST_DB, empty_postgres
from tests.support.shop import ACTOR, Shop


@pytest.fixture(autouse=True)
def signed_in() -> Iterator[None]:
    """Every test acts as the machine owner `tester` (admin rights, no operator row), as the
    CLI does: the tests about roles sign in operators of their own. Restored after each
    test too, for the module fixtures built between two tests."""
    session.sign_in_owner(ACTOR)
    yield
    session.sign_in_owner(ACTOR)


session.sign_in_owner(ACTOR)  # for the fixtures of the first module


@pytest.fixture(autouse=True)
def _the_core_never_needs_qt(request: pytest.FixtureRequest) -> Iterator[None]:
    """Outside tests/ui, a test that loaded PySide6 found a core path importing it."""
    window_test = "ui" in Path(str(request.node.path)).relative_to(ROOT_TESTS).parts[:1]
    was_loaded = "PySide6" in sys.modules
    yield
    if not (window_test or was_loaded):
        assert "PySide6" not in sys.modules, "a core code path imported PySide6"


ROOT_TESTS = Path(__file__).resolve().parent


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
        empty_postgres()
        opening.open_database(TEST_DB)
        yield tmp_path / "postgres"
        binding.close_database()
        return
    path = tmp_path / "gestco.sqlite3"
    opening.open_database(path)
    yield path
    binding.close_database()


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
