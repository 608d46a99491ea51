"""What the packaged application relies on: resources found in a bundle, the smoke start,
a log file, and unexpected errors logged and shown, never silent."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from gestco import __version__

ROOT = Path(__file__).resolve().parents[2]


def test_resources_resolve_from_the_source_tree_and_from_a_bundle(monkeypatch, tmp_path) -> None:
    from ui.runtime.resources import resource_path

    assert resource_path("icons", "gestco.svg").exists()
    assert resource_path("translations", "gestco_fr.qm").exists()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("icons", "gestco.svg") == tmp_path / "resources" / "icons" / "gestco.svg"


def test_smoke_start_shows_the_window_and_exits_0(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GESTCO_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "ui", "--smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "smoke: ok" in result.stdout
    assert (tmp_path / "logs" / "gestco.log").exists()
    assert not list(tmp_path.glob("*.sqlite3"))  # the smoke database was temporary


def test_an_unexpected_error_is_logged_and_shown(qapp, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui.runtime import crash

    log_path = tmp_path / "gestco.log"
    handler = logging.FileHandler(log_path, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: shown.append(a[2])))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr("threading.excepthook", __import__("threading").excepthook)
    crash.install_excepthook(log_path)
    try:
        raise ZeroDivisionError("a bug")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    handler.close()
    logging.getLogger().removeHandler(handler)
    assert shown and str(log_path) in shown[0] and "ZeroDivisionError" in shown[0]
    text = log_path.read_text(encoding="utf-8")
    assert "Traceback" in text and "a bug" in text


def test_a_known_database_condition_is_said_plainly_once(qapp, tmp_path, monkeypatch) -> None:
    """A refresh that meets a lost server connection: its own message (not 'unexpected'),
    and one box even if more refreshes fail while it is on screen."""
    from PySide6.QtWidgets import QMessageBox

    from gestco.domain.errors import DatabaseError
    from ui.runtime import crash

    lost = DatabaseError("The connection to the database server was lost: nothing was saved.")
    warned: list[str] = []

    def warning(*args, **kwargs) -> None:
        warned.append(args[2])
        sys.excepthook(DatabaseError, lost, None)  # another refresh fails meanwhile

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: warned.append("!")))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr("threading.excepthook", __import__("threading").excepthook)
    crash.install_excepthook(tmp_path / "gestco.log")
    sys.excepthook(DatabaseError, lost, None)
    assert warned == [lost.message]
    sys.excepthook(DatabaseError, lost, None)  # the box was closed: a new one may show
    assert len(warned) == 2


def test_the_version_is_in_the_about_box(window, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a: seen.append(a[2])))
    window.findChild(type(window.actions()[0]), "aboutAction").trigger()
    assert seen and __version__ in seen[0]
