"""A product's stock ledger: when, what, change of on-hand and of reserved, why, the order,
who. Newest first."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from gestco.domain.records import Movement
from gestco.domain.stock_moves import INITIAL_STOCK, ORDER_CANCELLED, ORDER_EDITED, ORDER_SHIPPED
from ui.display import formatting
from ui.display.labels import QT_TRANSLATE_NOOP
from ui.models.base import RIGHT, ROW_ROLE, RowsTableModel

__all__ = ["ROW_ROLE", "Column", "MovementsModel"]

KIND_LABELS = {
    "receipt": QT_TRANSLATE_NOOP("labels", "Receipt"),
    "correction": QT_TRANSLATE_NOOP("labels", "Correction"),
    "reserve": QT_TRANSLATE_NOOP("labels", "Reservation"),
    "release": QT_TRANSLATE_NOOP("labels", "Release"),
    "shipment": QT_TRANSLATE_NOOP("labels", "Shipment"),
}

# Reasons the core writes itself (stored in English): shown in the interface's language.
SYSTEM_REASONS = {
    ORDER_SHIPPED: QT_TRANSLATE_NOOP("labels", "order shipped"),
    ORDER_CANCELLED: QT_TRANSLATE_NOOP("labels", "order cancelled"),
    ORDER_EDITED: QT_TRANSLATE_NOOP("labels", "order edited"),
    INITIAL_STOCK: QT_TRANSLATE_NOOP("labels", "initial stock"),
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


class MovementsModel(RowsTableModel):
    columns = Column

    def header(self, column: Column) -> str:
        return {
            Column.WHEN: self.tr("When"),
            Column.KIND: self.tr("Movement"),
            Column.ON_HAND: self.tr("On hand"),
            Column.RESERVED: self.tr("Reserved"),
            Column.REASON: self.tr("Reason"),
            Column.ORDER: self.tr("Order"),
            Column.WHO: self.tr("Who"),
        }[column]

    def cell(self, movement: Movement, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                Column.WHEN: lambda: formatting.moment(movement.created_at),
                Column.KIND: lambda: _label(KIND_LABELS, movement.kind),
                Column.ON_HAND: lambda: _signed(movement.on_hand_delta),
                Column.RESERVED: lambda: _signed(movement.reserved_delta),
                Column.REASON: lambda: _label(SYSTEM_REASONS, movement.reason),
                Column.ORDER: lambda: movement.order_number,
                Column.WHO: lambda: movement.created_by,
            }[column]()
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.ON_HAND:
            return _delta_color(movement.on_hand_delta)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.ON_HAND,
            Column.RESERVED,
        ):
            return RIGHT
        return None


def _label(labels: dict[str, str], code: str) -> str:
    """A code the core wrote, in the interface's language (unknown text shown as is)."""
    return QCoreApplication.translate("labels", labels[code]) if code in labels else code
