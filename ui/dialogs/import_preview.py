"""File › Import orders… and Import clients… (managers and up): the file, its format, then
the preview (what the import would do: new, updated, unchanged, conflicts, errors, each
error with its line in the file and its reason), computed off the window's thread; then
the person chooses all or nothing, only the valid records, or Cancel, and the result is said.

The preview is the core's own import rolled back at its end (gestco.services.order_imports):
its counts are what the import does. A file already imported (same SHA-256) is said first.
What the import wrote reaches every screen as the window's change notice."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gestco.imports.records import CLIENT_FORMATS, ORDER_FORMATS
from gestco.services.import_reports import ImportReport
from ui.display import bidi, formatting
from ui.display.labels import QT_TRANSLATE_NOOP
from ui.models.imports import ProblemColumn, ProblemsModel, format_label, problems
from ui.runtime import file_dialogs
from ui.runtime.import_job import ImportJob
from ui.runtime.services import ImportServices
from ui.widgets.forms import message_label, resize_within_screen, show_message
from ui.widgets.tables import keyboard_table


@dataclass(frozen=True)
class Kind:
    """What differs between importing orders and importing clients."""

    name: str  # orders, clients (ImportReport.kind)
    title: str
    valid_only: str  # the button's caption
    formats: tuple[str, ...]
    preview: Callable[..., ImportReport]
    run: Callable[..., ImportReport]


TEXTS = {  # marked for lupdate; translated where shown
    "orders": (
        QT_TRANSLATE_NOOP("ImportDialog", "Import orders"),
        QT_TRANSLATE_NOOP("ImportDialog", "Import only the &valid orders"),
    ),
    "clients": (
        QT_TRANSLATE_NOOP("ImportDialog", "Import clients"),
        QT_TRANSLATE_NOOP("ImportDialog", "Import only the &valid clients"),
    ),
}


def kind_of(name: str, imports: ImportServices) -> Kind:
    title, valid_only = (QCoreApplication.translate("ImportDialog", t) for t in TEXTS[name])
    if name == "orders":
        return Kind(
            name, title, valid_only, ORDER_FORMATS, imports.preview_orders, imports.import_orders
        )
    return Kind(
        name, title, valid_only, CLIENT_FORMATS, imports.preview_clients, imports.import_clients
    )


class ImportDialog(QDialog):
    def __init__(
        self,
        *,
        kind: str,
        imports: ImportServices,
        path: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.imports = imports
        self.kind = kind_of(kind, imports)
        self.setWindowTitle(self.kind.title)
        self.report: ImportReport | None = None  # the preview shown
        self.imported: ImportReport | None = None  # the import done
        self.job: ImportJob | None = None
        self.writing = False  # an import runs: Escape waits for it
        self._links: list[tuple[Any, Callable[..., None]]] = []  # the job's signals -> here
        self._build()
        resize_within_screen(self, 980, 620)
        if path:
            self.set_path(path)

    def _build(self) -> None:
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPathEdit")
        self.path_edit.setReadOnly(True)
        self.choose_button = QPushButton(self.tr("C&hoose…"), self)
        self.choose_button.setObjectName("importChooseButton")
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("importFormatCombo")
        for code in ("auto", *self.kind.formats):
            self.format_combo.addItem(format_label(code), code)
        form = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)
        file_caption = QLabel(self.tr("&File"), self)  # a row of a layout gets no buddy
        file_caption.setBuddy(self.path_edit)
        form.addRow(file_caption, file_row)
        form.addRow(self.tr("F&ormat"), self.format_combo)

        self.earlier_label = message_label("importEarlierLabel", self, kind="warning")
        self.message_label = message_label("importMessageLabel", self)
        self.busy = QProgressBar(self)
        self.busy.setObjectName("importBusy")
        self.busy.setRange(0, 0)  # busy: the core says nothing until it is done
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("importCountsLabel")
        self.counts_label.setProperty("kind", "total")
        self.counts_label.setWordWrap(True)
        self.model = ProblemsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("importProblemsView")
        keyboard_table(self.view)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for column in (ProblemColumn.LINE, ProblemColumn.KIND, ProblemColumn.RECORD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.left_off_label = QLabel(self)
        self.left_off_label.setObjectName("importLeftOffLabel")
        self.left_off_label.setProperty("kind", "caption")
        self.left_off_label.hide()
        self.result_label = message_label("importResultLabel", self, kind="success")

        self.all_button = QPushButton(self.tr("Import &all or nothing"), self)
        self.all_button.setObjectName("importAllButton")
        self.all_button.setDefault(True)
        self.valid_button = QPushButton(self.kind.valid_only, self)
        self.valid_button.setObjectName("importValidButton")
        self.cancel_button = QPushButton(self.tr("&Cancel"), self)
        self.cancel_button.setObjectName("importCancelButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.all_button, self.valid_button, self.cancel_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.all_button.setAutoDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.earlier_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.left_off_label)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.setTabOrder(self.path_edit, self.choose_button)
        self.setTabOrder(self.choose_button, self.format_combo)
        self.setTabOrder(self.format_combo, self.view)
        self.setTabOrder(self.view, self.all_button)
        self.setTabOrder(self.all_button, self.valid_button)
        self.setTabOrder(self.valid_button, self.cancel_button)

        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.format_combo.activated.connect(self._on_format_combo_activated)
        self.all_button.clicked.connect(self._on_all_button_clicked)
        self.valid_button.clicked.connect(self._on_valid_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self._show_choices(False)

    # --- the file and its preview --------------------------------------------------------
    @property
    def path(self) -> str:
        return self.path_edit.text()

    @property
    def format(self) -> str:
        return str(self.format_combo.currentData())

    def set_path(self, path: str) -> None:
        """The file to import, then its preview."""
        self.path_edit.setText(path)
        self.path_edit.setToolTip(path)
        self.preview()

    @Slot()
    def _on_choose_button_clicked(self) -> None:
        path = file_dialogs.ask_import_path(self, self.kind.title, self.kind.name)
        if path:
            self.set_path(path)

    @Slot(int)
    def _on_format_combo_activated(self, _index: int) -> None:
        if self.path and self.imported is None:
            self.preview()

    def preview(self) -> None:
        """What the import would do with the file, on a worker thread."""
        path, fmt, preview = Path(self.path), self.format, self.kind.preview
        self._clear()
        if path.is_dir():  # the OS would say "Is a directory", in its own language
            self._on_job_failed(self.tr("This is a folder: choose a file in it."))
            return
        self._start(lambda: preview(path, fmt), self.tr("Reading the file…"), self._on_previewed)

    def _clear(self) -> None:
        self.report = None
        for label in (self.earlier_label, self.message_label, self.result_label):
            label.hide()
        self.counts_label.clear()
        self.left_off_label.hide()
        self.model.set_rows([])

    def _start(
        self,
        work: Callable[[], ImportReport],
        doing: str,
        done: Callable[[ImportReport], None],
        *,
        writes: bool = False,
    ) -> None:
        self.wait()
        self._show_choices(False)
        self.choose_button.setEnabled(False)
        self.format_combo.setEnabled(False)
        self.cancel_button.setEnabled(not writes)  # an import cannot be stopped half-way
        self.counts_label.setText(doing)
        self.busy.show()
        job = ImportJob(work, self.imports.in_worker)
        self._links = [
            (job.succeeded, done),
            (job.failed, self._on_job_failed),
            (job.finished, self._on_job_finished),
        ]
        for signal, slot in self._links:
            signal.connect(slot)
        # What it wrote reaches every screen, even once this dialog is gone.
        job.written.connect(self.imports.publish)
        self.job = job
        self.writing = writes
        job.start_kept()

    @Slot()
    def _on_job_finished(self) -> None:
        self.busy.hide()
        self.writing = False
        self.cancel_button.setEnabled(True)
        self.choose_button.setEnabled(self.imported is None)
        self.format_combo.setEnabled(self.imported is None)

    @Slot(str)
    def _on_job_failed(self, reason: str) -> None:
        """The file cannot be read, or the import itself was refused (another workstation
        held the data, the session ended): then the preview stays and the choice too."""
        report = self.report
        self.counts_label.setText(
            self.tr("What the import will do: ") + self.counts(report) if report else ""
        )
        self._show_choices(report is not None)
        show_message(
            self.message_label,
            self.tr("%1 cannot be imported:\n%2")
            .replace("%1", bidi.ltr(Path(self.path).name))
            .replace("%2", bidi.name(reason)),
            "error",
        )
        self.choose_button.setEnabled(True)  # (before the job's end enables it: the focus)
        self.choose_button.setFocus()

    @Slot(object)
    def _on_previewed(self, report: ImportReport) -> None:
        self.report = report
        if report.earlier:
            last = report.earlier[-1]
            show_message(
                self.earlier_label,
                self.tr("This file was already imported on %1 by %2.")
                .replace("%1", bidi.ltr(formatting.moment(last.at)))
                .replace("%2", bidi.name(last.operator)),
                "warning",
            )
        self.counts_label.setText(self.tr("What the import will do: ") + self.counts(report))
        self.model.set_rows(problems(report))
        if report.problems_left_off:
            self.left_off_label.setText(
                self.tr("…and %1 more errors, not listed: correct these first.").replace(
                    "%1", bidi.ltr(formatting.count(report.problems_left_off))
                )
            )
            self.left_off_label.show()
        self._show_choices(True)
        self.all_button.setFocus()

    def counts(self, report: ImportReport) -> str:
        return (
            self.tr("new %1 · updated %2 · unchanged %3 · conflicts %4 · errors %5")
            .replace("%1", bidi.ltr(formatting.count(report.new)))
            .replace("%2", bidi.ltr(formatting.count(report.updated)))
            .replace("%3", bidi.ltr(formatting.count(report.unchanged)))
            .replace("%4", bidi.ltr(formatting.count(report.conflicts)))
            .replace("%5", bidi.ltr(formatting.count(report.errors)))
        )

    def _show_choices(self, shown: bool) -> None:
        for button in (self.all_button, self.valid_button):
            button.setEnabled(shown)

    # --- the import ----------------------------------------------------------------------
    @Slot()
    def _on_all_button_clicked(self) -> None:
        self.run(valid_only=False)

    @Slot()
    def _on_valid_button_clicked(self) -> None:
        self.run(valid_only=True)

    def run(self, *, valid_only: bool) -> None:
        if self.report is None:
            return
        path, fmt, run = Path(self.path), self.format, self.kind.run
        self.result_label.hide()
        self._start(
            lambda: run(path, fmt, valid_only=valid_only),
            self.tr("Importing…"),
            self._on_imported,
            writes=True,
        )

    @Slot(object)
    def _on_imported(self, report: ImportReport) -> None:
        counts = self.counts(report)
        self.counts_label.setText(self.tr("Imported: ") + counts if report.applied else "")
        if not report.applied:  # all or nothing, and errors: nothing written, choose again
            show_message(
                self.result_label,
                self.tr(
                    "Nothing was imported: the file has errors. Correct them in the file, "
                    "or import only the valid ones."
                ),
                "warning",
            )
            self.counts_label.setText(self.tr("What the import will do: ") + self.counts(report))
            self._show_choices(True)
            self.valid_button.setFocus()
            return
        self.imported = report
        self.report = None
        text = (
            self.tr("Done: everything in the file is in GESTCO.")
            if report.errors == 0
            else self.tr("Done: the valid ones are in GESTCO; those with errors were left out.")
        )
        show_message(self.result_label, text, "success")
        self.cancel_button.setText(self.tr("C&lose"))
        self.cancel_button.setEnabled(True)  # (before the job's end enables it: the focus)
        self.cancel_button.setFocus()

    # --- closing -------------------------------------------------------------------------
    def wait(self) -> None:
        """The running preview or import done, its result shown (tests, screenshots)."""
        if self.job is not None:
            self.job.wait()
            QCoreApplication.processEvents()  # its result, queued to this thread

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.writing and event.key() == Qt.Key.Key_Escape:
            event.accept()  # an import is not stopped half-way: its result is said here
            return
        super().keyPressEvent(event)

    def done(self, result: int) -> None:
        """Closed (Cancel, Escape, or the lock covering the screens): a preview still
        running is left to finish on its own and forgotten (it writes nothing); an import
        finishes too, and what it wrote still reaches every screen (`written`)."""
        if self.job is not None and self.job.isRunning():
            for signal, slot in self._links:
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)
            self.job = None
        super().done(result)
