"""The window's imports, off its thread: the preview (the import itself, rolled back at its
end) and the import hold the database's write lock for about a second a few hundred
orders, a minute at 10,000 (README, Speed), and the window must go on painting meanwhile.

As ui.runtime.export_job does for exports: the core's function runs on a QThread with its
own database connection (gestco.services.import_reports.in_worker), and its result comes
back as a signal on the window's thread, where what an import wrote is published as the
window's change notice (the thread cannot post it)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QThread, Signal, Slot

from gestco.domain.change_areas import reported
from gestco.domain.errors import GestcoError
from gestco.services.import_reports import ImportReport
from ui.display import bidi
from ui.display.errors import describe

log = logging.getLogger(__name__)


def read_reason(error: OSError) -> str:
    """'Cannot read /x/orders.csv: Permission denied' (the core says most of these itself)."""
    return (
        QCoreApplication.translate("imports", "Cannot read %1: %2")
        .replace("%1", bidi.ltr(str(error.filename or "")))
        .replace("%2", bidi.name(error.strerror or str(error)))
    )


# The jobs still running: a job outlives the dialog that started it (closed, or covered by
# the lock) until it is done; the window waits for them when it closes.
_running: list[ImportJob] = []


def wait_all() -> None:
    """The window closes: every import finishes first (no thread outlives the window)."""
    for job in list(_running):
        job.wait()


class ImportJob(QThread):
    """Runs `work` (a preview or an import: it returns an ImportReport) on its own thread,
    inside `in_worker` (which gives the thread its connection and closes it). `written`
    carries what it wrote (Changes), for the window's change notice: connect it to
    AppSignals.publish, which then runs on the window's thread."""

    succeeded = Signal(object)  # the ImportReport
    failed = Signal(str)  # why, in the shop's language (a file it cannot read, a refusal)
    written = Signal(object)  # the areas the import changed (NOTHING for a preview)

    def __init__(
        self,
        work: Callable[[], ImportReport],
        in_worker: Callable[[Callable[[], ImportReport]], ImportReport],
    ) -> None:
        super().__init__()
        self._work = work
        self._in_worker = in_worker
        self.finished.connect(self._on_finished)  # on the window's thread (this object's)

    def start_kept(self) -> None:
        """Start, kept alive until done whatever becomes of whoever started it."""
        _running.append(self)
        self.start()

    @Slot()
    def _on_finished(self) -> None:
        if self in _running:
            _running.remove(self)

    def run(self) -> None:
        try:
            report = self._in_worker(self._work)
        except GestcoError as error:
            self.failed.emit(describe(error))
        except OSError as error:
            self.failed.emit(read_reason(error))
        except Exception as error:  # said on the screen, never a crash of the window
            log.exception("import failed")
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.written.emit(reported(report))
            self.succeeded.emit(report)
