"""`gestco migrate-to`: a shop's SQLite file into an empty PostgreSQL database (run by
`make test-postgres`; skipped without a server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gestco import db, demo
from gestco.domain import LineInput
from gestco.services import orders
from tests.conftest import ON_POSTGRES, TEST_DB, _empty_postgres, gestco

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="needs GESTCO_TEST_DB=postgresql://…")


def test_a_shop_moves_to_the_server_and_keeps_working(tmp_path: Path) -> None:
    source = tmp_path / "shop.sqlite3"
    db.open_database(source)
    demo.generate(clients=300, orders=2000, products=12, seed=4)
    db.close_database()
    before = source.read_bytes()
    _empty_postgres()
    result = gestco("--db", str(source), "migrate-to", TEST_DB)
    assert result.returncode == 0, result.stderr
    assert "rows copied and verified" in result.stdout
    assert source.read_bytes() == before  # the file was only read
    assert gestco("--db", TEST_DB, "check").stdout.strip() == "ok"
    db.open_database(TEST_DB)
    try:
        assert db.fetch_one("SELECT count(*) FROM orders") == (2000,)
        order = orders.create_order(
            client_id=1, actor="t", lines=[LineInput(product_id=1, quantity=1)]
        )
        assert order.id == 2001  # ids continue after the copied ones
        year = order.created_at.year
        last = db.fetch_one("SELECT count(*) FROM orders WHERE number LIKE ?", (f"CMD-{year}-%",))
        assert order.number == f"CMD-{year}-{last[0]:06d}"  # the counter came along, gap-free
    finally:
        db.close_database()
    again = gestco("--db", str(source), "migrate-to", TEST_DB)
    assert again.returncode == 2 and "not empty" in again.stderr
