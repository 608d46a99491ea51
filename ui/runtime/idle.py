"""The idle lock: a workstation left without a key press or a mouse input in its window for
the shop's `lock_after_minutes` locks itself (the window shows its lock page).

An application event filter notes the moment of the last input that went to the window or
to one of its dialogs; a coarse timer compares it with the limit. The clock is injected, so
a test moves time forward instead of waiting for it (no test depends on machine speed)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

# What a person at the keyboard or the mouse sends; paints, timers and focus changes are
# not someone there.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
TICK_MS = 15_000  # how often the limit is compared: a lock comes at most 15 s late


class IdleWatch(QObject):
    """Emits `expired` once `minutes` pass without input in `window` (0 minutes: never)."""

    expired = Signal()

    def __init__(self, window: QWidget, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self._window = window
        self.clock = clock
        self._last = clock()
        self._limit_s = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.check)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        """The shop's setting (read again after each sign-in and settings change)."""
        self._limit_s = max(0, minutes) * 60.0
        self.restart()

    def restart(self) -> None:
        """Count from now (a sign-in, an unlock)."""
        self._last = self.clock()
        if self._limit_s:
            self._timer.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        """Locked or signed out: nothing to count until someone signs in again."""
        self._timer.stop()

    @property
    def counting(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and isinstance(watched, QWidget) and self._ours(watched):
            self._last = self.clock()
        return False

    def _ours(self, widget: QWidget) -> bool:
        """Input in the window or in a dialog or popup it opened (a dialog's parent is the
        window or one of its widgets)."""
        top: QWidget | None = widget.window()
        while top is not None:
            if top is self._window:
                return True
            parent = top.parentWidget()
            top = parent.window() if parent is not None else None
        return False

    @Slot()
    def check(self) -> None:
        if self._limit_s and self.counting and self.clock() - self._last >= self._limit_s:
            self.stop()
            self.expired.emit()

    def detach(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
