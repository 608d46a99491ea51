"""This workstation's watched folder as the Settings dialog saves it (a manager's or an
admin's, as the shop's settings): gestco.workstation.watch_choice keeps it, checked here
before it is saved. The passes themselves: gestco.services.folder_imports."""

from __future__ import annotations

import logging

from gestco.domain.permissions import Permission
from gestco.services import session
from gestco.workstation import watch_choice
from gestco.workstation.watch_choice import WatchChoice, checked_folder

__all__ = ["WatchChoice", "checked_folder", "choose", "current_choice"]

log = logging.getLogger(__name__)


def current_choice() -> WatchChoice:
    """Whether this workstation watches a folder, and which (off by default)."""
    return watch_choice.load()


def choose(*, enabled: bool, folder: str) -> WatchChoice:
    """Save this workstation's watched folder (managers and up, as the shop's settings). An
    enabled one must exist and take new files (ValidationError on `folder` otherwise);
    a disabled one is kept as typed, for the next time it is enabled."""
    session.require(Permission.SETTINGS_EDIT)
    typed = folder.strip()
    if enabled:
        typed = str(watch_choice.checked_folder(typed))
    choice = WatchChoice(enabled=enabled, folder=typed)
    watch_choice.save(choice)
    log.info("watched folder: %s", f"on, {typed}" if enabled else "off")
    return choice
