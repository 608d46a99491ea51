"""The order being keyed, kept on disk as it changes: if GESTCO or the computer stops before
it is validated, the next start offers it back. One small JSON file per database and
operator: an order keyed by one clerk is offered back to that clerk when they sign in again
(after a lock and another operator's turn, or a crash), never to the next one.

The file holds the order being keyed and the orders kept aside: an operator who starts
another order while one waits to be restored has both kept, each offered back in turn."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from gestco.workstation.addresses import is_server_url, shown_database
from gestco.workstation.atomic_file import write_beside
from gestco.workstation.folders import data_dir, private_folder


class DraftStore:
    def __init__(self, database_path: str, operator: str = "") -> None:
        # A server by its URL without the password (a new password keeps the drafts).
        name = (
            shown_database(database_path)
            if is_server_url(database_path)
            else str(Path(database_path).resolve())
        )
        if operator:  # usernames are case-insensitive (gestco.domain.staff.username_key)
            name += "\n" + operator.strip().casefold()
        key = hashlib.sha1(name.encode()).hexdigest()[:16]
        self.operator = operator
        self.path = data_dir() / "drafts" / f"order-{key}.json"

    # --- the order being keyed ---------------------------------------------------------
    def save(self, draft: dict[str, Any]) -> None:
        """The order being keyed, as it is now (the orders kept aside stay as they are)."""
        self._write(draft, self._read()[1])

    def load(self) -> dict[str, Any] | None:
        """The order being keyed when it was last saved (None: none with lines)."""
        return self._read()[0]

    def clear(self) -> None:
        """The order being keyed is validated or emptied: nothing of it to offer back."""
        _current, kept = self._read()
        self._write(None, kept)

    # --- the orders kept for their operator ----------------------------------------------
    def kept(self) -> list[dict[str, Any]]:
        """The orders kept aside, oldest first: each is offered back until it is restored
        or discarded (none is ever dropped silently)."""
        return self._read()[1]

    def keep_current(self, reason: str) -> None:
        """The order being keyed joins the kept ones (its operator signs in again after a
        switch or a stop, or restores another one). `reason` says why, for the offer."""
        current, kept = self._read()
        if current is not None:
            self._write(None, [*kept, {**current, "kept_because": reason}])

    def take(self) -> dict[str, Any] | None:
        """The oldest kept order, no longer kept (it is being restored)."""
        current, kept = self._read()
        if not kept:
            return None
        self._write(current, kept[1:])
        return kept[0]

    def discard(self) -> None:
        """The oldest kept order, thrown away at its operator's request."""
        current, kept = self._read()
        self._write(current, kept[1:])

    # --- the file ------------------------------------------------------------------------
    def _read(self) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None, []
        if not isinstance(stored, dict):
            return None, []
        if "lines" in stored:  # a draft as GESTCO wrote it before kept orders: one order
            return (stored if _has_lines(stored) else None), []
        current = stored.get("current")
        kept = stored.get("kept")
        return (
            current if _has_lines(current) else None,
            [d for d in kept if _has_lines(d)] if isinstance(kept, list) else [],
        )

    def _write(self, current: dict[str, Any] | None, kept: list[dict[str, Any]]) -> None:
        """Written beside, then renamed: a crash mid-write leaves the previous file. The
        file is the user's alone (0600, in a 0700 folder): a draft holds a client's details."""
        try:
            if current is None and not kept:
                self.path.unlink(missing_ok=True)
                return
            private_folder(self.path.parent)
            with write_beside(self.path) as side:
                side.write_text(
                    json.dumps({"current": current, "kept": kept}, ensure_ascii=False),
                    encoding="utf-8",
                )
        except OSError:
            pass  # a draft is a convenience: never stop the counter for it


def _has_lines(draft: object) -> bool:
    return isinstance(draft, dict) and bool(draft.get("lines"))
