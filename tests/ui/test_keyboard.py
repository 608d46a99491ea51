"""The keyboard: every screen's Alt+letters are unique (in French and in English) and a
button's Alt+letter presses it; Tab leaves the tables; a table sorts from the keyboard."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QTableView, QTableWidget

from gestco.services import stock
from gestco.storage import binding, raw_sql
from tests.support.databases import ON_POSTGRES, demo_database
from tests.support.keyboard import Keyboard, show
from tests.support.languages import interface_in
from tests.support.mnemonics import (
    collisions,
    dead_mnemonics,
    menu_collisions,
    mnemonic,
    odd_letters,
)
from ui.models.orders_table import Column as OrdersColumn
from ui.models.products import Column as ProductsColumn

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
DEMO = {"clients": 200, "orders": 2000, "products": 12, "seed": 5}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("keyboard") / "demo.sqlite3"
    if not ON_POSTGRES:
        demo_database(path, **DEMO)
    return path


@pytest.fixture(params=["fr", "en", "ar"])
def language(request, qapp) -> Iterator[str]:
    from ui.app import install_translator

    if request.param == "ar":  # mirrored, Qt's Arabic catalogue too
        with interface_in(qapp, "ar"):
            yield "ar"
        return
    translator = install_translator(qapp, request.param)
    assert translator is not None  # English: its catalogue holds the plural forms only
    yield request.param
    if translator is not None:
        qapp.removeTranslator(translator)


@pytest.fixture
def demo_window(qtbot, demo_path, tmp_path, language):
    import shutil

    from tests.support.staff import signed_window

    if ON_POSTGRES:
        target = demo_database(demo_path, **DEMO)
    else:
        target = str(tmp_path / "demo.sqlite3")
        shutil.copy(demo_path, target)
    window = signed_window(target)
    qtbot.addWidget(window)
    show(qtbot, window)
    yield window
    window.watcher.stop()
    binding.close_database()


def _one(statement: str) -> str:
    return str(raw_sql.fetch_one(statement)[0])


def _screens(window, keys: Keyboard) -> list[tuple[str, Callable[[], None]]]:
    """Every screen and state a clerk meets, reached with the keyboard."""
    phone = _one(
        "SELECT phone FROM clients c WHERE (SELECT count(*) FROM orders"
        " WHERE client_id = c.id) >= 2 ORDER BY id LIMIT 1"
    )
    pending = _one("SELECT number FROM orders WHERE status = 'pending' ORDER BY id DESC LIMIT 1")
    delivered = _one("SELECT number FROM orders WHERE status = 'delivered' ORDER BY id LIMIT 1")
    surname = _one("SELECT last_name FROM clients ORDER BY id LIMIT 1")[:2]

    def typed_after(screen_key: Key, text: str) -> Callable[[], None]:
        """Go to a screen by its key, type `text` in its first field, Return."""

        def run() -> None:
            keys.press(screen_key)
            keys.type(text)
            keys.press(Key.Key_Return)

        return run

    def identify(text: str) -> Callable[[], None]:
        return typed_after(Key.Key_F2, text)

    def find_order(number: str) -> Callable[[], None]:
        return typed_after(Key.Key_F4, number)

    def find_client(text: str) -> Callable[[], None]:
        return typed_after(Key.Key_F5, text)

    def draft_offered() -> None:
        keys.press(Key.Key_F3)
        window.new_order_tab.draft_offer.set_shown(True)  # what a start after a crash shows

    def draft_taken() -> None:
        window.new_order_tab.draft_offer.set_shown(False)

    def stock_tab() -> None:
        window.tabs.setCurrentWidget(window.stock_tab)
        window.stock_tab.products_view.setFocus()
        keys.press(Key.Key_Down)

    def locked() -> None:
        keys.press(Key.Key_L, CTRL)
        assert window.gate.currentWidget() is window.gate.lock_page

    def unlocked() -> None:
        keys.type("1111")  # the demo admin's PIN
        keys.press(Key.Key_Return)
        assert window.tabs.isVisible()

    def signed_out() -> None:
        window.findChild(type(window.audit_action), "signOutAction").trigger()
        assert window.gate.currentWidget() is window.gate.sign_in_page

    def signed_in() -> None:
        keys.type("admin")
        keys.press(Key.Key_Return)
        keys.type("admin")
        keys.press(Key.Key_Return)
        assert window.tabs.isVisible()

    def first_admin() -> None:  # what a database without operators opens on
        window.gate.setCurrentWidget(window.gate.first_admin_page)
        window.gate.first_admin_page.focus_entry()

    def back_to_work() -> None:
        window.gate.show_content()

    return [
        ("new order, no client", lambda: keys.press(Key.Key_F3)),
        ("identify, empty", lambda: keys.press(Key.Key_F2)),
        ("identify, new client", identify("06 99 88 77 66")),
        ("identify, known client", identify("0" + phone[4:])),
        ("new order for the client", lambda: keys.press(Key.Key_F3)),
        ("new order, draft offered", draft_offered),
        ("new order, draft taken", draft_taken),
        ("search, order", lambda: keys.press(Key.Key_F4)),
        ("search, pending order", find_order(pending)),
        ("search, delivered order", find_order(delivered)),
        ("search, client", lambda: keys.press(Key.Key_F5)),
        ("search, client matches", find_client(surname)),
        ("search, client shown", find_client("0" + phone[4:])),
        ("search, client's notes, tags, consent", lambda: keys.press(Key.Key_PageDown, CTRL)),
        ("search, client's changes", lambda: keys.press(Key.Key_PageDown, CTRL)),
        ("orders", lambda: keys.press(Key.Key_F6)),
        ("orders, an export running", window.orders_tab.export_bar.show),  # its bar, Cancel
        ("dashboard", lambda: keys.press(Key.Key_F7)),
        ("stock, a product", stock_tab),
        ("stock, new product", window.stock_tab.new_product),
        ("locked", locked),
        ("unlocked", unlocked),
        ("sign-in page", signed_out),
        ("signed in again", signed_in),
        ("first administrator", first_admin),
        ("back to work", back_to_work),
    ]


def test_no_letter_twice_on_any_screen(qtbot, demo_window, language) -> None:
    window = demo_window
    keys = Keyboard(qtbot, window)
    problems = {}
    for name, reach in _screens(window, keys):
        reach()
        clashes = collisions(window)
        if clashes:
            problems[name] = clashes
        assert not odd_letters(window), (name, odd_letters(window))
        assert not dead_mnemonics(window), (name, dead_mnemonics(window))
    for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu())):
        assert not menu_collisions(menu), menu.title()
    assert problems == {}, f"{language}: {problems}"


def _dialogs(window) -> Iterator[tuple[str, QDialog]]:
    from ui.dialogs.audit import AuditDialog
    from ui.dialogs.connection import ConnectionDialog
    from ui.dialogs.damaged import DamagedFileDialog
    from ui.dialogs.preferences import PreferencesDialog
    from ui.dialogs.shortcuts import ShortcutsDialog
    from ui.widgets.approval import ApprovalDialog

    yield "settings", PreferencesDialog(settings=window.services.settings, parent=window)
    connection = ConnectionDialog(parent=window)
    yield "connection, own file", connection
    connection.server_radio.click()
    yield "connection, server", connection
    yield "shortcuts", ShortcutsDialog(window)
    yield (
        "approval",
        ApprovalDialog(session=window.services.session, permission="order.cancel", parent=window),
    )
    yield (
        "audit trail",
        AuditDialog(audit=window.services.audit, session=window.services.session, parent=window),
    )
    yield "damaged", DamagedFileDialog(message="x", backup=Path("/tmp/gestco-2026-12-01.sqlite3"))
    from tests.support.imports import FILES
    from ui.dialogs.import_preview import ImportDialog
    from ui.dialogs.imports import ImportsDialog

    imports = window.services.imports
    for kind, file in (("orders", "call_centre.csv"), ("clients", "google_contacts.csv")):
        dialog = ImportDialog(kind=kind, imports=imports, path=str(FILES / file), parent=window)
        dialog.wait()  # the preview shown, its errors and its choices
        QApplication.processEvents()
        yield f"import {kind}, preview", dialog
    yield "imports", ImportsDialog(imports=imports, parent=window)
    from ui.dialogs import operator_forms
    from ui.dialogs.operators import OperatorsDialog

    staff = window.services.operators
    yield "operators", OperatorsDialog(operators=staff, parent=window)
    yield "add an operator", operator_forms.AddOperatorDialog(staff, window)
    someone = staff.list_operators()[0]
    yield "edit an operator", operator_forms.EditOperatorDialog(staff, someone, window)
    yield "new password", operator_forms.PasswordDialog(staff, someone.username, window)
    yield "new PIN", operator_forms.PinDialog(staff, someone, window)


def test_no_letter_twice_in_any_dialog(qtbot, demo_window, language) -> None:
    problems = {}
    for name, dialog in _dialogs(demo_window):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        if collisions(dialog):
            problems[name] = collisions(dialog)
        assert not odd_letters(dialog), (name, odd_letters(dialog))
        assert not dead_mnemonics(dialog), (name, dead_mnemonics(dialog))
    assert problems == {}, f"{language}: {problems}"


def _alt(keys: Keyboard, caption: str) -> None:
    letter = mnemonic(caption)
    assert letter, f"{caption!r} has no Alt+letter"
    keys.press(getattr(Key, f"Key_{letter}"), ALT)


def test_alt_letter_on_a_button_saves_the_product_price(qtbot, demo_window, language) -> None:
    """Alt+G (Enre&gistrer) used to only focus the button: the price was not saved."""
    window = demo_window
    keys = Keyboard(qtbot, window)
    tab = window.stock_tab
    window.tabs.setCurrentWidget(tab)
    tab.products_view.setFocus()
    keys.press(Key.Key_Down)
    product = tab.product
    assert product is not None
    tab.price_edit.setFocus()
    keys.press(Key.Key_A, CTRL)
    keys.type("123,45" if language == "fr" else "123.45")
    _alt(keys, tab.save_button.text())
    qtbot.waitUntil(lambda: stock.get_products([product.id])[product.id].unit_price_cents == 12345)
    assert tab.form_messages.banner.isVisible()


def test_alt_letter_on_an_order_reaches_its_status_list(qtbot, demo_window, language) -> None:
    """Alt+T on an order opened the client instead of the status list (French)."""
    window = demo_window
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F4)
    keys.type(_one("SELECT number FROM orders WHERE status = 'processing' LIMIT 1"))
    keys.press(Key.Key_Return)
    view = window.search_tab.order_view
    form = view.status_combo.parentWidget().layout()
    _alt(keys, form.labelForField(view.status_combo).text())
    assert keys.focused() is view.status_combo
    _alt(keys, view.client_button.text())
    qtbot.waitUntil(
        lambda: window.search_tab.pages.currentWidget() is window.search_tab.client_page
    )


def test_ctrl_s_saves_the_client_in_search(qtbot, demo_window) -> None:
    from gestco.services import clients

    window = demo_window
    keys = Keyboard(qtbot, window)
    phone = _one("SELECT phone FROM clients ORDER BY id LIMIT 1")
    keys.press(Key.Key_F5)
    keys.type("0" + phone[4:])
    keys.press(Key.Key_Return)
    assert keys.focused() is window.search_tab.form.fields["first_name"]
    keys.press(Key.Key_A, CTRL)
    keys.type("Yasmina")
    keys.press(Key.Key_S, CTRL)
    assert clients.identify(phone).first_name == "Yasmina"


def test_tab_leaves_the_orders_table_and_reaches_the_status_filter(qtbot, demo_window) -> None:
    """Tab and Shift+Tab used to walk the cells and wrap: the filters were out of reach."""
    window = demo_window
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F6)
    tab = window.orders_tab
    assert keys.focused() is tab.view
    keys.press(Key.Key_Tab)
    assert keys.focused() is not tab.view
    tab.view.setFocus()
    for _ in range(8):
        keys.press(Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        if keys.focused() is tab.status_combo:
            break
    assert keys.focused() is tab.status_combo


@pytest.mark.parametrize("name", ["ordersView", "productsView", "orderLinesView"])
def test_tab_leaves_every_table(demo_window, name) -> None:
    view = demo_window.findChild(QTableView, name)
    assert not view.tabKeyNavigation()


def test_the_orders_table_sorts_from_the_keyboard(qtbot, demo_window) -> None:
    window = demo_window
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F6)
    tab = window.orders_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    keys.press(Key.Key_Down)
    keys.press(Key.Key_End)  # the last column: Total
    assert tab.view.currentIndex().column() == OrdersColumn.TOTAL
    keys.press(Key.Key_Down, CTRL)
    header = tab.view.horizontalHeader()
    assert header.sortIndicatorSection() == OrdersColumn.TOTAL
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    largest, smallest = raw_sql.fetch_one("SELECT max(total_cents), min(total_cents) FROM orders")
    assert tab.model.row_at(0).total_cents == largest
    keys.press(Key.Key_Up, CTRL)
    assert tab.model.row_at(0).total_cents == smallest


def test_the_stock_sorts_from_the_keyboard_and_keeps_the_product(qtbot, demo_window) -> None:
    window = demo_window
    keys = Keyboard(qtbot, window)
    tab = window.stock_tab
    window.tabs.setCurrentWidget(tab)
    tab.products_view.setFocus()
    keys.press(Key.Key_Down)
    chosen = tab.product
    # the next column is on the right, or on the left in the mirrored (Arabic) window
    onward = Key.Key_Left if window.isRightToLeft() else Key.Key_Right
    for _ in range(ProductsColumn.AVAILABLE):
        keys.press(onward)
    keys.press(Key.Key_Down, CTRL)
    rows = [tab.products.row_at(r) for r in range(tab.products.rowCount())]
    assert [p.available for p in rows] == sorted((p.available for p in rows), reverse=True)
    assert tab.product == chosen  # the form still shows the product chosen
    stock.receive_stock(rows[-1].id, 1000)
    tab.refresh()  # a reload keeps the order chosen
    assert tab.products.row_at(0).id == rows[-1].id


def test_the_shortcuts_list_speaks_the_language(qtbot, demo_window, language) -> None:
    from ui.dialogs.shortcuts import SHORTCUTS, ShortcutsDialog

    dialog = ShortcutsDialog(demo_window)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget, "shortcutsTable")
    cells = [table.item(r, c).text() for r in range(table.rowCount()) for c in (0, 1)]
    if language == "fr":
        english = ("Return", "Delete", "then", "letter", "in the", "Shift", "Sort", "Save")
        assert not [c for c in cells if any(word in c for word in english)]
        assert "Entrée" in cells and "Alt+lettre" in cells
    elif language == "ar":
        what = [table.item(r, 1).text() for r in range(table.rowCount())]
        assert all(any("\u0600" <= ch <= "\u06ff" for ch in text) for text in what), what
    else:
        assert cells == [text for pair in SHORTCUTS for text in pair]
    assert any("Ctrl+↑" in c for c in cells) and any(c == "Ctrl+S" for c in cells)


def test_dates_read_as_they_are_typed(qtbot, demo_window, language) -> None:
    """The English UI typed dd/MM/yyyy but showed ISO dates in its tables."""
    from PySide6.QtCore import QDate

    from ui.display import bidi

    window = demo_window
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F6)
    tab = window.orders_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    typed = window.new_order_tab.shipping_date.display_format()
    for column in (OrdersColumn.DATE, OrdersColumn.SHIPPING):
        shown = bidi.strip(tab.model.index(0, column).data())  # the Arabic window isolates it
        assert QDate.fromString(shown[:10], typed).isValid(), (shown, typed)


def test_the_orders_filters_answer_their_alt_letters(qtbot, demo_window, language) -> None:
    """The dates' start, the balance and the clients' tag had no Alt letter: only Tab
    reached them. Their letters in each language, pressed as a manager does."""
    window = demo_window
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F6)
    tab = window.orders_tab
    # Arabic: the English letters (its catalogue writes them "(&M)" after its words)
    letters = {"fr": ("D", "P", "T"), "en": ("M", "B", "G"), "ar": ("M", "B", "G")}[language]
    keys.press(getattr(Key, f"Key_{letters[0]}"), ALT)
    assert QApplication.focusWidget() is tab.date_from.edit
    with qtbot.waitSignal(tab.balance_check.toggled):  # a mnemonic's click is animated
        keys.press(getattr(Key, f"Key_{letters[1]}"), ALT)
    assert tab.balance_check.isChecked()
    keys.press(getattr(Key, f"Key_{letters[2]}"), ALT)
    assert QApplication.focusWidget() is tab.tag_combo
