"""Notices what another window, workstation process or the CLI committed to the database,
and emits the application's change signals for just those areas."""

from __future__ import annotations

import logging
from types import ModuleType

from PySide6.QtCore import QObject, QTimer, Slot

from ui.signals import AppSignals

POLL_MS = 700  # a change elsewhere shows within ~1 s (the requirement is 2 s)
log = logging.getLogger(__name__)


class ChangeWatcher(QObject):
    def __init__(
        self, *, changes: ModuleType, signals: AppSignals, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.changes = changes
        self.signals = signals
        self._token = changes.committed_elsewhere_token()
        self._marks = changes.marks()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @Slot()
    def poll(self) -> None:
        """One PRAGMA per tick; the counters are read only after another commit."""
        try:
            token = self.changes.committed_elsewhere_token()
            if token == self._token:
                return
            self._token = token
            marks = self.changes.marks()
        except Exception:  # a busy or vanished file must not break the window; retry next tick
            log.exception("could not poll the database for changes")
            return
        changed = {area for area, n in marks.items() if self._marks.get(area) != n}
        self._marks = marks
        if "clients" in changed:
            self.signals.clients_changed.emit()
        if "orders" in changed:
            self.signals.orders_changed.emit()
        if "stock" in changed:
            self.signals.stock_changed.emit()
