"""The orders table's export as a manager uses it: the window keeps running while it writes,
Cancel leaves no file, the file opens in a spreadsheet as the screen reads (French headers
and labels, numbers, dates, the sort and filter shown), the dialog remembers its folder."""

from __future__ import annotations

import csv
import io
import shutil
import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QLocale, QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QLabel

from gestco.domain.records import CHANNELS, STATUSES
from gestco.storage import binding
from tests.support.databases import ON_POSTGRES, demo_database
from tests.support.keyboard import show
from ui.display.labels import channel_label, status_label
from ui.models.orders_table import Column
from ui.runtime import export_job, file_dialogs

DEMO = {"clients": 120, "orders": 1500, "products": 10, "seed": 5}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export-ui") / "demo.sqlite3"
    if not ON_POSTGRES:
        demo_database(path, **DEMO)
    return path


@pytest.fixture
def french(qapp):
    from ui.runtime.languages import install_translator

    translator = install_translator(qapp, "fr")
    assert translator is not None
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def orders_tab(qtbot, demo_file, tmp_path):
    from tests.support.staff import signed_window

    if ON_POSTGRES:
        target = demo_database(demo_file, **DEMO)
    else:
        target = str(tmp_path / "shop.sqlite3")
        shutil.copy(demo_file, target)
    window = signed_window(target)
    qtbot.addWidget(window)
    show(qtbot, window)
    window.show_orders_table()
    tab = window.orders_tab
    qtbot.waitUntil(lambda: tab.model.complete)
    yield tab
    window.close()
    binding.close_database()


@pytest.fixture
def save_dialog(monkeypatch):
    """The save dialog as the user answers it; records the folder it was opened on."""
    asked: list[str] = []
    answer: dict[str, tuple[str, str]] = {}

    def get_save_file_name(parent, caption, directory, filters, *args, **kwargs):
        asked.append(directory)
        return answer["next"]

    monkeypatch.setattr(file_dialogs, "save_file_name", get_save_file_name)

    class Dialog:
        def answers(self, path: Path, kind: str = "csv") -> None:
            answer["next"] = (str(path), "Excel (*.xlsx)" if kind == "xlsx" else "CSV (*.csv)")

        opened_on = asked

    return Dialog()


def _export(qtbot, tab, save_dialog, path: Path, kind: str) -> None:
    save_dialog.answers(path, kind)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.export_button.isEnabled(), timeout=60_000)


def test_the_window_keeps_running_during_an_export_and_cancel_leaves_no_file(
    qtbot, orders_tab, save_dialog, tmp_path, monkeypatch
) -> None:
    """It froze for seconds (6 s for 20,000 orders): no bar, no Cancel, an unpainted window."""
    from gestco.services import export

    release = threading.Event()
    real_rows = export.order_rows

    def slow_rows(*args, **kwargs):
        total, rows = real_rows(*args, **kwargs)

        def held():
            for number, row in enumerate(rows):
                if number == 600:  # after the first progress: wait for the test
                    release.wait(60)
                yield row

        return total, held()

    monkeypatch.setattr(export, "order_rows", slow_rows)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    folder = tmp_path / "out"
    folder.mkdir()
    save_dialog.answers(folder / "orders.xlsx", "xlsx")
    try:
        qtbot.mouseClick(orders_tab.export_button, Qt.MouseButton.LeftButton)
        bar = orders_tab.export_bar
        qtbot.waitUntil(lambda: bar.bar.value() >= 500)  # progress arrived mid-export
        assert bar.isVisible() and bar.bar.maximum() == 1500
        assert not orders_tab.export_button.isEnabled()
        seen = len(ticks)
        qtbot.waitUntil(lambda: len(ticks) >= seen + 3)  # the event loop runs meanwhile
        assert bar.job is not None and bar.job.isRunning()
        qtbot.mouseClick(bar.cancel_button, Qt.MouseButton.LeftButton)
    finally:
        release.set()
        timer.stop()
    qtbot.waitUntil(lambda: orders_tab.export_button.isEnabled())
    assert list(folder.iterdir()) == []  # no file, no side file
    assert not bar.isVisible()
    assert "cancelled" in orders_tab.error_label.text()


