"""A rotating log file in the user's log directory, and a last line of defence: an
unexpected exception is logged in full and shown as a short message saying where the log
is. Never a silent crash, never a traceback in the clerk's face."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
from pathlib import Path
from types import TracebackType

import platformdirs

from gestco.domain.errors import DatabaseError
from gestco.workstation.folders import APP_NAME

log = logging.getLogger("gestco")


def log_dir() -> Path:
    override = os.environ.get("GESTCO_DATA_DIR", "").strip()
    if override:
        return Path(override) / "logs"
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def setup_logging() -> Path:
    """Log to <log dir>/gestco.log, 1 MB a file, the last 5 kept. Returns the log's path."""
    path = log_dir() / "gestco.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()  # an unwritable log folder must not stop the shop
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(log_path: Path) -> None:
    def report(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if isinstance(error, DatabaseError):
            # A known condition (the server gone, the disk full) met by a refresh rather than
            # by an action that handles it: its own plain message, not "unexpected".
            log.warning("%s", error.message, exc_info=(kind, error, trace))
            _say_once(error)
            return
        log.critical("unexpected error", exc_info=(kind, error, trace))
        _show(error, log_path)

    def report_thread(args: threading.ExceptHookArgs) -> None:
        log.critical(
            "unexpected error in %s",
            args.thread,
            exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
        )

    sys.excepthook = report
    threading.excepthook = report_thread


_shown: set[str] = set()  # the messages on screen now: one box each, not one per refresh


def _say_once(error: DatabaseError) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui.display.errors import describe

    text = describe(error)
    if QApplication.instance() is None:
        print(f"GESTCO: {text}", file=sys.stderr)
        return
    if text in _shown:
        return
    _shown.add(text)
    try:
        QMessageBox.warning(None, "GESTCO", text)
    finally:
        _shown.discard(text)


def _show(error: BaseException, log_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        print(f"GESTCO: unexpected error ({error}); details in {log_path}", file=sys.stderr)
        return
    QMessageBox.critical(
        None,
        "GESTCO",
        QCoreApplication.translate(
            "crash",
            "Something unexpected happened ({error}). Your saved work is safe; the "
            "action in progress may not have finished. Details for support: {log}",
        ).format(error=type(error).__name__, log=log_path),
    )
