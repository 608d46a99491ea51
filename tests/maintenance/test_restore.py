"""The one restore flow every front end runs (gestco.maintenance.restore.restore_and_reopen):
it ends the same way from the CLI, the Tools menu and the recovery screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gestco.domain.change_areas import EVERYTHING
from gestco.domain.errors import DatabaseError
from gestco.domain.records import ClientInput
from gestco.maintenance import restore
from gestco.services import clients
from gestco.storage import binding, change_notices, opening, snapshots
from tests.support.damage import damage
from tests.support.databases import sqlite_only

pytestmark = sqlite_only("restores a database file")


@pytest.fixture
def live(sample: Path, tmp_path: Path) -> Path:
    path = tmp_path / "live.sqlite3"
    shutil.copy(sample, path)
    return path


def _is_open() -> bool:
    real = binding.database.obj
    return real is not None and not real.is_closed()


def test_a_restore_swaps_reopens_and_tells_every_window(live: Path, tmp_path: Path) -> None:
    opening.open_database(live)
    client = clients.create_client(ClientInput(phone="0699999999", last_name="Avant"))
    saved = snapshots.make_backup(live, tmp_path / "backups")
    marks = change_notices.marks()  # the backup's counters
    later = ClientInput(phone="0699999999", last_name="Apres")
    clients.update_client(client.id, later)
    ran: list[str] = []

    def run(work):
        ran.append("swap")
        return work()

    try:
        restored = restore.restore_and_reopen(saved, str(live), run=run)
        assert ran == ["swap"] and restored.changes == EVERYTHING
        assert restored.aside is not None and restored.aside.exists()
        assert _is_open() and binding.database_path() == str(live)
        assert clients.identify("0699999999").last_name == "Avant"  # without reopening
        after = change_notices.marks()
        assert all(after[area] > marks.get(area, 0) for area in after)  # others reload
    finally:
        binding.close_database()


def test_a_failed_restore_leaves_an_open_database_open_as_it_was(
    live: Path, sample: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "gestco-20260101-000000.sqlite3"
    damage("bad_header", sample, bad)
    opening.open_database(live)
    before = live.read_bytes()
    try:
        with pytest.raises(DatabaseError, match="cannot be restored"):
            restore.restore_and_reopen(bad, str(live))
        assert _is_open() and clients.search_clients("a")  # the window goes on working
    finally:
        binding.close_database()
    assert live.read_bytes() == before


def test_a_failed_restore_opens_nothing_that_was_not_open(sample: Path, tmp_path: Path) -> None:
    """The CLI and the recovery screen: a failed restore must not create an empty shop."""
    bad = tmp_path / "gestco-20260101-000000.sqlite3"
    damage("bad_header", sample, bad)
    missing = tmp_path / "missing.sqlite3"
    with pytest.raises(DatabaseError, match="cannot be restored"):
        restore.restore_and_reopen(bad, str(missing))
    assert not missing.exists() and not _is_open()


def test_a_damaged_file_is_restored_and_kept_beside(live: Path, tmp_path: Path) -> None:
    """The recovery screen's case: the file cannot be opened; the restore opens the copy."""
    saved = snapshots.make_backup(live, tmp_path / "backups")
    damage("bad_header", saved, live)
    binding.close_database()
    try:
        restored = restore.restore_and_reopen(saved, str(live))
        assert _is_open() and restored.aside is not None
        assert restored.aside.read_bytes()[:16] != b"SQLite format 3\x00"  # the damaged one
    finally:
        binding.close_database()
    assert not list(live.parent.glob(".*.part"))  # nothing left beside
