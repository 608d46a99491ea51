"""Tools › Invoices… (managers): the invoices and credit notes, newest first, filtered by
the period (from, until), the kind, and one field for a number begun or a client's name or
phone; exported as CSV or XLSX off the window's thread (ui.runtime.export_job), the same
file as `gestco export invoices` with the language's headers and forms."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.documents import KINDS
from gestco.domain.errors import GestcoError
from gestco.services.export import ExportCancelled
from gestco.services.invoice_list import InvoiceFilter
from ui.display import bidi, formatting
from ui.display.errors import describe
from ui.display.identity_words import document_kind
from ui.models.invoices import Column, InvoicesModel
from ui.runtime import export_job, file_dialogs
from ui.runtime.services import InvoiceServices, Services
from ui.widgets.date_field import DateField
from ui.widgets.forms import message_label, show_message
from ui.widgets.tables import SpreadColumns, read_only_list

PAGE = 500  # rows shown; the export writes them all
WIDE_MOMENT = datetime(2026, 12, 28, 23, 58)  # the widest a date column shows


class InvoicesDialog(QDialog):
    def __init__(self, *, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("invoicesDialog")
        self.setWindowTitle(self.tr("Invoices and credit notes"))
        self.invoices: InvoiceServices = services.invoices
        self.region = services.settings.region
        self._filter = InvoiceFilter()
        self._export: export_job.ExportJob | None = None
        self.since = DateField(name="invoicesSinceEdit", optional=True, message_below=False)
        self.until = DateField(name="invoicesUntilEdit", optional=True, message_below=False)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("invoicesKindCombo")
        self.kind_combo.addItem(self.tr("Invoices and credit notes"), "")
        for kind in KINDS:
            self.kind_combo.addItem(document_kind(kind), kind)
        self.typed_edit = QLineEdit(self)
        self.typed_edit.setObjectName("invoicesTypedEdit")
        self.typed_edit.setPlaceholderText(self.tr("FAC-2026-000042, a client's name or phone"))
        self.show_button = QPushButton(self.tr("&Show"), self)
        self.show_button.setObjectName("invoicesShowButton")
        self.show_button.setDefault(True)
        row = QHBoxLayout()
        for text, field, stretch in (
            (self.tr("&From"), self.since, 0),
            (self.tr("&until"), self.until, 0),
            (self.tr("&Kind"), self.kind_combo, 0),
            (self.tr("&Number or client"), self.typed_edit, 1),
        ):
            said = QLabel(text, self)
            said.setBuddy(field)
            row.addWidget(said)
            row.addWidget(field, stretch)
        row.addWidget(self.show_button)
        self.message = message_label("invoicesMessage", self)
        self.date_errors = QHBoxLayout()
        self.date_errors.addWidget(self.since.error)
        self.date_errors.addWidget(self.until.error)

        self.model = InvoicesModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("invoicesView")
        read_only_list(self.view, fit=QHeaderView.ResizeMode.Interactive)
        self.view.setModel(self.model)
        # newest first, as the core lists them; a click on a header sorts by that column
        self.view.horizontalHeader().setSortIndicator(Column.DATE, Qt.SortOrder.DescendingOrder)
        self.view.setSortingEnabled(True)
        sample_money = formatting.money(1_234_567_89)
        self.columns = SpreadColumns(
            self.view,
            {
                Column.NUMBER: "FAC-2026-000000",
                Column.KIND: document_kind(KINDS[1]),
                Column.DATE: formatting.moment(WIDE_MOMENT),
                Column.ORDER: "CMD-2026-000000",
                Column.CLIENT: "Mohammed Benjelloun",
                Column.EXCL: sample_money,
                Column.TAX: formatting.money(123_456_78),
                Column.TOTAL: sample_money,
                Column.CREDITED: "FAC-2026-000000",
            },
            weights={Column.CLIENT: 4},
        )
        self.count_label = QLabel(self)
        self.count_label.setObjectName("invoicesCountLabel")
        self.count_label.setProperty("kind", "caption")
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.setObjectName("invoicesExportButton")
        self.export_bar = export_job.ExportBar(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_bar, 1)
        bottom.addWidget(self.export_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(self.date_errors)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        layout.addWidget(buttons)

        self.show_button.clicked.connect(self.apply_filters)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        for edit in (self.since.edit, self.until.edit, self.typed_edit):
            edit.returnPressed.connect(self.apply_filters)
        self.kind_combo.activated.connect(self.apply_filters)
        self.resize(1100, 600)
        self.apply_filters()
        self.since.edit.setFocus()

    # --- what is shown ---------------------------------------------------------------------
    def _day(self, field: DateField) -> tuple[bool, date | None]:
        """(ok, the day typed or None for no limit); not ok: refused beside the field."""
        if field.is_blank():
            field.error.hide()
            return True, None
        typed = field.value()
        return typed is not None, typed

    def current_filter(self) -> InvoiceFilter | None:
        ok_since, since = self._day(self.since)
        ok_until, until = self._day(self.until)
        if not (ok_since and ok_until):
            return None
        return InvoiceFilter(
            since=since,
            until=until,
            kind=str(self.kind_combo.currentData() or ""),
            typed=self.typed_edit.text().strip(),
        )

    @Slot()
    def apply_filters(self) -> None:
        flt = self.current_filter()
        if flt is None:
            return
        self._filter = flt
        self.message.hide()
        try:
            rows = self.invoices.list_invoices(flt, limit=PAGE)
        except GestcoError as error:
            self.model.set_rows([])
            show_message(self.message, describe(error), "error")
            return
        self.model.set_rows(rows)
        shown = len(rows)
        self.count_label.setText(
            (
                self.tr("The %1 newest shown: narrow the period for older ones.", "", shown)
                if shown == PAGE
                else self.tr("%1 documents.", "", shown)
            ).replace("%1", bidi.ltr(formatting.count(shown)))
        )
        if shown:
            self.view.selectRow(0)

    # --- export ----------------------------------------------------------------------------
    @Slot()
    def _on_export_button_clicked(self) -> None:
        asked = file_dialogs.ask_export_path(
            self, self.tr("Export the invoices"), self.tr("invoices")
        )
        if asked is not None:
            self.export_to(*asked)

    def export_to(self, path: str, fmt: str = "csv") -> export_job.ExportJob | None:
        """Write the invoices the filters choose (all of them, not only the page shown) to
        `path`. None: an export is already running."""
        if self._export is not None:
            return None
        flt, sheet = self._filter, self.tr("Invoices")
        how = export_job.presentation(region=self.region())
        write_invoices = self.invoices.invoices_in_worker

        def write(progress: Callable[[int, int], None]) -> int:
            return write_invoices(path, flt=flt, fmt=fmt, sheet=sheet, how=how, progress=progress)

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
            self.tr("%1 documents exported to %2", "", count)
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
        """Closed (or the workstation locked) while an export runs: cancelled and waited for;
        no thread outlives the dialog, no half file is left."""
        job = self._export
        if job is not None:
            job.cancel()
            job.wait()
        super().done(result)
