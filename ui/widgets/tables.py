"""What the window's tables share: Tab leaves them (it does not walk their cells and wrap),
Ctrl+Up / Ctrl+Down sort them by the current cell's column, and columns share the width."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

SORT_KEYS = (
    ("Ctrl+Up", Qt.SortOrder.AscendingOrder),
    ("Ctrl+Down", Qt.SortOrder.DescendingOrder),
)


class OpaqueEditors(QStyledItemDelegate):
    """A cell's editor paints its whole rectangle: Qt's spin box left its arrows' part
    see-through, so the cell's old quantity showed beside the one being typed ("3" and "1"
    side by side in the lines, seen in the tryout). It is typed left to right in the Arabic
    window too: the cells edited in place are numbers (a quantity, a discount)."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        editor.setAutoFillBackground(True)
        editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        return editor


def keyboard_table(view: QTableView, *, sortable: bool = False) -> QTableView:
    """Tab and Shift+Tab move to the next and previous control, as everywhere else; with
    `sortable`, Ctrl+Up sorts by the current column ascending, Ctrl+Down descending (what a
    click on the header does, and the header shows it). Cell editors are opaque."""
    view.setTabKeyNavigation(False)
    if type(view.itemDelegate()) is QStyledItemDelegate:  # a table's own delegate stays
        view.setItemDelegate(OpaqueEditors(view))
    if sortable:
        for keys, order in SORT_KEYS:
            shortcut = QShortcut(QKeySequence(keys), view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # only in this table
            shortcut.activated.connect(partial(_sort, view, order))
    return view


def read_only_list(view: QTableView, *, fit: QHeaderView.ResizeMode) -> QTableView:
    """A list read a row at a time (the audit trail, the imports, the operators): whole rows
    selected, nothing edited in place, one line a row, no row numbers, the last column taking
    the width left; `fit`: how the other columns are sized."""
    keyboard_table(view)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(fit)
    header.setStretchLastSection(True)
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


class SpreadColumns(QObject):
    """Each column at least as wide as a typical value (`samples`: column -> the widest text
    it usually shows, or a width in pixels); the room left over is shared by `weights`
    (default 1), so on a large screen every column grows a little instead of one column
    taking half the table. Columns stay resizable by hand until the table is resized.
    `optional` columns, first given first, are hidden while the others would not fit whole
    beside them (a 1024-pixel screen), and shown again when there is room."""

    def __init__(
        self,
        view: QTableView,
        samples: dict[int, str | int],
        weights: dict[int, int] | None = None,
        optional: Sequence[int] = (),
    ) -> None:
        super().__init__(view)
        self.view = view
        self.samples = samples
        self.weights = weights or {}
        self.optional = tuple(optional)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        view.viewport().installEventFilter(self)
        header.sortIndicatorChanged.connect(self._on_sort_indicator_changed)
        self.spread()

    def _on_sort_indicator_changed(self, _column: int, _order: Qt.SortOrder) -> None:
        self.spread()

    def minimum(self, column: int) -> int:
        sample = self.samples[column]
        if isinstance(sample, int):
            return sample
        padding = 2 * self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        model = self.view.model()
        title = model.headerData(column, Qt.Orientation.Horizontal) if model else ""
        bar = self.view.horizontalHeader()
        header = bar.fontMetrics().horizontalAdvance(str(title or "")) + 12
        if bar.isSortIndicatorShown() and bar.sortIndicatorSection() == column:
            header += 16  # room for the arrow only where it is: the rest goes to the content
        return max(self.view.fontMetrics().horizontalAdvance(sample) + padding, header)

    def spread(self) -> None:
        columns = sorted(self.samples)
        widths = {column: self.minimum(column) for column in columns}
        room = self.view.viewport().width() - sum(widths.values())
        for column in self.optional:
            hidden = room < 0
            self.view.setColumnHidden(column, hidden)
            if hidden:
                columns.remove(column)
                room += widths[column]
        shares = sum(self.weights.get(column, 1) for column in columns)
        for column in columns:
            extra = room * self.weights.get(column, 1) // shares if room > 0 else 0
            self.view.setColumnWidth(column, widths[column] + extra)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the type first: the view may be half destroyed when its viewport's last events come
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self.spread()
        return False


class SortableSections(QObject):
    """Only `sections` sort (those an index sorts): a click or Ctrl+Up/Down on another
    header puts the sort back as it was, arrow included, instead of showing an arrow on a
    column the rows are not sorted by."""

    def __init__(self, view: QTableView, sections: Iterable[int]) -> None:
        super().__init__(view)
        self.header = header = view.horizontalHeader()
        self.sections = frozenset(sections)
        self.last = (header.sortIndicatorSection(), header.sortIndicatorOrder())
        header.sortIndicatorChanged.connect(self._on_sort_indicator_changed)

    def _on_sort_indicator_changed(self, section: int, order: Qt.SortOrder) -> None:
        if section in self.sections:
            self.last = (section, order)
        else:
            self.header.setSortIndicator(*self.last)
