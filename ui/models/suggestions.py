"""Suggestions for a completer: rows filled from an index-backed core search as staff type.
Filtering happens in SQL; the completer shows the rows as they come (unfiltered popup)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
COMPLETION_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class SuggestionModel(QAbstractListModel):
    """Each row: (text shown, text put in the field when chosen, the item itself)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, Any]] = []

    def set_rows(self, rows: list[tuple[str, str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._rows[row][2]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        shown, completion, item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown
        if role in (COMPLETION_ROLE, Qt.ItemDataRole.EditRole):
            return completion
        if role == ITEM_ROLE:
            return item
        return None
