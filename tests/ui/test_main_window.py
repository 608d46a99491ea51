"""The main window: tabs in the counter's order, status bar, remembered state."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from gestco.domain import ClientInput
from gestco.services import clients


def test_tabs_in_order(window) -> None:
    tabs = window.findChild(QTabWidget, "mainTabs")
    names = [tabs.widget(i).objectName() for i in range(tabs.count())]
    assert names == ["identifyTab", "newOrderTab", "searchTab", "ordersTab", "stockTab"]


def test_status_bar_shows_database_and_counts(window, tmp_path) -> None:
    assert str(tmp_path / "ui.sqlite3") in window.database_label.text()
    assert window.counts_label.text().startswith("0 ")
    clients.create_client(ClientInput(phone="0612345678", last_name="Benali"), actor="t")
    window.signals.clients_changed.emit()
    assert window.counts_label.text().startswith("1 ")


def test_last_tab_and_geometry_are_remembered(qtbot, tmp_path) -> None:
    from gestco import db
    from ui.app import create_main_window

    first = create_main_window(str(tmp_path / "a.sqlite3"))
    qtbot.addWidget(first)
    first.resize(720, 520)
    first.tabs.setCurrentIndex(3)
    first.close()
    second = create_main_window(str(tmp_path / "a.sqlite3"))
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 3
    assert (second.width(), second.height()) == (720, 520)
    db.close_database()
