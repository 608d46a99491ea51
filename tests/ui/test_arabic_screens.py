"""The screens in Arabic (issue 21), over the demo's data and typed as a clerk types: every
number the window puts into an Arabic sentence, a label or a table cell sits in an isolate
(else the bidirectional algorithm lays "06 12 34 56 78" out as "78 56 34 12 06" and
"-5,00" as "5,00-"); the fields of phones, SKUs, quantities, amounts and dates run left to
right; and what was typed in the Arabic window is what the services saved."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStatusBar,
    QTabBar,
)

from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, stock
from gestco.storage import binding, raw_sql
from tests.support.databases import ON_POSTGRES, demo_database, fresh_database
from tests.support.keyboard import Keyboard, show
from tests.support.languages import interface_in, signed_window_in

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
ARABIC = re.compile(r"[\u0600-\u06ff]")
TAG = re.compile(r"<[^>]*>")
TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "gestco_ar.ts"
PLACEHOLDER = re.compile(r"\{\w+\}|%n|%L?\d")
ROWS = 60  # the rows of a table looked at (the first ones: the others are the same code)


def _literal_numbers() -> tuple[str, ...]:
    """The pieces of the Arabic catalogue's own text that hold digits ("آخر 7 أيام", the
    example "مثل CAF-250"): the translator's, not a value the screens put in."""
    pieces = set()
    for translation in ET.parse(TS).getroot().iter("translation"):
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            pieces.update(p for p in PLACEHOLDER.split(form) if re.search(r"\d", p))
    return tuple(sorted(pieces, key=len, reverse=True))


LITERALS = _literal_numbers()


def loose_digits(text: str) -> list[int]:
    """Where `text` has a digit outside every isolate (LRI/RLI/FSI … PDI), but in the
    catalogue's own words."""
    covered: set[int] = set()
    for piece in LITERALS:
        start = text.find(piece)
        while start >= 0:
            covered.update(range(start, start + len(piece)))
            start = text.find(piece, start + 1)
    depth, loose = 0, []
    for at, char in enumerate(text):
        if char in (LRI, RLI, FSI):
            depth += 1
        elif char == PDI:
            depth = max(0, depth - 1)
        elif "0" <= char <= "9" and not depth and at not in covered:
            loose.append(at)
    return loose


def _cells(model: QAbstractItemModel | None) -> Iterator[str]:
    if model is None:
        return
    for row in range(min(model.rowCount(), ROWS)):
        for column in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.index(row, column).data(role)
                if isinstance(value, str):
                    yield value


def shown_texts() -> list[tuple[str, str, bool]]:
    """(where, text, is a table cell) for every visible widget's words: labels, buttons,
    hints, group and tab titles, window titles, tooltips, the status bar, the cells (and
    their tooltips) of the tables and suggestion lists on screen."""
    found: list[tuple[str, str, bool]] = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        where = widget.objectName() or type(widget).__name__
        texts = [widget.toolTip()]
        if widget.isWindow():
            texts.append(widget.windowTitle())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(TAG.sub("", widget.text()))
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QSpinBox):
            texts += [widget.prefix(), widget.suffix()]
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QStatusBar):
            texts.append(widget.currentMessage())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                texts += [widget.tabText(index), widget.tabToolTip(index)]
        elif isinstance(widget, QAbstractItemView):
            found += [(f"{where} cell", cell, True) for cell in _cells(widget.model())]
        found += [(where, text, False) for text in texts if text]
    return found


def misread(texts: list[tuple[str, str, bool]]) -> list[tuple[str, str]]:
    """The texts whose numbers the Arabic window would lay out out of order: a sentence in
    Arabic with a bare number in it, or a table cell with one (a cell is a right-to-left
    line of its own: "06 12 34" alone reads backwards too)."""
    return [
        (where, text)
        for where, text, cell in texts
        if (cell or ARABIC.search(text)) and loose_digits(text)
    ]


def test_the_catalogue_isolates_its_own_grouped_numbers() -> None:
    """The Arabic catalogue's examples of a phone, a date with its time, a signed amount,
    and the count Qt puts for %n: isolated there, as the screens isolate their values."""
    grouped = re.compile(r"(?<![\w\-/.:@+])([+\-]?\d+(?:[ .,:/\-]\d+)+|[+\-]\d+)(?![\w])")
    bare = []
    for translation in ET.parse(TS).getroot().iter("translation"):
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            if not ARABIC.search(form):
                continue
            outside = re.sub(f"{LRI}[^{PDI}]*{PDI}", " ", form)
            if "%n" in outside or grouped.search(outside):
                bare.append(form)
    assert bare == []


# --- the window over the demo's data, in Arabic ------------------------------------------


