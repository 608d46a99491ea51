"""Where a table stands after a new sort, a new filter or a refresh (issue 13, item 6): a new
sort or filter shows its first row at the top; a refresh keeps the row the reader was on."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint, Qt

from gestco.domain.change_areas import Area, Changes
from gestco.domain.records import LineInput, ProductInput
from gestco.services import orders, stock
from gestco.services.order_table import OrderFilter, OrderSort, order_ids
from tests.support.keyboard import show
from ui.models.orders_table import Column

CTRL = Qt.KeyboardModifier.ControlModifier


def _top_row(view) -> int:
    return view.indexAt(QPoint(0, 0)).row()


def _to_the_end(qtbot, view) -> None:
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End, CTRL)
    qtbot.waitUntil(lambda: _top_row(view) > 100)


def _click_header(qtbot, view, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_a_new_sort_shows_its_first_row_at_the_top(qtbot, table_window) -> None:
    tab = table_window.orders_tab
    header = tab.view.horizontalHeader()
    _to_the_end(qtbot, tab.view)
    _click_header(qtbot, tab.view, Column.TOTAL)
    if header.sortIndicatorOrder() != Qt.SortOrder.DescendingOrder:
        _click_header(qtbot, tab.view, Column.TOTAL)
    qtbot.waitUntil(lambda: tab.model.complete)
    assert _top_row(tab.view) == 0
    largest = order_ids(OrderFilter(), sort=OrderSort.TOTAL, descending=True, limit=1)[0]
    assert tab.model.row_at(_top_row(tab.view)).id == largest  # the largest order, on top
    _to_the_end(qtbot, tab.view)
    _click_header(qtbot, tab.view, Column.DATE)
    qtbot.waitUntil(lambda: tab.model.complete)
    assert _top_row(tab.view) == 0
    assert tab.view.verticalScrollBar().value() == 0


def test_a_new_filter_shows_its_first_row_at_the_top(qtbot, table_window) -> None:
    tab = table_window.orders_tab
    _to_the_end(qtbot, tab.view)
    tab.status_combo.setFocus()
    qtbot.keyClick(tab.status_combo, Qt.Key.Key_Down)  # "All statuses" → the first status
    qtbot.waitUntil(lambda: tab.model.complete)
    assert tab.model.current_filter.status == "pending"
    assert _top_row(tab.view) == 0
    tab.status_combo.setFocus()
    qtbot.keyClick(tab.status_combo, Qt.Key.Key_Up)  # all statuses again
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.count == 1500)
    _to_the_end(qtbot, tab.view)
    first = tab.model.row_at(0)
    tab.filter_edit.setFocus()
    qtbot.keyClicks(tab.filter_edit, first.client_name.split()[-1][:3])
    qtbot.keyClick(tab.filter_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.count < 1500)
    assert _top_row(tab.view) == 0


def test_a_refresh_keeps_the_row_at_the_top(qtbot, table_window) -> None:
    """An order written elsewhere: the table reloads and the reader stays where they were."""
    tab = table_window.orders_tab
    tab.view.setFocus()
    for _ in range(30):
        qtbot.keyClick(tab.view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: _top_row(tab.view) > 300)
    reading = tab.model.row_at(_top_row(tab.view)).id
    orders.create_order(client_id=1, lines=[LineInput(product_id=1, quantity=1)])
    table_window.signals.changed.emit(Changes.of(Area.ORDERS))
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.count == 1501)
    qtbot.waitUntil(lambda: tab.model.row_at(_top_row(tab.view)).id == reading)


def test_a_new_stock_filter_shows_its_first_row_at_the_top(qtbot, window) -> None:
    for n in range(80):
        stock.create_product(
            ProductInput(sku=f"P-{n:03}", name=f"Produit {n}", unit_price=Decimal(1))
        )
    show(qtbot, window)
    window.tabs.setCurrentWidget(window.stock_tab)
    tab = window.stock_tab
    tab.refresh()
    tab.products_view.setFocus()
    qtbot.keyClick(tab.products_view, Qt.Key.Key_End, CTRL)
    qtbot.waitUntil(lambda: _top_row(tab.products_view) > 20)
    tab.search_edit.setFocus()
    qtbot.keyClicks(tab.search_edit, "p-0")
    qtbot.waitUntil(lambda: tab.products.rowCount() == 80)
    assert _top_row(tab.products_view) == 0


def test_a_painted_cell_shows_what_data_answers(qtbot, table_window) -> None:
    """The view paints from multiData (every role of a cell in one call): for every column
    and every role the table answers, the same as data()."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    tab = table_window.orders_tab
    show(qtbot, table_window)
    table_window.show_orders_table()
    model = tab.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.DecorationRole,
    )
    # One cell per role for the whole walk, as the view reuses them from index to index
    # (a colour or an alignment left from the previous cell painted every column so).
    cells = {role: QModelRoleData(int(role)) for role in roles}
    for row in (0, model.rowCount() - 1):
        for column in Column:
            index = model.index(row, column)
            for role, cell in cells.items():
                model.multiData(index, QModelRoleDataSpan(cell))
                assert cell.data() == model.data(index, role), (row, column.name, role)
    status = model.index(0, Column.STATUS)
    assert model.data(status, Qt.ItemDataRole.ForegroundRole) is not None  # one is coloured
