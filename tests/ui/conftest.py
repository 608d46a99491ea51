"""UI tests: real widgets over a real temp-file database, built by the composition root."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gestco.storage import binding
from tests.conftest import fresh_database


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: Path, qapp) -> Iterator[None]:
    """Each test gets its own QSettings file: no test sees another's geometry or language."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    qapp.setOrganizationName("GESTCO-tests")
    qapp.setApplicationName("GESTCO-tests")
    yield


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from ui.app import create_main_window

    win = create_main_window(fresh_database(tmp_path / "ui.sqlite3"))
    qtbot.addWidget(win)
    yield win
    binding.close_database()
