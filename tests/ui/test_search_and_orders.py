"""Search and edit an order or a client; the managers' orders table and its export."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gestco.domain.change_areas import Changes
from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, stock
from gestco.services.order_table import OrderFilter, count_and_sum
from gestco.storage import binding, opening
from tests.support.databases import ON_POSTGRES, TABLE_DEMO, demo_database
from tests.support.keyboard import show
from ui.models.history import Column as HistoryColumn
from ui.models.history import HistoryModel, order_history
from ui.models.orders_table import Column, OrdersTableModel


@pytest.fixture
def pending_order(db_path):
    product = stock.create_product(
        ProductInput(sku="CAF-250", name="Café", unit_price=Decimal("45")),
        initial_stock=10,
    )
    client = clients.create_client(
        ClientInput(phone="0612345678", first_name="Amina", last_name="Benali")
    )
    order = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=3)]
    )
    return order, product


@pytest.fixture
def search(qtbot, tmp_path, pending_order):
    from tests.support.staff import signed_window

    window = signed_window(str(binding.database_path()))
    qtbot.addWidget(window)
    show(qtbot, window)
    window.show_order_search()
    return window


def _status_codes(view) -> list:
    return [view.status_combo.itemData(i) for i in range(view.status_combo.count())]


def test_find_an_order_and_move_it_to_shipped(qtbot, search, pending_order) -> None:
    order, product = pending_order
    view = search.search_tab.order_view
    view.number_edit.setText(f"{order.created_at.year}-1")
    qtbot.keyClick(view.number_edit, Qt.Key.Key_Return)
    assert view.order is not None and view.order.number == order.number
    assert _status_codes(view) == [None, "processing", "on_hold", "cancelled"]  # no "shipped" yet
    view.status_combo.setCurrentIndex(1)
    view.save()
    assert view.order.status == "processing"
    assert _status_codes(view) == [None, "shipped", "on_hold", "cancelled"]
    view.status_combo.setCurrentIndex(1)
    view.save()
    assert view.order.status == "shipped"
    assert (stock.get_product(product.id).on_hand, stock.get_product(product.id).reserved) == (7, 0)
    history = view.history_model
    assert history.rowCount() == 3
    shown = [history.index(r, HistoryColumn.TO).data() for r in range(3)]
    assert shown == ["To process", "Processing", "Shipped"]
    assert not view.lines.isEnabled()  # lines are fixed once the order left "pending"


def test_cancelling_asks_for_a_note(search, pending_order) -> None:
    order, product = pending_order
    view = search.search_tab.order_view
    search.search_tab.open_order(order.number)
    view.status_combo.setCurrentIndex(_status_codes(view).index("cancelled"))
    view.save()
    error = view.findChild(type(view.banner), "orderStatusNoteError")
    assert error.isVisible() and error.text()
    assert orders.get_order(order.number).status == "pending"
    view.status_note_edit.setText("Le client a changé d'avis")
    view.save()
    assert orders.get_order(order.number).status == "cancelled"
    assert stock.get_product(product.id).reserved == 0
    assert not view.status_combo.isEnabled()


def test_a_stale_copy_gets_a_conflict_and_loses_nothing(search, pending_order) -> None:
    order, _ = pending_order
    view = search.search_tab.order_view
    search.search_tab.open_order(order.number)
    # someone else saves first, from another workstation
    orders.update_order(order_id=order.id, expected_version=order.version, notes="Livrer le matin")
    view.notes_edit.setText("Livrer le soir")
    view.save()
    assert view.banner.isVisible() and "someone else" in view.banner.text()
    assert orders.get_order(order.number).notes == "Livrer le matin"
    assert view.notes_edit.text() == "Livrer le matin"  # reloaded: their change is shown
    view.notes_edit.setText("Livrer le soir")
    view.save()
    assert orders.get_order(order.number).notes == "Livrer le soir"


def test_edit_lines_and_shipping_date_while_pending(qtbot, search, pending_order) -> None:
    from datetime import date, timedelta

    order, product = pending_order
    view = search.search_tab.order_view
    search.search_tab.open_order(order.number)
    assert view.lines.model.setData(view.lines.model.index(0, 1), 5)
    later = date.today() + timedelta(days=4)
    view.shipping_date_edit.selectAll()
    qtbot.keyClicks(view.shipping_date_edit, later.strftime("%d/%m/%Y"))
    view.save()
    saved = orders.get_order(order.number)
    assert (saved.lines[0].quantity, saved.shipping_date, saved.total_cents) == (5, later, 22500)
    assert stock.get_product(product.id).reserved == 5


def test_not_found_and_bad_numbers_say_so_in_place(search) -> None:
    view = search.search_tab.order_view
    for typed in ("2026-999", "hello"):
        view.number_edit.setText(typed)
        view.open_typed_number()
        assert view.banner.isVisible() and view.banner.text()
        assert not view.body.isVisible()


def test_a_client_by_phone_edit_and_open_an_order(qtbot, search, pending_order) -> None:
    order, _ = pending_order
    tab = search.search_tab
    search.show_client_search()
    tab.client_search_edit.setText("+212 6 12 34 56 78")
    qtbot.keyClick(tab.client_search_edit, Qt.Key.Key_Return)
    assert tab.details.isVisible()
    assert tab.form.fields["last_name"].text() == "Benali"
    assert "1" in tab.stats_label.text() and "135" in tab.stats_label.text()
    tab.form.fields["email"].setText("amina@example.com")
    tab.form.fields["city"].setText("Tanger")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    stored = clients.identify("0612345678")
    assert (stored.email, stored.city) == ("amina@example.com", "Tanger")
    tab.orders_view.setFocus()
    tab.orders_view.setCurrentIndex(tab.orders_model.index(0, 0))
    qtbot.keyClick(tab.orders_view, Qt.Key.Key_Return)
    assert tab.pages.currentWidget() is tab.order_view
    assert tab.order_view.order.number == order.number


def test_a_client_by_name_lists_the_matches(qtbot, search, pending_order) -> None:
    clients.create_client(ClientInput(phone="0611111111", last_name="Bennani"))
    tab = search.search_tab
    search.show_client_search()
    tab.client_search_edit.setText("ben")
    tab.find_client()
    assert tab.matches_view.isVisible() and tab.matches.rowCount() == 2
    qtbot.keyClick(tab.matches_view, Qt.Key.Key_Down)
    qtbot.keyClick(tab.matches_view, Qt.Key.Key_Return)
    assert tab.client is not None and tab.client.last_name == "Bennani"
    tab.client_search_edit.setText("zzz")
    tab.find_client()
    assert tab.search_message.isVisible() and not tab.details.isVisible()


# --- the managers' table ------------------------------------------------------------------


def test_table_model_passes_the_model_tester(qtmodeltester, qtbot, demo_path) -> None:
    opening.open_database(demo_database(demo_path, **TABLE_DEMO) if ON_POSTGRES else demo_path)
    try:
        model = OrdersTableModel(region="MA")
        model.reload()
        qtbot.waitUntil(lambda: model.complete)
        assert model.rowCount() == 1500
        qtmodeltester.check(model)
        history = HistoryModel()
        history.set_rows(order_history(orders.get_order_by_id(1).history, []))
        qtmodeltester.check(history)
    finally:
        binding.close_database()


@pytest.mark.parametrize(
    "flt",
    [
        OrderFilter(),
        OrderFilter(status="pending"),
        OrderFilter(channel="online"),
        OrderFilter(status="delivered", channel="counter"),
        OrderFilter(text="ben"),
    ],
)
def test_filtered_count_equals_the_core(qtbot, table_window, flt: OrderFilter) -> None:
    tab = table_window.orders_tab
    tab.status_combo.setCurrentIndex(tab.status_combo.findData(flt.status))
    tab.channel_combo.setCurrentIndex(tab.channel_combo.findData(flt.channel))
    tab.filter_edit.setText(flt.text)
    tab.apply_filters()
    qtbot.waitUntil(lambda: tab.model.complete)
    count, total = count_and_sum(flt)
    assert tab.model.rowCount() == count == tab.model.count
    assert tab.model.total_cents == total
    shown = "".join(ch for ch in tab.count_label.text() if ch.isdigit() or ch == "o")
    assert shown.startswith(f"{count}o")


def test_sorting_runs_in_sql(qtbot, table_window) -> None:
    tab = table_window.orders_tab
    tab.view.sortByColumn(Column.TOTAL, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: tab.model.complete)
    totals = [tab.model.row_at(r).total_cents for r in range(tab.model.rowCount())]
    assert totals == sorted(totals, reverse=True)
    last = tab.model.row_at(tab.model.rowCount() - 1)
    assert last.total_cents == min(totals)


def test_a_new_order_shows_up_without_a_refresh(qtbot, table_window) -> None:
    tab = table_window.orders_tab
    before = tab.model.rowCount()
    order = orders.create_order(client_id=1, lines=[LineInput(product_id=1, quantity=1)])
    table_window.signals.changed.emit(Changes.of("orders"))
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.rowCount() == before + 1)
    assert tab.model.row_at(0).number == order.number  # newest first


def test_opening_an_order_from_the_table(qtbot, table_window) -> None:
    tab = table_window.orders_tab
    tab.view.setFocus()
    tab.view.setCurrentIndex(tab.model.index(5, 0))
    number = tab.model.row_at(5).number
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert table_window.tabs.currentWidget() is table_window.search_tab
    assert table_window.search_tab.order_view.order.number == number


def test_sums_beyond_32_bits_reach_the_table(qtbot, db_path, monkeypatch) -> None:
    """The background load carries the filtered sum as a Python int (once an int signal
    argument overflowed past 21 million and the table never finished loading)."""
    import ui.models.orders_table as orders_table

    monkeypatch.setattr(orders_table, "FIRST_IDS", 2)  # take the background path with 3 orders
    product = stock.create_product(
        ProductInput(sku="TAP-XL", name="Tapis", unit_price=Decimal("9000000")),
        initial_stock=100,
    )
    client = clients.create_client(ClientInput(phone="0612345678", last_name="B"))
    for _ in range(3):
        orders.create_order(
            client_id=client.id, lines=[LineInput(product_id=product.id, quantity=1)]
        )
    model = OrdersTableModel(region="MA")
    model.reload()
    qtbot.waitUntil(lambda: model.complete)
    assert model.rowCount() == 3
    assert model.total_cents == 3 * 900_000_000 > 2**31


def test_an_order_is_not_short_of_the_stock_it_reserved_itself(search, pending_order) -> None:
    order, _ = pending_order  # 3 reserved of 10 on hand: 7 left for others
    view = search.search_tab.order_view
    search.search_tab.open_order(order.number)
    model = view.lines.model
    assert model.short_rows() == []
    assert model.index(0, 5).data() == "10"  # its own 3 plus the 7 still free
    assert model.setData(model.index(0, 1), 11)
    assert model.short_rows() == [0]
    orders.change_status(
        order_id=order.id,
        to_status="cancelled",
        expected_version=order.version,
        note="x",
    )
    search.search_tab.open_order(order.number)
    assert model.short_rows() == [] and model.index(0, 5).data() == ""


def test_a_product_suggested_while_editing_counts_what_the_order_holds(
    qtbot, search, pending_order
) -> None:
    """The suggestion says what the lines table says: the order's own 3 units are its
    to keep (once it said 7, the figure for another order)."""
    order, _ = pending_order
    view = search.search_tab.order_view
    search.search_tab.open_order(order.number)
    view.lines.product_edit.setFocus()
    qtbot.keyClicks(view.lines.product_edit, "caf")
    qtbot.waitUntil(view.lines.completer.popup().isVisible)
    suggestion = view.lines.product_model.index(0, 0).data()
    assert suggestion.endswith("(available: 10)"), suggestion
    assert view.lines.model.index(0, 5).data() == "10"


def test_a_list_of_matches_replaces_the_client_shown(qtbot, search, pending_order) -> None:
    clients.create_client(ClientInput(phone="0611111111", last_name="Bennani"))
    tab = search.search_tab
    search.show_client_search()
    tab.client_search_edit.setText("0612345678")
    tab.find_client()
    assert tab.details.isVisible()
    tab.client_search_edit.setText("ben")
    tab.find_client()
    assert tab.matches_view.isVisible() and not tab.details.isVisible()
