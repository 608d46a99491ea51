"""Qt's file dialog in the UI's language (issue 13, item 18): the French UI on an English or C
system showed "Folder", "0 bytes" and "2 12 2026 00:25" in the file list (Qt's catalogue has
"Folder" under an old context; the list writes sizes and dates with the system's locale)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QTreeView

from ui.runtime import file_dialogs
from ui.runtime.resources import resource_path

STAMP = datetime(2026, 11, 3, 9, 5).timestamp()


@pytest.fixture(params=["fr", "en"])
def language(request, qapp):
    """The UI's language as main() installs it: the catalogues, then Qt's locale."""
    from ui.runtime.languages import install_qt_locale

    previous = QLocale()
    installed = []
    catalogues = [("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    catalogues.append((str(resource_path("translations", f"gestco_{request.param}.qm")), ""))
    for name, folder in catalogues if request.param == "fr" else catalogues[1:]:
        translator = QTranslator(qapp)
        assert translator.load(name, folder) if folder else translator.load(name)
        qapp.installTranslator(translator)
        installed.append(translator)
    install_qt_locale(request.param)
    yield request.param
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "Factures").mkdir()
    (tmp_path / "ventes.csv").write_text("x" * 2048)
    for path in (tmp_path / "Factures", tmp_path / "ventes.csv"):
        os.utime(path, (STAMP, STAMP))
    return tmp_path


def _rows_shown(qtbot, ask) -> dict[str, list[str]]:
    """Open the dialog with `ask`, read its file list as shown, cancel it."""
    seen: dict[str, list[str]] = {}

    def read() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(10, read)
            return
        view = dialog.findChild(QTreeView, "treeView")
        model = view.model()
        root = view.rootIndex()
        if model.rowCount(root) < 2 or not model.index(0, 3, root).data():
            QTimer.singleShot(10, read)  # the list is read in a thread
            return
        for row in range(model.rowCount(root)):
            texts = [model.index(row, column, root).data() for column in range(4)]
            seen[texts[0]] = texts
        dialog.reject()

    QTimer.singleShot(0, read)
    assert ask() == ("", "")
    return seen


def test_the_save_dialog_lists_files_in_the_ui_language(qtbot, language, folder) -> None:
    rows = _rows_shown(
        qtbot,
        lambda: file_dialogs.save_file_name(None, "x", str(folder / "a.csv"), "CSV (*.csv)"),
    )
    french = language == "fr"
    _, _, kind, modified = rows["Factures"]
    assert kind == ("Dossier" if french else "Folder")
    assert modified == "03/11/2026 09:05"
    _, size, kind, modified = rows["ventes.csv"]
    assert size == ("2,00 Kio" if french else "2.00 KiB")
    assert "CSV" in kind and (kind.startswith("document") if french else "document" in kind)
    assert modified == "03/11/2026 09:05"


def test_the_open_dialog_too(qtbot, language, folder) -> None:
    rows = _rows_shown(
        qtbot, lambda: file_dialogs.open_file_name(None, "x", str(folder), "CSV (*.csv)")
    )
    assert rows["ventes.csv"][3] == "03/11/2026 09:05"
