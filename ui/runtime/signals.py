"""Application-wide change notices (Anki's "operation did execute").

ONE notice, `AppSignals.changed(Changes)`, for this window's own writes and for those of other
windows, workstations and the CLI: the core's write services report the areas they changed
(gestco.domain.change_areas), the screens get their services through `reporting()` (ui.services),
which passes every write's areas on; the change watcher passes on what the change feed saw.
Each screen declares the areas it shows with `follow()` and refreshes itself on those. No
screen emits anything after it writes, nor decides what others must refresh. The core emits
no signals.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import ParamSpec, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from gestco.domain.change_areas import NOTHING, Area, Changes, reported

P = ParamSpec("P")
R = TypeVar("R")


class AppSignals(QObject):
    changed = Signal(object)  # Changes: the areas written, here or by another process
    # A screen asks for an order or a client to be shown (cross-tab navigation).
    open_order = Signal(str)
    start_order_for_client = Signal(int)
    # The orders table filtered to a status and created between two dates (the dashboard).
    open_orders = Signal(str, object, object)  # status code, first day, last day (dates)

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

    def reporting(self, service: Callable[P, R]) -> Callable[P, R]:
        """`service` as a screen calls it (ui.services): the same signature and result, and
        the areas a write reports (result.changes; nothing for a read) are published."""

        @functools.wraps(service)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            result = service(*args, **kwargs)
            self.publish(reported(result))
            return result

        return call


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
