"""The lines of an order being keyed or edited: a product entry with completion, the lines
table (quantity and discount edited in place, Delete removes), stock warnings and totals.
Used by the new order and by an existing order while it is still to process."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCompleter,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import ValidationError
from gestco.domain.money import check_quantity
from gestco.domain.records import Product
from ui.display import bidi, formatting
from ui.display.errors import describe
from ui.models.order_lines import Column, OrderLinesModel
from ui.models.suggestions import COMPLETION_ROLE, SuggestionModel
from ui.runtime.services import StockServices
from ui.widgets.forms import (
    left_to_right,
    message_label,
    pop_up_suggestions,
    suggestion_list,
)
from ui.widgets.tables import keyboard_table

PRODUCT_SUGGESTIONS = 15


class LinesView(QTableView):
    """The lines table keeps its own editing key: F2 edits in place here although F2 is
    also the window's "Identify a client" shortcut (an application shortcut would take it
    from a focused table otherwise). On the product cell, F2 edits the line's quantity."""

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_F2
            and not event.modifiers()
            and self.currentIndex().isValid()
            and self.state() != QAbstractItemView.State.EditingState
        ):
            event.accept()  # the key comes to keyPressEvent instead of the shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.currentIndex()
        if (
            event.key() == Qt.Key.Key_F2
            and current.isValid()
            and not current.flags() & Qt.ItemFlag.ItemIsEditable
        ):
            self.setCurrentIndex(current.siblingAtColumn(Column.QUANTITY))
        super().keyPressEvent(event)

    def commit_editing(self) -> None:
        """A value still in an open cell editor goes into the line (before validating)."""
        editor = QApplication.focusWidget()
        editing = self.state() == QAbstractItemView.State.EditingState
        if editing and editor is not None and self.isAncestorOf(editor):
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


