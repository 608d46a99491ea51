"""The window at the sizes shops have: the first start fits a 1366×768 screen, every screen
is usable at 1024×700, and at 1920×1080 the room goes to the content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle

from gestco.storage import binding, raw_sql
from tests.support.databases import ON_POSTGRES, demo_database
from tests.support.keyboard import Keyboard, show
from ui.models.orders_table import Column as OrdersColumn
from ui.models.products import Column as ProductsColumn

Key = Qt.Key
DEMO = {"clients": 200, "orders": 2000, "products": 32, "seed": 5}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("layout") / "demo.sqlite3"
    if not ON_POSTGRES:
        demo_database(path, **DEMO)
    return path


@pytest.fixture
def demo_window(qtbot, demo_path, tmp_path):
    from tests.support.staff import signed_window

    if ON_POSTGRES:
        target = demo_database(demo_path, **DEMO)
    else:
        target = str(tmp_path / "demo.sqlite3")
        shutil.copy(demo_path, target)
    window = signed_window(target)
    qtbot.addWidget(window)
    show(qtbot, window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    yield window
    window.watcher.stop()
    binding.close_database()


def _at(qtbot, window, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (width, height))
    QApplication.processEvents()


def test_the_first_start_fits_the_screen(qtbot, tmp_path) -> None:
    """844×666 was cut on a 1366×768 screen: with no saved geometry the window takes the
    screen where it is small, a roomy window where it is not."""
    from tests.support.staff import signed_window

    window = signed_window(str(tmp_path / "first.sqlite3"))
    qtbot.addWidget(window)
    show(qtbot, window)
    available = window.screen().availableGeometry()
    assert window.isMaximized() or (
        window.width() >= 1400 and window.frameGeometry().height() <= available.height()
    )
    window.watcher.stop()
    binding.close_database()


def test_every_tab_fits_1024_by_700(qtbot, demo_window) -> None:
    window = demo_window
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 700, window.tabs.tabText(index)


@pytest.mark.parametrize("size", [(1024, 700), (1366, 768), (1920, 1080)])
def test_the_orders_table_shows_every_column_whole(qtbot, demo_window, size) -> None:
    window = demo_window
    _at(qtbot, window, *size)
    Keyboard(qtbot, window).press(Key.Key_F6)
    view = window.orders_tab.view
    qtbot.waitUntil(lambda: view.model().rowCount() > 0)
    right = view.columnViewportPosition(OrdersColumn.TOTAL) + view.columnWidth(OrdersColumn.TOTAL)
    assert right <= view.viewport().width()
    metrics = view.fontMetrics()
    optional = (OrdersColumn.EXTERNAL, OrdersColumn.SOURCE)
    # The shop's number and the source give way to the others on a 1024-pixel screen only.
    assert [view.isColumnHidden(c) for c in optional] == [size[0] < 1366] * 2
    for column in OrdersColumn:
        if view.isColumnHidden(column):
            continue
        text = str(view.model().index(0, column).data())
        assert metrics.horizontalAdvance(text) < view.columnWidth(column), (column, text)


def test_the_client_column_is_not_half_the_table_on_a_large_screen(qtbot, demo_window) -> None:
    window = demo_window
    _at(qtbot, window, 1920, 1080)
    Keyboard(qtbot, window).press(Key.Key_F6)
    view = window.orders_tab.view
    assert view.columnWidth(OrdersColumn.CLIENT) < 0.3 * view.viewport().width()
    widths = [view.columnWidth(c) for c in OrdersColumn]
    assert sum(widths) >= view.viewport().width() - len(widths)  # the room is used


@pytest.mark.parametrize("size", [(1024, 700), (1366, 768), (1920, 1080)])
def test_stock_names_are_not_cut(qtbot, demo_window, size) -> None:
    window = demo_window
    _at(qtbot, window, *size)
    window.tabs.setCurrentWidget(window.stock_tab)
    QApplication.processEvents()
    view = window.stock_tab.products_view
    model = view.model()
    metrics = view.fontMetrics()
    widest = max(
        metrics.horizontalAdvance(model.index(r, ProductsColumn.NAME).data())
        for r in range(model.rowCount())
    )
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1  # Qt's
    assert widest + 2 * margin <= view.columnWidth(ProductsColumn.NAME)  # rule to elide
    names = [model.row_at(r).name for r in range(model.rowCount())]
    longest = (
        max(names, key=metrics.horizontalAdvance) if size[0] > 1024 else "Babouches en cuir T40"
    )
    assert window.stock_tab.name_edit.width() > metrics.horizontalAdvance(longest) + 10  # + frame


def test_an_order_status_is_not_cut(qtbot, demo_window) -> None:
    """'En préparation (inchangé)' was cut in the first window."""
    window = demo_window
    _at(qtbot, window, 1024, 700)
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F4)
    keys.type(str(raw_sql.fetch_one("SELECT number FROM orders WHERE status = 'processing'")[0]))
    keys.press(Key.Key_Return)
    combo = window.search_tab.order_view.status_combo
    QApplication.processEvents()
    assert combo.width() >= combo.fontMetrics().horizontalAdvance(combo.currentText()) + 30


def test_product_suggestions_are_wide_enough_to_tell_variants_apart(qtbot, demo_window) -> None:
    window = demo_window
    _at(qtbot, window, 1024, 700)
    keys = Keyboard(qtbot, window)
    phone = str(raw_sql.fetch_one("SELECT phone FROM clients ORDER BY id")[0])
    keys.press(Key.Key_F2)
    keys.type("0" + phone[4:])
    keys.press(Key.Key_Return)
    keys.press(Key.Key_F3)
    editor = window.new_order_tab.lines
    assert keys.focused() is editor.product_edit
    keys.type("th")
    popup = editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    texts = [
        editor.product_model.index(r, 0).data() for r in range(editor.product_model.rowCount())
    ]
    assert len(texts) >= 2
    widest = max(popup.fontMetrics().horizontalAdvance(t) for t in texts)
    assert popup.viewport().width() >= widest


@pytest.mark.parametrize("size", [(1024, 700), (1366, 768)])
def test_the_client_matches_get_the_page(qtbot, demo_window, size) -> None:
    """The list of clients a name matches was cut to 8 rows above an empty page."""
    from gestco.services import clients

    window = demo_window
    _at(qtbot, window, *size)
    keys = Keyboard(qtbot, window)
    letter = max("ABEHKMS", key=lambda x: len(clients.search_clients(x, limit=50)))
    keys.press(Key.Key_F5)
    keys.type(letter)
    keys.press(Key.Key_Return)
    tab = window.search_tab
    view = tab.matches_view
    assert view.isVisible() and tab.matches.rowCount() >= 30
    QApplication.processEvents()
    rows = view.viewport().height() // view.sizeHintForRow(0)
    assert rows >= 15
    page = tab.client_page
    bottom = view.mapTo(page, view.rect().bottomLeft()).y()
    assert bottom >= page.height() - 30  # down to the page's foot: no empty page below


@pytest.mark.parametrize("size", [(1024, 700), (1366, 768), (1920, 1080)])
def test_the_new_order_gives_the_room_to_its_lines(qtbot, demo_window, size) -> None:
    """At 1920×1080 the Delivery box stood in a column beside the lines with a large empty
    area under it: the lines take the width and the height, the delivery is under them."""
    window = demo_window
    _at(qtbot, window, *size)
    keys = Keyboard(qtbot, window)
    phone = str(raw_sql.fetch_one("SELECT phone FROM clients ORDER BY id")[0])
    keys.press(Key.Key_F2)
    keys.type("0" + phone[4:])
    keys.press(Key.Key_Return)
    keys.press(Key.Key_F3)
    tab = window.new_order_tab
    QApplication.processEvents()

    def box(widget):
        return widget.geometry().translated(
            widget.parentWidget().mapTo(tab, widget.pos()) - widget.pos()
        )

    lines, delivery, total = box(tab.lines_view), box(tab.delivery), box(tab.total_label)
    assert lines.width() >= 0.95 * tab.width()
    assert delivery.width() >= 0.95 * tab.width()
    assert delivery.top() > lines.bottom()  # under the lines
    # nothing empty between them: the deposit's row (issue 19), then the total
    deposit = box(tab.deposit)
    assert deposit.top() - delivery.bottom() < 30
    assert total.top() - deposit.bottom() < 30
    rows = (
        tab.lines_view.viewport().height() // tab.lines_view.verticalHeader().defaultSectionSize()
    )
    assert rows >= (9 if size[1] < 768 else 12)
