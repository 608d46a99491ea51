"""The main window: tabs in the counter's order, status bar, remembered state."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from gestco.domain.change_areas import Changes
from gestco.domain.records import ClientInput
from gestco.services import clients
from gestco.storage import binding, opening


def test_tabs_in_order(window) -> None:
    tabs = window.findChild(QTabWidget, "mainTabs")
    names = [tabs.widget(i).objectName() for i in range(tabs.count())]
    assert names == [
        "identifyTab",
        "newOrderTab",
        "searchTab",
        "ordersTab",
        "stockTab",
        "dashboardTab",
    ]


def test_status_bar_shows_database_and_counts(window, tmp_path) -> None:
    from gestco.workstation.addresses import shown_database
    from tests.support.databases import ON_POSTGRES, TEST_DB

    opened = TEST_DB if ON_POSTGRES else str(tmp_path / "ui.sqlite3")
    assert shown_database(opened) in window.database_label.text()
    assert window.counts_label.text().startswith("0 ")
    clients.create_client(ClientInput(phone="0612345678", last_name="Benali"))
    window.signals.changed.emit(Changes.of("clients"))
    assert window.counts_label.text().startswith("1 ")


def test_last_tab_and_geometry_are_remembered(qtbot, tmp_path) -> None:
    from gestco.storage import binding
    from tests.support.staff import signed_window

    first = signed_window(str(tmp_path / "a.sqlite3"))
    qtbot.addWidget(first)
    first.resize(720, 520)
    first.tabs.setCurrentIndex(3)
    first.close()
    second = signed_window(str(tmp_path / "a.sqlite3"))
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 3
    assert (second.width(), second.height()) == (720, 520)
    binding.close_database()


def test_shortcuts_dialog_lists_the_counter_keys(window, qtbot) -> None:
    from ui.dialogs.shortcuts import SHORTCUTS, ShortcutsDialog

    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QTableWidget

    table = dialog.findChild(QTableWidget, "shortcutsTable")
    keys = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert len(keys) == len(SHORTCUTS)
    assert {"F2", "Ctrl+Return", "Ctrl+S", "Delete (in the lines)", "F1"} <= set(keys)


def test_preferences_save_shop_rules_and_language(window, qtbot) -> None:
    from PySide6.QtCore import QSettings

    from gestco.services import settings
    from ui.dialogs.preferences import PreferencesDialog

    dialog = PreferencesDialog(settings=window.services.settings, parent=window)
    qtbot.addWidget(dialog)
    dialog.currency_edit.setText("12 3")
    dialog.accept()
    assert not dialog.error.isHidden() and dialog.error.text()
    assert settings.get_setting("currency") == "MAD"
    dialog.currency_edit.setText("eur")
    dialog.oversell_check.setChecked(False)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.accept()
    assert settings.get_setting("currency") == "EUR"
    assert not settings.allow_oversell()
    assert QSettings().value("ui/language") == "en"


def test_the_startup_probe_times_a_real_start(tmp_path) -> None:
    """`gestco bench` starts the application in a separate process and reads its marks."""
    from gestco.tools import bench, demo

    path = tmp_path / "probe.sqlite3"
    opening.open_database(path)
    demo.generate(clients=50, orders=300, products=8)
    binding.close_database()
    marks = bench.startup(str(path), runs=1)
    assert 0 < marks["to_main_window_s"] <= marks["to_first_order_rows_s"] < 30
