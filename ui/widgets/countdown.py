"""The wait after too many wrong passwords or PINs, said in a message label and counted down
each second until the next try is taken (the sign-in and lock pages, a manager's approval).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel

from ui.display import formatting
from ui.widgets.forms import show_message


class WaitCountdown(QObject):
    """`start(seconds)` shows "wait 30 s" in `label` and counts it down; at 0 it says the
    next try is taken. `stop()` leaves the label to the caller (it hides nothing)."""

    ticked = Signal()  # the label's text changed (a dialog fits its size to it)

    def __init__(self, label: QLabel, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(label)
        self.label = label
        self.clock = clock
        self._retry_at = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.show_left)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self, seconds: int) -> None:
        self._retry_at = self.clock() + seconds
        self.show_left()
        if self.seconds_left() > 0:
            self._timer.start()

    def stop(self) -> None:
        """The label says something else now (or nothing): no more ticks."""
        self._timer.stop()
        self._retry_at = 0.0

    def clear(self) -> None:
        """The wait no longer concerns what is typed (another name): stopped and hidden."""
        if self.running:
            self.stop()
            self.label.clear()
            self.label.hide()
            self.ticked.emit()

    def seconds_left(self) -> int:
        return max(0, int(self._retry_at - self.clock() + 0.999))

    @Slot()
    def show_left(self) -> None:
        """How long to wait, plainly, until the next try is taken."""
        left = self.seconds_left()
        if left <= 0:
            self._timer.stop()
            self._retry_at = 0.0
            show_message(self.label, self.tr("You can try again now."), "info")
        else:
            show_message(
                self.label,
                self.tr("Too many wrong attempts: wait %1, then try again.").replace(
                    "%1", formatting.duration(left)
                ),
                "warning",
            )
        self.ticked.emit()
