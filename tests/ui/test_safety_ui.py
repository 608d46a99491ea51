"""Data safety as the shop sees it: the recovery screen, the background check, backups from
the Tools menu and on close, a full disk while keying, and an unfinished order offered back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from gestco.domain.change_areas import Changes
from gestco.domain.records import ClientInput, ProductInput
from gestco.services import clients, stock
from gestco.storage import binding, opening, raw_sql, snapshots
from tests.support.cli import gestco
from tests.support.databases import ON_POSTGRES, fresh_database
from tests.support.keyboard import show
from tests.support.modal import answer_boxes
from ui.dialogs.damaged import Choice, DamagedFileDialog
from ui.runtime import file_dialogs


@pytest.fixture
def shop_file(tmp_path: Path) -> Path:
    return Path(_small_shop(str(tmp_path / "shop.sqlite3")))


def _small_shop(target: str) -> str:
    """One client and one product at `target` (a file, or the emptied test server)."""
    opening.open_database(target)
    clients.create_client(ClientInput(phone="0612345678", last_name="Benali"))
    stock.create_product(
        ProductInput(sku="CAF-250", name="Café", unit_price=Decimal("45")),
        initial_stock=10,
    )
    binding.close_database()
    return target


def _choose(monkeypatch, choice: Choice) -> list[str]:
    shown: list[str] = []

    def fake_exec(dialog: DamagedFileDialog) -> int:
        from PySide6.QtWidgets import QLabel

        shown.append(dialog.findChild(QLabel, "damagedMessage").text())
        dialog.choice = choice
        return 0

    monkeypatch.setattr(DamagedFileDialog, "exec", fake_exec)
    return shown


def test_a_damaged_file_is_restored_from_the_newest_backup_and_kept(qtbot, shop_file, monkeypatch):
    from ui.app import open_or_recover

    good = snapshots.make_backup(shop_file)
    shop_file.write_bytes(b"")  # a zero-length file: never a fresh database over it
    shown = _choose(monkeypatch, Choice.RESTORE)
    window = open_or_recover(str(shop_file))
    assert window is not None
    qtbot.addWidget(window)
    window.backup_on_close = False
    assert shown and "damaged" in shown[0]
    assert clients.identify("0612345678") is not None  # the backup's data
    kept = [
        p
        for p in shop_file.parent.glob("shop.sqlite3.before-restore-*")
        if not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(kept) == 1 and kept[0].read_bytes() == b""  # the damaged file, untouched
    assert good.exists()
    binding.close_database()


def test_quitting_the_recovery_screen_changes_nothing(shop_file, monkeypatch) -> None:
    from ui.app import open_or_recover

    shop_file.write_bytes(b"garbage" * 1000)
    _choose(monkeypatch, Choice.QUIT)
    assert open_or_recover(str(shop_file)) is None
    assert shop_file.read_bytes() == b"garbage" * 1000
    assert list(shop_file.parent.iterdir()) == [shop_file]


def test_writes_wait_for_the_background_check(qtbot, shop_file) -> None:
    from tests.support.staff import signed_window

    window = signed_window(str(shop_file))
    qtbot.addWidget(window)
    window.backup_on_close = False
    show(qtbot, window)
    with qtbot.waitSignal(window.backups.checked, timeout=10_000) as checked:
        window.start_file_check()
        tab = window.identify_tab
        tab.phone_edit.setText("0612345678")
        tab.identify()
        tab.fields["city"].setText("Fès")
        tab.save()  # right away: the check has not finished
        assert "checking" in tab.banner.text().lower()
        assert clients.identify("0612345678").city != "Fès"
    assert checked.args == [[]]
    tab.save()
    assert clients.identify("0612345678").city == "Fès"
    binding.close_database()


def test_back_up_now_and_restore_from_the_tools_menu(qtbot, tmp_path, monkeypatch) -> None:
    """A file by the backup API; a server by pg_dump, its current content dumped beside the
    backup before pg_restore puts the backup's in place."""
    from PySide6.QtWidgets import QMessageBox

    from gestco.storage import server_snapshots
    from tests.support.staff import signed_window

    target = _small_shop(fresh_database(tmp_path / "shop.sqlite3"))
    window = signed_window(target)
    qtbot.addWidget(window)
    window.backup_on_close = False
    made = window.backups.back_up_now()
    assert made is not None and made.suffix == (".dump" if ON_POSTGRES else ".sqlite3")
    check = server_snapshots.check_archive if ON_POSTGRES else snapshots.integrity
    assert check(made) == []
    client = clients.identify("0612345678")
    clients.update_client(client.id, ClientInput(phone="0612345678", last_name="Changé"))
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(made), ""))
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    seen = answer_boxes("confirmReplacingBox", "replaceButton")
    with qtbot.waitSignal(window.signals.changed):
        assert window.backups.restore_interactively()
    if not ON_POSTGRES:  # the file still reads: both sides shown, keeping it the default
        assert seen.defaults == ["keepButton"]
        from PySide6.QtCore import QCoreApplication

        assert QCoreApplication.translate("damaged", "no orders") in seen.texts[0]
    assert clients.identify("0612345678").last_name == "Benali"
    if ON_POSTGRES:
        assert list(made.parent.glob("*before-restore*.dump")), "the content before, kept"
    clients.update_client(client.id, ClientInput(phone="0612345678", last_name="Après"))
    assert clients.identify("0612345678").last_name == "Après"  # writes go to the restored data
    window.close()
    binding.close_database()


