"""Work off the window's thread: a job on Qt's thread pool whose result (or the GestcoError it
raised) comes back to the window's thread, and the same behind a busy progress dialog."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from gestco.domain.errors import GestcoError

log = logging.getLogger(__name__)


class _Done(QObject):
    finished = Signal(object)  # the job's result, or the GestcoError it raised


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], done: _Done) -> None:
        super().__init__()
        self.work, self.done = work, done

    def run(self) -> None:
        try:
            result: Any = self.work()
        except GestcoError as error:
            result = error
        except Exception as error:  # never a silent crash: reported to the window
            log.exception("background job failed")
            result = GestcoError("{reason}", reason=str(error))
        self.done.finished.emit(result)


def run_in_background(
    work: Callable[[], Any],
    then: Callable[[Any], None],
    parent: QObject,
    pool: QThreadPool | None = None,
) -> _Done:
    """`work` on a worker thread of `pool` (Qt's global pool by default), then `then` with
    its result on the window's thread."""
    done = _Done(parent)
    done.finished.connect(then)
    (pool or QThreadPool.globalInstance()).start(_Job(work, done))
    return done


def run_with_progress(parent: QWidget, label: str, work: Callable[[], Any]) -> Any:
    """Run `work` on a worker thread behind a busy progress dialog; return its result."""
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setObjectName("backupProgress")
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    box: list[Any] = []
    run_in_background(work, box.append, parent)
    while not box:
        QApplication.processEvents()
        time.sleep(0.01)
    progress.close()
    return box[0]
