"""The admin CLI as a shop's manager runs it: separate processes, exit codes, clean errors."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gestco.storage import binding, opening, raw_sql
from tests.support.cli import ROOT, gestco
from tests.support.databases import ON_POSTGRES, fresh_database, postgres_only, sql, sqlite_only


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The shop the commands run on: a file, or with GESTCO_TEST_DB the test server."""
    target = fresh_database(tmp_path_factory.mktemp("cli") / "demo.sqlite3")
    result = gestco(
        "--db",
        target,
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
    return target


def test_demo_data_passes_check(demo_db: str) -> None:
    result = gestco("--db", demo_db, "check")
    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stdout


def test_demo_is_deterministic_and_realistic(demo_db: str) -> None:
    from datetime import datetime

    statuses = {s for (s,) in sql(demo_db, "SELECT DISTINCT status FROM orders")}
    channels = {c for (c,) in sql(demo_db, "SELECT DISTINCT channel FROM orders")}
    assert statuses == {"pending", "processing", "on_hold", "shipped", "delivered", "cancelled"}
    assert channels == {"counter", "phone", "online", "email", "other"}
    import phonenumbers

    phones = [p for (p,) in sql(demo_db, "SELECT phone FROM clients")]
    assert all(phonenumbers.is_valid_number(phonenumbers.parse(p)) for p in phones)
    assert all(p.startswith("+2126") or p.startswith("+2127") for p in phones)
    first, last = sql(demo_db, "SELECT min(created_at), max(created_at) FROM orders")[0]
    span = datetime.fromisoformat(last) - datetime.fromisoformat(first)
    assert 600 < span.days <= 730


def test_demo_refuses_a_database_with_data(demo_db: str) -> None:
    result = gestco("--db", demo_db, "demo", "--orders", "10")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "gestco: error: The demo needs an empty database: choose a new file with --db."
    )


def test_export_orders_csv_to_stdout(demo_db: str) -> None:
    result = gestco("--db", demo_db, "export", "orders")
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


def test_export_clients_csv_and_orders_xlsx(demo_db: str, tmp_path: Path) -> None:
    out = tmp_path / "clients.csv"
    assert gestco("--db", demo_db, "export", "clients", "--output", str(out)).returncode == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 300
    assert {"phone", "first_name", "last_name", "email", "city", "orders_count"} <= set(rows[0])
    assert sum(int(r["orders_count"]) for r in rows) == 1500
    xlsx = tmp_path / "orders.xlsx"
    assert gestco("--db", demo_db, "export", "orders", "-o", str(xlsx)).returncode == 0
    sheet = load_workbook(xlsx, read_only=True).active
    rows_in_sheet = list(sheet.iter_rows(values_only=True))
    assert len(rows_in_sheet) == 1501
    assert rows_in_sheet[0][:3] == ("number", "created_at", "status")


def test_check_reports_each_broken_invariant(demo_db: str) -> None:
    """Each invariant broken behind GESTCO's back is reported; repaired, the shop checks ok."""
    cancelled = sql(demo_db, "SELECT min(id) FROM orders WHERE status = 'cancelled'")[0][0]
    number = sql(demo_db, "SELECT number FROM orders WHERE id = 3")[0][0]
    breaks = [  # (break it, put it back)
        ("UPDATE orders SET total_cents = total_cents + 1 WHERE id = 1", "total_cents - 1"),
        ("UPDATE products SET on_hand = on_hand + 5 WHERE id = 1", "on_hand - 5"),
        ("UPDATE products SET reserved = reserved + 1 WHERE id = 2", "reserved - 1"),
        ("UPDATE orders SET number = 'CMD-1999-000001' WHERE id = 3", f"'{number}'"),
        (f"UPDATE orders SET status = 'delivered' WHERE id = {cancelled}", "'cancelled'"),
    ]
    for statement, _ in breaks:
        sql(demo_db, statement)
    try:
        result = gestco("--db", demo_db, "check")
    finally:
        for statement, old_value in breaks:
            assignment, where = statement.split(" WHERE ")
            column = assignment.split(" SET ")[1].split(" = ")[0]
            table = assignment.split()[1]
            sql(demo_db, f"UPDATE {table} SET {column} = {old_value} WHERE {where}")
    assert result.returncode == 1
    kinds = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert {"order totals", "on hand", "reserved", "numbers", "history"} <= kinds, result.stdout
    assert gestco("--db", demo_db, "check").stdout.strip() == "ok"


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
    opening.open_database(
        tmp_path / "x.sqlite3"
    )  # the commands refuse a database that is not there
    binding.close_database()
    result = gestco("--db", str(tmp_path / "x.sqlite3"), *args)
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["migrate-to", "postgresql://x@y/z"], "migrate-to copies a SQLite file"),
    ],
)
def test_file_only_commands_refuse_a_server_url(args, message: str) -> None:
    """Refused before connecting: the URL's password is in no message."""
    result = gestco("--db", "postgresql://caisse:s3cret@127.0.0.1:9/shop", *args)
    assert result.returncode == 2 and message in result.stderr
    assert "s3cret" not in result.stderr + result.stdout


