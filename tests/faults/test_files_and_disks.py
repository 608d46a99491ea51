"""Fault suite, files and disks: each kind of damaged file is detected and left untouched;
a full or read-only disk, or a file still being checked, gives a clean error and leaves
nothing half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gestco.domain.errors import DamagedFileError, DatabaseError
from gestco.domain.records import ClientInput, LineInput
from gestco.maintenance.checks import run_checks
from gestco.services import clients, orders
from gestco.storage import binding, file_checks, opening, raw_sql, transactions
from tests.support.damage import DAMAGE, damage


def detected(path: Path) -> bool:
    """What GESTCO does on start: refuse at once, or find it in the background check."""
    try:
        opening.open_database(path, migrate=False)
    except DamagedFileError:
        return True
    finally:
        binding.close_database()
    return bool(file_checks.quick_check(path))


@pytest.mark.parametrize("kind", DAMAGE)
def test_each_kind_of_damage_is_detected_and_left_untouched(
    sample: Path, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "damaged.sqlite3"
    damage(kind, sample, target)
    before = target.read_bytes()
    wal = Path(f"{target}-wal")
    wal_before = wal.read_bytes() if wal.exists() else None
    assert detected(target), kind
    assert target.read_bytes() == before, "the damaged file was changed"
    if wal_before is not None:
        assert wal.read_bytes() == wal_before
    if kind != "random_pages":
        with pytest.raises(DamagedFileError) as err:
            opening.open_database(target)
        assert err.value.kind in {"zero_length", "bad_header", "truncated", "bad_wal", "damaged"}
        assert target.read_bytes() == before


def test_a_whole_file_passes(sample: Path) -> None:
    assert file_checks.inspect(sample) is None
    assert file_checks.quick_check(sample) == []


@pytest.fixture
def shop_db(tmp_path: Path):
    opening.open_database(tmp_path / "shop.sqlite3")
    from gestco.domain.records import ProductInput
    from gestco.services import stock

    client = clients.create_client(ClientInput(phone="0612345678", last_name="B"))
    product = stock.create_product(
        ProductInput(sku="A", name="A", unit_price="10"), initial_stock=100_000
    )
    yield client, product
    binding.close_database()


def test_a_full_disk_is_a_clean_error_and_writing_resumes(shop_db) -> None:
    client, product = shop_db
    pages = raw_sql.fetch_one("PRAGMA page_count")[0]
    raw_sql.fetch_one(f"PRAGMA max_page_count = {pages + 3}")  # a disk with 3 pages left
    created, error = 0, None
    for _ in range(2000):
        try:
            orders.create_order(
                client_id=client.id,
                lines=[LineInput(product_id=product.id, quantity=1)],
            )
            created += 1
        except DatabaseError as exc:
            error = exc
            break
    assert error is not None and "disk is full" in error.message
    assert run_checks() == []
    count = raw_sql.fetch_one("SELECT count(*) FROM orders")[0]
    assert count == created  # nothing half-written
    raw_sql.fetch_one("PRAGMA max_page_count = 1073741823")  # space freed
    orders.create_order(client_id=client.id, lines=[LineInput(product_id=product.id, quantity=1)])
    assert run_checks() == []


def test_a_read_only_database_is_a_clean_error(shop_db) -> None:
    client, _ = shop_db
    raw_sql.fetch_one("PRAGMA query_only = 1")
    try:
        with pytest.raises(DatabaseError, match="cannot be written"):
            clients.update_client(client.id, ClientInput(phone="0612345678", last_name="C"))
    finally:
        raw_sql.fetch_one("PRAGMA query_only = 0")
    assert clients.get_client(client.id).last_name == "B"


def test_writes_wait_while_the_file_is_checked(shop_db) -> None:
    client, _ = shop_db
    transactions.hold_writes("The database is being checked.")
    try:
        with pytest.raises(DatabaseError, match="being checked"):
            clients.update_client(client.id, ClientInput(phone="0612345678", last_name="C"))
        assert clients.get_client(client.id).last_name == "B"  # reading goes on
    finally:
        transactions.release_writes()
    clients.update_client(client.id, ClientInput(phone="0612345678", last_name="C"))
    assert os.environ["GESTCO_DATA_DIR"]
