"""The lines of the order being keyed: product, quantity, unit price, discount, line total,
available stock. Quantity and discount are edited in place; amounts, totals and shortages
follow the core's rules (gestco.domain.money's line_amounts and order_totals,
gestco.domain.records' available_to_order and short_lines), so what the clerk reads is what
the order will store."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from gestco.domain.errors import ValidationError
from gestco.domain.money import check_quantity, line_amounts, order_totals, parse_rate
from gestco.domain.records import LineInput, Product, available_to_order, short_lines
from ui.display import bidi, formatting
from ui.display.errors import describe

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SHORT_BACKGROUND = QColor("#fde7e4")
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    PRODUCT = 0
    QUANTITY = 1
    UNIT_PRICE = 2
    DISCOUNT = 3
    TOTAL = 4
    AVAILABLE = 5


@dataclass(frozen=True, slots=True)
class DraftLine:
    product: Product
    quantity: int
    discount_bp: int = 0
    price_cents: int | None = None  # the price recorded on an existing order (else the catalogue's)

    @property
    def unit_cents(self) -> int:
        return self.product.unit_price_cents if self.price_cents is None else self.price_cents

    @property
    def amounts(self) -> tuple[int, int]:
        return line_amounts(
            self.quantity, self.unit_cents, self.discount_bp, self.product.tax_rate_bp
        )

    def to_input(self) -> LineInput:
        return LineInput(
            product_id=self.product.id,
            quantity=self.quantity,
            discount=Decimal(self.discount_bp) / 100,
            unit_price=None if self.price_cents is None else Decimal(self.price_cents) / 100,
        )


class OrderLinesModel(QAbstractTableModel):
    totals_changed = Signal()
    refused = Signal(str)  # an edit in place refused: the reason, in the shop's language

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[DraftLine] = []
        self._held: dict[int, int] = {}
        self._check_stock = True
        self.modelReset.connect(self.totals_changed)
        self.dataChanged.connect(self.totals_changed)
        self.rowsInserted.connect(self.totals_changed)
        self.rowsRemoved.connect(self.totals_changed)

    # --- editing -------------------------------------------------------------------------
    def add(self, product: Product, quantity: int) -> int:
        """Add a line, or add to the quantity of the line that has this product. Returns row."""
        for row, line in enumerate(self._lines):
            if line.product.id == product.id:
                self._lines[row] = replace(line, quantity=line.quantity + quantity)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
                return row
        row = len(self._lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self._lines.append(DraftLine(product, quantity))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._lines):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._lines[row]
            self.endRemoveRows()

    def clear(self) -> None:
        self.set_lines([])

    def set_lines(
        self,
        lines: list[DraftLine],
        *,
        held: Mapping[int, int] | None = None,
        check_stock: bool = True,
    ) -> None:
        """`held`: what the order being edited already reserves (Order.held_stock: it counts
        as available to it). `check_stock` False: lines that can no longer change (an order
        past pending), nothing to flag."""
        self.beginResetModel()
        self._lines = list(lines)
        self._held = dict(held or {})
        self._check_stock = check_stock
        self.endResetModel()

    def available(self, product: Product) -> int:
        return available_to_order(product, self._held)

    def refresh_products(self, products: dict[int, Product]) -> None:
        """New stock figures (another order, another window): keep the lines, update stock."""
        if not self._lines:
            return
        self._lines = [
            replace(line, product=products.get(line.product.id, line.product))
            for line in self._lines
        ]
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._lines) - 1, len(Column) - 1))

    # --- reading -------------------------------------------------------------------------
    def lines(self) -> list[DraftLine]:
        return list(self._lines)

    def totals(self) -> tuple[int, int, int]:
        """(excluding tax, tax, including tax) in cents."""
        return order_totals(line.amounts for line in self._lines)

    def short_rows(self) -> list[int]:
        """Rows asking for more than is available (all lines of a product counted together)."""
        if not self._check_stock:
            return []
        return short_lines([(line.product, line.quantity) for line in self._lines], self._held)

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

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
            Column.PRODUCT: self.tr("Product"),
            Column.QUANTITY: self.tr("Quantity"),
            Column.UNIT_PRICE: self.tr("Unit price"),
            Column.DISCOUNT: self.tr("Discount"),
            Column.TOTAL: self.tr("Line total"),
            Column.AVAILABLE: self.tr("Available"),
        }[Column(section)]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (Column.QUANTITY, Column.DISCOUNT):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = Column(index.column())
        if role == ROW_ROLE:
            return line
        if role == Qt.ItemDataRole.EditRole:
            if column == Column.QUANTITY:
                return line.quantity
            if column == Column.DISCOUNT:
                return formatting.rate(line.discount_bp).removesuffix("\u00a0%")
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            shown = self._display(line, column)
            # the figures as one left-to-right piece in the Arabic window ("-5" reads "5-")
            return shown if column == Column.PRODUCT else bidi.ltr(shown)
        short = index.row() in self.short_rows()
        if role == Qt.ItemDataRole.BackgroundRole and short:
            return SHORT_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole and short:
            return self.tr("Only %1 available: the order will wait for stock.").replace(
                "%1", bidi.ltr(str(max(self.available(line.product), 0)))
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column != Column.PRODUCT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, line: DraftLine, column: Column) -> str:
        if column == Column.PRODUCT:
            return f"{bidi.ltr(line.product.sku)} — {bidi.name(line.product.name)}"
        if column == Column.QUANTITY:
            return str(line.quantity)
        if column == Column.UNIT_PRICE:
            return formatting.money(line.unit_cents)
        if column == Column.DISCOUNT:
            return formatting.rate(line.discount_bp) if line.discount_bp else ""
        if column == Column.TOTAL:
            return formatting.money(line.amounts[0])
        return formatting.count(self.available(line.product)) if self._check_stock else ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not 0 <= index.row() < len(self._lines):
            return False
        line = self._lines[index.row()]
        try:
            if index.column() == Column.QUANTITY:
                line = replace(line, quantity=check_quantity(value))
            elif index.column() == Column.DISCOUNT:
                line = replace(line, discount_bp=parse_rate(value or "0", field="discount"))
            else:
                return False
        except ValidationError as error:
            self.refused.emit(describe(error))  # the old value stays, and the clerk knows why
            return False
        self._lines[index.row()] = line
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(Column) - 1))
        return True