def test_migrate_to_reads_the_url_from_stdin(tmp_path: Path) -> None:
    """`migrate-to -`: the URL (with its password) never on the command line."""
    result = gestco(
        "--db",
        str(tmp_path / "x.sqlite3"),
        "migrate-to",
        "-",
        stdin="postgresql://caisse:s3cret@127.0.0.1:9/shop\n",
    )
    assert result.returncode == 2  # read from stdin: then refused for the missing file
    assert "No database file at" in result.stderr and "s3cret" not in result.stderr


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    result = gestco("--db", "postgresql://caisse:s3cret@127.0.0.1:9/shop", "check")
    assert result.returncode == 3
    assert result.stderr.startswith("gestco: error: Cannot reach the server 127.0.0.1:9:")
    assert "s3cret" not in result.stderr and "Traceback" not in result.stderr


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
    made = gestco("demo", "--orders", "20", "--clients", "5", env={"GESTCO_DB": str(path)})
    assert made.returncode == 0, made.stderr
    result = gestco("check", env={"GESTCO_DB": str(path)})
    assert (result.returncode, result.stdout.strip()) == (0, "ok")
    assert gestco("--db", str(path), "check").stdout.strip() == "ok"


def test_commands_never_import_qt(demo_db: str) -> None:
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


def test_export_reorder_list(demo_db: str) -> None:
    result = gestco("--db", demo_db, "export", "reorder")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows, "the demo leaves some products at or below their reorder level"
    for row in rows:
        assert int(row["available"]) <= int(row["reorder_level"])
        assert int(row["shortfall"]) == int(row["reorder_level"]) - int(row["available"])


def test_backup_and_restore_from_the_command_line(demo_db: str, tmp_path: Path) -> None:
    """A file is copied by the backup API; a server is dumped by pg_dump (`.dump`)."""
    import shutil

    live = demo_db
    if not ON_POSTGRES:
        live = str(tmp_path / "live.sqlite3")
        shutil.copy(demo_db, live)
    result = gestco("--db", live, "backup", "--to", str(tmp_path / "saved"))
    assert result.returncode == 0, result.stderr
    copy = Path(result.stdout.strip())
    assert copy.parent == tmp_path / "saved" and copy.exists()
    assert copy.suffix == (".dump" if ON_POSTGRES else ".sqlite3")
    sql(live, "DELETE FROM settings")
    sql(live, "INSERT INTO settings VALUES ('currency', 'EUR')")
    result = gestco("--db", live, "restore", str(copy))
    assert result.returncode == 0, result.stderr
    assert "kept as" in result.stderr
    assert sql(live, "SELECT count(*) FROM settings WHERE value = 'EUR'") == [(0,)]
    assert gestco("--db", live, "check").stdout.strip() == "ok"
    missing = gestco("--db", live, "restore", str(tmp_path / "nope.sqlite3"))
    assert missing.returncode == 2 and "No backup at" in missing.stderr


@postgres_only
def test_a_server_restore_is_all_or_nothing(demo_db: str, tmp_path: Path) -> None:
    """A damaged archive is refused before anything is touched; missing tools are named."""
    made = gestco("--db", demo_db, "backup", "--to", str(tmp_path))
    dump = Path(made.stdout.strip())
    half = tmp_path / "half.dump"
    half.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])
    before = sql(demo_db, "SELECT count(*), sum(total_cents) FROM orders")
    result = gestco("--db", demo_db, "restore", str(half))
    assert result.returncode == 3 and "cannot be restored" in result.stderr, result.stderr
    assert sql(demo_db, "SELECT count(*), sum(total_cents) FROM orders") == before
    no_tools = gestco(
        "--db", demo_db, "backup", "--to", str(tmp_path), env={"GESTCO_PG_BIN": str(tmp_path)}
    )
    assert no_tools.returncode == 3
    assert "pg_dump was not found on this computer" in no_tools.stderr


@sqlite_only("a damaged database file")
def test_restore_works_on_a_damaged_file(demo_db: str, tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    copy = Path(gestco("--db", demo_db, "backup", "--to", str(saved)).stdout.strip())
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"\x00" * 4096)
    assert gestco("--db", str(damaged), "check").returncode == 3
    result = gestco("--db", str(damaged), "restore", str(copy))
    assert result.returncode == 0, result.stderr
    assert gestco("--db", str(damaged), "check").stdout.strip() == "ok"
    kept = [p for p in tmp_path.glob("damaged.sqlite3.before-restore-*")]
    assert kept and kept[0].read_bytes() == b"\x00" * 4096


@pytest.mark.parametrize("orders", [200, 400, 1000])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_status_appears_at_every_demo_size(tmp_path: Path, orders: int, seed: int) -> None:
    from gestco.tools import demo

    opening.open_database(fresh_database(tmp_path / "demo.sqlite3"))
    try:
        demo.generate(clients=30, orders=orders, products=6, seed=seed)
        statuses = {s for (s,) in raw_sql.fetch_all("SELECT DISTINCT status FROM orders")}
        pending = raw_sql.fetch_one("SELECT count(*) FROM orders WHERE status = 'pending'")[0]
    finally:
        binding.close_database()
    assert statuses == {"pending", "processing", "on_hold", "shipped", "delivered", "cancelled"}
    assert pending >= 1  # an order to process, at any size
