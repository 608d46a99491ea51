"""Search › Client: Export clients… (managers and up, as every export): every client as CSV,
Excel or vCards 3.0 (which contacts programs and phones import), off the window's thread
with a progress bar and Cancel (ui.runtime.export_job), as the orders are."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from gestco.domain.permissions import Permission
from gestco.services.export import ExportCancelled
from ui.display import bidi, formatting
from ui.runtime import export_job, file_dialogs
from ui.runtime.services import ExportServices, SettingsServices
from ui.widgets.forms import message_label, show_message


class ClientsExport(QWidget):
    def __init__(
        self,
        *,
        export: ExportServices,
        settings: SettingsServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clientsExport")
        self.export = export
        self.settings = settings
        self.message = message_label("clientsExportMessage", self)
        self.bar = export_job.ExportBar(self)
        self.button = QPushButton(self.tr("E&xport clients…"), self)
        self.button.setObjectName("exportClientsButton")
        # The bar and the button go in a row of the page; the message under it (`message`,
        # placed by the page: the page's foot stays the lists').
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.button)
        self.job: export_job.ExportJob | None = None
        self.button.clicked.connect(self._on_button_clicked)

    def allow(self, can: Callable[[Permission], bool]) -> None:
        self.setVisible(can(Permission.EXPORT))

    @Slot()
    def _on_button_clicked(self) -> None:
        asked = file_dialogs.ask_export_path(
            self, self.tr("Export the clients"), self.tr("clients"), vcard=True
        )
        if asked is not None:
            self.export_to(*asked)

    def export_to(self, path: str, fmt: str) -> export_job.ExportJob | None:
        """Write every client to `path` as `fmt` (csv, xlsx, vcard); a cancelled or failed
        export leaves no file. None: an export is already running."""
        if self.job is not None:
            return None
        how = export_job.presentation(region=self.settings.region())
        sheet = self.tr("Clients")
        write_clients = self.export.clients_in_worker

        def write(progress: Callable[[int, int], None]) -> int:
            return write_clients(path, fmt=fmt, sheet=sheet, how=how, progress=progress)

        job = export_job.ExportJob(write, ExportCancelled)
        job.succeeded.connect(lambda count: self._on_job_succeeded(count, path))
        job.failed.connect(self._on_job_failed)
        job.cancelled.connect(self._on_job_cancelled)
        job.finished.connect(self._on_job_finished)
        self.button.setEnabled(False)
        self.message.hide()
        self.bar.follow(job, 0)
        self.job = job  # kept alive until it has finished
        job.start()
        return job

    def _on_job_succeeded(self, count: int, path: str) -> None:
        show_message(
            self.message,
            self.tr("%1 clients exported to %2", "", count)
            .replace("%1", bidi.ltr(formatting.count(count)))
            .replace("%2", bidi.ltr(path)),
            "success",
        )

    @Slot(str)
    def _on_job_failed(self, reason: str) -> None:
        show_message(
            self.message, self.tr("Export failed: %1").replace("%1", bidi.name(reason)), "error"
        )

    @Slot()
    def _on_job_cancelled(self) -> None:
        show_message(self.message, self.tr("Export cancelled: no file was written."), "info")

    @Slot()
    def _on_job_finished(self) -> None:
        self.button.setEnabled(True)
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()

    def stop(self) -> None:
        """Cancel a running export and wait for its thread (the window is closing)."""
        job = self.job
        if job is not None:
            job.cancel()
            job.wait()
