"""What every table of the window shares for the keyboard: Tab leaves it (it does not walk
its cells and wrap), and Ctrl+Up / Ctrl+Down sort it by the current cell's column."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTableView

SORT_KEYS = (
    ("Ctrl+Up", Qt.SortOrder.AscendingOrder),
    ("Ctrl+Down", Qt.SortOrder.DescendingOrder),
)


def keyboard_table(view: QTableView, *, sortable: bool = False) -> QTableView:
    """Tab and Shift+Tab move to the next and previous control, as everywhere else; with
    `sortable`, Ctrl+Up sorts by the current column ascending, Ctrl+Down descending (what a
    click on the header does, and the header shows it)."""
    view.setTabKeyNavigation(False)
    if sortable:
        for keys, order in SORT_KEYS:
            shortcut = QShortcut(QKeySequence(keys), view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # only in this table
            shortcut.activated.connect(partial(_sort, view, order))
    return view


def _sort(view: QTableView, order: Qt.SortOrder) -> None:
    current = view.currentIndex()
    header = view.horizontalHeader()
    column = current.column() if current.isValid() else header.sortIndicatorSection()
    if column < 0:
        column = 0
    view.sortByColumn(column, order)
    model = view.model()
    if model is not None and model.rowCount():
        if not view.currentIndex().isValid():  # a table that reloads to sort loses it
            view.setCurrentIndex(model.index(0, column))
        view.scrollToTop()  # the new order from its first row
