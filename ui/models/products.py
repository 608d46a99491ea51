"""The catalogue with its stock: SKU, name, price, tax, on hand, reserved, available,
reorder level. Held in memory (a shop's catalogue is hundreds or a few thousand rows);
the search and the reorder filter run in SQL."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from gestco.domain.records import Product
from ui.display import bidi, formatting
from ui.models.base import RIGHT, ROW_ROLE, RowsTableModel

__all__ = ["ROW_ROLE", "Column", "ProductsModel"]

LOW_BACKGROUND = QColor("#fff1d6")  # at or below the reorder level
SHORT_BACKGROUND = QColor("#fde7e4")  # more reserved than on hand
INACTIVE_FOREGROUND = QColor("#8a939b")


class Column(IntEnum):
    SKU = 0
    NAME = 1
    PRICE = 2
    TAX = 3
    ON_HAND = 4
    RESERVED = 5
    AVAILABLE = 6
    REORDER = 7


class ProductsModel(RowsTableModel):
    columns = Column
    ltr_columns = frozenset(Column) - {Column.NAME}
    name_columns = frozenset({Column.NAME})

    def row_of(self, product_id: int) -> int:
        return next((i for i, p in enumerate(self._rows) if p.id == product_id), -1)

    def header(self, column: Column) -> str:
        return {
            Column.SKU: self.tr("SKU"),
            Column.NAME: self.tr("Name"),
            Column.PRICE: self.tr("Price"),
            Column.TAX: self.tr("VAT"),
            Column.ON_HAND: self.tr("On hand"),
            Column.RESERVED: self.tr("Reserved"),
            Column.AVAILABLE: self.tr("Available"),
            Column.REORDER: self.tr("Reorder at"),
        }[column]

    def sort_key(self, product: Product, column: Column) -> Any:
        return {
            Column.SKU: product.sku.casefold(),
            Column.NAME: product.name.casefold(),
            Column.PRICE: product.unit_price_cents,
            Column.TAX: product.tax_rate_bp,
            Column.ON_HAND: product.on_hand,
            Column.RESERVED: product.reserved,
            Column.AVAILABLE: product.available,
            Column.REORDER: product.reorder_level,
        }[column]

    def cell(self, product: Product, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(product, column)
        if role == Qt.ItemDataRole.BackgroundRole and product.active:
            if product.available < 0:
                return SHORT_BACKGROUND
            if product.needs_reorder:
                return LOW_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and not product.active:
            return INACTIVE_FOREGROUND
        if role == Qt.ItemDataRole.FontRole and column == Column.AVAILABLE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= Column.PRICE:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and product.needs_reorder:
            return (
                self.tr("To reorder: %1 available, reorder level %2.")
                .replace("%1", bidi.ltr(formatting.count(product.available)))
                .replace("%2", bidi.ltr(formatting.count(product.reorder_level)))
            )
        return None

    def _display(self, product: Product, column: Column) -> str:
        if column == Column.SKU:
            return product.sku
        if column == Column.NAME:
            return (
                product.name
                if product.active
                else self.tr("%1 (inactive)").replace("%1", bidi.name(product.name))
            )
        if column == Column.PRICE:
            return formatting.money(product.unit_price_cents)
        if column == Column.TAX:
            return formatting.rate(product.tax_rate_bp)
        if column == Column.ON_HAND:
            return formatting.count(product.on_hand)
        if column == Column.RESERVED:
            return formatting.count(product.reserved)
        if column == Column.AVAILABLE:
            return formatting.count(product.available)
        return formatting.count(product.reorder_level)
