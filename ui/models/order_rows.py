"""A short list of orders held in memory (one client's orders): number, date, channel,
status, total, balance due. Big tables page from SQL instead (the orders tab)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from gestco.domain.records import OrderRow
from ui.display import formatting
from ui.display.labels import STATUS_COLORS, channel_label, status_label
from ui.models.base import RIGHT, ROW_ROLE, RowsTableModel

__all__ = ["ROW_ROLE", "Column", "OrderRowsModel"]


class Column(IntEnum):
    NUMBER = 0
    DATE = 1
    CHANNEL = 2
    STATUS = 3
    TOTAL = 4
    BALANCE_DUE = 5


class OrderRowsModel(RowsTableModel):
    columns = Column
    ltr_columns = frozenset({Column.NUMBER, Column.DATE, Column.TOTAL, Column.BALANCE_DUE})

    def header(self, column: Column) -> str:
        return {
            Column.NUMBER: self.tr("Number"),
            Column.DATE: self.tr("Date"),
            Column.CHANNEL: self.tr("Channel"),
            Column.STATUS: self.tr("Status"),
            Column.TOTAL: self.tr("Total"),
            Column.BALANCE_DUE: self.tr("Balance due"),
        }[column]

    def sort_key(self, order: OrderRow, column: Column) -> Any:
        return {
            Column.NUMBER: order.number,
            Column.DATE: order.created_at,
            Column.CHANNEL: channel_label(order.channel),
            Column.STATUS: status_label(order.status),
            Column.TOTAL: order.total_cents,
            Column.BALANCE_DUE: order.balance_due_cents,
        }[column]

    def cell(self, order: OrderRow, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                Column.NUMBER: lambda: order.number,
                Column.DATE: lambda: formatting.moment(order.created_at),
                Column.CHANNEL: lambda: channel_label(order.channel),
                Column.STATUS: lambda: status_label(order.status),
                Column.TOTAL: lambda: formatting.money(order.total_cents),
                Column.BALANCE_DUE: lambda: formatting.money(order.balance_due_cents),
            }[column]()
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.STATUS:
            return STATUS_COLORS.get(order.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.TOTAL,
            Column.BALANCE_DUE,
        ):
            return RIGHT
        return None
