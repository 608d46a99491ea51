"""Stock: receipts, corrections, reservations, shipments, the ledger and change marks."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest

from gestco.domain.errors import StockError, ValidationError
from gestco.domain.records import ProductInput
from gestco.maintenance.checks import run_checks
from gestco.services import stock
from gestco.storage import binding, change_notices, postgres, raw_sql, snapshots
from tests.support.cli import gestco
from tests.support.databases import sqlite_only
from tests.support.shop import ACTOR, Shop, advance


def test_the_scripted_sequence(shop: Shop) -> None:
    """Receive 10, validate an order of 3, cancel another of 2, ship the first, correct -1."""
    client = shop.client()
    product = shop.product(stock_qty=0)
    stock.receive_stock(product.id, 10, reference="BL-2026-118")
    first = shop.order(client.id, (product.id, 3))
    second = shop.order(client.id, (product.id, 2))
    advance(second, "cancelled", note="Doublon")
    advance(first, "processing", "shipped")
    after = stock.adjust_stock(product.id, -1, reason="Casse")
    assert (after.on_hand, after.reserved, after.available) == (6, 0, 6)
    ledger = [
        (m.kind, m.on_hand_delta, m.reserved_delta, m.order_number, m.reason)
        for m in reversed(stock.product_movements(product.id))
    ]
    assert ledger == [
        ("receipt", 10, 0, "", "BL-2026-118"),
        ("reserve", 0, 3, first.number, ""),
        ("reserve", 0, 2, second.number, ""),
        ("release", 0, -2, second.number, "order cancelled"),
        ("shipment", -3, -3, first.number, "order shipped"),
        ("correction", -1, 0, "", "Casse"),
    ]
    assert all(m.created_by == ACTOR for m in stock.product_movements(product.id))
    assert run_checks() == []


def test_corrections_cannot_go_below_zero_or_below_reserved(shop: Shop) -> None:
    client = shop.client()
    product = shop.product(stock_qty=5)
    shop.order(client.id, (product.id, 4))
    with pytest.raises(StockError, match="reserved"):
        stock.adjust_stock(product.id, -2, reason="Inventaire")
    with pytest.raises(StockError, match="Only 5 on hand"):
        stock.adjust_stock(product.id, -6, reason="Inventaire")
    for delta, reason, field in [(0, "x", "delta"), (2, "  ", "reason"), ("3", "x", "delta")]:
        with pytest.raises(ValidationError) as err:
            stock.adjust_stock(product.id, delta, reason=reason)
        assert err.value.field == field
    assert stock.get_product(product.id).on_hand == 5
    assert len(stock.product_movements(product.id)) == 2  # opening receipt + reservation


@pytest.mark.parametrize("quantity", [0, -1, "", "abc", 1.5, None])
def test_bad_receipts_write_nothing(shop: Shop, quantity) -> None:
    product = shop.product(stock_qty=5)
    with pytest.raises(ValidationError):
        stock.receive_stock(product.id, quantity)
    assert stock.get_product(product.id).on_hand == 5


def test_an_order_cannot_ship_what_it_has_not_reserved(shop: Shop, db_path: Path) -> None:
    client = shop.client()
    product = shop.product(stock_qty=5)
    order = advance(shop.order(client.id, (product.id, 2)), "processing")
    raw_sql.execute("UPDATE products SET reserved = 0")  # a reservation lost (damaged data)
    with pytest.raises(StockError, match="reserved"):
        advance(order, "shipped")
    assert stock.get_product(product.id).on_hand == 5


def test_catalogue_lists_reorder_and_inactive(shop: Shop) -> None:
    low = shop.product(sku="LOW-1", name="Miel", stock_qty=2)
    stock.update_product(
        low.id,
        ProductInput(sku="LOW-1", name="Miel", unit_price="75", reorder_level=5),
    )
    shop.product(sku="OK-1", name="Thé", stock_qty=50)
    gone = shop.product(sku="OLD-1", name="Ancien", stock_qty=0)
    stock.update_product(
        gone.id, ProductInput(sku="OLD-1", name="Ancien", unit_price="1", active=False)
    )
    assert [p.sku for p in stock.list_products()] == ["LOW-1", "OK-1", "OLD-1"]
    assert [p.sku for p in stock.list_products(to_reorder=True)] == ["LOW-1"]
    assert [p.sku for p in stock.list_products("mie")] == ["LOW-1"]
    assert stock.reorder_count() == 1
    assert [p.sku for p in stock.search_products("")] == ["LOW-1", "OK-1"]  # active only


@pytest.mark.parametrize(
    ("field", "data"),
    [
        ("sku", ProductInput(sku="", name="x", unit_price="1")),
        ("sku", ProductInput(sku="A B", name="x", unit_price="1")),
        ("name", ProductInput(sku="A", name=" ", unit_price="1")),
        ("unit_price", ProductInput(sku="A", name="x", unit_price="-1")),
        ("unit_price", ProductInput(sku="A", name="x", unit_price="1.234")),
        ("tax_rate", ProductInput(sku="A", name="x", unit_price="1", tax_rate="120")),
        ("reorder_level", ProductInput(sku="A", name="x", unit_price="1", reorder_level=-1)),
    ],
)
def test_bad_products_write_nothing(shop: Shop, field: str, data: ProductInput) -> None:
    with pytest.raises(ValidationError) as err:
        stock.create_product(data)
    assert err.value.field == field
    assert stock.list_products() == []


def test_sku_is_unique(shop: Shop) -> None:
    shop.product(sku="CAF-250")
    with pytest.raises(ValidationError, match="already used"):
        stock.create_product(ProductInput(sku="caf-250", name="x", unit_price=Decimal(1)))


@contextmanager
def _marked() -> Iterator[Counter[str]]:
    """The change marks the block's writes left, per area: the counters moved on SQLite, the
    notices sent on a server (where no row is updated: gestco.storage.change_notices)."""
    seen: Counter[str] = Counter()
    if binding.is_postgres():
        listener = postgres.listen(change_notices.CHANNEL)
        yield seen
        # Delivered at commit; read until none has come for a while.
        seen.update(n.payload.split()[0] for n in listener.notifies(timeout=1.0))
        listener.close()
        return
    before = change_notices.marks()
    yield seen
    seen.update(
        {area: n - before[area] for area, n in change_notices.marks().items() if n != before[area]}
    )


def test_every_write_marks_what_it_changed(shop: Shop) -> None:
    with _marked() as seen:
        client = shop.client()
    assert seen == {"clients": 1}
    with _marked() as seen:
        product = shop.product(stock_qty=3)
    assert seen == {"stock": 1}
    with _marked() as seen:
        order = shop.order(client.id, (product.id, 1))
    assert seen == {"orders": 1, "stock": 1}  # once per area and transaction
    with _marked() as seen:
        advance(order, "processing")
    assert seen == {"orders": 1}


@sqlite_only("PRAGMA data_version; a server sends LISTEN/NOTIFY, tested apart")
def test_another_connection_commit_changes_the_token(shop: Shop, db_path: Path) -> None:
    token = change_notices.committed_elsewhere_token()
    assert change_notices.committed_elsewhere_token() == token
    shop.client()  # our own commit: nothing to notice
    assert change_notices.committed_elsewhere_token() == token
    other = sqlite3.connect(db_path)
    other.execute("UPDATE change_counters SET n = n + 1 WHERE area = 'stock'")
    other.commit()
    other.close()
    assert change_notices.committed_elsewhere_token() != token


@sqlite_only("a file restored underneath by another process")
def test_a_file_restored_by_another_process_is_reopened(shop: Shop, db_path: Path) -> None:
    """Another process restores a backup (the file set aside, a copy in its place): the feed
    notices, reopens the path and reports every area; writes then go to the restored file,
    not to the one set aside."""
    import sqlite3

    from gestco.domain.records import ClientInput
    from gestco.services import clients

    shop.client(phone="0612345678", last="Avant")
    saved = snapshots.make_backup(db_path, db_path.parent / "saved")
    shop.client(phone="0698765432", last="Après")
    feed = change_notices.ChangeFeed()
    restored = gestco("--db", str(db_path), "restore", str(saved))
    assert restored.returncode == 0, restored.stderr
    assert feed.poll() == set(change_notices.AREAS) and feed.reopened == 1
    assert clients.identify("0698765432") is None  # the restored content
    clients.create_client(ClientInput(phone="0655555555", last_name="Ensuite"))
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM clients WHERE last_name = 'Ensuite'").fetchone() == (
        1,
    )
    conn.close()
    assert feed.poll() == set()  # once
