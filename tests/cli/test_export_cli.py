"""`gestco export` as a manager (or a script) runs it: never over the database, never half a
file, UTF-8 on any stdout, one line and an exit code when the output cannot be written."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gestco.storage import binding
from tests.support.cli import ROOT, gestco
from tests.support.databases import fresh_database, sql, sqlite_only

ARABIC = "أمينة"


@pytest.fixture(scope="module")
def shop_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    target = fresh_database(tmp_path_factory.mktemp("export-cli") / "shop.sqlite3")
    made = gestco("--db", target, "demo", "--clients", "80", "--orders", "400", "--products", "8")
    assert made.returncode == 0, made.stderr
    sql(target, "UPDATE clients SET first_name = ? WHERE id = 1", ARABIC)
    return target


def _run(*args: str, shell_tail: str = "", env: dict[str, str] | None = None):
    """The CLI in its own process, output as bytes; `shell_tail` redirects its stdout."""
    command = [sys.executable, "-m", "gestco", *args]
    if shell_tail:
        command = ["sh", "-c", f'exec "$@" {shell_tail}', "sh", *command]
    return subprocess.run(
        command,
        cwd=ROOT,
        stdout=None if shell_tail else subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def _one_clean_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text and "Exception ignored" not in text, text
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def _orders(target: str) -> int:
    return sql(target, "SELECT count(*) FROM orders")[0][0]


@sqlite_only("the database is a file here")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal", "link"])
def test_export_onto_the_database_is_refused(
    shop_db: str, tmp_path: Path, fmt: str, suffix: str
) -> None:
    """It truncated the database to the CSV header (exit 70) or replaced it by a workbook."""
    output = f"{shop_db}{suffix}"
    if suffix == "link":
        output = str(tmp_path / "shop-link.sqlite3")
        os.symlink(shop_db, output)
    size = Path(shop_db).stat().st_size
    result = gestco("--db", shop_db, "export", "orders", "--format", fmt, "--output", output)
    assert result.returncode == 2
    line = _one_clean_line(result.stderr.encode())
    assert line.startswith("gestco: error: ") and "database" in line
    assert Path(shop_db).stat().st_size == size
    assert _orders(shop_db) == 400
    assert gestco("--db", shop_db, "check").stdout.strip() == "ok"


def test_ctrl_c_during_an_export_leaves_no_file(
    shop_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Ctrl+C left a 16.9 MB partial file while saying "nothing was half-written"."""
    from gestco import cli

    def interrupted(self, done: int, total: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.output.Progress, "rows", interrupted)
    monkeypatch.setattr("gestco.services.export.PROGRESS_EVERY", 50)
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"orders.{fmt}"
        assert cli.main(["--db", shop_db, "export", "orders", "-o", str(out)]) == 130
        assert list(tmp_path.iterdir()) == []
        assert "nothing was half-written" in capsys.readouterr().err
    binding.close_database()


def test_stdout_that_is_not_utf8_gets_utf8(shop_db: str) -> None:
    """A Windows redirect (cp1252) crashed on the first Arabic name: 0 of 400 rows written."""
    result = _run("--db", shop_db, "export", "orders", env={"PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"), newline="")))
    assert len(rows) == 400
    assert any(r["client_name"].startswith(ARABIC) for r in rows)


def test_a_closed_stdout_is_one_line_and_exit_2(shop_db: str) -> None:
    result = _run("--db", shop_db, "export", "orders", shell_tail=">&-")
    assert result.returncode == 2
    assert "--output" in _one_clean_line(result.stderr)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stdout_is_said_about_stdout_not_the_database(shop_db: str) -> None:
    result = _run("--db", shop_db, "export", "orders", shell_tail=">/dev/full")
    assert result.returncode == 3
    line = _one_clean_line(result.stderr)
    assert "standard output" in line and "shop.sqlite3" not in line


@pytest.fixture(params=["size=16k", "ro,size=16k"], ids=["full", "read-only"])
def tiny_disk(tmp_path: Path, request) -> Iterator[Path]:
    """A 16 KiB tmpfs (root only): the exports do not fit on it; or it is read-only."""
    place = tmp_path / "full"
    place.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", request.param, "tmpfs", str(place)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield place
    finally:
        subprocess.run(["umount", str(place)], check=True)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_full_or_read_only_disk_blames_the_export_file_and_leaves_nothing(
    shop_db: str, tiny_disk: Path, fmt: str
) -> None:
    """A full disk left a partial file and blamed the database; XLSX also printed
    "Exception ignored … Traceback" after its one-line error."""
    out = tiny_disk / f"orders.{fmt}"
    result = _run("--db", shop_db, "export", "orders", "--output", str(out))
    assert result.returncode == 3
    line = _one_clean_line(result.stderr)
    assert str(out) in line and ("No space left" in line or "Read-only" in line)
    assert list(tiny_disk.iterdir()) == []
    assert _orders(shop_db) == 400


def test_the_cli_xlsx_has_types_and_the_cli_csv_stays_the_machine_form(
    shop_db: str, tmp_path: Path
) -> None:
    xlsx = tmp_path / "orders.xlsx"
    assert gestco("--db", shop_db, "export", "orders", "-o", str(xlsx)).returncode == 0
    sheet = load_workbook(xlsx).active
    header = [c.value for c in sheet[1]]
    first = sheet[2]
    assert sheet.freeze_panes == "A2"
    assert first[header.index("total")].data_type == "n"
    assert first[header.index("created_at")].is_date
    assert first[header.index("client_phone")].data_type == "s"
    out = tmp_path / "orders.csv"
    assert gestco("--db", shop_db, "export", "orders", "-o", str(out)).returncode == 0
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0]["client_phone"].startswith("+212") and rows[0]["total"].count(".") == 1
    assert len(rows) == 400
