"""The admin CLI as a shop's manager runs it: separate processes, exit codes, clean errors."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]


def gestco(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gestco", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite3"
    result = gestco(
        "--db",
        str(path),
        "demo",
        "--clients",
        "300",
        "--orders",
        "1500",
        "--products",
        "20",
        "--seed",
        "7",
    )
    assert result.returncode == 0, result.stderr
    assert "300 clients, 20 products, 1500 orders" in result.stdout
    return path


def test_demo_data_passes_check(demo_db: Path) -> None:
    result = gestco("--db", str(demo_db), "check")
    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stdout


def test_demo_is_deterministic_and_realistic(demo_db: Path, tmp_path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(demo_db)
    statuses = {s for (s,) in conn.execute("SELECT DISTINCT status FROM orders")}
    channels = {c for (c,) in conn.execute("SELECT DISTINCT channel FROM orders")}
    assert statuses == {"pending", "processing", "on_hold", "shipped", "delivered", "cancelled"}
    assert channels == {"counter", "phone", "online", "email", "other"}
    import phonenumbers

    phones = [p for (p,) in conn.execute("SELECT phone FROM clients")]
    assert all(phonenumbers.is_valid_number(phonenumbers.parse(p)) for p in phones)
    assert all(p.startswith("+2126") or p.startswith("+2127") for p in phones)
    span = conn.execute(
        "SELECT julianday(max(created_at)) - julianday(min(created_at)) FROM orders"
    ).fetchone()[0]
    assert 600 < span <= 730


def test_demo_refuses_a_database_with_data(demo_db: Path) -> None:
    result = gestco("--db", str(demo_db), "demo", "--orders", "10")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "gestco: error: The demo needs an empty database: choose a new file with --db."
    )


def test_export_orders_csv_to_stdout(demo_db: Path) -> None:
    result = gestco("--db", str(demo_db), "export", "orders")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1500
    first = rows[0]
    for column in (
        "number",
        "created_at",
        "status",
        "channel",
        "client_phone",
        "client_name",
        "shipping_date",
        "total",
    ):
        assert column in first
    assert first["number"].startswith("CMD-")
    assert first["created_at"][10] == "T"  # ISO 8601
    assert first["total"].count(".") == 1 and len(first["total"].split(".")[1]) == 2
    assert rows[0]["created_at"] >= rows[-1]["created_at"]  # newest first


def test_export_clients_csv_and_orders_xlsx(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "clients.csv"
    assert gestco("--db", str(demo_db), "export", "clients", "--output", str(out)).returncode == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 300
    assert {"phone", "first_name", "last_name", "email", "city", "orders_count"} <= set(rows[0])
    assert sum(int(r["orders_count"]) for r in rows) == 1500
    xlsx = tmp_path / "orders.xlsx"
    assert gestco("--db", str(demo_db), "export", "orders", "-o", str(xlsx)).returncode == 0
    sheet = load_workbook(xlsx, read_only=True).active
    rows_in_sheet = list(sheet.iter_rows(values_only=True))
    assert len(rows_in_sheet) == 1501
    assert rows_in_sheet[0][:3] == ("number", "created_at", "status")


def test_check_reports_each_broken_invariant(demo_db: Path, tmp_path: Path) -> None:
    import shutil
    import sqlite3

    broken = tmp_path / "broken.sqlite3"
    shutil.copy(demo_db, broken)
    conn = sqlite3.connect(broken)
    conn.execute("UPDATE orders SET total_cents = total_cents + 1 WHERE id = 1")
    conn.execute("UPDATE products SET on_hand = on_hand + 5 WHERE id = 1")
    conn.execute("UPDATE products SET reserved = reserved + 1 WHERE id = 2")
    conn.execute("UPDATE orders SET number = 'CMD-1999-000001' WHERE id = 3")
    conn.execute(
        "UPDATE orders SET status = 'delivered' WHERE id = (SELECT min(id) FROM orders"
        " WHERE status = 'cancelled')"
    )
    conn.commit()
    conn.close()
    result = gestco("--db", str(broken), "check")
    assert result.returncode == 1
    kinds = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert {"order totals", "on hand", "reserved", "numbers", "history"} <= kinds, result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["demo", "--orders", "-5"], 2, "--orders must be a whole number"),
        (["export", "orders", "--format", "xlsx"], 2, "XLSX needs a file"),
        (["export", "orders", "--output", "/nonexistent-dir/x.csv"], 3, "No such file"),
        ([], 2, "name a command"),
    ],
)
def test_bad_commands_give_one_clear_line(tmp_path: Path, args, code: int, message: str) -> None:
    result = gestco("--db", str(tmp_path / "x.sqlite3"), *args)
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_newer_file_is_a_clean_error(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    result = gestco("--db", str(path), "check")
    assert result.returncode == 3
    assert "newer GESTCO" in result.stderr and "Traceback" not in result.stderr


def test_gestco_db_variable_chooses_the_file(tmp_path: Path) -> None:
    path = tmp_path / "env.sqlite3"
    result = gestco("check", env={"GESTCO_DB": str(path)})
    assert result.returncode == 0 and path.exists()


def test_commands_never_import_qt(demo_db: Path) -> None:
    """Every core module and a whole CLI run leave PySide6 unimported."""
    code = (
        "import importlib, pkgutil, sys, gestco\n"
        "for m in pkgutil.walk_packages(gestco.__path__, 'gestco.'):\n"
        "    importlib.import_module(m.name)\n"
        "from gestco.cli import main\n"
        f"assert main(['--db', {str(demo_db)!r}, 'check']) == 0\n"
        "leaked = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui')))\n"
        "assert not leaked, leaked\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_export_reorder_list(demo_db: Path) -> None:
    result = gestco("--db", str(demo_db), "export", "reorder")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows, "the demo leaves some products at or below their reorder level"
    for row in rows:
        assert int(row["available"]) <= int(row["reorder_level"])
        assert int(row["shortfall"]) == int(row["reorder_level"]) - int(row["available"])


def test_bench_reports_every_figure_as_json(tmp_path: Path) -> None:
    import json

    path = tmp_path / "bench.sqlite3"
    result = gestco(
        "--db", str(path), "bench", "--orders", "3000", "--clients", "500", "--json", "--no-startup"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["orders"] == 3300  # the demo, plus the 300 the creation test adds
    figures = report["figures"]
    assert len(figures) == 13
    for name, figure in figures.items():
        assert figure["median_ms"] > 0 and figure["p95_ms"] >= figure["median_ms"], name
        if "orders" not in name or "page" in name:
            assert figure["ratio"] is not None, name
    assert report["orders_created_per_second"] > 0
    assert "bench: lookups" in result.stderr  # progress on stderr, results alone on stdout


def test_backup_and_restore_from_the_command_line(demo_db: Path, tmp_path: Path) -> None:
    import shutil
    import sqlite3

    live = tmp_path / "live.sqlite3"
    shutil.copy(demo_db, live)
    result = gestco("--db", str(live), "backup", "--to", str(tmp_path / "saved"))
    assert result.returncode == 0, result.stderr
    copy = Path(result.stdout.strip())
    assert copy.parent == tmp_path / "saved" and copy.exists()
    conn = sqlite3.connect(live)
    conn.execute("DELETE FROM settings")
    conn.execute("INSERT INTO settings VALUES ('currency', 'EUR')")
    conn.commit()
    conn.close()
    result = gestco("--db", str(live), "restore", str(copy))
    assert result.returncode == 0, result.stderr
    assert "kept as" in result.stderr
    conn = sqlite3.connect(live)
    assert conn.execute("SELECT count(*) FROM settings WHERE value = 'EUR'").fetchone() == (0,)
    conn.close()
    assert gestco("--db", str(live), "check").stdout.strip() == "ok"
    missing = gestco("--db", str(live), "restore", str(tmp_path / "nope.sqlite3"))
    assert missing.returncode == 2 and "No backup at" in missing.stderr


def test_restore_works_on_a_damaged_file(demo_db: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    copy = Path(gestco("--db", str(demo_db), "backup", "--to", str(saved)).stdout.strip())
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"\x00" * 4096)
    assert gestco("--db", str(damaged), "check").returncode == 3
    result = gestco("--db", str(damaged), "restore", str(copy))
    assert result.returncode == 0, result.stderr
    assert gestco("--db", str(damaged), "check").stdout.strip() == "ok"
    kept = [p for p in tmp_path.glob("damaged.sqlite3.before-restore-*")]
    assert kept and kept[0].read_bytes() == b"\x00" * 4096
