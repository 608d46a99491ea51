"""This workstation's watched folder (README, "Watched folder"): whether it is on and which
folder, kept with the database choice in the data directory's `workstation.json` (a folder
is this computer's: another workstation has other drives). Off by default.

    load() -> WatchChoice           never raises: a damaged file means "off"
    save(choice)                    DatabaseError when the file cannot be written
    checked_folder(text) -> Path    ValidationError("folder", …) unless it exists and is writable
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from gestco.domain.errors import DatabaseError, ValidationError
from gestco.workstation.atomic_file import side_file, write_beside
from gestco.workstation.folders import data_dir

log = logging.getLogger(__name__)

FILENAME = "workstation.json"  # shared with gestco.workstation.server_choice
KEY = "watched_folder"


@dataclass(frozen=True)
class WatchChoice:
    enabled: bool = False
    folder: str = ""

    @property
    def active(self) -> bool:
        return self.enabled and bool(self.folder)


def config_path() -> Path:
    return data_dir() / FILENAME


def read_all() -> dict[str, object]:
    """The whole choices file ({} when missing or damaged: logged, never raised)."""
    path = config_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring %s: %s", path, exc)
        return {}
    return raw if isinstance(raw, dict) else {}


def write_key(key: str, value: object) -> None:
    """Set one choice in the file, keeping the others (written beside, renamed at the end)."""
    path = config_path()
    content = {**read_all(), key: value}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with write_beside(path) as side:
            side.write_text(json.dumps(content, indent=2), encoding="utf-8")
    except OSError as exc:
        raise DatabaseError(
            "Cannot save this workstation's settings in {path}: {reason}.",
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from None


def load() -> WatchChoice:
    raw = read_all().get(KEY)
    if not isinstance(raw, dict):
        return WatchChoice()
    folder = raw.get("folder")
    return WatchChoice(
        enabled=raw.get("enabled") is True, folder=folder if isinstance(folder, str) else ""
    )


def save(choice: WatchChoice) -> None:
    write_key(KEY, {"enabled": choice.enabled, "folder": choice.folder})


def checked_folder(text: str) -> Path:
    """The folder typed or chosen, if GESTCO can watch it: it exists, is a folder, and a file
    can be created in it (the imported files are moved to its done/ and failed/)."""
    typed = text.strip()
    if not typed:
        raise ValidationError("folder", "Choose the folder to watch.")
    folder = Path(typed).expanduser()
    if not folder.is_absolute():
        raise ValidationError(
            "folder",
            "Give the folder's full path, such as {example}.",
            example=str(Path.home() / "commandes"),
        )
    if not folder.exists():
        raise ValidationError("folder", "There is no folder {path}.", path=str(folder))
    if not folder.is_dir():
        raise ValidationError("folder", "{path} is a file, not a folder.", path=str(folder))
    try:
        probe = side_file(folder, ".gestco-probe-")
        os.unlink(probe)
    except OSError as exc:
        raise ValidationError(
            "folder",
            "GESTCO cannot write in {path} ({reason}): it moves the files it imports to"
            " done/ and failed/ there. Choose a folder you may write in.",
            path=str(folder),
            reason=exc.strerror or str(exc),
        ) from None
    return folder
