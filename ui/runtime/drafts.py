"""The order being keyed, kept on disk as it changes: if GESTCO or the computer stops before
it is validated, the next start offers it back. One small JSON file per database."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from gestco.workstation.addresses import is_server_url, shown_database
from gestco.workstation.folders import data_dir, private_folder


class DraftStore:
    def __init__(self, database_path: str) -> None:
        # A server by its URL without the password (a new password keeps the drafts).
        name = (
            shown_database(database_path)
            if is_server_url(database_path)
            else str(Path(database_path).resolve())
        )
        key = hashlib.sha1(name.encode()).hexdigest()[:16]
        self.path = data_dir() / "drafts" / f"order-{key}.json"

    def save(self, draft: dict[str, Any]) -> None:
        """Written beside, then renamed: a crash mid-write leaves the previous draft."""
        try:
            private_folder(self.path.parent)  # 0700: a draft holds a client's details
            partial = self.path.with_suffix(".part")
            handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with open(handle, "w", encoding="utf-8") as out:
                out.write(json.dumps(draft, ensure_ascii=False))
            os.replace(partial, self.path)
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
