"""A product's stock ledger: when, what, change of on-hand and of reserved, why, the order,
who. Newest first."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from gestco.domain import Movement
from ui import formatting

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
KIND_LABELS = {
    "receipt": QT_TRANSLATE_NOOP("labels", "Receipt"),
    "correction": QT_TRANSLATE_NOOP("labels", "Correction"),
    "reserve": QT_TRANSLATE_NOOP("labels", "Reservation"),
    "release": QT_TRANSLATE_NOOP("labels", "Release"),
    "shipment": QT_TRANSLATE_NOOP("labels", "Shipment"),
}

# Reasons the core writes itself (stored in English): shown in the interface's language.
SYSTEM_REASONS = {
    "order shipped": QT_TRANSLATE_NOOP("labels", "order shipped"),
    "order cancelled": QT_TRANSLATE_NOOP("labels", "order cancelled"),
    "order edited": QT_TRANSLATE_NOOP("labels", "order edited"),
    "initial stock": QT_TRANSLATE_NOOP("labels", "initial stock"),
}


class Column(IntEnum):
    WHEN = 0
    KIND = 1
    ON_HAND = 2
    RESERVED = 3
    REASON = 4
    ORDER = 5
    WHO = 6


def _signed(value: int) -> str:
    return f"{value:+d}" if value else ""


def _delta_color(value: int) -> QColor | None:
    if not value:
        return None
    return QColor("#2e7d32") if value > 0 else QColor("#b3261e")


class MovementsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Movement] = []

    def set_rows(self, rows: list[Movement]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return {
            Column.WHEN: self.tr("When"),
            Column.KIND: self.tr("Movement"),
            Column.ON_HAND: self.tr("On hand"),
            Column.RESERVED: self.tr("Reserved"),
            Column.REASON: self.tr("Reason"),
            Column.ORDER: self.tr("Order"),
            Column.WHO: self.tr("Who"),
        }[Column(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        movement = self._rows[index.row()]
        column = Column(index.column())
        if role == ROW_ROLE:
            return movement
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                Column.WHEN: lambda: formatting.moment(movement.created_at),
                Column.KIND: lambda: QCoreApplication.translate(
                    "labels", KIND_LABELS.get(movement.kind, movement.kind)
                ),
                Column.ON_HAND: lambda: _signed(movement.on_hand_delta),
                Column.RESERVED: lambda: _signed(movement.reserved_delta),
                Column.REASON: lambda: (
                    QCoreApplication.translate("labels", SYSTEM_REASONS[movement.reason])
                    if movement.reason in SYSTEM_REASONS
                    else movement.reason
                ),
                Column.ORDER: lambda: movement.order_number,
                Column.WHO: lambda: movement.created_by,
            }[column]()
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.ON_HAND:
            return _delta_color(movement.on_hand_delta)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.ON_HAND,
            Column.RESERVED,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
