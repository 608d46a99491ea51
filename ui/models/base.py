"""The part every small in-memory table model shares: rows held in a list (one frozen record
each), columns an IntEnum, RowRole returning the record. Subclasses say what a header and a
cell show."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.display import bidi

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    columns: type[IntEnum]
    # Cells laid out as one left-to-right piece in the Arabic window (numbers, amounts,
    # dates, codes: "-5" would read "5-", a date and its time would swap), and cells of
    # names or free text isolated by their own first letter (ui.display.bidi). Said per
    # column here so that no cell() can forget it.
    ltr_columns: frozenset[IntEnum] = frozenset()
    name_columns: frozenset[IntEnum] = frozenset()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Any) -> None:
        self.beginResetModel()
        self._rows = self._in_order(list(rows))
        self.endResetModel()

    def sort_key(self, item: Any, column: Any) -> Any:
        """The value `column` sorts `item` by; None: the model does not sort."""
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By the record's value (a number as a number, not its text); the sort stays
        when the rows are reloaded."""
        if not 0 <= column < len(self.columns) or not self._rows:
            self._sorted_by = (column, order) if 0 <= column < len(self.columns) else None
            return
        if self.sort_key(self._rows[0], self.columns(column)) is None:
            return
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()  # the selection follows its rows
        items = [self._rows[index.row()] for index in before]
        self._rows = self._in_order(self._rows)
        where = {id(item): row for row, item in enumerate(self._rows)}
        self.changePersistentIndexList(
            before,
            [
                self.index(where[id(item)], index.column())
                for index, item in zip(before, items, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _in_order(self, rows: list[Any]) -> list[Any]:
        if self._sorted_by is None or not rows:
            return rows
        column, order = self._sorted_by
        key = self.columns(column)
        if self.sort_key(rows[0], key) is None:
            return rows
        return sorted(
            rows,
            key=lambda item: self.sort_key(item, key),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.columns):
            return None
        return self.header(self.columns(section))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == ROW_ROLE:
            return item
        column = self.columns(index.column())
        value = self.cell(item, column, role)
        if role == Qt.ItemDataRole.DisplayRole and isinstance(value, str):
            if column in self.ltr_columns:
                return bidi.ltr(value)
            if column in self.name_columns:
                return bidi.name(value)
        return value

    def header(self, column: Any) -> str:
        raise NotImplementedError

    def cell(self, item: Any, column: Any, role: int) -> Any:
        """What `role` shows for `column` of `item`; None for roles it does not use."""
        raise NotImplementedError
