"""What the window does at start with a file that is not there, locked, or damaged: it asks
before creating, says "locked" with Retry, and never makes restoring the default."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from gestco.storage import binding, opening, snapshots, write_rules
from tests.support.databases import sqlite_only
from tests.support.modal import answer_boxes
from ui.dialogs.damaged import Choice, DamagedFileDialog

pytestmark = sqlite_only("files at start")


def _closed(window) -> None:
    """Close a window made by open_or_recover and delete it now (as the window fixture's
    qtbot.addWidget does): a closed window left for Python's collector crashed Qt later."""
    if window is not None:
        from PySide6.QtCore import QCoreApplication, QEvent

        window.backup_on_close = False
        window.watcher.stop()
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    binding.close_database()


def test_a_missing_file_is_created_only_when_the_user_says_so(qtbot, tmp_path: Path) -> None:
    from ui.app import open_or_recover

    missing = tmp_path / "elsewhere" / "shop.sqlite3"
    seen = answer_boxes("createDatabaseBox", "quitButton")
    assert open_or_recover(str(missing)) is None
    assert seen.defaults == ["otherFileButton"]  # Return never creates a shop
    assert not missing.exists() and not missing.parent.exists()
    seen = answer_boxes("createDatabaseBox", "createButton")
    window = open_or_recover(str(missing))
    try:
        assert window is not None and missing.exists()
        assert str(missing) in seen.texts[0]  # the path asked about, in either language
    finally:
        _closed(window)


def test_the_first_default_file_is_created_without_asking(qtbot, tmp_path, monkeypatch) -> None:
    import ui.app

    default = tmp_path / "data" / "gestco.sqlite3"
    monkeypatch.setattr(ui.app, "default_database_path", lambda: default)
    window = ui.app.open_or_recover(str(default))
    try:
        assert window is not None and default.exists()
    finally:
        _closed(window)


def test_a_locked_file_says_so_with_retry_and_never_offers_a_restore(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    from ui.app import open_or_recover

    shop = tmp_path / "shop.sqlite3"
    opening.open_database(shop)
    binding.close_database()
    snapshots.make_backup(shop)  # a backup exists: the old screen offered it by default
    monkeypatch.setattr(write_rules, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(
        DamagedFileDialog, "exec", lambda self: pytest.fail("the recovery screen was shown")
    )
    holder = sqlite3.connect(shop)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    before = shop.read_bytes()
    seen = answer_boxes("fileUnavailableBox", "", "quitButton")  # Return (Retry), then Quit
    try:
        assert open_or_recover(str(shop)) is None
    finally:
        holder.rollback()
        holder.close()
    assert seen.defaults == ["retryButton", "retryButton"]  # Return tried again: still locked
    assert str(shop) in seen.texts[0]  # the file named, in either language
    assert shop.read_bytes() == before
    seen = answer_boxes("fileUnavailableBox", "")
    window = open_or_recover(str(shop))  # let go: opens at once, no box
    try:
        assert window is not None and seen.texts == []
    finally:
        _closed(window)


def test_restoring_is_never_the_default_button(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    dialog = DamagedFileDialog(message="damaged", backup=tmp_path / "gestco-x.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.restore_button.isDefault() and dialog.other_button.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.choice == Choice.OTHER_FILE


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_drafts_are_private(tmp_path: Path, monkeypatch) -> None:
    from ui.runtime.drafts import DraftStore

    monkeypatch.setenv("GESTCO_DATA_DIR", str(tmp_path / "data"))
    old = os.umask(0o022)
    try:
        store = DraftStore(str(tmp_path / "shop.sqlite3"))
        store.save({"lines": [{"sku": "CAF-250", "quantity": 1}], "phone": "0612345678"})
    finally:
        os.umask(old)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
