"""Application-wide change notices (Anki's "operation did execute").

ONE notice, `AppSignals.changed(Changes)`, for this window's own writes and for those of other
windows, workstations and the CLI: the core's write services report the areas they changed
(gestco.change_areas), the screens get their services through `reporting()`, which passes
every write's areas on; the change watcher passes on what the change feed saw. Each screen
declares the areas it shows with `follow()` and refreshes itself on those. No screen emits
anything after it writes, nor decides what others must refresh. The core emits no signals.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from gestco.change_areas import NOTHING, Area, Changes, reported


class AppSignals(QObject):
    changed = Signal(object)  # Changes: the areas written, here or by another process
    # A screen asks for an order or a client to be shown (cross-tab navigation).
    open_order = Signal(str)
    start_order_for_client = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending = NOTHING

    def publish(self, changes: Changes) -> None:
        """Announce `changes` once the current event is handled: the writing screen finishes
        its own work first, and the writes of one action reach the screens as one notice."""
        if not changes:
            return
        if not self._pending:
            QTimer.singleShot(0, self, self._flush)
        self._pending = self._pending | changes

    @Slot()
    def _flush(self) -> None:
        pending, self._pending = self._pending, NOTHING
        if pending:
            self.changed.emit(pending)

    def follow(self, screen: QObject, shows: Iterable[Area], refresh: Callable[[], None]) -> None:
        """`screen` shows `shows`: call `refresh()` on each notice that touches them.
        The link is a child of `screen`, so it goes when the screen goes."""
        _Follower(self, frozenset(shows), refresh, screen)

    def reporting(self, services: ModuleType) -> Any:
        """`services` as a screen gets them: the same functions and results, and what a write
        reports is published."""
        return _Reporting(services, self)


class _Follower(QObject):
    def __init__(
        self,
        signals: AppSignals,
        shows: frozenset[Area],
        refresh: Callable[[], None],
        screen: QObject,
    ) -> None:
        super().__init__(screen)
        self.shows = shows
        self.refresh = refresh
        signals.changed.connect(self._on_signals_changed)

    @Slot(object)
    def _on_signals_changed(self, changes: Changes) -> None:
        if changes.touches(self.shows):
            self.refresh()


class _Reporting:
    """A service module seen through the window: each function call returns what the core
    returned, and the areas it reports (result.changes; nothing for a read) are published."""

    def __init__(self, services: ModuleType, signals: AppSignals) -> None:
        self._services = services
        self._signals = signals

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._services, name)
        if not inspect.isfunction(value):
            return value  # constants, classes: as they are

        @functools.wraps(value)
        def call(*args: Any, **kwargs: Any) -> Any:
            result = value(*args, **kwargs)
            self._signals.publish(reported(result))
            return result

        self.__dict__[name] = call  # looked up once
        return call

    def __repr__(self) -> str:
        return f"<{self._services.__name__} reporting its writes>"