@pytest.fixture(params=["en", "fr"])
def language(request, qapp):
    from ui.runtime.languages import install_translator

    translator = install_translator(qapp, request.param)
    yield request.param
    if translator is not None:
        qapp.removeTranslator(translator)


def test_the_export_starts_and_is_cancelled_from_the_keyboard(
    qtbot, language, orders_tab, save_dialog, tmp_path, monkeypatch
) -> None:
    """Seen under Xvfb: 'Cancel the export' had no Alt letter and Escape did nothing, so a
    running export could be stopped with the mouse only."""
    from gestco.services import export
    from tests.support.keyboard import Keyboard
    from tests.support.mnemonics import mnemonic

    release = threading.Event()
    real_rows = export.order_rows

    def slow_rows(*args, **kwargs):
        total, rows = real_rows(*args, **kwargs)

        def held():
            for number, row in enumerate(rows):
                if number == 600:
                    release.wait(60)
                yield row

        return total, held()

    monkeypatch.setattr(export, "order_rows", slow_rows)
    folder = tmp_path / "out"
    folder.mkdir()
    save_dialog.answers(folder / "orders.xlsx", "xlsx")
    bar = orders_tab.export_bar
    keys = Keyboard(qtbot, orders_tab.window())
    try:
        orders_tab.view.setFocus()
        keys.press(Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # &Export… / &Exporter…
        qtbot.waitUntil(lambda: bar.bar.value() >= 500)
        assert mnemonic(bar.cancel_button.text()) == "X"
        with qtbot.waitSignal(bar.cancel_button.clicked):
            keys.press(Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    finally:
        release.set()
    qtbot.waitUntil(lambda: orders_tab.export_button.isEnabled())
    assert list(folder.iterdir()) == []  # cancelled: no file
    assert not bar.isVisible()


def _sort_by_total(qtbot, tab) -> None:
    """A click on the Total header, as the manager does."""
    header = tab.view.horizontalHeader()
    x = header.sectionViewportPosition(Column.TOTAL) + header.sectionSize(Column.TOTAL) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.waitUntil(lambda: tab.model.complete)
    assert header.sortIndicatorSection() == Column.TOTAL


def _shown_numbers(tab) -> list[str]:
    return [tab.model.row_at(r).number for r in range(tab.model.rowCount())]


def _pick_first_status(qtbot, tab) -> None:
    tab.status_combo.setFocus()
    qtbot.keyClick(tab.status_combo, Qt.Key.Key_Down)  # "To process": the first status
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.current_filter.status == "pending")


def test_french_csv_for_a_spreadsheet_follows_the_screen(
    qtbot, french, orders_tab, save_dialog, tmp_path
) -> None:
    _pick_first_status(qtbot, orders_tab)
    _sort_by_total(qtbot, orders_tab)
    out = tmp_path / "commandes.csv"
    _export(qtbot, orders_tab, save_dialog, out, "csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel read "Élodie" as "Ã‰lodie" without it
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline=""), delimiter=";"))
    assert rows[0][:8] == [
        "Numéro",
        "Date",
        "Statut",
        "Canal",
        "Téléphone",
        "Client",
        "Date d’expédition",
        "Total TTC",
    ]
    body = rows[1:]
    assert [r[0] for r in body] == _shown_numbers(orders_tab)  # the sort and filter shown
    assert {r[2] for r in body} == {status_label("pending")} != {"pending"}
    assert {r[3] for r in body} <= {channel_label(code) for code in CHANNELS}
    assert all("," in r[7] and "." not in r[7] for r in body)
    assert all(r[1][2] == "/" and r[1][5] == "/" for r in body)  # dd/mm/yyyy hh:mm
    assert all(not r[4].startswith("+212") for r in body)  # national form, as on screen
    assert {r[-2] for r in body} == {"Comptoir"}  # the counter's own orders say so
    assert str(out) in orders_tab.error_label.text()


