"""A product's stock ledger: when, what, change of on-hand and of reserved, why, the order,
who. Newest first."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from gestco.domain.records import Movement
from ui.display import formatting
from ui.display.labels import movement_label, reason_label
from ui.models.base import RIGHT, ROW_ROLE, RowsTableModel

__all__ = ["ROW_ROLE", "Column", "MovementsModel"]


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
    ltr_columns = frozenset({Column.WHEN, Column.ON_HAND, Column.RESERVED, Column.ORDER})
    name_columns = frozenset({Column.WHO})

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
                Column.KIND: lambda: movement_label(movement.kind),
                Column.ON_HAND: lambda: _signed(movement.on_hand_delta),
                Column.RESERVED: lambda: _signed(movement.reserved_delta),
                Column.REASON: lambda: reason_label(movement.reason),
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
