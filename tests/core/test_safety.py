"""Data safety in the core: damaged files refused untouched, network shares refused,
backups checked and rotated, restores that keep the previous file, full or read-only disks
that leave nothing half-written."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from gestco import backup, db, demo, migrations, safety
from gestco.checks import run_checks
from gestco.domain import ClientInput, LineInput
from gestco.errors import DamagedFileError, DatabaseError
from gestco.services import clients, orders
from tests.conftest import ACTOR


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("safety") / "shop.sqlite3"
    db.open_database(path)
    demo.generate(clients=300, orders=3000, products=12, seed=2)
    db.close_database()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def _damage(kind: str, source: Path, target: Path) -> None:
    shutil.copy(source, target)
    data = bytearray(target.read_bytes())
    if kind == "zero_length":
        target.write_bytes(b"")
    elif kind == "bad_header":
        data[:16] = b"Not a database!\x00"
        target.write_bytes(bytes(data))
    elif kind == "truncated":
        target.write_bytes(bytes(data[: len(data) // 2 + 100]))
    elif kind == "random_pages":
        rng = random.Random(5)
        page = 4096
        for number in rng.sample(range(10, len(data) // page - 1), 8):
            start = number * page + 100
            data[start : start + 2000] = rng.randbytes(2000)
        target.write_bytes(bytes(data))
    elif kind == "garbage_wal":
        Path(f"{target}-wal").write_bytes(random.Random(1).randbytes(32 + 4120 * 3))
    else:
        raise AssertionError(kind)


DAMAGE = ["zero_length", "bad_header", "truncated", "random_pages", "garbage_wal"]


def detected(path: Path) -> bool:
    """What GESTCO does on start: refuse at once, or find it in the background check."""
    try:
        db.open_database(path, migrate=False)
    except DamagedFileError:
        return True
    finally:
        db.close_database()
    return bool(safety.quick_check(path))


@pytest.mark.parametrize("kind", DAMAGE)
def test_each_kind_of_damage_is_detected_and_left_untouched(
    sample: Path, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "damaged.sqlite3"
    _damage(kind, sample, target)
    before = target.read_bytes()
    wal = Path(f"{target}-wal")
    wal_before = wal.read_bytes() if wal.exists() else None
    assert detected(target), kind
    assert target.read_bytes() == before, "the damaged file was changed"
    if wal_before is not None:
        assert wal.read_bytes() == wal_before
    if kind != "random_pages":
        with pytest.raises(DamagedFileError) as err:
            db.open_database(target)
        assert err.value.kind in {"zero_length", "bad_header", "truncated", "bad_wal", "damaged"}
        assert target.read_bytes() == before


def test_a_whole_file_passes(sample: Path) -> None:
    assert safety.inspect(sample) is None
    assert safety.quick_check(sample) == []


def test_network_paths_are_refused(tmp_path: Path) -> None:
    assert safety.network_reason(Path("//server/share/gestco.sqlite3"))
    assert safety.network_reason(Path("\\\\server\\share\\gestco.sqlite3"))
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/vda / ext4 rw 0 0\n"
        "server:/export /mnt/shop nfs4 rw 0 0\n"
        "//nas/compta /mnt/compta cifs rw 0 0\n"
    )
    assert safety._mount_type(Path("/mnt/shop/gestco.sqlite3"), str(mounts)) == "nfs4"
    assert safety._mount_type(Path("/mnt/compta/x/y.sqlite3"), str(mounts)) == "cifs"
    assert safety._mount_type(Path("/home/shop/gestco.sqlite3"), str(mounts)) == "ext4"
    with pytest.raises(DatabaseError, match="network"):
        db.open_database(Path("//server/share/gestco.sqlite3"))
    assert safety.network_reason(tmp_path / "local.sqlite3") is None


def test_backup_is_checked_and_restore_keeps_the_previous_file(
    sample: Path, tmp_path: Path
) -> None:
    live = tmp_path / "live.sqlite3"
    shutil.copy(sample, live)
    db.open_database(live)
    client = clients.create_client(ClientInput(phone="0699999999", last_name="Avant"), actor=ACTOR)
    saved = backup.make_backup(live, tmp_path / "backups")
    assert saved.exists() and backup.integrity(saved) == []
    clients.update_client(
        client.id, ClientInput(phone="0699999999", last_name="Après"), actor=ACTOR
    )
    db.close_database()
    aside = backup.restore(saved, live)
    assert aside is not None and aside.exists()
    db.open_database(live)
    try:
        assert clients.identify("0699999999").last_name == "Avant"
        assert run_checks() == []
    finally:
        db.close_database()
    db.open_database(aside)  # the file set aside is untouched and still opens
    try:
        assert clients.identify("0699999999").last_name == "Après"
    finally:
        db.close_database()


def test_a_damaged_backup_is_not_restored(sample: Path, tmp_path: Path) -> None:
    bad = tmp_path / "gestco-20260101-000000.sqlite3"
    _damage("bad_header", sample, bad)
    live = tmp_path / "live.sqlite3"
    shutil.copy(sample, live)
    before = live.read_bytes()
    with pytest.raises(DatabaseError, match="cannot be restored"):
        backup.restore(bad, live)
    assert live.read_bytes() == before
    assert backup.newest_good(tmp_path) is None


def test_rotation_keeps_seven_days_and_four_weeks(tmp_path: Path) -> None:
    start = datetime(2026, 11, 27, 18, 0)
    for hours in range(0, 24 * 60, 6):  # every 6 hours for 60 days
        moment = start - timedelta(hours=hours)
        (tmp_path / f"gestco-{moment:%Y%m%d-%H%M%S}.sqlite3").write_bytes(b"x")
    backup.rotate(tmp_path, keep_daily=7, keep_weekly=4)
    kept = [p.name for p in backup.backups(tmp_path)]
    days = {name[7:15] for name in kept}
    assert len(kept) == len(days) <= 7 + 4
    assert kept[0] == "gestco-20261127-180000.sqlite3"
    newest_days = sorted(days, reverse=True)[:7]
    assert newest_days == [f"{start - timedelta(days=d):%Y%m%d}" for d in range(7)]
    assert len(kept) >= 9  # 7 days plus the older weeks


def test_a_migration_is_preceded_by_a_backup(tmp_path: Path) -> None:
    import peewee

    path = tmp_path / "old.sqlite3"
    old = peewee.SqliteDatabase(str(path))
    migrations.migrate(old, target=1)
    old.close()
    db.open_database(path)
    db.close_database()
    made = [p for p in backup.backups() if "before-v" in p.name]
    assert made and backup.integrity(made[0]) == []


@pytest.fixture
def shop_db(tmp_path: Path):
    db.open_database(tmp_path / "shop.sqlite3")
    from gestco.domain import ProductInput
    from gestco.services import stock

    client = clients.create_client(ClientInput(phone="0612345678", last_name="B"), actor=ACTOR)
    product = stock.create_product(
        ProductInput(sku="A", name="A", unit_price="10"), actor=ACTOR, initial_stock=100_000
    )
    yield client, product
    db.close_database()


def test_a_full_disk_is_a_clean_error_and_writing_resumes(shop_db) -> None:
    client, product = shop_db
    pages = db.fetch_one("PRAGMA page_count")[0]
    db.fetch_one(f"PRAGMA max_page_count = {pages + 3}")  # a disk with 3 pages left
    created, error = 0, None
    for _ in range(2000):
        try:
            orders.create_order(
                client_id=client.id,
                actor=ACTOR,
                lines=[LineInput(product_id=product.id, quantity=1)],
            )
            created += 1
        except DatabaseError as exc:
            error = exc
            break
    assert error is not None and "disk is full" in error.message
    assert run_checks() == []
    count = db.fetch_one("SELECT count(*) FROM orders")[0]
    assert count == created  # nothing half-written
    db.fetch_one("PRAGMA max_page_count = 1073741823")  # space freed
    orders.create_order(
        client_id=client.id, actor=ACTOR, lines=[LineInput(product_id=product.id, quantity=1)]
    )
    assert run_checks() == []


def test_a_read_only_database_is_a_clean_error(shop_db) -> None:
    client, _ = shop_db
    db.fetch_one("PRAGMA query_only = 1")
    try:
        with pytest.raises(DatabaseError, match="cannot be written"):
            clients.update_client(
                client.id, ClientInput(phone="0612345678", last_name="C"), actor=ACTOR
            )
    finally:
        db.fetch_one("PRAGMA query_only = 0")
    assert clients.get_client(client.id).last_name == "B"


def test_writes_wait_while_the_file_is_checked(shop_db) -> None:
    client, _ = shop_db
    db.hold_writes("The database is being checked.")
    try:
        with pytest.raises(DatabaseError, match="being checked"):
            clients.update_client(
                client.id, ClientInput(phone="0612345678", last_name="C"), actor=ACTOR
            )
        assert clients.get_client(client.id).last_name == "B"  # reading goes on
    finally:
        db.release_writes()
    clients.update_client(client.id, ClientInput(phone="0612345678", last_name="C"), actor=ACTOR)
    assert os.environ["GESTCO_DATA_DIR"]
