"""The `gestco` entry point: with a command it runs the Qt-free admin CLI, without one it
starts the application. Qt is imported only in the second case, so commands stay light."""

from __future__ import annotations

import sys
from collections.abc import Sequence

# Commands of the window's package, run by the core's CLI (gestco.cli.Extension).
UI_COMMANDS = ("document",)


def _wants_cli(argv: Sequence[str]) -> bool:
    from gestco.cli import COMMANDS

    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif arg in ("-h", "--help", "--version") or arg in COMMANDS or arg in UI_COMMANDS:
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _wants_cli(args):
        # The core's commands, and `document` (it renders with Qt, offscreen): the module
        # that adds it imports Qt only when it runs, so the other commands stay light.
        from ui.paper_command import main as cli_main

        return cli_main(args)
    from ui.app import main as gui_main

    return gui_main(args)
