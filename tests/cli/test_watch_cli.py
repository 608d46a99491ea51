"""`gestco watch FOLDER --once` as a scheduler runs it, in its own processes: a file is
imported by the first run that finds it as the run before left it, filed in done/ with its
report; exit 1 when a file was refused (failed/), 2 when the folder cannot be watched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gestco.storage import binding, opening
from tests.support.cli import gestco
from tests.support.databases import fresh_database, sql
from tests.support.imports import FILES, catalogue


@pytest.fixture
def shop_db(tmp_path: Path) -> str:
    target = fresh_database(tmp_path / "shop.sqlite3")
    opening.open_database(target)
    try:
        catalogue()
    finally:
        binding.close_database()
    return target


def _orders(target: str) -> int:
    return int(sql(target, "SELECT count(*) FROM orders")[0][0])


def test_two_runs_import_a_dropped_file_and_file_it(shop_db: str, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(FILES / "shopify_2016.csv", folder / "orders.csv")
    first = gestco("--db", shop_db, "watch", str(folder), "--once")
    assert first.returncode == 0, first.stderr
    assert "orders.csv: waiting" in first.stdout
    assert _orders(shop_db) == 0
    second = gestco("--db", shop_db, "watch", str(folder), "--once")
    assert second.returncode == 0, second.stderr
    assert f"2 orders imported from orders.csv: {folder / 'done' / 'orders.csv'}" in second.stdout
    assert (folder / "done" / "orders.csv.report.txt").is_file()
    assert _orders(shop_db) == 2
    listed = gestco("--db", shop_db, "import", "list").stdout
    assert "\torders.csv\timported\tnew 2," in listed and "\tcli:" in listed


def test_a_refused_file_exits_1_and_a_missing_folder_2(shop_db: str, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(FILES / "call_centre.csv", folder / "centre.csv")
    gestco("--db", shop_db, "watch", str(folder), "--once")
    refused = gestco("--db", shop_db, "watch", str(folder), "--once")
    assert refused.returncode == 1, refused.stderr
    assert "7 orders imported from centre.csv; 13 refused" in refused.stdout
    assert (folder / "failed" / "centre.csv.report.txt").is_file()
    missing = gestco("--db", shop_db, "watch", str(tmp_path / "nowhere"), "--once")
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr and "Traceback" not in missing.stderr
    wrong = gestco("--db", shop_db, "watch", str(folder), "--every", "0")
    assert wrong.returncode == 2 and "--every" in wrong.stderr


def test_the_running_watch_imports_a_drop_and_stops_on_ctrl_c(shop_db: str, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.support.cli import ROOT

    folder = tmp_path / "drop"
    folder.mkdir()
    watch = subprocess.Popen(
        [sys.executable, "-m", "gestco", "--db", shop_db, "watch", str(folder), "--every", "0.5"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        shutil.copy(FILES / "shopify_2016.csv", folder / "orders.csv")
        deadline = time.monotonic() + 120  # waits for the outcome, asserts nothing on time
        while not (folder / "done" / "orders.csv.report.txt").exists():
            assert watch.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        watch.send_signal(signal.SIGINT)
        out, err = watch.communicate(timeout=60)
    assert watch.returncode == 130
    assert "2 orders imported from orders.csv" in out
    assert "interrupted" in err and "Traceback" not in err
    assert _orders(shop_db) == 2
