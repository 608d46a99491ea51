"""UI tests: real widgets over a real temp-file database, built by the composition root."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gestco.storage import binding
from tests.support.databases import ON_POSTGRES, TABLE_DEMO, demo_database, fresh_database
from tests.support.keyboard import show


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: Path, qapp) -> Iterator[None]:
    """Each test gets its own QSettings file: no test sees another's geometry or language."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    qapp.setOrganizationName("GESTCO-tests")
    qapp.setApplicationName("GESTCO-tests")
    yield


@pytest.fixture(autouse=True)
def _no_kept_orders() -> Iterator[None]:
    """Each test starts with no order kept from another test (the kept orders live in the
    session's scratch data folder, keyed by database and operator: module databases share
    them)."""
    import shutil

    from gestco.workstation.folders import data_dir

    shutil.rmtree(data_dir() / "drafts", ignore_errors=True)
    yield


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from tests.support.staff import signed_window

    win = signed_window(fresh_database(tmp_path / "ui.sqlite3"))
    qtbot.addWidget(win)
    yield win
    binding.close_database()


# --- the managers' table ------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    """The demo file the table tests copy (on a test server each test builds its own)."""
    path = tmp_path_factory.mktemp("table") / "demo.sqlite3"
    if not ON_POSTGRES:
        demo_database(path, **TABLE_DEMO)
    return path


@pytest.fixture
def table_window(qtbot, demo_path, tmp_path):
    import shutil

    from tests.support.staff import signed_window

    if ON_POSTGRES:
        target = demo_database(demo_path, **TABLE_DEMO)
    else:
        target = str(tmp_path / "copy.sqlite3")
        shutil.copy(demo_path, target)
    window = signed_window(target)
    qtbot.addWidget(window)
    show(qtbot, window)
    window.show_orders_table()
    qtbot.waitUntil(lambda: window.orders_tab.model.complete)
    yield window
    binding.close_database()
