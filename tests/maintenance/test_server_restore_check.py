"""A server dump from a newer GESTCO is refused before anything changes on the server."""

from __future__ import annotations

from pathlib import Path

from gestco.storage import migrations, server_snapshots, snapshots
from tests.support.cli import gestco
from tests.support.databases import TEST_DB, demo_database, postgres_only, sql


@postgres_only
def test_a_dump_from_a_newer_schema_is_refused_and_nothing_moves(tmp_path: Path) -> None:
    target = demo_database(tmp_path / "unused", clients=20, orders=40, products=5)
    newer = tmp_path / "newer.dump"
    newest = migrations.SCHEMA_VERSION
    sql(target, "UPDATE gestco_meta SET value = ? WHERE key = 'schema_version'", newest + 1)
    server_snapshots._run("pg_dump", ["--format=custom", "--no-owner", f"--file={newer}"], TEST_DB)
    sql(target, "UPDATE gestco_meta SET value = ? WHERE key = 'schema_version'", newest)
    assert server_snapshots.check_archive(newer) != []
    before = sql(target, "SELECT count(*) FROM orders")
    set_aside = set(snapshots.default_dir().rglob("*before-restore*"))
    result = gestco("--db", TEST_DB, "restore", str(newer))
    assert result.returncode == 3 and "newer GESTCO" in result.stderr, result.stderr
    assert sql(target, "SELECT count(*) FROM orders") == before
    assert set(snapshots.default_dir().rglob("*before-restore*")) == set_aside  # nothing dumped
