"""What a write changed, as areas of the shop's data (Anki's `OpChanges`).

Every write service reports the areas it changed, alongside its usual result: a service that
returns a record (a `Client`, an `Order`, a `Product`) returns it with `record.changes` set;
one that returns nothing else returns a `Changes`. The areas are exactly those the write
marked for the other processes (`gestco.storage.change_notices.bump`), so what this window
learns from its own writes and what other windows learn from the change feed are the same
words. Screens declare the areas they show and refresh when a notice touches one of them;
nobody decides by hand what others must refresh.

No I/O here (the domain layer imports it).
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any, ParamSpec, TypeVar


class Area(StrEnum):
    """A part of the data a screen can show. A str: it is also the change counter's key and
    the payload of a server's change notice."""

    CLIENTS = "clients"
    ORDERS = "orders"
    STOCK = "stock"
    SETTINGS = "settings"  # currency, overselling rule, region: how the rest is shown
    OPERATORS = "operators"  # who may sign in, and with which role


class Changes(frozenset[Area]):
    """The areas one write (or one poll of the change feed) changed. Empty: nothing did."""

    def __new__(cls, areas: Iterable[str] = ()) -> Changes:
        return super().__new__(cls, (Area(area) for area in areas))

    @classmethod
    def of(cls, *areas: str) -> Changes:
        return cls(areas)

    @classmethod
    def known(cls, names: Iterable[str]) -> Changes:
        """The areas among `names` this version knows (a newer GESTCO may announce more)."""
        values = {str(area) for area in Area}
        return cls(name for name in names if name in values)

    def __or__(self, other: Iterable[str]) -> Changes:  # type: ignore[override]
        return Changes([*self, *other])

    def touches(self, areas: Iterable[str]) -> bool:
        """Whether a screen that shows `areas` must refresh."""
        return not self.isdisjoint(areas)

    def __repr__(self) -> str:
        return f"Changes({', '.join(sorted(self))})"


NOTHING = Changes()
EVERYTHING = Changes(Area)  # after a restore: every screen reloads all it shows


# --- how the services report -----------------------------------------------------------------
# One stack of area sets per thread: a reporting service pushes a set, every mark made while
# it runs lands in it, and a service called by another (save_order_changes calls
# update_order) hands its areas up to its caller. A write that raises reports nothing: its
# transaction rolled back.
_local = threading.local()


def _stack() -> list[set[Area]]:
    stack: list[set[Area]] | None = getattr(_local, "stack", None)
    if stack is None:
        stack = _local.stack = []
    return stack


def record(*areas: str) -> None:
    """Note `areas` as changed by the write now running (by change_notices.bump)."""
    stack = _stack()
    if stack:
        stack[-1].update(Area(area) for area in areas)


def rolled_back() -> None:
    """The write now running rolled its transaction back on purpose (a dry run): nothing
    it marked stands, so its result reports nothing."""
    stack = _stack()
    if stack:
        stack[-1].clear()


P = ParamSpec("P")
R = TypeVar("R")


def reports_changes(service: Callable[P, R]) -> Callable[P, R]:
    """Decorate a write service: its result carries the areas its transaction marked.

    A record result (a frozen dataclass with a `changes` field) comes back as the same record
    with `changes` set; a `Changes` result comes back joined with the marks."""

    @functools.wraps(service)
    def reporting(*args: P.args, **kwargs: P.kwargs) -> R:
        stack = _stack()
        stack.append(set())
        try:
            result = service(*args, **kwargs)
        finally:
            marked = stack.pop()
        if stack:
            stack[-1].update(marked)
        return _with_changes(result, Changes(marked))

    return reporting


def _with_changes(result: Any, changes: Changes) -> Any:
    if isinstance(result, Changes):
        return result | changes
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return dataclasses.replace(result, changes=changes)
    raise TypeError(f"a reporting service returns a record with `changes`, not {result!r}")


def reported(result: object) -> Changes:
    """The areas a service's result reports: its `changes`, or itself; NOTHING for a read."""
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else NOTHING