DEMO_SIZES = {"clients": 30, "orders": 120, "products": 12, "seed": 7}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path | None:
    """The demo's file, made once for the module (on a server: each test fills it anew)."""
    if ON_POSTGRES:
        return None
    path = tmp_path_factory.mktemp("arabic") / "demo.sqlite3"
    demo_database(path, **DEMO_SIZES)
    return path


@pytest.fixture
def arabic_window(qtbot, qapp, demo_file, tmp_path):
    import shutil

    target: str | Path = tmp_path / "copy.sqlite3"
    if demo_file is None:
        target = demo_database(tmp_path / "demo.sqlite3", **DEMO_SIZES)
    else:
        shutil.copy(demo_file, target)
    with signed_window_in(qtbot, qapp, "ar", target) as shown:
        yield shown


def _demo(sql: str) -> str:
    row = raw_sql.fetch_one(sql)
    assert row is not None, sql
    return str(row[0])


def _national(phone: str) -> str:
    return "0" + phone.removeprefix("+212")


def _walk_every_screen(qtbot, window, keys: Keyboard) -> list[tuple[str, str, bool]]:
    """Every tab with real data and a few typed flows, the texts seen at each step."""
    seen: list[tuple[str, str, bool]] = []

    def look() -> None:
        QApplication.processEvents()
        seen.extend(shown_texts())

    look()  # signed in: the tabs, the status bar's counts
    phone = _demo(
        "SELECT phone FROM clients c WHERE (SELECT count(*) FROM orders"
        " WHERE client_id = c.id) >= 2 ORDER BY id LIMIT 1"
    )
    tab = window.identify_tab
    keys.press(Key.Key_F2)
    keys.type("06abc")  # refused: the core's message, with its examples
    keys.press(Key.Key_Return)
    assert tab.phone_error.isVisible()
    look()
    keys.press(Key.Key_A, CTRL)
    keys.type(_national(phone)[:4])  # the suggestions: phone — name, city
    qtbot.waitUntil(lambda: tab.completer.popup().isVisible())
    look()
    keys.press(Key.Key_Escape)
    keys.press(Key.Key_A, CTRL)
    keys.type(_national(phone))
    keys.press(Key.Key_Return)
    assert tab.client is not None
    qtbot.waitUntil(lambda: tab.orders_model.rowCount() > 0)
    look()  # "known client", the last orders

    keys.press(Key.Key_F3)  # a new order for them
    new_order = window.new_order_tab
    sku = _demo("SELECT sku FROM products WHERE active = 1 ORDER BY id LIMIT 1")
    keys.type("zzz9")  # matches nothing: said with what was typed
    keys.press(Key.Key_Return)
    assert new_order.lines.error.isVisible()
    look()
    keys.press(Key.Key_A, CTRL)
    keys.type(sku[:3])  # the product suggestions: SKU — name — price (available)
    qtbot.waitUntil(lambda: new_order.lines.completer.popup().isVisible())
    look()
    keys.press(Key.Key_Escape)
    keys.press(Key.Key_A, CTRL)
    keys.type(sku)
    keys.press(Key.Key_Tab)
    keys.press(Key.Key_A, CTRL)
    keys.type("3")
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: new_order.lines_model.rowCount() == 1)
    look()  # the line, the totals
    keys.press(Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: bool(new_order.last_number))
    number = new_order.last_number
    look()  # "Order CMD-… recorded — total … · balance due …"

    keys.press(Key.Key_F4)  # a number no order has: the core says so, with the number
    view = window.search_tab.order_view
    keys.type("CMD-2020-999999")
    keys.press(Key.Key_Return)
    assert view.order is None
    look()
    keys.press(Key.Key_F4)  # the order found by its typed number
    keys.type(number)
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: view.order is not None and view.order.number == number)
    look()  # its title, dates, lines, payments, history
    delivered = _demo("SELECT number FROM orders WHERE status = 'delivered' ORDER BY id LIMIT 1")
    keys.press(Key.Key_F4)
    keys.type(delivered)
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: view.order is not None and view.order.number == delivered)
    look()

    keys.press(Key.Key_F5)  # the client's page: figures, orders, changes
    search = window.search_tab
    keys.press(Key.Key_A, CTRL)
    keys.type(_national(phone))
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: search.client is not None)
    look()
    for index in range(1, search.sections.count()):  # each section, as a person turns them
        keys.press(Key.Key_PageDown, CTRL)
        assert search.sections.currentIndex() == index
        look()

    keys.press(Key.Key_F6)  # every order
    qtbot.waitUntil(lambda: window.orders_tab.model.complete)
    look()
    window.tabs.setCurrentWidget(window.stock_tab)  # no key of its own: the tab, as clicked
    stock_tab = window.stock_tab
    stock_tab.products_view.setFocus()
    keys.press(Key.Key_Down)
    qtbot.waitUntil(lambda: stock_tab.movements.rowCount() > 0)
    look()  # the catalogue, a product's form and movements
    keys.press(Key.Key_F7)
    dashboard = window.dashboard_tab
    qtbot.waitUntil(lambda: dashboard.figures is not None, timeout=20_000)
    look()
    return seen


def test_every_number_shown_in_the_arabic_window_is_isolated(qtbot, arabic_window) -> None:
    window, keys = arabic_window
    seen = _walk_every_screen(qtbot, window, keys)
    assert sum(ARABIC.search(text) is not None for _, text, _ in seen) > 200  # Arabic it is
    assert sum(cell for *_, cell in seen) > 500  # and the tables were full
    assert misread(seen) == []


def test_the_check_finds_a_bare_number() -> None:
    """The test above can fail: what it would report."""
    assert misread([("label", "الطلبية CMD-2026-000001", False)]) != []
    assert misread([("cell", "06 12 34 56 78", True)]) != []
    assert misread([("label", f"الطلبية {LRI}CMD-2026-000001{PDI}", False)]) == []
    assert misread([("label", "Order CMD-2026-000001", False)]) == []  # no Arabic: no matter
    assert misread([("label", "آخر 7 أيام", False)]) == []  # the catalogue's own words


def test_the_value_fields_run_left_to_right(qtbot, arabic_window) -> None:
    window, keys = arabic_window
    ltr, rtl = Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == rtl
    identify = window.identify_tab
    assert identify.phone_edit.layoutDirection() == ltr
    assert identify.fields["phone"].layoutDirection() == ltr
    assert identify.fields["email"].layoutDirection() == ltr
    assert identify.fields["first_name"].layoutDirection() == rtl  # a name: the window's
    new_order = window.new_order_tab
    assert new_order.product_edit.layoutDirection() == ltr
    assert new_order.lines.quantity_spin.layoutDirection() == ltr
    assert new_order.deposit.amount_edit.layoutDirection() == ltr
    assert new_order.shipping_date.edit.layoutDirection() == ltr
    assert window.search_tab.order_view.number_edit.layoutDirection() == ltr
    stock_tab = window.stock_tab
    for field in (stock_tab.sku_edit, stock_tab.price_edit, stock_tab.reorder_spin):
        assert field.layoutDirection() == ltr
    assert stock_tab.name_edit.layoutDirection() == rtl
    # a quantity edited in its cell, and a payment's amount
    phone = _demo("SELECT phone FROM clients ORDER BY id LIMIT 1")
    keys.press(Key.Key_F2)
    keys.type(_national(phone))
    keys.press(Key.Key_Return)
    keys.press(Key.Key_F3)
    keys.type(_demo("SELECT sku FROM products WHERE active = 1 ORDER BY id LIMIT 1"))
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: new_order.lines_model.rowCount() == 1)
    view = new_order.lines.view
    view.setFocus()
    keys.press(Key.Key_Home, CTRL)  # the first line's first cell; the next one is on the left
    keys.press(Key.Key_Left)
    assert view.currentIndex() == new_order.lines_model.index(0, 1)
    keys.press(Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QAbstractSpinBox) and view.isAncestorOf(editor)
    assert editor.layoutDirection() == ltr
    keys.press(Key.Key_Escape)
    keys.press(Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: bool(new_order.last_number))
    window.show_order_search()
    window.search_tab.open_order(new_order.last_number)
    box = window.search_tab.order_view.payments_box
    box.record_button.setFocus()
    keys.press(Key.Key_Space)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    assert dialog.objectName() == "paymentDialog"
    assert dialog.amount_edit.layoutDirection() == ltr
    assert dialog.amount_edit.alignment() & Qt.AlignmentFlag.AlignRight  # against the right
    assert dialog.date.edit.layoutDirection() == ltr
    assert dialog.layoutDirection() == rtl
    keys.press(Key.Key_Escape)


def test_the_date_hint_reads_day_first_as_the_digits_do(qtbot, qapp) -> None:
    """dd/mm/yyyy is typed left to right: its Arabic hint "يوم/شهر/سنة" shows the day at
    the left too (one right-to-left run, it would show the year there)."""
    from PySide6.QtGui import QTextLayout

    from ui.widgets.date_field import DateField

    with interface_in(qapp, "ar"):
        field = DateField(name="hintEdit")
        qtbot.addWidget(field)
        hint = field.edit.placeholderText()
        layout = QTextLayout(hint, field.edit.font())
        layout.beginLayout()
        line = layout.createLine()
        layout.endLayout()
        x = {word: line.cursorToX(hint.index(word) + 1)[0] for word in ("يوم", "شهر", "سنة")}
        assert x["يوم"] < x["شهر"] < x["سنة"], (hint, x)
        assert field.edit.layoutDirection() == Qt.LayoutDirection.LeftToRight


# --- typed in Arabic, saved as typed --------------------------------------------------


@pytest.fixture
def arabic_shop(qtbot, qapp, tmp_path):
    from tests.support.staff import signed_window

    with interface_in(qapp, "ar"):
        window = signed_window(fresh_database(tmp_path / "ar-shop.sqlite3"))
        window.backup_on_close = False
        stock.create_product(
            ProductInput(sku="CAF-250", name="قهوة", unit_price=Decimal("45")), initial_stock=50
        )
        qtbot.addWidget(window)
        show(qtbot, window)
        yield window, Keyboard(qtbot, window)
        window.close()
        binding.close_database()


def test_a_client_and_an_order_typed_in_arabic_are_saved(qtbot, arabic_shop) -> None:
    window, keys = arabic_shop
    identify = window.identify_tab
    keys.press(Key.Key_F2)
    keys.type("0612345678")
    keys.press(Key.Key_Return)  # unknown: the new client's form, the name next
    assert QApplication.focusWidget() is identify.fields["first_name"]
    keys.type("Amina")  # (QTest types Latin-1 keys only)
    keys.press(Key.Key_Tab)
    keys.type("Benali")
    keys.press(Key.Key_S, CTRL)
    saved = clients.identify("0612345678")
    assert saved is not None
    assert (saved.phone, saved.first_name, saved.last_name) == ("+212612345678", "Amina", "Benali")
    state = identify.state_label.text()
    assert f"{FSI}Amina Benali{PDI}" in state  # the name isolated in the sentence

    keys.press(Key.Key_F3)
    keys.type("CAF-250")
    keys.press(Key.Key_Tab)
    keys.press(Key.Key_A, CTRL)
    keys.type("2")
    keys.press(Key.Key_Return)
    tab = window.new_order_tab
    qtbot.waitUntil(lambda: tab.lines_model.rowCount() == 1)
    keys.press(Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: bool(tab.last_number))
    order = orders.get_order(tab.last_number)
    assert order.client_id == saved.id
    assert [(line.quantity, line.unit_price_cents) for line in order.lines] == [(2, 4500)]
    assert order.total_cents == 9000
    said = tab.last_number_label.text()
    assert f"{LRI}{order.number}{PDI}" in said and f"{LRI}90,00" in said


def test_a_price_typed_with_the_moroccan_decimal_comma(qtbot, arabic_shop) -> None:
    window, keys = arabic_shop
    window.tabs.setCurrentWidget(window.stock_tab)
    tab = window.stock_tab
    tab.new_product()  # the form's first field, as its button does
    keys.type("THE-100")
    keys.press(Key.Key_Tab)
    keys.type("The vert")
    keys.press(Key.Key_Tab)
    keys.type("12,50")
    keys.press(Key.Key_Return)
    saved = next(p for p in stock.list_products() if p.sku == "THE-100")
    assert (saved.name, saved.unit_price_cents) == ("The vert", 1250)
    banner = tab.form_messages.banner.text()
    assert f"{LRI}THE-100{PDI}" in banner


def test_a_payment_typed_in_the_arabic_window(qtbot, arabic_shop) -> None:
    from gestco.services import payments

    window, keys = arabic_shop
    client = clients.create_client(ClientInput(phone="0611223344", first_name="Karim"))
    product = stock.list_products()[0]
    order = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=3)]
    )  # 135,00
    window.show_order_search()
    window.search_tab.open_order(order.number)
    box = window.search_tab.order_view.payments_box
    box.record_button.setFocus()
    keys.press(Key.Key_Space)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.amount_edit)
    keys.press(Key.Key_A, CTRL)
    keys.type("50,50")
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [paid] = payments.list_payments(order.id)
    assert paid.amount_cents == 5050
    qtbot.waitUntil(lambda: box.model.rowCount() == 1)
    assert box.model.index(0, 2).data() == f"{LRI}50,50{PDI}"
    assert f"{LRI}84,50" in box.due_label.text()


def test_the_channels_chart_has_room_for_arabic_names(qtbot, qapp) -> None:
    """Qt's charts cut a lying bar's name to "…" when it measures higher than its row: an
    Arabic word measures higher than a Latin one, so the chart grows for it (seen: every
    channel "…" in the Arabic dashboard); Latin names keep the screen's height."""
    from ui.charts.bars import ShareChart

    def height(labels: list[str]) -> int:
        chart = ShareChart(name="shares", value_text=str)
        qtbot.addWidget(chart)
        chart.setMinimumHeight(210)
        chart.set_data(labels, [5, 4, 3, 2, 1])
        return chart.minimumHeight()

    assert height(["Comptoir", "Téléphone", "En ligne", "E-mail", "Autre"]) == 210
    with interface_in(qapp, "ar"):
        assert height(["الشباك", "عبر الإنترنت", "الهاتف", "البريد الإلكتروني", "أخرى"]) >= 260
