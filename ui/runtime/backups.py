"""Keeping the shop's data safe from the window: the background file check that holds
writes until it passes, automatic backups (every few hours and on close), and the Tools
menu's backup and restore. The work itself is the core's (gestco.maintenance.backups,
gestco.storage.file_checks)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QWidget,
)

from gestco.domain.errors import FileUnavailableError, GestcoError
from gestco.maintenance import backups, restore
from gestco.services import settings
from gestco.storage import file_checks, opening, snapshots, transactions
from ui.display import bidi
from ui.display.errors import describe
from ui.runtime import file_dialogs
from ui.runtime.signals import AppSignals
from ui.runtime.workers import run_in_background, run_with_progress

log = logging.getLogger(__name__)

# (parent, current database, its side, the backup chosen, its side) -> replace it?
ConfirmReplacing = Callable[[QWidget | None, str, restore.Side, Path, restore.Side | None], bool]


class BackupKeeper(QObject):
    """Owned by the main window (its status bar shows the outcome of a backup)."""

    checked = Signal(list)  # the background file check's findings ([] = whole)

    def __init__(
        self,
        *,
        database_path: str,
        signals: AppSignals,
        parent: QMainWindow,
        confirm_replacing: ConfirmReplacing,
    ) -> None:
        super().__init__(parent)
        self.confirm_replacing = confirm_replacing  # the dialog showing both sides (ui.dialogs)
        self.window = parent
        self.target = database_path
        self.path = Path(database_path)
        # The file check, automatic backups and restores are about a database *file*. A
        # server is backed up by pg_dump on demand (Tools menu, `gestco backup` on a schedule)
        # and restored with `gestco restore` while the other workstations are closed.
        self.on_file = not opening.is_url(database_path)
        self.can_back_up = restore.can_back_up(database_path)
        self.signals = signals
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._on_timer_timeout)
        hours = max(1, int(settings.get_setting("backup_every_hours")))
        if self.on_file:
            self.timer.start(hours * 3600 * 1000)

    def stop(self) -> None:
        self.timer.stop()

    # --- the file check --------------------------------------------------------------------
    def start_file_check(self) -> None:
        """Writes wait while SQLite reads every page (about 1 s warm for 600 MB, 20 s cold);
        reading goes on meanwhile. A small shop never notices."""
        if not self.on_file:
            self.checked.emit([])
            return
        transactions.hold_writes(self.tr("GESTCO is still checking the database file."))
        run_in_background(lambda: file_checks.quick_check(self.path), self._on_checked, self)

    @Slot(object)
    def _on_checked(self, problems: object) -> None:
        if isinstance(problems, FileUnavailableError):
            # Locked by another program for the whole check: not damage. Writing goes on
            # (a write then waits for the lock, or says the file is busy).
            transactions.release_writes()
            self.window.statusBar().showMessage(describe(problems))
            return
        findings = problems if isinstance(problems, list) else [str(problems)]
        if not findings:
            transactions.release_writes()
        self.checked.emit(findings)

    # --- backups ---------------------------------------------------------------------------
    def _back_up_job(self) -> Callable[[], Path]:
        """The backup to run on a worker thread. The settings are read here, on the main
        thread: a worker touching the database would open a connection of its own."""
        keep_daily = int(settings.get_setting("backup_keep_daily"))
        keep_weekly = int(settings.get_setting("backup_keep_weekly"))

        def job() -> Path:
            made, _ = backups.back_up_and_rotate(
                self.target, keep_daily=keep_daily, keep_weekly=keep_weekly
            )
            return made

        return job

    @Slot()
    def _on_timer_timeout(self) -> None:
        run_in_background(self._back_up_job(), self._on_periodic_done, self)

    @Slot(object)
    def _on_periodic_done(self, result: object) -> None:
        if isinstance(result, GestcoError):
            self.window.statusBar().showMessage(describe(result), 15_000)

    def back_up_now(self) -> Path | None:
        result = run_with_progress(
            self.window, self.tr("Backing up the database…"), self._back_up_job()
        )
        if isinstance(result, GestcoError):
            QMessageBox.warning(self.window, self.tr("Backup"), describe(result))
            return None
        self.window.statusBar().showMessage(
            self.tr("Backup written and checked: %1").replace("%1", bidi.ltr(str(result))), 15_000
        )
        return result

    def back_up_on_close(self) -> None:
        if not self.on_file:
            return
        result = run_with_progress(
            self.window, self.tr("Backing up before closing…"), self._back_up_job()
        )
        if isinstance(result, GestcoError):
            log.error("backup on close failed: %s", result.message)

    def restore_interactively(self) -> bool:
        """Tools > Restore: pick a backup, confirm, swap it in, reload every screen."""
        start = str(snapshots.folder_for(self.target))  # this database's own backups
        kind = (
            self.tr("GESTCO backups (*.sqlite3)")
            if self.on_file
            else self.tr("Server backups (*.dump)")
        )
        chosen, _ = file_dialogs.open_file_name(
            self.window, self.tr("Restore a backup"), start, kind
        )
        if not chosen:
            return False
        question = (
            self.tr(
                "Replace the current database with the backup %1? The current file is kept "
                "beside it, renamed."
            )
            if self.on_file
            else self.tr(
                "Replace the server's data with the backup %1? The current data is dumped "
                "beside it first. Other workstations should be closed meanwhile."
            )
        )
        current = restore.summary(self.path) if self.on_file else None
        if current is not None:  # the file still reads: both sides, keeping it the default
            chosen_side = restore.summary(Path(chosen))
            if not self.confirm_replacing(
                self.window, self.target, current, Path(chosen), chosen_side
            ):
                return False
            return self.restore(Path(chosen))
        answer = QMessageBox.question(
            self.window,
            self.tr("Restore a backup"),
            question.replace("%1", bidi.ltr(Path(chosen).name)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.restore(Path(chosen))

    def restore(self, chosen: Path) -> bool:
        """The core's one restore flow (gestco.maintenance.restore.restore_and_reopen), the
        swap itself off the window's thread behind a progress dialog."""

        def with_progress(work: Callable[[], Path | None]) -> Path | None:
            result = run_with_progress(self.window, self.tr("Restoring…"), work)
            if isinstance(result, GestcoError):
                raise result
            return cast(Path | None, result)

        try:
            restored = restore.restore_and_reopen(chosen, self.target, run=with_progress)
        except GestcoError as error:
            QMessageBox.warning(self.window, self.tr("Restore"), describe(error))
            return False
        # Every area, here and (through the counters) on the other workstations.
        self.signals.publish(restored.changes)
        return True