def test_french_xlsx_has_types_headers_frozen_row_and_widths(
    qtbot, french, orders_tab, save_dialog, tmp_path
) -> None:
    _sort_by_total(qtbot, orders_tab)
    out = tmp_path / "commandes.xlsx"
    _export(qtbot, orders_tab, save_dialog, out, "xlsx")
    sheet = load_workbook(out).active
    assert sheet.title == "Commandes" and sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[0] == "Numéro" and header[7] == "Total TTC" and header[-3] == "Remarques"
    assert header[-2:] == ["Origine", "N° boutique"]  # an imported order's source and number
    assert all(sheet.column_dimensions[letter].width >= 10 for letter in "ABCDEFGHIJKL")
    rows = list(sheet.iter_rows(min_row=2))
    assert [r[0].value for r in rows] == _shown_numbers(orders_tab)
    totals = [r[7] for r in rows]
    assert all(c.data_type == "n" for c in totals)
    values = [c.value for c in totals]
    assert values == sorted(values) or values == sorted(values, reverse=True)
    assert all(r[1].is_date and r[6].is_date for r in rows)
    assert {r[2].value for r in rows} <= {status_label(code) for code in STATUSES}
    assert {r[3].value for r in rows} <= {channel_label(code) for code in CHANNELS}
    assert status_label("pending") != "pending"  # French labels, not codes
    # the counter's own orders say so (their source code is '': a blank read as missing)
    assert {r[-2].value for r in rows} == {"Comptoir"}
    assert all(r[4].data_type == "s" for r in rows)  # phones are text


def test_the_save_dialog_starts_in_documents_then_in_the_last_folder(
    qtbot, orders_tab, save_dialog, tmp_path, monkeypatch
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(
        export_job.QStandardPaths, "writableLocation", staticmethod(lambda kind: str(documents))
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _export(qtbot, orders_tab, save_dialog, elsewhere / "a.csv", "csv")
    assert Path(save_dialog.opened_on[0]).parent == documents
    _export(qtbot, orders_tab, save_dialog, elsewhere / "b.csv", "csv")
    assert Path(save_dialog.opened_on[1]).parent == elsewhere
    assert QSettings().value(export_job.LAST_FOLDER_KEY) == str(elsewhere)
    assert (elsewhere / "a.csv").exists() and (elsewhere / "b.csv").exists()


def test_an_export_onto_the_database_is_refused_in_the_window(
    qtbot, orders_tab, save_dialog
) -> None:
    database = Path(binding.database_path())
    if ON_POSTGRES:
        pytest.skip("SQLite only: the database is a file here")
    size = database.stat().st_size
    _export(qtbot, orders_tab, save_dialog, database, "xlsx")
    assert orders_tab.error_label.property("kind") == "error"
    assert "database" in orders_tab.error_label.text()
    assert database.stat().st_size == size


def test_qt_dialogs_speak_french(qtbot, french) -> None:
    """Qt's own file dialog said "Look in:" and "Files of type:" inside the French UI:
    Qt 6.11's qtbase_fr.qm lacks its renamed texts, GESTCO's catalogue fills them."""
    from ui.runtime.languages import install_qt_locale

    previous = QLocale()
    install_qt_locale("fr")
    try:
        dialog = QFileDialog()
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        assert dialog.findChild(QLabel, "lookInLabel").text() == "&Voir dans\u00a0:"
        assert dialog.findChild(QLabel, "fileNameLabel").text() == "&Nom de fichier\u00a0:"
        assert dialog.findChild(QLabel, "fileTypeLabel").text() == "&Type de fichier\u00a0:"
        assert (
            QLocale().toString(QDate(2026, 12, 1), QLocale.FormatType.ShortFormat) == "01/12/2026"
        )
    finally:
        QLocale.setDefault(previous)
