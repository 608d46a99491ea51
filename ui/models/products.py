"""The catalogue with its stock: SKU, name, price, tax, on hand, reserved, available,
reorder level. Held in memory (a shop's catalogue is hundreds or a few thousand rows);
the search and the reorder filter run in SQL."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from gestco.domain import Product
from ui import formatting

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
LOW_BACKGROUND = QColor("#fff1d6")  # at or below the reorder level
SHORT_BACKGROUND = QColor("#fde7e4")  # more reserved than on hand
INACTIVE_FOREGROUND = QColor("#8a939b")
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    SKU = 0
    NAME = 1
    PRICE = 2
    TAX = 3
    ON_HAND = 4
    RESERVED = 5
    AVAILABLE = 6
    REORDER = 7


def needs_reorder(product: Product) -> bool:
    return product.active and product.available <= product.reorder_level


class ProductsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Product] = []

    def set_rows(self, rows: list[Product]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Product:
        return self._rows[row]

    def row_of(self, product_id: int) -> int:
        return next((i for i, p in enumerate(self._rows) if p.id == product_id), -1)

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
            Column.SKU: self.tr("SKU"),
            Column.NAME: self.tr("Name"),
            Column.PRICE: self.tr("Price"),
            Column.TAX: self.tr("VAT"),
            Column.ON_HAND: self.tr("On hand"),
            Column.RESERVED: self.tr("Reserved"),
            Column.AVAILABLE: self.tr("Available"),
            Column.REORDER: self.tr("Reorder at"),
        }[Column(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        product = self._rows[index.row()]
        column = Column(index.column())
        if role == ROW_ROLE:
            return product
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(product, column)
        if role == Qt.ItemDataRole.BackgroundRole and product.active:
            if product.available < 0:
                return SHORT_BACKGROUND
            if needs_reorder(product):
                return LOW_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and not product.active:
            return INACTIVE_FOREGROUND
        if role == Qt.ItemDataRole.FontRole and column == Column.AVAILABLE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= Column.PRICE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and needs_reorder(product):
            return (
                self.tr("To reorder: %1 available, reorder level %2.")
                .replace("%1", str(product.available))
                .replace("%2", str(product.reorder_level))
            )
        return None

    def _display(self, product: Product, column: Column) -> str:
        if column == Column.SKU:
            return product.sku
        if column == Column.NAME:
            return (
                product.name
                if product.active
                else self.tr("%1 (inactive)").replace("%1", product.name)
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
