"""The open and save dialogs, in the UI's language whatever the system's.

Where the desktop has no file dialog of its own (a plain X11 session, openbox, the tests),
Qt shows its widget dialog. Its file list is a QFileSystemModel, which writes sizes and
dates with the *system* locale (QLocale.setDefault does not reach it): in the French UI on
an English or C system, "0 bytes" and "2 12 2026 00:25". A proxy in front of the list
writes them as the rest of the window does. A desktop's own dialog (Windows, GNOME, KDE)
speaks the desktop's language and ignores the proxy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTime,
)
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QTreeView, QWidget

from ui.display.formatting import ui_locale

SIZE, KIND, DATE = 1, 2, 3  # QFileSystemModel's columns after the name
_SAMPLE_MOMENT = QDateTime(QDate(2026, 12, 31), QTime(23, 59))


class _InUiLanguage(QIdentityProxyModel):
    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        source = self.sourceModel()
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.column() in (SIZE, DATE)
            and isinstance(source, QFileSystemModel)
        ):
            item = self.mapToSource(index)
            if index.column() == DATE:
                return ui_locale().toString(
                    source.lastModified(item), QLocale.FormatType.ShortFormat
                )
            if not source.isDir(item):
                return ui_locale().formattedDataSize(source.size(item))
        return super().data(index, role)


def _dialog(parent: QWidget | None, caption: str, folder: str, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, caption, folder, filters)
    dialog.setObjectName("fileDialog")
    dialog.setProxyModel(_InUiLanguage(dialog))
    _roomy(dialog)
    return dialog


def _roomy(dialog: QFileDialog) -> None:
    """Qt's dialog opens at 620×420 with its columns cut ("Dernière modifica", "02/12/…",
    "doc…CSV"): larger where the screen has room, the size, type and date whole."""
    screen = dialog.screen().availableGeometry()
    dialog.resize(min(980, screen.width() * 9 // 10), min(620, screen.height() * 8 // 10))
    view = dialog.findChild(QTreeView, "treeView")  # None: the desktop's own dialog
    if view is None:
        return
    header, metrics = view.header(), view.fontMetrics()
    for column, widest in ((SIZE, "1 023,9 Kio"), (KIND, "document OpenDocument"), (DATE, "")):
        sample = widest or ui_locale().toString(_SAMPLE_MOMENT, QLocale.FormatType.ShortFormat)
        needed = max(metrics.horizontalAdvance(sample) + 24, header.sectionSizeHint(column))
        header.resizeSection(column, max(header.sectionSize(column), needed))


def save_file_name(
    parent: QWidget | None, caption: str, suggested: str, filters: str
) -> tuple[str, str]:
    """What QFileDialog.getSaveFileName returns: (the path, or "" when cancelled; the filter
    chosen). `suggested`: the folder and name offered."""
    place = Path(suggested)
    dialog = _dialog(parent, caption, str(place.parent), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(place.name)
    return _answer(dialog)


def ask_export_path(
    parent: QWidget | None, caption: str, stem: str, *, vcard: bool = False
) -> tuple[str, str] | None:
    """Where to export, as CSV or Excel (or vCards, with `vcard`: the clients): the save
    dialog opens in the last export folder with a dated name (`stem`-YYYY-MM-DD.csv).
    (path, "csv", "xlsx" or "vcard"), or None when the person cancelled. One place, so
    every export asks the same way in the UI's language (the audit trail's used Qt's static
    dialog, which speaks the system's)."""
    from ui.runtime import export_job

    csv_filter = QCoreApplication.translate("export", "CSV (*.csv)")
    xlsx_filter = QCoreApplication.translate("export", "Excel (*.xlsx)")
    vcard_filter = QCoreApplication.translate("export", "vCard, for contacts and phones (*.vcf)")
    filters = [csv_filter, xlsx_filter, *([vcard_filter] if vcard else [])]
    suggested = export_job.start_folder() / export_job.default_name(stem)
    path, chosen = save_file_name(parent, caption, str(suggested), ";;".join(filters))
    if not path:
        return None
    export_job.remember_folder(path)
    name = path.lower()
    if vcard and (chosen == vcard_filter or name.endswith((".vcf", ".vcard"))):
        return path, "vcard"
    xlsx = chosen == xlsx_filter or name.endswith(".xlsx")
    return path, "xlsx" if xlsx else "csv"


IMPORT_FOLDER_KEY = "import/last_folder"


def ask_import_path(parent: QWidget | None, caption: str, kind: str) -> str | None:
    """The file to import (`kind`: orders or clients): the open dialog starts in the last
    import folder (else the documents folder) and offers the files that kind is read from,
    or any file. The path, or None when the person cancelled."""
    from ui.runtime import export_job

    settings = QSettings()
    folder = str(settings.value(IMPORT_FOLDER_KEY, "") or "")
    if not folder or not Path(folder).is_dir():
        folder = str(export_job.start_folder(settings))
    files = (
        QCoreApplication.translate("imports", "Orders files (*.csv *.json *.txt)")
        if kind == "orders"
        else QCoreApplication.translate("imports", "Contacts (*.csv *.vcf *.vcard *.txt)")
    )
    every = QCoreApplication.translate("imports", "All files (*)")
    path, _chosen = open_file_name(parent, caption, folder, f"{files};;{every}")
    if not path:
        return None
    settings.setValue(IMPORT_FOLDER_KEY, str(Path(path).parent))
    return path


def open_file_name(
    parent: QWidget | None, caption: str, folder: str, filters: str
) -> tuple[str, str]:
    """What QFileDialog.getOpenFileName returns: (an existing file, or ""; the filter)."""
    dialog = _dialog(parent, caption, folder, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _answer(dialog)


def folder_name(parent: QWidget | None, caption: str, folder: str) -> str:
    """An existing folder chosen (the watched folder), or "" when cancelled."""
    dialog = _dialog(parent, caption, folder or str(Path.home()), "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _answer(dialog)[0]


def _answer(dialog: QFileDialog) -> tuple[str, str]:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return "", ""
        return dialog.selectedFiles()[0], dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()
