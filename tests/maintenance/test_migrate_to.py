"""`gestco migrate-to`: a shop's SQLite file into an empty PostgreSQL database (run by
`make test-postgres`; skipped without a server)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gestco.domain.records import LineInput
from gestco.maintenance.checks import run_checks
from gestco.services import orders, stock
from gestco.storage import binding, opening, raw_sql
from gestco.tools import demo
from tests.support.cli import ROOT, gestco
from tests.support.databases import ON_POSTGRES, TEST_DB, empty_postgres, sql
from tests.support.shop import Shop, big_order

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="needs GESTCO_TEST_DB=postgresql://…")


def test_a_shop_moves_to_the_server_and_keeps_working(tmp_path: Path) -> None:
    source = tmp_path / "shop.sqlite3"
    opening.open_database(source)
    demo.generate(clients=300, orders=2000, products=12, seed=4)
    binding.close_database()
    before = source.read_bytes()
    empty_postgres()
    result = gestco("--db", str(source), "migrate-to", TEST_DB)
    assert result.returncode == 0, result.stderr
    assert "rows copied and verified" in result.stdout
    assert source.read_bytes() == before  # the file was only read
    assert gestco("--db", TEST_DB, "check").stdout.strip() == "ok"
    opening.open_database(TEST_DB)
    try:
        assert raw_sql.fetch_one("SELECT count(*) FROM orders") == (2000,)
        order = orders.create_order(client_id=1, lines=[LineInput(product_id=1, quantity=1)])
        assert order.id == 2001  # ids continue after the copied ones
        year = order.created_at.year
        last = raw_sql.fetch_one(
            "SELECT count(*) FROM orders WHERE number LIKE ?", (f"CMD-{year}-%",)
        )
        assert order.number == f"CMD-{year}-{last[0]:06d}"  # the counter came along, gap-free
    finally:
        binding.close_database()
    again = gestco("--db", str(source), "migrate-to", TEST_DB)
    assert again.returncode == 2 and "not empty" in again.stderr


def test_a_file_in_use_moves_as_it_was_at_one_instant(tmp_path: Path) -> None:
    """A workstation keeps writing orders into the file while it is copied: the copy is one
    snapshot (tables read one after another once gave lines whose order was not copied)."""
    source = tmp_path / "busy.sqlite3"
    opening.open_database(source)
    demo.generate(clients=300, orders=3000, products=12, seed=5)
    binding.close_database()
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.faults.worker", str(source), "600"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().startswith("CMD-")
        for _ in range(2):
            empty_postgres()
            result = gestco("--db", str(source), "migrate-to", TEST_DB)
            assert result.returncode == 0, result.stderr
            assert gestco("--db", TEST_DB, "check").stdout.strip() == "ok"
    finally:
        writer.kill()
        writer.communicate()
    copied = sql(TEST_DB, "SELECT count(*) FROM orders")[0][0]
    assert copied > 3000  # some of the writer's orders came along, whole


def test_a_file_with_amounts_beyond_32_bits_moves(tmp_path: Path) -> None:
    """A file holds what validation allows (200 × 150,000.00 and an item at the highest
    price: 4,000,000,000 cents): the server's 64-bit columns take it (it once stopped with
    NumericValueOutOfRange)."""
    source = tmp_path / "big.sqlite3"
    opening.open_database(source)
    order = big_order(Shop())
    binding.close_database()
    empty_postgres()
    result = gestco("--db", str(source), "migrate-to", TEST_DB)
    assert result.returncode == 0, result.stderr
    opening.open_database(TEST_DB)
    try:
        moved = orders.get_order(order.number)
        assert moved.total_cents == order.total_cents == 4_000_000_000
        assert [line.unit_price_cents for line in moved.lines] == [15_000_000, 1_000_000_000]
        again = big_order_again(moved.client_id)
        assert again.total_cents == 4_000_000_000  # and new ones are written there
        assert run_checks() == []
    finally:
        binding.close_database()


def big_order_again(client_id: int):
    products = {p.sku: p.id for p in stock.list_products()}
    return orders.create_order(
        client_id=client_id,
        lines=[
            LineInput(product_id=products["LUX-2"], quantity=200),
            LineInput(product_id=products["LUX-1"], quantity=1),
        ],
    )
