"""How the server backup calls PostgreSQL's tools (the dumps themselves: tests/core/test_cli)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gestco import server_backup


def test_the_password_goes_in_the_environment_not_on_the_command_line() -> None:
    url, env = server_backup._without_password("postgresql://caisse:s3cr%40t@10.0.0.5:5432/shop")
    assert url == "postgresql://caisse@10.0.0.5:5432/shop"
    assert env["PGPASSWORD"] == "s3cr%40t".replace("%40", "@")
    plain, _ = server_backup._without_password("postgresql://caisse@10.0.0.5/shop")
    assert plain == "postgresql://caisse@10.0.0.5/shop"


def test_the_tools_folder_can_be_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(server_backup.TOOLS_ENV, str(tmp_path))
    assert server_backup.find_tool("pg_dump") is None
    assert not server_backup.available()
    (tmp_path / "pg_dump").write_text("")
    assert server_backup.find_tool("pg_dump") == tmp_path / "pg_dump"
