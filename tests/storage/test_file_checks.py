"""Data safety in the core: damaged files refused untouched, network shares refused,
backups checked and rotated, restores that keep the previous file, full or read-only disks
that leave nothing half-written."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from gestco.domain.errors import DatabaseError
from gestco.domain.records import ClientInput
from gestco.maintenance import backups, restore
from gestco.maintenance.checks import run_checks
from gestco.services import clients
from gestco.storage import binding, file_checks, migrations, opening, snapshots
from tests.support.damage import damage


def test_network_paths_are_refused(tmp_path: Path) -> None:
    assert file_checks.network_reason(Path("//server/share/gestco.sqlite3"))
    assert file_checks.network_reason(Path("\\\\server\\share\\gestco.sqlite3"))
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/vda / ext4 rw 0 0\n"
        "server:/export /mnt/shop nfs4 rw 0 0\n"
        "//nas/compta /mnt/compta cifs rw 0 0\n"
    )
    assert file_checks._mount_type(Path("/mnt/shop/gestco.sqlite3"), str(mounts)) == "nfs4"
    assert file_checks._mount_type(Path("/mnt/compta/x/y.sqlite3"), str(mounts)) == "cifs"
    assert file_checks._mount_type(Path("/home/shop/gestco.sqlite3"), str(mounts)) == "ext4"
    with pytest.raises(DatabaseError, match=r"is on a network share \(UNC\)"):
        opening.open_database(Path("//server/share/gestco.sqlite3"))
    assert file_checks.network_reason(tmp_path / "local.sqlite3") is None


def test_backup_is_checked_and_restore_keeps_the_previous_file(
    sample: Path, tmp_path: Path
) -> None:
    live = tmp_path / "live.sqlite3"
    shutil.copy(sample, live)
    opening.open_database(live)
    client = clients.create_client(ClientInput(phone="0699999999", last_name="Avant"))
    saved = snapshots.make_backup(live, tmp_path / "backups")
    assert saved.exists() and snapshots.integrity(saved) == []
    clients.update_client(client.id, ClientInput(phone="0699999999", last_name="Après"))
    binding.close_database()
    aside = restore.restore(saved, live)
    assert aside is not None and aside.exists()
    opening.open_database(live)
    try:
        assert clients.identify("0699999999").last_name == "Avant"
        assert run_checks() == []
    finally:
        binding.close_database()
    opening.open_database(aside)  # the file set aside is untouched and still opens
    try:
        assert clients.identify("0699999999").last_name == "Après"
    finally:
        binding.close_database()


def test_a_damaged_backup_is_not_restored(sample: Path, tmp_path: Path) -> None:
    bad = tmp_path / "gestco-20260101-000000.sqlite3"
    damage("bad_header", sample, bad)
    live = tmp_path / "live.sqlite3"
    shutil.copy(sample, live)
    before = live.read_bytes()
    with pytest.raises(DatabaseError, match="cannot be restored"):
        restore.restore(bad, live)
    assert live.read_bytes() == before
    assert backups.newest_good(tmp_path) is None


TAG = "abcdef01"  # the first 8 characters of a shop id


def backup_name(moment: datetime, sequence: int, tag: str = TAG) -> str:
    return f"gestco-{moment:%Y%m%d-%H%M%S}-n{sequence:06d}-{tag}.sqlite3"


def test_rotation_keeps_seven_days_and_four_weeks(tmp_path: Path) -> None:
    start = datetime(2026, 11, 27, 18, 0)
    steps = range(0, 24 * 60, 6)  # every 6 hours for 60 days
    for index, hours in enumerate(steps):
        moment = start - timedelta(hours=hours)
        (tmp_path / backup_name(moment, len(steps) - index)).write_bytes(b"x")
    backups.rotate(tmp_path, keep_daily=7, keep_weekly=4, shop_id=TAG, now=start)
    kept = [p.name for p in snapshots.list_backups(tmp_path)]
    days = {name[7:15] for name in kept}
    assert len(kept) == len(days) <= 7 + 4
    assert kept[0] == backup_name(start, len(steps))
    newest_days = sorted(days, reverse=True)[:7]
    assert newest_days == [f"{start - timedelta(days=d):%Y%m%d}" for d in range(7)]
    assert len(kept) >= 9  # 7 days plus the older weeks


def test_rotating_a_folder_not_made_yet_deletes_nothing(tmp_path: Path) -> None:
    assert backups.rotate(tmp_path / "none yet", shop_id=TAG) == []
    assert not (tmp_path / "none yet").exists()  # and makes no folder for its lock


def test_a_migration_is_preceded_by_a_backup(tmp_path: Path) -> None:
    import peewee

    path = tmp_path / "old.sqlite3"
    old = peewee.SqliteDatabase(str(path))
    migrations.migrate(old, target=1)
    old.close()
    opening.open_database(path)
    binding.close_database()
    made = [p for p in snapshots.list_backups() if "before-v" in p.name]
    assert made and snapshots.integrity(made[0]) == []


def test_backups_of_a_file_without_shop_id_in_one_second_take_their_own_names(
    tmp_path: Path,
) -> None:
    """A file older than shop ids, backed up twice in the same second (the suite's tests
    migrating old files did): each backup takes the next number. The sequence used to be
    counted under another tag than the name's, and the second backup looped for ever."""
    import peewee

    path = tmp_path / "old.sqlite3"
    old = peewee.SqliteDatabase(str(path))
    migrations.migrate(old, target=1)
    old.close()
    assert snapshots.shop_id_of(path) == ""
    moment = datetime(2026, 12, 2, 9, 30, 0)
    made = [snapshots.make_backup(path, tmp_path / "b", now=moment) for _ in range(3)]
    assert len({p.name for p in made}) == 3
    assert [snapshots.parse_name(p).sequence for p in made] == [1, 2, 3]
    assert {snapshots.parse_name(p).tag for p in made} == {snapshots.UNTAGGED}
