"""Stock: the catalogue with live quantities, product editing, receipts and corrections,
and each product's ledger. Low stock stands out; the tab's title counts what to reorder."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.change_areas import Area
from gestco.domain.errors import GestcoError
from gestco.domain.money import MAX_QUANTITY, format_rate
from gestco.domain.permissions import Permission
from gestco.domain.records import DEFAULT_TAX_BP, Product, ProductInput
from gestco.services.export import REORDER_COLUMNS
from ui.display import bidi, formatting
from ui.display.errors import describe
from ui.models.movements import Column as MovementColumn
from ui.models.movements import MovementsModel
from ui.models.products import Column, ProductsModel
from ui.runtime import export_job, file_dialogs
from ui.runtime.services import ExportServices, StockServices
from ui.runtime.signals import AppSignals
from ui.widgets.forms import (
    InlineMessages,
    field_row,
    left_to_right,
    message_label,
    set_read_only,
    show_message,
)
from ui.widgets.stock_movement_box import StockMovementBox
from ui.widgets.tables import SpreadColumns, keyboard_table

# What this screen shows: it refreshes when a change touches one of these areas.
# (the products, their stock and ledger)
SHOWS = (Area.STOCK,)


class StockTab(QWidget):
    reorder_count_changed = Signal(int)

    def __init__(
        self,
        *,
        stock: StockServices,
        export: ExportServices,
        signals: AppSignals,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stockTab")
        self.stock = stock
        self.export = export
        self.signals = signals
        self.product: Product | None = None
        self._build()
        self._show_product(None)  # no product chosen: the form is a new product's, whole
        signals.follow(self, SHOWS, self.refresh)
        self.refresh()

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("stockSearchEdit")
        self.search_edit.setPlaceholderText(self.tr("SKU or product name"))
        self.search_edit.setClearButtonEnabled(True)
        self.reorder_check = QCheckBox(self.tr("Onl&y to reorder"), self)
        self.reorder_check.setObjectName("reorderFilterCheck")
        self.new_button = QPushButton(self.tr("Ne&w product"), self)
        self.new_button.setObjectName("newProductButton")
        self.export_button = QPushButton(self.tr("E&xport the reorder list…"), self)
        self.export_button.setObjectName("exportReorderButton")
        top = field_row(
            self,
            self.tr("Find:"),
            self.search_edit,
            self.reorder_check,
            self.new_button,
            self.export_button,
        )
        self.banner = message_label("stockMessageLabel", self)

        self.products = ProductsModel(self)
        self.products_view = QTableView(self)
        self.products_view.setObjectName("productsView")
        keyboard_table(self.products_view, sortable=True)
        self.products_view.setModel(self.products)
        self.products_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.products_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.products_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.products_view.verticalHeader().hide()
        self.products_view.setWordWrap(False)  # one line a product, cut with …, never 2 halves
        header = self.products_view.horizontalHeader()
        header.setSortIndicator(Column.SKU, Qt.SortOrder.AscendingOrder)
        self.products_view.setSortingEnabled(True)
        count = formatting.count(99_999)
        # the names get nearly all the room left: they are what tells products apart
        self.columns = SpreadColumns(
            self.products_view,
            {
                Column.SKU: "MMM-0000",
                Column.NAME: "Babouches en cuir T40",
                Column.PRICE: formatting.money(999_999),
                Column.TAX: formatting.rate(DEFAULT_TAX_BP),
                Column.ON_HAND: count,
                Column.RESERVED: count,
                Column.AVAILABLE: count,
                Column.REORDER: count,
            },
            weights={Column.NAME: 12},
        )

        self.form_box = QGroupBox(self.tr("Product"), self)
        form = QFormLayout(self.form_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form_messages = InlineMessages(message_label("productFormMessage", self.form_box))
        self.sku_edit = self._field(form, "sku", "productSkuEdit", self.tr("S&KU"))
        self.name_edit = self._field(form, "name", "productNameEdit", self.tr("Na&me"))
        self.price_edit = self._field(
            form, "unit_price", "productPriceEdit", self.tr("&Price incl. VAT")
        )
        self.tax_edit = self._field(form, "tax_rate", "productTaxEdit", self.tr("V&AT rate (%)"))
        self.reorder_spin = QSpinBox(self.form_box)
        self.reorder_spin.setObjectName("productReorderSpin")
        self.reorder_spin.setRange(0, MAX_QUANTITY)  # the core's limits (gestco/domain/money.py)
        form.addRow(self.tr("Reor&der level"), self.reorder_spin)
        left_to_right(self.sku_edit, self.price_edit, self.tax_edit, self.reorder_spin)
        self.active_check = QCheckBox(self.tr("On sa&le (active)"), self.form_box)
        self.active_check.setObjectName("productActiveCheck")
        form.addRow("", self.active_check)
        self.save_button = QPushButton(self.tr("Sa&ve the product"), self.form_box)
        self.save_button.setObjectName("saveProductButton")
        form.addRow(self.form_messages.banner)
        form.addRow(self.save_button)

        self.ops_box = StockMovementBox(
            stock=self.stock, current_product=lambda: self.product, parent=self
        )
        self.ops_messages = self.ops_box.messages
        self.receipt_spin = self.ops_box.receipt_spin
        self.receipt_reference_edit = self.ops_box.receipt_reference_edit
        self.receive_button = self.ops_box.receive_button
        self.correction_spin = self.ops_box.correction_spin
        self.correction_reason_edit = self.ops_box.correction_reason_edit
        self.correct_button = self.ops_box.correct_button
        self.receive = self.ops_box.receive
        self.correct = self.ops_box.correct

        self.movements = MovementsModel(self)
        self.movements_view = QTableView(self)
        self.movements_view.setObjectName("stockMovementsView")
        keyboard_table(self.movements_view)
        self.movements_view.setModel(self.movements)
        self.movements_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.movements_view.verticalHeader().hide()
        ledger_header = self.movements_view.horizontalHeader()
        ledger_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ledger_header.setSectionResizeMode(MovementColumn.REASON, QHeaderView.ResizeMode.Stretch)
        self.ledger_caption = QLabel(self)
        self.ledger_caption.setProperty("kind", "caption")

        right = QVBoxLayout()
        right.addWidget(self.form_box)
        right.addWidget(self.ops_box)
        right.addStretch(1)
        # The catalogue gets three quarters of the width; the form the rest, within limits
        # (from a small screen's room up to a whole long name).
        for box in (self.form_box, self.ops_box):
            box.setMinimumWidth(self.fontMetrics().averageCharWidth() * 47)
            box.setMaximumWidth(self.fontMetrics().averageCharWidth() * 60)
        middle = QHBoxLayout()
        middle.addWidget(self.products_view, 3)
        middle.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(middle, 3)
        layout.addWidget(self.ledger_caption)
        layout.addWidget(self.movements_view, 2)

        self.search_edit.textChanged.connect(self._on_filter_changed)
        self.reorder_check.toggled.connect(self._on_filter_changed)
        self.new_button.clicked.connect(self.new_product)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        selection = self.products_view.selectionModel()
        selection.selectionChanged.connect(self._on_products_selection_changed)
        selection.currentRowChanged.connect(self._on_products_current_row_changed)
        self.save_button.clicked.connect(self.save_product)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_product)
        for edit in (self.sku_edit, self.name_edit, self.price_edit, self.tax_edit):
            edit.returnPressed.connect(self.save_product)

    def focus_entry(self) -> None:
        """The product search (the window's start, a switch-in)."""
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def allow(self, can: Callable[[Permission], bool]) -> None:
        """A clerk reads the catalogue and the stock; products, prices, receipts,
        corrections and the reorder list's export are a manager's (the core refuses them
        too)."""
        may_edit = can(Permission.PRODUCT_EDIT)
        self.export_button.setVisible(can(Permission.EXPORT))
        self.new_button.setVisible(may_edit)
        self.save_button.setVisible(may_edit)
        for edit in (self.sku_edit, self.name_edit, self.price_edit, self.tax_edit):
            set_read_only(edit, not may_edit)
        set_read_only(self.reorder_spin, not may_edit)
        self.active_check.setEnabled(may_edit)
        self.ops_box.allow(
            receive=can(Permission.STOCK_RECEIVE), correct=can(Permission.STOCK_CORRECT)
        )

    def _field(self, form: QFormLayout, field: str, name: str, caption: str) -> QLineEdit:
        edit = QLineEdit(self.form_box)
        edit.setObjectName(name)
        form.addRow(caption, edit)
        # Across the whole form, not in the field's narrow column, and never squeezed below
        # its wrapped height: a message of two lines was cut to one and a half when the
        # window was short (seen at 1366x768).
        label = message_label(f"{name[:-4]}Error", self)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        form.addRow(self.form_messages.add(field, label))
        return edit

    # --- the catalogue -------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Reload the list (keeping the selected product) and its ledger."""
        keep = self.product.id if self.product else None
        self.products.set_rows(
            self.stock.list_products(
                self.search_edit.text(), to_reorder=self.reorder_check.isChecked()
            )
        )
        row = self.products.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.products_view.selectRow(row)
            self._show_product(self.products.row_at(row), keep_form=True)
        self.reorder_count_changed.emit(self.stock.reorder_count())

    @Slot()
    def _on_filter_changed(self) -> None:
        self.refresh()
        self.products_view.scrollToTop()  # a new filter starts at its first row

    @Slot(QItemSelection, QItemSelection)
    def _on_products_selection_changed(self, *_: object) -> None:
        rows = self.products_view.selectionModel().selectedRows()
        if rows:
            product = self.products.row_at(rows[0].row())
            if self.product is None or product.id != self.product.id:
                self._show_product(product)

    @Slot(QModelIndex, QModelIndex)
    def _on_products_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        """The form follows the current row, however it moved: the arrows, Page Down, or Tab
        into the list (which makes the first row current without selecting it)."""
        if not current.isValid():
            return  # a reload: refresh() puts the product shown back
        if not previous.isValid() and self.product is None and self._new_product_typed():
            return  # Shift+Tab back into the list keeps the new product being typed
        product = self.products.row_at(current.row())
        if self.product is None or product.id != self.product.id:
            self._show_product(product)
        selection = self.products_view.selectionModel()
        if not selection.isRowSelected(current.row()):  # the row shown is the one highlighted
            selection.select(
                current,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _new_product_typed(self) -> bool:
        return any(edit.text().strip() for edit in (self.sku_edit, self.name_edit, self.price_edit))

    def _show_product(self, product: Product | None, *, keep_form: bool = False) -> None:
        self.product = product
        self.ops_box.setEnabled(product is not None)
        if not keep_form:
            self.form_messages.clear()
            self.ops_messages.clear()
            self.sku_edit.setText(product.sku if product else "")
            self.name_edit.setText(product.name if product else "")
            self.name_edit.setCursorPosition(0)  # a long name shows its start, not its end
            self.price_edit.setText(formatting.money(product.unit_price_cents) if product else "")
            self.tax_edit.setText(format_rate(product.tax_rate_bp if product else DEFAULT_TAX_BP))
            self.reorder_spin.setValue(product.reorder_level if product else 0)
            self.active_check.setChecked(product.active if product else True)
        self.form_box.setTitle(
            self.tr("Product %1").replace("%1", bidi.ltr(product.sku))
            if product
            else self.tr("New product")
        )
        self.movements.set_rows(self.stock.product_movements(product.id) if product else [])
        self.ledger_caption.setText(
            self.tr("Movements of %1").replace("%1", bidi.ltr(product.sku)) if product else ""
        )

    @Slot()
    def new_product(self) -> None:
        self.products_view.clearSelection()
        self._show_product(None)
        self.sku_edit.setFocus()

    def _input(self) -> ProductInput:
        return ProductInput(
            sku=self.sku_edit.text(),
            name=self.name_edit.text(),
            unit_price=self.price_edit.text(),
            tax_rate=self.tax_edit.text(),
            reorder_level=self.reorder_spin.value(),
            active=self.active_check.isChecked(),
        )

    @Slot()
    def save_product(self) -> None:
        try:
            if self.product is None:
                saved = self.stock.create_product(self._input())
            else:
                saved = self.stock.update_product(self.product.id, self._input())
        except GestcoError as error:
            self.form_messages.show_error(error)
            return
        self.product = saved
        self._show_product(saved)
        self.form_messages.show_banner(
            self.tr("Product %1 saved.").replace("%1", bidi.ltr(saved.sku)), "success"
        )

    # --- export: the same rules as the orders' (ui.export_job), small enough to run here --
    @Slot()
    def _on_export_button_clicked(self) -> None:
        suggested = export_job.start_folder() / export_job.default_name(self.tr("to-reorder"))
        path, _ = file_dialogs.save_file_name(
            self, self.tr("Export the reorder list"), str(suggested), self.tr("CSV (*.csv)")
        )
        if path:
            export_job.remember_folder(path)
            self.export_reorder(path)

    def export_reorder(self, path: str) -> bool:
        """A CSV for a spreadsheet, written beside `path` and renamed: never half a list."""
        how = export_job.presentation()  # no phones in this list
        try:
            total = self.export.write_file(
                path,
                REORDER_COLUMNS,
                self.export.reorder_rows(),
                fmt="csv",
                sheet="",
                how=how,
            )
        except (GestcoError, OSError) as error:
            reason = (
                describe(error) if isinstance(error, GestcoError) else export_job.os_reason(error)
            )
            said = self.tr("Export failed: %1").replace("%1", bidi.name(reason))
            show_message(self.banner, said, "error")
            return False
        done = self.tr("%1 products to reorder exported to %2", "", total)
        done = done.replace("%1", bidi.ltr(str(total))).replace("%2", bidi.ltr(path))
        show_message(self.banner, done, "success")
        return True
