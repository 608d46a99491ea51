"""The dashboard's exports: a section's figures to CSV (the rules of the window's other
spreadsheet exports: UTF-8 with a BOM, ';' and decimal commas in French, through the core's
writer), the whole dashboard to PDF (ui.printing.report, written by the papers' writer)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QWidget

from gestco.domain.errors import GestcoError
from gestco.domain.figures import Figures
from ui.display import bidi
from ui.display.errors import describe
from ui.runtime import export_job, file_dialogs
from ui.widgets import dashboard_report
from ui.widgets.dashboard_report import Drawn
from ui.widgets.dashboard_tables import Section
from ui.widgets.forms import show_message


class DashboardExports(QObject):
    """What the dashboard's buttons do; `figures()`: those on screen (None before the first)."""

    def __init__(
        self,
        parent: QWidget,
        *,
        figures: Callable[[], Figures | None],
        currency: Callable[[], str],
        write_file: Callable[..., Any],
        write_pdf: Callable[[str, bytes], None],
        charts: Mapping[str, Drawn],
        banner: QLabel,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.figures, self.currency = figures, currency
        self.write_file, self.write_pdf = write_file, write_pdf
        self.charts = charts
        self.banner = banner

    def ask_csv(self, section: Section) -> None:
        if self.figures() is None:
            return
        stem = dashboard_report.file_stem(section.shown_title())
        suggested = export_job.start_folder() / export_job.default_name(stem)
        path, _ = file_dialogs.save_file_name(
            self.parent_widget, self.tr("Export to CSV"), str(suggested), self.tr("CSV (*.csv)")
        )
        if path:
            export_job.remember_folder(path)
            self.export_csv(section, path)

    def export_csv(self, section: Section, path: str) -> bool:
        """`section`'s figures shown, as a CSV for a spreadsheet (the window's other
        exports' rules: UTF-8 with a BOM, ';' and decimal commas in French)."""
        figures = self.figures()
        if figures is None:
            return False
        rows = section.rows(figures, self.currency())
        headers = dict(
            zip((c.key for c in section.columns), section.shown_headers(figures), strict=True)
        )
        how = replace(export_job.presentation(), headers=headers)
        try:
            self.write_file(
                path,
                section.columns,
                (len(rows), iter([list(row) for row in rows])),
                fmt="csv",
                sheet="",
                how=how,
            )
        except (GestcoError, OSError) as error:
            reason = (
                describe(error) if isinstance(error, GestcoError) else export_job.os_reason(error)
            )
            show_message(
                self.banner, self.tr("Export failed: %1").replace("%1", bidi.name(reason)), "error"
            )
            return False
        show_message(
            self.banner,
            self.tr("%1 exported to %2")
            .replace("%1", section.shown_title())
            .replace("%2", bidi.ltr(path)),
            "success",
        )
        return True

    def ask_pdf(self) -> None:
        if self.figures() is None:
            return
        stem = dashboard_report.file_stem(self.tr("dashboard"))
        suggested = export_job.start_folder() / export_job.default_name(stem, "pdf")
        path, _ = file_dialogs.save_file_name(
            self.parent_widget,
            self.tr("Save as PDF"),
            str(suggested),
            self.tr("PDF documents (*.pdf)"),
        )
        if path:
            export_job.remember_folder(path)
            self.save_pdf(path if path.lower().endswith(".pdf") else f"{path}.pdf")

    def save_pdf(self, path: str) -> bool:
        figures = self.figures()
        if figures is None:
            return False
        try:
            data = dashboard_report.pdf(figures, self.currency(), self.charts)
            self.write_pdf(path, data)
        except (GestcoError, OSError) as error:
            reason = (
                describe(error) if isinstance(error, GestcoError) else export_job.os_reason(error)
            )
            show_message(
                self.banner, self.tr("Export failed: %1").replace("%1", bidi.name(reason)), "error"
            )
            return False
        show_message(
            self.banner, self.tr("Dashboard saved as %1.").replace("%1", bidi.ltr(path)), "success"
        )
        return True
