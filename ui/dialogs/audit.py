"""Tools › Audit trail (managers and administrators): every change and every sign-in,
newest first, filtered by operator, dates and kind, a page at a time; exported as CSV or
XLSX off the window's thread (ui.runtime.export_job), as the orders are."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import GestcoError
from gestco.services.audit import AuditFilter
from gestco.services.audit_trail import KINDS
from gestco.services.export import ExportCancelled
from ui.display import bidi, formatting
from ui.display.audit_words import kind_label
from ui.display.errors import describe
from ui.models.audit import AuditModel
from ui.runtime import export_job, file_dialogs
from ui.runtime.services import AuditServices, SessionServices
from ui.widgets.date_field import DateField
from ui.widgets.forms import message_label, resize_within_screen, show_message
from ui.widgets.tables import read_only_list

PAGE = 200


COLUMN_CHARS = 28  # the widest a column opens, in average characters (a note, a long value)


class AuditDialog(QDialog):
    def __init__(
        self,
        *,
        audit: AuditServices,
        session: SessionServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Audit trail"))
        self.audit = audit
        self._filter = AuditFilter()
        self._export: export_job.ExportJob | None = None
        self._full_page = False
        self.operator_combo = QComboBox(self)
        self.operator_combo.setObjectName("auditOperatorCombo")
        self.operator_combo.setEditable(True)  # cli:<login>, or an operator since removed
        self.operator_combo.addItem("")
        for operator in session.list_operators():
            self.operator_combo.addItem(operator.username)
        line = self.operator_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("All operators"))
        self.since = DateField(name="auditSinceEdit", parent=self)
        self.until = DateField(name="auditUntilEdit", parent=self)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("auditKindCombo")
        self.kind_combo.addItem(self.tr("All kinds"), "")
        for kind in KINDS:
            self.kind_combo.addItem(kind_label(kind), kind)
        self.show_button = QPushButton(self.tr("&Show"), self)
        self.show_button.setObjectName("auditShowButton")
        self.show_button.setDefault(True)
        filters = QFormLayout()
        filters.addRow(self.tr("&Operator"), self.operator_combo)
        dates = QHBoxLayout()
        dates.addWidget(self.since, 1)
        until_caption = QLabel(self.tr("&until"), self)
        until_caption.setBuddy(self.until)
        dates.addWidget(until_caption)
        dates.addWidget(self.until, 1)
        since_caption = QLabel(self.tr("&From"), self)
        since_caption.setBuddy(self.since)
        filters.addRow(since_caption, dates)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo, 1)
        kind_row.addWidget(self.show_button)
        kind_caption = QLabel(self.tr("&Kind"), self)  # a row of a layout gets no buddy
        kind_caption.setBuddy(self.kind_combo)
        filters.addRow(kind_caption, kind_row)

        self.model = AuditModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("auditView")
        read_only_list(self.view, fit=QHeaderView.ResizeMode.Interactive)
        self.view.setModel(self.model)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("auditCountLabel")
        self.count_label.setProperty("kind", "caption")
        self.message = message_label("auditMessage", self)
        self.more_button = QPushButton(self.tr("Show &more"), self)
        self.more_button.setObjectName("auditMoreButton")
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.setObjectName("auditExportButton")
        self.export_bar = export_job.ExportBar(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.more_button)
        bottom.addWidget(self.export_bar, 1)
        bottom.addWidget(self.export_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        layout.addWidget(buttons)

        self.show_button.clicked.connect(self.apply_filters)
        self.more_button.clicked.connect(self.show_more)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        for field in (self.since, self.until):
            field.edit.returnPressed.connect(self.apply_filters)
        self.operator_combo.activated.connect(self.apply_filters)
        self.kind_combo.activated.connect(self.apply_filters)
        resize_within_screen(self, 1100, 640)
        self.apply_filters()
        self.operator_combo.setFocus()

    # --- what is shown -------------------------------------------------------------------
    def _day(self, field: DateField) -> tuple[bool, date | None]:
        """(ok, the day typed or None for no limit); not ok: refused beside the field."""
        if not field.edit.text().strip():
            return True, None
        typed = field.value()
        return typed is not None, typed

    def current_filter(self) -> AuditFilter | None:
        ok_since, since = self._day(self.since)
        ok_until, until = self._day(self.until)
        if not (ok_since and ok_until):
            return None
        kind = self.kind_combo.currentData()
        return AuditFilter(
            operator=self.operator_combo.currentText().strip(),
            since=since,
            until=until,
            kinds=(kind,) if kind else (),
        )

    @Slot()
    def apply_filters(self) -> None:
        flt = self.current_filter()
        if flt is None:
            return
        self._filter = flt
        self.model.set_rows([])
        self.show_more()
        if self.model.rowCount():
            self._fit_columns()
            self.view.selectRow(0)

    def _fit_columns(self) -> None:
        """Each column as wide as what it shows, within bounds: the moments were cut to
        "02/12/2026 0…" at equal widths, and one long note must not push the rest away."""
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        widest = self.view.fontMetrics().averageCharWidth() * COLUMN_CHARS
        for column in range(header.count() - 1):  # the last one stretches
            header.resizeSection(column, min(header.sectionSize(column), widest))

    @Slot()
    def show_more(self) -> None:
        self.message.hide()
        try:
            events = self.audit.list_events(self._filter, limit=PAGE, before_id=self.model.last_id)
        except GestcoError as error:
            show_message(self.message, describe(error), "error")
            return
        self.model.add_rows(events)
        self._full_page = len(events) == PAGE
        shown = self.model.rowCount()
        self.count_label.setText(
            (
                self.tr("The %1 newest lines shown: Show more for older ones.", "", shown)
                if self._full_page
                else self.tr("%1 lines.", "", shown)
            ).replace("%1", bidi.ltr(formatting.count(shown)))
        )
        self.more_button.setEnabled(self._full_page)

    # --- export --------------------------------------------------------------------------
    @Slot()
    def _on_export_button_clicked(self) -> None:
        asked = file_dialogs.ask_export_path(
            self, self.tr("Export the audit trail shown"), self.tr("audit")
        )
        if asked is not None:
            self.export_to(*asked)

    def export_to(self, path: str, fmt: str = "csv") -> export_job.ExportJob | None:
        """Write the lines the filters select (all of them, oldest first, not only the pages
        shown) to `path`. None: an export is already running."""
        if self.export_bar.job is not None:
            return None
        flt, how, sheet = self._filter, export_job.presentation(), self.tr("Audit")
        in_worker = self.audit.audit_in_worker

        def write(progress: Callable[[int, int], None]) -> int:
            return int(in_worker(path, flt=flt, fmt=fmt, sheet=sheet, how=how, progress=progress))

        job = export_job.ExportJob(write, ExportCancelled)
        job.succeeded.connect(lambda count: self._report_export(count, path))
        job.failed.connect(self._on_export_failed)
        job.cancelled.connect(self._on_export_cancelled)
        job.finished.connect(self._on_export_finished)
        self.export_button.setEnabled(False)
        self.export_bar.follow(job, self.model.rowCount())
        self._export = job
        job.start()
        return job

    def _report_export(self, count: int, path: str) -> None:
        show_message(
            self.message,
            self.tr("%1 lines exported to %2", "", count)
            .replace("%1", bidi.ltr(formatting.count(count)))
            .replace("%2", bidi.ltr(path)),
            "success",
        )

    @Slot(str)
    def _on_export_failed(self, reason: str) -> None:
        show_message(
            self.message, self.tr("Export failed: %1").replace("%1", bidi.name(reason)), "error"
        )

    @Slot()
    def _on_export_cancelled(self) -> None:
        show_message(self.message, self.tr("Export cancelled: no file was written."), "info")

    @Slot()
    def _on_export_finished(self) -> None:
        self.export_button.setEnabled(True)
        job, self._export = self._export, None
        if job is not None:
            job.deleteLater()

    def done(self, result: int) -> None:
        """Closed (or the workstation locked) while an export runs: it is cancelled and its
        thread waited for; no thread outlives the dialog, no half file is left."""
        job = self._export
        if job is not None:
            job.cancel()
            job.wait()
        super().done(result)