class LinesEditor(QWidget):
    """Widget names: <prefix>ProductSearchEdit ... or, without a prefix, the new order's names
    (productSearchEdit, quantitySpin, addLineButton, orderLinesView, productError)."""

    changed = Signal()  # lines or amounts changed

    def __init__(
        self, *, stock: StockServices, prefix: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.stock = stock

        def name(base: str) -> str:
            return f"{prefix}{base[0].upper()}{base[1:]}" if prefix else base

        self.product_edit = QLineEdit(self)
        self.product_edit.setObjectName(name("productSearchEdit"))
        self.product_edit.setPlaceholderText(self.tr("SKU or product name"))
        self.product_model = SuggestionModel(self)
        self.completer = QCompleter(self.product_model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(COMPLETION_ROLE)
        self.completer.setMaxVisibleItems(PRODUCT_SUGGESTIONS)
        self.product_edit.setCompleter(self.completer)
        self.quantity_spin = QSpinBox(self)
        self.quantity_spin.setObjectName(name("quantitySpin"))
        # 0 can be typed (and is refused with a message): a minimum of 1 would silently
        # turn a typed 0 into 1.
        self.quantity_spin.setRange(0, 9999)
        left_to_right(self.product_edit, self.quantity_spin)  # a SKU mostly, and a number
        self.add_button = QPushButton(self.tr("&Add line"), self)
        self.add_button.setObjectName(name("addLineButton"))
        product_caption = QLabel(self.tr("&Product:"), self)
        product_caption.setBuddy(self.product_edit)
        quantity_caption = QLabel(self.tr("&Qty:"), self)
        quantity_caption.setBuddy(self.quantity_spin)
        self.error = message_label(name("productError"), self)
        # A refused quantity is said under Qty (under the product, it read as the product's).
        self.quantity_error = message_label(name("quantityError"), self)
        entry = QGridLayout()
        entry.addWidget(product_caption, 0, 0)
        entry.addWidget(self.product_edit, 0, 1)
        entry.addWidget(quantity_caption, 0, 2)
        entry.addWidget(self.quantity_spin, 0, 3)
        entry.addWidget(self.add_button, 0, 4)
        entry.addWidget(self.error, 1, 1)
        entry.addWidget(self.quantity_error, 1, 2, 1, 3)
        entry.setColumnStretch(1, 1)

        self.model = OrderLinesModel(self)
        self.view = LinesView(self)
        self.view.setObjectName(name("orderLinesView"))
        keyboard_table(self.view)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.PRODUCT, QHeaderView.ResizeMode.Stretch)
        self.stock_warning = message_label(name("stockWarningLabel"), self, kind="warning")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(entry)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.stock_warning)
        QWidget.setTabOrder(self.product_edit, self.quantity_spin)
        QWidget.setTabOrder(self.quantity_spin, self.add_button)
        QWidget.setTabOrder(self.add_button, self.view)

        self.product_edit.textEdited.connect(self._on_product_edit_text_edited)
        self.product_edit.returnPressed.connect(self.add_line)
        self.product_edit.installEventFilter(self)
        # Return in the list is ours (installed after the completer's filter, so it runs
        # first): left to Qt, the line is added on returnPressed and then the completer's
        # activated puts the SKU back in the emptied field ("CAF-0001th" next).
        suggestion_list(self.completer).installEventFilter(self)
        self.quantity_spin.lineEdit().textEdited.connect(self.error.hide)
        self.quantity_spin.lineEdit().textEdited.connect(self.quantity_error.hide)
        self.model.refused.connect(self._on_model_refused)
        self.quantity_spin.lineEdit().returnPressed.connect(self.add_line)
        self.add_button.clicked.connect(self.add_line)
        self.model.totals_changed.connect(self._on_model_totals_changed)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.view, self.remove_selected_line)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)

    # --- entry ---------------------------------------------------------------------------
    def reset(self) -> None:
        self.model.clear()
        self.product_edit.clear()
        self.quantity_spin.setValue(1)
        self.hide_errors()

    def hide_errors(self) -> None:
        self.error.hide()
        self.quantity_error.hide()

    def show_error(self, text: str, field: QWidget | None = None) -> None:
        """The message under `field` (the product by default), the cursor in it."""
        self.hide_errors()
        label = self.quantity_error if field is self.quantity_spin else self.error
        label.setText(text)
        label.show()
        target = field or self.product_edit
        target.setFocus()
        if isinstance(target, QLineEdit | QSpinBox):
            target.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↓ in the product field opens the suggestions again (after "3 products match");
        Return in the suggestions adds the highlighted product (or what is typed)."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        popup = suggestion_list(self.completer)
        key, plain = event.key(), not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        reopen = not popup.isVisible() and self.product_model.rowCount() > 0
        if watched is self.product_edit and key == Qt.Key.Key_Down and plain and reopen:
            self.completer.complete()
            return True
        if watched is self.product_edit and key == Qt.Key.Key_Escape and not popup.isVisible():
            self.product_edit.clear()  # a product typed and not wanted after all
            self.hide_errors()
            return True
        if watched is popup and plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._take_highlighted()
            self.add_line()
            return True
        if watched is popup and plain and key == Qt.Key.Key_Tab:
            self._take_highlighted()  # ↓, Tab: this product, and on to its quantity
            self.quantity_spin.setFocus()
            self.quantity_spin.selectAll()
            return True
        return super().eventFilter(watched, event)

    def _take_highlighted(self) -> None:
        popup = suggestion_list(self.completer)
        current = popup.currentIndex()
        popup.hide()
        if current.isValid():
            self.product_edit.setText(self.product_model.item(current.row()).sku)

    def _availability(self, product: Product) -> str:
        """What a suggestion says of the stock: a count, or that there is none (sold beyond
        the shelf, an allowed oversell leaves it below zero: "available: -2" read as a typo)."""
        available = self.model.available(product)
        if available <= 0:
            return self.tr("out of stock")
        return self.tr("available: %1").replace("%1", bidi.ltr(formatting.count(available)))

    @Slot(str)
    def _on_product_edit_text_edited(self, text: str) -> None:
        self.hide_errors()  # the next line being typed: the old message no longer holds
        products = (
            self.stock.search_products(text, limit=PRODUCT_SUGGESTIONS) if text.strip() else []
        )
        rows = [
            (
                f"{bidi.ltr(p.sku)} — {bidi.name(p.name)} — "
                f"{bidi.ltr(formatting.money(p.unit_price_cents))} ({self._availability(p)})",
                p.sku,
                p,
            )
            for p in products
        ]
        self.product_model.set_rows(rows)
        if rows:
            pop_up_suggestions(self.completer, self.product_edit, [row[0] for row in rows])
        else:
            suggestion_list(self.completer).hide()

    def _resolve(self, text: str) -> Product | None:
        """Exact SKU, else exact name, else the only product the text starts."""
        candidates = self.stock.search_products(text, limit=PRODUCT_SUGGESTIONS)
        wanted = text.strip().casefold()
        for product in candidates:
            if wanted in (product.sku.casefold(), product.name.casefold()):
                return product
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            self.show_error(
                self.tr("%1 products match: pick one from the list (↓).").replace(
                    "%1", bidi.ltr(str(len(candidates)))
                )
            )
        else:
            said = self.tr("No product matches “%1”.")
            self.show_error(said.replace("%1", bidi.name(text.strip())))
        return None

    @Slot()
    def add_line(self) -> None:
        if not self.isEnabled():
            return
        suggestion_list(self.completer).hide()
        try:
            quantity = check_quantity(self.quantity_spin.value())
        except ValidationError as error:
            self.show_error(describe(error), self.quantity_spin)
            return
        text = self.product_edit.text()
        if not text.strip():
            self.show_error(self.tr("Type a SKU or a product name."))
            return
        product = self._resolve(text)
        if product is None:
            return
        self.hide_errors()
        self.view.selectRow(self.model.add(product, quantity))
        self.product_edit.clear()
        self.quantity_spin.setValue(1)
        self.product_edit.setFocus()

    @Slot(str)
    def _on_model_refused(self, text: str) -> None:
        """A quantity or discount edited in place and refused: said, not silently undone."""
        self.error.setText(text)
        self.error.show()

    @Slot()
    def remove_selected_line(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            row = rows[0].row()
            self.model.remove(row)
            if self.model.rowCount():
                self.view.selectRow(min(row, self.model.rowCount() - 1))

    def refresh_stock(self) -> None:
        ids = [line.product.id for line in self.model.lines()]
        if ids:
            self.model.refresh_products(self.stock.get_products(ids))

    def totals_text(self, currency: str) -> str:
        excl, tax, total = self.model.totals()
        return (
            self.tr("Excl. tax %1 · VAT %2 · Total %3")
            .replace("%1", bidi.ltr(formatting.money(excl)))
            .replace("%2", bidi.ltr(formatting.money(tax)))
            .replace("%3", bidi.ltr(formatting.money(total, currency)))
        )

    @Slot()
    def _on_model_totals_changed(self) -> None:
        short = self.model.short_rows()
        if short:
            names = ", ".join(bidi.ltr(self.model.lines()[r].product.sku) for r in short)
            self.stock_warning.setText(
                self.tr(
                    "Not enough stock for %1: the order can be taken, it will wait for stock."
                ).replace("%1", names)
            )
            self.stock_warning.show()
        else:
            self.stock_warning.hide()
        self.changed.emit()
