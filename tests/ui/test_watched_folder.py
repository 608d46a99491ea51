"""The watched folder from the window: a manager turns it on in Settings by typing (a
missing folder is said beside the field, nothing saved), then a shop's file dropped in the
folder becomes orders in the orders table, and the status bar says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from gestco.services import watch_setting
from tests.support.imports import FILES, catalogue
from tests.support.keyboard import show


@pytest.fixture
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's workstation choices, not the other tests' (the choice is a file)."""
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("GESTCO_DATA_DIR", str(data))
    return data


def _type_in_settings(qtbot, window, folder: str) -> QDialog:
    from ui.dialogs.preferences import PreferencesDialog

    dialog = PreferencesDialog(settings=window.services.settings, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.watch_box
    box.enabled_check.setFocus()
    if not box.enabled_check.isChecked():
        qtbot.keyClick(box.enabled_check, Qt.Key.Key_Space)
    box.folder_edit.setFocus()
    box.folder_edit.selectAll()
    qtbot.keyClicks(box.folder_edit, folder)
    qtbot.keyClick(box.folder_edit, Qt.Key.Key_Return)
    return dialog


def test_a_file_dropped_in_the_folder_set_in_settings_appears_in_the_orders_table(
    qtbot, window, tmp_path: Path, own_data_dir: Path
) -> None:
    catalogue()
    window.backup_on_close = False
    window.watcher.stop()  # the orders table hears of the import from the pass itself
    folder = tmp_path / "drop"
    refused = _type_in_settings(qtbot, window, str(folder))
    assert refused.isVisible() and refused.result() != QDialog.DialogCode.Accepted
    assert "There is no folder" in refused.watch_box.error.text()
    assert not watch_setting.current_choice().enabled  # nothing saved
    refused.close()
    folder.mkdir()
    dialog = _type_in_settings(qtbot, window, str(folder))
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert watch_setting.current_choice().active
    assert watch_setting.current_choice().folder == str(folder)

    window.watched_folder.timer.setInterval(20)
    show(qtbot, window)  # a hidden table waits to be shown before it reloads
    window.show_orders_table()
    table = window.orders_tab.model
    qtbot.waitUntil(lambda: table.complete)
    assert table.rowCount() == 0
    shutil.copy(FILES / "shopify_2016.csv", folder / "shopify-2026-12-02.csv")
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=20_000)
    qtbot.waitUntil(
        lambda: (
            window.statusBar().currentMessage() == "2 orders imported from shopify-2026-12-02.csv"
        )
    )
    assert (folder / "done" / "shopify-2026-12-02.csv.report.txt").is_file()


def test_a_refused_file_is_said_with_its_report_and_a_lock_pauses_the_watch(
    qtbot, window, tmp_path: Path, own_data_dir: Path
) -> None:
    window.backup_on_close = False
    folder = tmp_path / "drop"
    folder.mkdir()
    _type_in_settings(qtbot, window, str(folder))
    window.watched_folder.timer.setInterval(20)
    (folder / "stock.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    report = folder / "failed" / "stock.xlsx.report.txt"
    qtbot.waitUntil(
        lambda: (
            window.statusBar().currentMessage()
            == "stock.xlsx could not be imported: see its report in failed/"
        ),
        timeout=20_000,
    )
    assert report.is_file()
    window.lock()
    qtbot.waitUntil(lambda: not window.watched_folder.running)  # a pass under way ends
    passes: list[object] = []
    window.watched_folder.passed.connect(passes.append)
    (folder / "orders.csv").write_bytes((FILES / "shopify_2016.csv").read_bytes())
    for _ in range(5):
        with qtbot.waitSignal(window.watched_folder.timer.timeout):
            pass  # a tick while locked: no pass starts
    assert passes == []
    assert (folder / "orders.csv").is_file()  # left for when someone signs in again


def test_orders_another_workstation_watch_imports_appear_in_the_open_window(
    qtbot, window, tmp_path: Path, own_data_dir: Path
) -> None:
    """`gestco watch --once` (another process, as another workstation's watch) imports a
    file into the database this window has open: the change feed brings the orders here."""
    from tests.support.cli import gestco

    catalogue()
    window.backup_on_close = False
    show(qtbot, window)
    window.show_orders_table()
    table = window.orders_tab.model
    qtbot.waitUntil(lambda: table.complete)
    assert table.rowCount() == 0
    folder = tmp_path / "shared"
    folder.mkdir()
    shutil.copy(FILES / "shopify_2016.csv", folder / "orders.csv")
    for _ in range(2):  # the two looks
        done = gestco("--db", window.database_path, "watch", str(folder), "--once")
        assert done.returncode == 0, done.stderr
    assert "2 orders imported from orders.csv" in done.stdout
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=20_000)


def test_choose_opens_a_folder_dialog_and_puts_its_answer_in_the_field(
    qtbot, window, tmp_path: Path, own_data_dir: Path
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    from ui.dialogs.preferences import PreferencesDialog

    target = tmp_path / "Commandes du site"
    target.mkdir()
    dialog = PreferencesDialog(settings=window.services.settings, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    asked: list[QFileDialog.FileMode] = []

    def answer() -> None:
        chooser = QApplication.activeModalWidget()
        if not isinstance(chooser, QFileDialog):
            QTimer.singleShot(10, answer)
            return
        asked.append(chooser.fileMode())
        chooser.setDirectory(str(tmp_path))
        chooser.selectFile(str(target))
        chooser.accept()

    QTimer.singleShot(0, answer)
    dialog.watch_box.choose_button.setFocus()
    qtbot.keyClick(dialog.watch_box.choose_button, Qt.Key.Key_Space)
    assert asked == [QFileDialog.FileMode.Directory]
    assert dialog.watch_box.folder_edit.text() == str(target)
