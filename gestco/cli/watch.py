"""`gestco watch FOLDER [--once] [--every SECONDS]`: the watched folder from a terminal or a
scheduler (README, "Watched folder"; gestco.services.folder_imports). Each pass imports the
files found complete and files them in done/ or failed/ with their report; what it did goes
to stdout, one line a file; what stopped it to stderr.

A file is complete when a pass finds it as the pass before left it. Passes of separate
`--once` runs count too (what a run saw is kept in the data folder), so a scheduler running
`gestco watch FOLDER --once` every minute imports a file at the first run after it stopped
changing. Without --once it runs a pass every SECONDS (default 5) until Ctrl+C.

Exit 0: the pass went well (each file filed in done/, or nothing to do yet); 1: a file was
refused (in failed/, with its report); 2: the folder cannot be watched (missing, not a
folder, read-only) or a wrong option. Without --once it stops only when interrupted (130).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from gestco.workstation.folders import data_dir

EXIT_OK, EXIT_REFUSED, EXIT_CANNOT = 0, 1, 2
MEMORY = "watched-folder-passes.json"


def add_command(commands: Any) -> None:
    watch = commands.add_parser(
        "watch", help="import the orders files dropped in a folder, then file them"
    )
    watch.add_argument("folder", metavar="FOLDER")
    watch.add_argument("--once", action="store_true", help="one pass, then exit")
    watch.add_argument(
        "--every", type=float, default=5.0, metavar="SECONDS", help="between passes (default 5)"
    )


def watch_command(args: argparse.Namespace) -> int:
    from gestco.domain.errors import ValidationError
    from gestco.services.folder_imports import FolderWatch

    if not 0.5 <= args.every <= 3600:
        raise ValidationError("--every", "--every is a number of seconds from 0.5 to 3600.")
    watch = FolderWatch(args.folder, memory=data_dir() / MEMORY)
    if args.once:
        return _one_pass(watch)
    said = ""
    while True:
        result = watch.run_pass()
        for filed in result.filed:
            _say(_said(filed))
        stopped = result.problem or result.paused
        if stopped and stopped != said:
            _say(f"gestco: {stopped}", sys.stderr)
        said = stopped
        time.sleep(args.every)


def _say(text: str, stream: Any = None) -> None:
    """One line, whatever the file names hold and the terminal's encoding can show."""
    stream = stream or sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    print(text.encode(encoding, "backslashreplace").decode(encoding), file=stream, flush=True)


def _said(filed: Any) -> str:
    from gestco.services.folder_imports import shown

    return f"{filed.message}: {shown(str(filed.moved_to))}"


def _one_pass(watch: Any) -> int:
    result = watch.run_pass()
    for filed in result.filed:
        _say(_said(filed))
    for name in result.waiting:
        _say(f"{name}: waiting (imported at the next pass that finds it unchanged)")
    if result.problem or result.paused:
        _say(f"gestco: error: {result.problem or result.paused}", sys.stderr)
        return EXIT_CANNOT
    return EXIT_OK if result.ok else EXIT_REFUSED
