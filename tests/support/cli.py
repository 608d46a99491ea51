"""The admin CLI as a manager runs it: its own process, its exit code and output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def gestco(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The admin CLI as a manager runs it: its own process, its exit code and output."""
    return subprocess.run(
        [sys.executable, "-m", "gestco", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )
