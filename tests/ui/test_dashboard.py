"""The manager's dashboard (issue 20): shown to managers and administrators only, driven from
the keyboard, its figures those of the core's figures(period), computed off the window's
thread, following the data, exporting each section to CSV and the whole to PDF."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from gestco.domain.figures import Period
from gestco.domain.permissions import Role
from gestco.services import figures as core_figures
from gestco.services import settings as core_settings
from gestco.storage import binding
from tests.support.databases import fresh_database
from tests.support.keyboard import Keyboard, show
from tests.support.shop import Shop, advance
from ui.display import formatting
from ui.runtime import file_dialogs

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NAMES = {Role.MANAGER: "gerant", Role.COUNTER: "comptoir", Role.ADMIN: "admin"}


def _seed() -> None:
    """Today's orders: three products, four orders, one of them cancelled."""
    shop = Shop()
    client = shop.client()
    coffee = shop.product("CAF-250", "Café arabica 250 g", "45.00", 100)
    tea = shop.product("THE-100", "Thé vert 100 g", "19.90", 100)
    honey = shop.product("MIE-500", "Miel de thym 500 g", "120.00", 3)
    shop.order(client.id, (coffee.id, 2), (tea.id, 1))
    shop.order(client.id, (tea.id, 5))
    shop.order(client.id, (honey.id, 1), channel="phone")
    advance(shop.order(client.id, (coffee.id, 1)), "cancelled", note="test")


def _window(qtbot, path: Path, role: Role = Role.MANAGER, *, seed: bool = True):
    from tests.support.staff import signed_window

    window = signed_window(fresh_database(path), NAMES[role], role)
    if seed:
        _seed()
    qtbot.addWidget(window)
    show(qtbot, window)
    return window


@pytest.fixture
def manager_window(qtbot, tmp_path) -> Iterator:
    window = _window(qtbot, tmp_path / "dash.sqlite3")
    yield window
    window.dashboard_tab.stop()
    binding.close_database()


def _open(qtbot, window, keys: Keyboard):
    """F7, then the first figures (this month's) on screen."""
    tab = window.dashboard_tab
    with qtbot.waitSignal(tab.shown, timeout=20_000):
        keys.press(Key.Key_F7)
    assert window.tabs.currentWidget() is tab
    assert keys.focused() is tab.picker.combo
    return tab


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN, Role.COUNTER])
def test_the_dashboard_is_offered_to_managers_and_admins_only(qtbot, tmp_path, role) -> None:
    window = _window(qtbot, tmp_path / "roles.sqlite3", role, seed=False)
    try:
        index = window.tabs.indexOf(window.dashboard_tab)
        offered = role != Role.COUNTER
        assert window.tabs.isTabVisible(index) is offered
        assert window.dashboard_action.isVisible() is offered
        keys = Keyboard(qtbot, window)
        keys.press(Key.Key_F7)
        assert (window.tabs.currentWidget() is window.dashboard_tab) is offered
    finally:
        window.dashboard_tab.stop()
        binding.close_database()


def test_a_period_chosen_from_the_keyboard_shows_the_core_figures(qtbot, manager_window) -> None:
    window = manager_window
    keys = Keyboard(qtbot, window)
    tab = _open(qtbot, window, keys)
    today = date.today()
    wanted = core_figures.presets(today)["7d"]
    with qtbot.waitSignal(tab.shown, timeout=20_000, check_params_cb=lambda f: f.period == wanted):
        keys.press(Key.Key_Home)  # Today
        keys.press(Key.Key_Down)  # Last 7 days
    expected = core_figures.figures(wanted)
    assert tab.figures == expected
    assert expected.totals.orders == 4 and expected.totals.cancelled == 1
    currency = core_settings.get_setting("currency")
    totals = expected.totals
    assert tab.cards["revenue"].value_label.text() == formatting.money(
        totals.revenue_cents, currency
    )
    assert tab.cards["revenueExcl"].value_label.text() == formatting.money(
        totals.revenue_excl_cents, currency
    )
    assert tab.cards["orders"].value_label.text() == "4"
    assert tab.cards["basket"].value_label.text() == formatting.money(
        totals.average_basket_cents or 0, currency
    )
    assert tab.cards["cancelled"].value_label.text() == "25.0\u00a0%"
    assert tab.balance_card.value_label.text() == formatting.money(
        expected.balance_due_cents, currency
    )
    top = tab.tables["topQuantity"].model()
    assert [top.row_at(r)[0] for r in range(top.rowCount())] == [
        p.sku for p in expected.top_products
    ]
    assert [top.index(r, 2).data() for r in range(top.rowCount())] == [
        str(p.quantity) for p in expected.top_products
    ]
    low = tab.tables["lowStock"].model()
    assert [low.row_at(r)[0] for r in range(low.rowCount())] == [s.sku for s in expected.low_stock]
    operators = tab.tables["operators"].model()
    assert operators.row_at(0)[1:] == (
        expected.operators[0].orders,
        expected.operators[0].revenue_cents,
        expected.operators[0].discounts_cents,
        expected.operators[0].cancellations,
    )
    assert tab.sales_chart.values == [b.revenue_cents for b in expected.per_bucket]
    # the values on hover: each bar's day, revenue and orders
    assert formatting.money(expected.per_bucket[-1].revenue_cents, currency) in (
        tab.sales_chart.tooltip_text(len(expected.per_bucket) - 1)
    )


def test_chosen_dates_are_typed(qtbot, manager_window) -> None:
    window = manager_window
    keys = Keyboard(qtbot, window)
    tab = _open(qtbot, window, keys)
    today = date.today()
    start, end = today - timedelta(days=3), today
    keys.press(Key.Key_M, ALT)  # fro&m
    assert keys.focused() is tab.picker.start.edit
    keys.press(Key.Key_A, CTRL)
    keys.type(start.strftime("%d/%m/%Y"))
    keys.press(Key.Key_Tab)
    assert keys.focused() is tab.picker.end.edit
    keys.press(Key.Key_A, CTRL)
    wanted = Period(start, end)
    with qtbot.waitSignal(tab.shown, timeout=20_000, check_params_cb=lambda f: f.period == wanted):
        keys.type(end.strftime("%d%m%Y"))
        keys.press(Key.Key_Return)
    assert tab.picker.key() == "custom"
    assert tab.figures == core_figures.figures(wanted)
    # an end before the start is refused beside the dates, the figures shown stay
    keys.press(Key.Key_A, CTRL)
    keys.type((start - timedelta(days=1)).strftime("%d/%m/%Y"))
    keys.press(Key.Key_Return)
    assert tab.picker.end.error.isVisible()
    assert tab.figures is not None and tab.figures.period == wanted


def test_return_on_a_status_opens_its_orders(qtbot, manager_window) -> None:
    window = manager_window
    keys = Keyboard(qtbot, window)
    tab = _open(qtbot, window, keys)
    period = tab.figures.period
    tab.status_table.setFocus()
    keys.press(Key.Key_End, CTRL)  # the last status: cancelled
    keys.press(Key.Key_Return)
    orders = window.orders_tab
    assert window.tabs.currentWidget() is orders
    assert orders.status_combo.currentData() == "cancelled"
    assert (orders.date_from.value(), orders.date_to.value()) == (period.start, period.end)
    qtbot.waitUntil(lambda: orders.model.complete and orders.model.count is not None)
    cancelled = next(s.orders for s in tab.figures.by_status if s.status == "cancelled")
    assert orders.model.count == cancelled == 1
    assert orders.model.row_at(0).status == "cancelled"


def _answer(monkeypatch, path: Path) -> list[str]:
    asked: list[str] = []

    def save_file_name(parent, caption, suggested, filters):
        asked.append(suggested)
        return str(path), filters

    monkeypatch.setattr(file_dialogs, "save_file_name", save_file_name)
    return asked


@pytest.fixture(params=["en", "fr"])
def language(request, qapp) -> Iterator[str]:
    from ui.runtime.languages import install_translator

    translator = install_translator(qapp, request.param)
    yield request.param
    if translator is not None:
        qapp.removeTranslator(translator)


def test_a_section_exports_to_csv(qtbot, tmp_path, monkeypatch, language) -> None:
    window = _window(qtbot, tmp_path / "csv.sqlite3")
    try:
        keys = Keyboard(qtbot, window)
        tab = _open(qtbot, window, keys)
        target = tmp_path / "best.csv"
        _answer(monkeypatch, target)
        tab.findChild(QToolButton, "topQuantityCsvButton").setFocus()
        keys.press(Key.Key_Return)
        raw = target.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: spreadsheets read accents
        text = raw.decode("utf-8-sig")
        delimiter = ";" if language == "fr" else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        top = tab.figures.top_products
        if language == "fr":
            assert rows[0] == ["Référence", "Produit", "Quantité", "CA TTC"]
        else:
            assert rows[0] == ["SKU", "Product", "Quantity", "Revenue incl. tax"]
        decimal = "," if language == "fr" else "."
        assert rows[1:] == [
            [
                p.sku,
                p.name,
                str(p.quantity),
                f"{p.revenue_cents // 100}{decimal}{p.revenue_cents % 100:02d}",
            ]
            for p in top
        ]
        assert top[0].sku == "THE-100" and top[0].quantity == 6
    finally:
        window.dashboard_tab.stop()
        binding.close_database()


def test_the_whole_dashboard_saves_as_pdf(qtbot, manager_window, tmp_path, monkeypatch) -> None:
    window = manager_window
    keys = Keyboard(qtbot, window)
    tab = _open(qtbot, window, keys)
    target = tmp_path / "dashboard.pdf"
    _answer(monkeypatch, target)
    tab.pdf_button.setFocus()
    keys.press(Key.Key_Return)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Best sellers by quantity" in text
    assert "Café arabica 250 g" in text


def test_figures_are_computed_off_the_window_thread(qtbot, manager_window) -> None:
    tab = _open(qtbot, manager_window, Keyboard(qtbot, manager_window))
    assert tab.computed_on is not None
    assert tab.computed_on != threading.main_thread().ident


def test_the_dashboard_follows_new_orders_when_shown_not_while_hidden(
    qtbot, manager_window
) -> None:
    window = manager_window
    keys = Keyboard(qtbot, window)
    tab = _open(qtbot, window, keys)
    before = tab.figures.totals.orders
    from gestco.domain.records import LineInput

    product = tab.figures.top_products[0].product_id
    found = window.services.clients.identify("0612345678")
    assert found is not None
    client = found.id

    def add_order() -> None:
        window.services.orders.create_order(
            client_id=client, lines=[LineInput(product_id=product, quantity=1)]
        )

    with qtbot.waitSignal(tab.shown, timeout=20_000):
        add_order()  # published as the window's change notice: the figures follow
    assert tab.figures.totals.orders == before + 1
    keys.press(Key.Key_F6)  # hidden: a new order only marks the figures stale
    computed: list[object] = []
    tab.shown.connect(computed.append)
    add_order()
    qtbot.waitUntil(lambda: tab._stale)
    assert computed == [] and tab.state_label.text() == ""
    with qtbot.waitSignal(tab.shown, timeout=20_000):
        keys.press(Key.Key_F7)  # shown again: computed again
    assert tab.figures.totals.orders == before + 2


def test_the_figures_shown_stay_while_new_ones_are_computed(
    qtbot, manager_window, monkeypatch
) -> None:
    window = manager_window
    keys = Keyboard(qtbot, window)
    tab = _open(qtbot, window, keys)
    before = tab.cards["revenue"].value_label.text()
    started, release = threading.Event(), threading.Event()
    real = tab.services.figures

    def slow(period):
        started.set()
        assert release.wait(30)
        return real(period)

    monkeypatch.setattr(tab.services, "figures", slow)
    keys.press(Key.Key_Home)  # Today: computed beside the window
    assert started.wait(30)
    assert tab.state_label.text() == "Computing…"
    assert tab.cards["revenue"].value_label.text() == before != "—"
    assert keys.focused() is tab.picker.combo  # the window still answers
    with qtbot.waitSignal(tab.shown, timeout=20_000):
        release.set()
    assert tab.state_label.text() == ""
    assert tab.figures.period == core_figures.presets(date.today())["today"]


def test_tab_goes_down_the_page(qtbot, manager_window) -> None:
    window = manager_window
    keys = Keyboard(qtbot, window)
    _open(qtbot, window, keys)
    visited = []
    for _ in range(12):
        keys.press(Key.Key_Tab)
        visited.append(keys.focused().objectName())
    assert visited == [
        "periodStartEdit",
        "periodEndEdit",
        "dashboardPdfButton",
        "summaryCsvButton",
        "salesCsvButton",
        "channelsCsvButton",
        "sourcesCsvButton",
        "statusesCsvButton",
        "statusesTable",
        "topQuantityCsvButton",
        "topQuantityTable",
        "topRevenueCsvButton",
    ]
