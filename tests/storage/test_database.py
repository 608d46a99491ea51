"""The file itself: pragmas, schema versions, migration from version 1, refusing newer files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee
import pytest

from gestco.domain.errors import DatabaseError
from gestco.services import clients
from gestco.storage import binding, migrations, opening, raw_sql, snapshots
from tests.support.databases import TEST_DB, empty_postgres, postgres_only, sqlite_only


@sqlite_only("file pragmas")
def test_pragmas_that_make_commits_durable(db_path: Path) -> None:
    assert raw_sql.fetch_one("PRAGMA journal_mode") == ("wal",)
    assert raw_sql.fetch_one("PRAGMA synchronous") == (2,)
    assert raw_sql.fetch_one("PRAGMA foreign_keys") == (1,)
    assert raw_sql.fetch_one("PRAGMA user_version") == (migrations.SCHEMA_VERSION,)


def _add_a_version_1_client(old: peewee.Database) -> None:
    old.execute_sql(
        "INSERT INTO clients (phone, first_name, last_name, created_at, updated_at)"
        " VALUES ('+212612345678', 'Élodie', 'Lefèvre', '2025-01-01 10:00:00',"
        " '2025-01-01 10:00:00')"
    )


def test_a_version_1_file_is_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = peewee.SqliteDatabase(str(path))
    migrations.migrate(old, target=1)
    _add_a_version_1_client(old)
    old.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (1,)
    opening.open_database(path)
    try:
        assert raw_sql.fetch_one("PRAGMA user_version") == (migrations.SCHEMA_VERSION,)
        assert [m.last_name for m in clients.search_clients("lefe")] == ["Lefèvre"]
        assert clients.identify("0612345678") is not None
    finally:
        binding.close_database()


@postgres_only
def test_a_version_1_server_database_is_dumped_then_migrated() -> None:
    from playhouse.db_url import connect

    from gestco.storage import server_snapshots

    empty_postgres()
    old = connect(TEST_DB)
    migrations.migrate(old, target=1)
    _add_a_version_1_client(old)
    old.close()
    opening.open_database(TEST_DB)
    try:
        assert migrations.schema_version(binding.database.obj) == migrations.SCHEMA_VERSION
        assert clients.identify("0612345678") is not None
    finally:
        binding.close_database()
    dumps = [p for p in snapshots.list_backups(suffix=".dump") if "before-v" in p.name]
    assert dumps and server_snapshots.check_archive(dumps[0]) == []


def test_a_failing_step_leaves_the_previous_version(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "old.sqlite3"
    old = peewee.SqliteDatabase(str(path))
    migrations.migrate(old, target=1)

    def broken(database: peewee.Database) -> None:
        database.execute_sql("ALTER TABLE clients ADD COLUMN half_done TEXT")
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrations, "STEPS", [migrations.STEPS[0], broken])
    with pytest.raises(RuntimeError):
        migrations.migrate(old, target=2)
    assert migrations.schema_version(old) == 1
    columns = [r[1] for r in old.execute_sql("PRAGMA table_info(clients)").fetchall()]
    assert "half_done" not in columns
    old.close()


def test_a_file_from_a_newer_gestco_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.execute("CREATE TABLE future (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer GESTCO"):
        opening.open_database(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"these are not the pages you are looking for" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="is damaged"):
        opening.open_database(path)
    assert path.read_bytes() == before


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (x)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="another program"):
        opening.open_database(path)


def test_a_server_is_named_without_its_password() -> None:
    from gestco.workstation.addresses import is_server_url, shown_database

    url = "postgresql://caisse:s3cret@192.168.1.10:5432/boutique"
    assert is_server_url(url) and not is_server_url("/data/shop.sqlite3")
    assert shown_database(url) == "postgresql://caisse@192.168.1.10:5432/boutique"
    assert "s3cret" not in shown_database(url)
    assert shown_database("/data/shop.sqlite3") == "/data/shop.sqlite3"
