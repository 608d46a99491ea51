"""Notices what another window, workstation or the CLI committed to the database, and
publishes it as the application's one change notice (AppSignals.changed): the same `Changes`
this window's own writes report (gestco.storage.change_notices.ChangeFeed.poll)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from gestco.domain.change_areas import Area
from gestco.services import settings
from gestco.storage.change_notices import ChangeFeed
from ui.runtime.signals import AppSignals

POLL_MS = 700  # a change elsewhere shows within ~1 s (the requirement is 2 s)
log = logging.getLogger(__name__)


class ChangeWatcher(QObject):
    connection_changed = Signal(bool)  # the server's change notices lost (False) or back
    reopened = Signal()  # another process restored a backup: the file was reopened

    def __init__(
        self, *, signals: AppSignals, feed: ChangeFeed | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.signals = signals
        self.feed = feed if feed is not None else ChangeFeed()
        self.connected = True
        self.reopened_count = 0
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.feed.close()

    @Slot()
    def poll(self) -> None:
        try:
            changed = self.feed.poll()
        except Exception:  # a busy or vanished database must not break the window; retry
            log.exception("could not poll the database for changes")
            return
        if self.feed.reopened != self.reopened_count:
            self.reopened_count = self.feed.reopened
            self.reopened.emit()
        if self.feed.connected != self.connected:
            self.connected = self.feed.connected
            self.connection_changed.emit(self.connected)
        if Area.SETTINGS in changed:
            settings.forget_cached()  # or the screens would refresh with the cached values
        self.signals.publish(changed)
