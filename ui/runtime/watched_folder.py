"""The watched folder from the window (README, "Watched folder"): every few seconds, while a
manager or an admin is signed in here and this workstation's setting is on, one pass of
gestco.services.folder_imports runs on the thread pool (never two at once); the status bar
says what it imported, or that a file failed and that its report is in failed/ (no room
there for a whole path: the log has it). The new orders reach every screen through the
window's one change notice (the pass reports what it wrote, as every write does; other
workstations learn it from the change feed). Locked, signed out or a clerk's session: no
pass runs (the files wait in the folder)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from gestco.domain.errors import GestcoError
from gestco.domain.permissions import Permission
from gestco.services import session, watch_setting
from gestco.services.folder_imports import DUPLICATE, IMPORTED, Filed, FolderWatch, PassResult
from ui.display import bidi
from ui.display.errors import describe
from ui.runtime.signals import AppSignals
from ui.runtime.workers import run_in_background

PASS_MS = 3000  # a file dropped is in within two passes: 3 to 6 s
log = logging.getLogger(__name__)


class WatchedFolder(QObject):
    """Owned by the main window; `said` carries the status bar's message."""

    said = Signal(str)
    passed = Signal(object)  # the PassResult, once its changes are published (tests wait on it)

    def __init__(self, *, signals: AppSignals, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.signals = signals
        self.watch: FolderWatch | None = None
        self.running = False
        self._problem = ""
        self.timer = QTimer(self)
        self.timer.setInterval(PASS_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @Slot()
    def tick(self) -> None:
        """Start a pass if one may run now."""
        if self.running or not session.can(Permission.IMPORT):
            return
        choice = watch_setting.current_choice()
        if not choice.active:
            self.watch = None
            return
        if self.watch is None or str(self.watch.folder) != choice.folder:
            self.watch = FolderWatch(choice.folder)
            self._problem = ""
        self.running = True
        run_in_background(self.watch.run_pass_in_worker, self._on_pass_done, self)

    @Slot(object)
    def _on_pass_done(self, result: object) -> None:
        self.running = False
        if isinstance(result, GestcoError):  # an unexpected failure, logged by the worker
            self._say_problem(describe(result))
            return
        assert isinstance(result, PassResult)
        self.signals.publish(result.changes)
        if result.filed:
            self.said.emit(" · ".join(self.filed_message(f) for f in result.filed))
        problem = describe(result.error) if result.error is not None else ""
        self._say_problem(problem)
        self.passed.emit(result)

    def filed_message(self, filed: Filed) -> str:
        """What the status bar says of one file."""
        name = filed.file_name
        if filed.outcome == IMPORTED:
            text = self.tr("%n orders imported from %1", "", filed.orders)
        elif filed.outcome == DUPLICATE:
            text = self.tr("%1 was imported before: nothing imported again.")
        elif filed.orders:
            text = self.tr(
                "%n orders imported from %1, others refused: see its report in failed/",
                "",
                filed.orders,
            )
        else:
            text = self.tr("%1 could not be imported: see its report in failed/")
        return text.replace("%1", bidi.ltr(name))

    def _say_problem(self, problem: str) -> None:
        """A folder gone or read-only is said once, not at every pass."""
        if problem and problem != self._problem:
            self.said.emit(problem)
        self._problem = problem
