"""Tools › Invoices…: one invoice or credit note per row (gestco.services.invoice_list's
summaries, newest first), sorted in memory (a page of at most a few hundred rows)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from gestco.services.invoice_list import InvoiceSummary
from ui.display import formatting
from ui.display.identity_words import document_kind
from ui.models.base import RIGHT, ROW_ROLE, RowsTableModel

__all__ = ["ROW_ROLE", "Column", "InvoicesModel"]


class Column(IntEnum):
    NUMBER = 0
    KIND = 1
    DATE = 2
    ORDER = 3
    CLIENT = 4
    EXCL = 5
    TAX = 6
    TOTAL = 7
    CREDITED = 8


_MONEY = (Column.EXCL, Column.TAX, Column.TOTAL)


class InvoicesModel(RowsTableModel):
    columns = Column
    ltr_columns = frozenset(Column) - {Column.KIND, Column.CLIENT}
    name_columns = frozenset({Column.CLIENT})

    def header(self, column: Column) -> str:
        return {
            Column.NUMBER: self.tr("Number"),
            Column.KIND: self.tr("Kind"),
            Column.DATE: self.tr("Date"),
            Column.ORDER: self.tr("Order"),
            Column.CLIENT: self.tr("Client"),
            Column.EXCL: self.tr("Excl. tax"),
            Column.TAX: self.tr("VAT"),
            Column.TOTAL: self.tr("Incl. tax"),
            Column.CREDITED: self.tr("Credits"),
        }[column]

    def cell(self, item: InvoiceSummary, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in _MONEY else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == Column.NUMBER:
            return item.number
        if column == Column.KIND:
            return document_kind(item.kind)
        if column == Column.DATE:
            return formatting.moment(item.issued_at)
        if column == Column.ORDER:
            return item.order_number
        if column == Column.CLIENT:
            return item.client_name
        if column == Column.EXCL:
            return formatting.money(item.total_excl_cents)
        if column == Column.TAX:
            return formatting.money(item.total_tax_cents)
        if column == Column.TOTAL:
            return formatting.money(item.total_cents)
        return item.credited_number

    def sort_key(self, item: InvoiceSummary, column: Any) -> Any:
        return {
            Column.NUMBER: item.number,
            Column.KIND: item.kind,
            Column.DATE: (item.issued_at, item.id),
            Column.ORDER: item.order_number,
            Column.CLIENT: item.client_name.casefold(),
            Column.EXCL: item.total_excl_cents,
            Column.TAX: item.total_tax_cents,
            Column.TOTAL: item.total_cents,
            Column.CREDITED: item.credited_number,
        }[column]
