"""How the server backup calls PostgreSQL's tools (the dumps themselves: tests/cli/test_cli)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gestco.storage import binding, opening, server_snapshots, snapshots
from tests.support.cli import gestco
from tests.support.databases import fresh_database, postgres_only, sql
from tests.support.shop import Shop


def test_the_password_goes_in_the_environment_not_on_the_command_line() -> None:
    url, env = server_snapshots._without_password("postgresql://caisse:s3cr%40t@10.0.0.5:5432/shop")
    assert url == "postgresql://caisse@10.0.0.5:5432/shop"
    assert env["PGPASSWORD"] == "s3cr%40t".replace("%40", "@")
    plain, _ = server_snapshots._without_password("postgresql://caisse@10.0.0.5/shop")
    assert plain == "postgresql://caisse@10.0.0.5/shop"


def test_the_tools_folder_can_be_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(server_snapshots.TOOLS_ENV, str(tmp_path))
    assert server_snapshots.find_tool("pg_dump") is None
    assert not server_snapshots.available()
    (tmp_path / "pg_dump").write_text("")
    assert server_snapshots.find_tool("pg_dump") == tmp_path / "pg_dump"


@postgres_only
def test_restoring_a_file_that_is_not_a_dump_changes_nothing(tmp_path: Path) -> None:
    """Once a crash (UnboundLocalError in the archive check): a plain message, and
    the server's data as it was."""
    target = fresh_database(tmp_path / "unused")
    opening.open_database(target)
    Shop().client(phone="0612345678", last="Avant")
    binding.close_database()
    aside_before = set(snapshots.default_dir().glob("*before-restore*"))
    for content in (b"not a dump at all\n", b"PGDMP", b""):
        bogus = tmp_path / "notes.dump"
        bogus.write_bytes(content)
        result = gestco("--db", target, "restore", str(bogus))
        assert result.returncode == 3, result.stderr  # the CLI's "database refused" code
        assert "This backup cannot be restored: it is not a backup made by" in result.stderr
        assert "Traceback" not in result.stderr
        assert sql(target, "SELECT last_name FROM clients") == [("Avant",)]
    assert set(snapshots.default_dir().glob("*before-restore*")) == aside_before  # stopped before