def test_a_restore_by_another_process_reloads_the_window(qtbot, shop_file) -> None:
    """`gestco restore` run while a window is open: the window reopens the restored file
    (rather than writing on into the one set aside), says so, and shows the restored data."""
    from tests.support.staff import signed_window

    saved = snapshots.make_backup(shop_file, shop_file.parent / "saved")
    window = signed_window(str(shop_file))
    qtbot.addWidget(window)
    window.backup_on_close = False
    show(qtbot, window)
    clients.create_client(ClientInput(phone="0698765432", last_name="Après"))
    window.signals.changed.emit(Changes.of("clients"))
    assert window.counts_label.text().startswith("2 ")
    restored = gestco("--db", str(shop_file), "restore", str(saved))
    assert restored.returncode == 0, restored.stderr
    qtbot.waitUntil(lambda: "restored" in window.statusBar().currentMessage(), timeout=3000)
    qtbot.waitUntil(lambda: window.counts_label.text().startswith("1 "))  # the change notice
    assert clients.identify("0698765432") is None
    window.close()
    binding.close_database()


def test_closing_makes_a_checked_backup(qtbot, shop_file) -> None:
    import time

    from tests.support.staff import signed_window

    window = signed_window(str(shop_file))
    qtbot.addWidget(window)
    started = time.time()
    window.close()
    newest = snapshots.list_backups()[0]  # rotation keeps the newest of each day
    assert newest.stat().st_mtime >= started - 1
    assert snapshots.integrity(newest) == []
    binding.close_database()


def test_a_full_disk_keeps_the_order_on_screen(qtbot, shop_file) -> None:
    from tests.support.staff import signed_window

    window = signed_window(str(shop_file))
    qtbot.addWidget(window)
    window.backup_on_close = False
    show(qtbot, window)
    tab = window.new_order_tab
    tab.set_client(clients.identify("0612345678"))
    window.show_new_order()
    tab.product_edit.setText("CAF-250")
    tab.lines.add_line()
    from gestco.domain.errors import DatabaseError
    from gestco.domain.records import LineInput
    from gestco.services import orders

    pages = raw_sql.fetch_one("PRAGMA page_count")[0]
    raw_sql.fetch_one(f"PRAGMA max_page_count = {pages + 2}")
    client_id, product_id = tab.client.id, tab.lines_model.lines()[0].product.id
    with pytest.raises(DatabaseError):  # another workstation filled the disk meanwhile
        for _ in range(1000):
            orders.create_order(
                client_id=client_id, lines=[LineInput(product_id=product_id, quantity=1)]
            )
    stored = raw_sql.fetch_one("SELECT count(*) FROM orders")
    tab.validate()
    assert "disk is full" in tab.banner.text()
    assert tab.lines_model.rowCount() == 1 and not tab.last_number  # still there, to retry
    assert raw_sql.fetch_one("SELECT count(*) FROM orders") == stored
    raw_sql.fetch_one("PRAGMA max_page_count = 1073741823")
    tab.validate()
    assert tab.last_number
    binding.close_database()


def test_an_unfinished_order_is_offered_back_after_a_crash(qtbot, shop_file) -> None:
    from tests.support.staff import signed_window

    first = signed_window(str(shop_file))
    qtbot.addWidget(first)
    first.backup_on_close = False
    tab = first.new_order_tab
    tab.set_client(clients.identify("0612345678"))
    tab.product_edit.setText("CAF-250")
    tab.quantity_spin.setValue(3)
    tab.lines.add_line()
    tab.notes_edit.setText("Paquet cadeau")
    tab.save_draft()  # what the 300 ms timer does
    # the process dies here: no validation, no clean close
    second = signed_window(str(shop_file))
    qtbot.addWidget(second)
    second.backup_on_close = False
    again = second.new_order_tab
    assert not again.draft_banner.isHidden() and "Benali" in again.draft_banner.text()
    again.restore_draft()
    assert [(line.product.sku, line.quantity) for line in again.lines_model.lines()] == [
        ("CAF-250", 3)
    ]
    assert again.notes_edit.text() == "Paquet cadeau"
    again.validate()
    assert again.last_number
    assert again.drafts.load() is None  # validated: nothing left to offer
    binding.close_database()


def test_the_periodic_backup(qtbot, shop_file) -> None:
    from tests.support.staff import signed_window

    window = signed_window(str(shop_file))
    qtbot.addWidget(window)
    window.backup_on_close = False
    assert window.backups.timer.isActive()
    assert window.backups.timer.interval() == 4 * 3600 * 1000  # the shop setting's default
    before = {p: p.stat().st_mtime for p in snapshots.list_backups()}
    window.backups.timer.timeout.emit()
    qtbot.waitUntil(
        lambda: any(
            p not in before or p.stat().st_mtime != before[p] for p in snapshots.list_backups()
        ),
        timeout=10_000,
    )
    binding.close_database()
