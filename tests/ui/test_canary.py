"""PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void Qt call and
kills the process after a few thousand (STACK_NOTES). This fails loudly if that returns."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_do_not_leak_none_references(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(10_000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 100
