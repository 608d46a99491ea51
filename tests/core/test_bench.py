"""`gestco bench` on a small database: every figure, JSON on stdout, progress on stderr."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from gestco.config import shown_database
from tests.conftest import ON_POSTGRES, TEST_DB, fresh_database, gestco


def test_bench_reports_every_figure_as_json(tmp_path: Path) -> None:
    import json

    target = fresh_database(tmp_path / "bench.sqlite3")  # a file, or the test server
    result = gestco(
        "--db", target, "bench", "--orders", "3000", "--clients", "500", "--json", "--no-startup"
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
    assert report["database"] == shown_database(target)  # a server's without its password
    if ON_POSTGRES and urlsplit(TEST_DB).password:
        assert urlsplit(TEST_DB).password not in result.stdout + result.stderr
