"""`gestco bench` on a small database: every figure, JSON on stdout, progress on stderr."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from gestco.workstation.addresses import shown_database
from tests.support.cli import gestco
from tests.support.databases import ON_POSTGRES, TEST_DB, fresh_database, sql, sqlite_only


def test_bench_reports_every_figure_as_json(tmp_path: Path) -> None:
    target = fresh_database(tmp_path / "bench.sqlite3")  # a file, or the test server
    result = gestco(
        "--db", target, "bench", "--orders", "3000", "--clients", "500", "--json", "--no-startup",
        "--import-orders", "200",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["orders"] == 3300  # the demo, plus the 300 the creation test adds
    imported = report["import"]
    assert imported["orders"] == 200
    assert (imported["preview"]["new"], imported["preview"]["errors"]) == (200, 0)
    assert (imported["import"]["new"], imported["again"]["unchanged"]) == (200, 200)
    assert all(imported[k]["orders_per_second"] > 0 for k in ("preview", "import", "again"))
    assert sql(target, "SELECT count(*) FROM orders WHERE source = 'file'") == [(200,)]
    figures = report["figures"]
    assert len(figures) == 16
    assert {"dashboard figures, today", "dashboard figures, this year"} <= set(figures)
    for name, figure in figures.items():
        assert figure["median_ms"] > 0 and figure["p95_ms"] >= figure["median_ms"], name
        if ("orders" not in name or "page" in name) and "dashboard" not in name:
            assert figure["ratio"] is not None, name
    assert report["orders_created_per_second"] > 0
    assert "bench: lookups" in result.stderr  # progress on stderr, results alone on stdout
    assert report["database"] == shown_database(target)  # a server's without its password
    if ON_POSTGRES and urlsplit(TEST_DB).password:
        assert urlsplit(TEST_DB).password not in result.stdout + result.stderr


@sqlite_only("a shop's file copied for the bench")
def test_bench_never_writes_into_a_database_it_did_not_create(tmp_path: Path) -> None:
    shop = tmp_path / "shop.sqlite3"
    made = gestco("--db", str(shop), "demo", "--orders", "400", "--clients", "50")
    assert made.returncode == 0, made.stderr
    before = shop.read_bytes()
    for how in (["--db", str(shop)], []):  # --db, then GESTCO_DB: the two documented ways
        result = gestco(
            *how, "bench", "--orders", "400", "--clients", "50", "--json", "--no-startup",
            "--import-orders", "0", env={"GESTCO_DB": str(shop)},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["orders"] == 700  # measured on a copy, 300 added there
    assert shop.read_bytes() == before
    assert sql(shop, "SELECT count(*) FROM orders") == [(400,)]


def test_the_startup_probe_never_puts_the_database_on_a_command_line(monkeypatch) -> None:
    from gestco.tools import bench

    url = "postgresql://caisse:s3cret@127.0.0.1:5432/shop"
    seen: list[tuple[list[str], dict[str, str]]] = []

    def fake_run(command, **kwargs):
        seen.append((command, kwargs["env"]))
        return subprocess.CompletedProcess(command, 0, "shown 2.0\nrows 3.0\n", "")

    monkeypatch.setattr(bench.subprocess, "run", fake_run)
    bench.startup(url, runs=1)
    command, env = seen[0]
    assert not any("s3cret" in part for part in command)
    assert env["GESTCO_DB"] == url  # the child's environment, readable by this user alone
