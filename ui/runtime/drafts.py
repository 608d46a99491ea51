"""The order being keyed, kept on disk as it changes: if GESTCO or the computer stops before
it is validated, the next start offers it back. One small JSON file per database and
operator: an order keyed by one clerk is offered back to that clerk when they sign in again
(after a lock and another operator's turn, or a crash), never to the next one."""

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

    def save(self, draft: dict[str, Any]) -> None:
        """Written beside, then renamed: a crash mid-write leaves the previous draft. The
        file is the user's alone (0600, in a 0700 folder): a draft holds a client's details."""
        try:
            private_folder(self.path.parent)
            with write_beside(self.path) as side:
                side.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # a draft is a convenience: never stop the counter for it

    def load(self) -> dict[str, Any] | None:
        try:
            draft = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return draft if isinstance(draft, dict) and draft.get("lines") else None

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
