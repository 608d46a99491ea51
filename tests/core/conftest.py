"""tests/core runs without Qt: the core must never need it."""

from __future__ import annotations

import sys

import pytest


@pytest.fixture(autouse=True)
def _core_tests_do_not_touch_qt():
    was_loaded = "PySide6" in sys.modules
    yield
    if not was_loaded:
        assert "PySide6" not in sys.modules, "a core code path imported PySide6"
