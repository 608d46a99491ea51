"""Roles in the screens: a counter clerk is not offered what the role lacks (the core refuses
it anyway); a clerk's cancel and a discount above the threshold are approved on the spot by a
manager's PIN, and the change records both names; the order and the client show their
changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from gestco.domain.errors import PermissionDenied
from gestco.services import audit, clients, export, orders, session
from gestco.services.audit import AuditFilter
from gestco.storage import raw_sql
from tests.ui.staff_windows import CTRL, PINS, Key, close, demo_file, open_at_sign_in, sign_in
from ui.models.history import Column as HistoryColumn


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return demo_file(tmp_path_factory.mktemp("roles"))


@pytest.fixture
def at_sign_in(qtbot, demo, tmp_path):
    window, keys = open_at_sign_in(qtbot, demo, tmp_path)
    yield window, keys
    close(window)


def _action(window, name: str):
    return window.findChild(type(window.audit_action), name)


def _open_order(keys, status: str) -> str:
    number = str(
        raw_sql.fetch_one(
            "SELECT number FROM orders WHERE status = ? ORDER BY id DESC LIMIT 1", (status,)
        )[0]
    )
    keys.press(Key.Key_F4)
    keys.type(number)
    keys.press(Key.Key_Return)
    return number


def _choose_status(keys, view, code: str) -> None:
    view.status_combo.setFocus()
    for _ in range(view.status_combo.count()):
        if view.status_combo.currentData() == code:
            return
        keys.press(Key.Key_Down)
    assert view.status_combo.currentData() == code


def _answer_approval(qtbot, *answers: tuple[str, str]) -> list[str]:
    """When the approval dialog shows: type each (username, PIN) and Return; after the
    last, the dialog is expected to close. ("", "") presses Escape. Returns its messages."""
    said: list[str] = []
    queue = list(answers)

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not (isinstance(dialog, QDialog) and dialog.objectName() == "approvalDialog"):
            QTimer.singleShot(10, poll)
            return
        username, pin = queue.pop(0)
        if not username:
            QTest.keyClick(dialog, Key.Key_Escape)
            return
        dialog.user_edit.setFocus()
        dialog.user_edit.selectAll()
        QTest.keyClicks(dialog.user_edit, username)
        QTest.keyClick(dialog.user_edit, Key.Key_Return)  # to the PIN
        assert dialog.focusWidget() is dialog.pin_edit
        QTest.keyClicks(dialog.focusWidget(), pin)
        QTest.keyClick(dialog.focusWidget(), Key.Key_Return)
        if dialog.message.isVisible():
            said.append(dialog.message.text())
        if queue:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return said


def test_a_counter_clerk_is_not_offered_what_the_role_lacks(at_sign_in) -> None:
    window, keys = at_sign_in
    sign_in(keys, "comptoir")
    for name in ("backupAction", "restoreAction", "auditAction", "preferencesAction"):
        assert not _action(window, name).isVisible(), name
    assert not _action(window, "connectionAction").isVisible()
    assert not window.menuBar().actions()[1].isVisible()  # no Tools menu at all
    assert not window.orders_tab.export_button.isVisibleTo(window.orders_tab)
    stock = window.stock_tab
    assert not stock.export_button.isVisibleTo(stock) and not stock.new_button.isVisibleTo(stock)
    assert stock.price_edit.isReadOnly() and not stock.ops_box.isVisibleTo(stock)
    _open_order(keys, "processing")
    view = window.search_tab.order_view
    offered = [view.status_combo.itemData(i) for i in range(view.status_combo.count())]
    assert "shipped" not in offered and "cancelled" in offered  # cancelling: a manager's PIN
    with pytest.raises(PermissionDenied):  # and the core refuses what is hidden
        export.order_rows()


def test_a_manager_sees_the_audit_and_settings_but_not_the_connection(at_sign_in) -> None:
    window, keys = at_sign_in
    sign_in(keys, "gerant")
    assert _action(window, "auditAction").isVisible()
    assert _action(window, "preferencesAction").isVisible()
    assert not _action(window, "connectionAction").isVisible()
    assert not _action(window, "restoreAction").isVisible()
    assert window.orders_tab.export_button.isVisibleTo(window.orders_tab)
    _open_order(keys, "processing")
    view = window.search_tab.order_view
    assert "shipped" in [view.status_combo.itemData(i) for i in range(view.status_combo.count())]
    keys.press(Key.Key_L, CTRL)  # the admin switches in: everything
    page = window.gate.lock_page
    page.user_edit.setFocus()
    keys.press(Key.Key_A, CTRL)
    keys.type("admin")
    keys.press(Key.Key_Tab)
    keys.type(PINS["admin"])
    keys.press(Key.Key_Return)
    assert _action(window, "connectionAction").isVisible()
    assert _action(window, "restoreAction").isVisible()


def test_a_clerks_cancel_is_approved_by_a_managers_pin(qtbot, at_sign_in) -> None:
    window, keys = at_sign_in
    sign_in(keys, "comptoir")
    number = _open_order(keys, "pending")
    view = window.search_tab.order_view
    _choose_status(keys, view, "cancelled")
    keys.press(Key.Key_Tab)
    keys.type("Le client a change d'avis")
    said = _answer_approval(qtbot, ("gerant", "0000"), ("gerant", PINS["gerant"]))
    keys.press(Key.Key_S, CTRL)
    assert said == ["Wrong username or PIN."]
    cancelled = orders.get_order(number)
    assert cancelled.status == "cancelled"
    last = cancelled.history[-1]
    assert (last.changed_by, last.approved_by) == ("comptoir", "gerant")
    shown = view.history_model
    row = shown.rowCount() - 1
    assert shown.index(row, HistoryColumn.WHO).data() == "comptoir (approved by gerant)"
    session.sign_in_owner("tester")
    approvals = audit.list_events(AuditFilter(operator="gerant", kinds=("approval",)))
    assert len(approvals) == 1


def test_no_approval_saves_nothing(qtbot, at_sign_in) -> None:
    window, keys = at_sign_in
    sign_in(keys, "comptoir")
    number = _open_order(keys, "pending")
    view = window.search_tab.order_view
    _choose_status(keys, view, "cancelled")
    keys.press(Key.Key_Tab)
    keys.type("Erreur")
    _answer_approval(qtbot, ("", ""))
    keys.press(Key.Key_S, CTRL)
    assert orders.get_order(number).status == "pending"
    assert view.banner.text() == "No manager approved the change: nothing was saved."


def test_a_discount_above_the_threshold_asks_a_manager(qtbot, at_sign_in) -> None:
    window, keys = at_sign_in
    sign_in(keys, "comptoir")
    phone = str(raw_sql.fetch_one("SELECT phone FROM clients ORDER BY id LIMIT 1")[0])
    keys.press(Key.Key_F2)
    keys.type("0" + phone[4:])
    keys.press(Key.Key_Return)
    keys.press(Key.Key_F3)
    sku = str(raw_sql.fetch_one("SELECT sku FROM products WHERE active = 1 ORDER BY id")[0])
    keys.type(sku)
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return)
    tab = window.new_order_tab
    view = tab.lines_view
    view.setFocus()  # Tab order into the table is the keyboard helper's
    assert view.currentIndex().column() == 0  # the new line, on its product
    for _ in range(3):  # quantity, unit price, then the line's discount
        keys.press(Key.Key_Right)
    assert view.currentIndex().column() == 3
    keys.press(Key.Key_F2)
    keys.press(Key.Key_A, CTRL)
    keys.type("15")
    keys.press(Key.Key_Return)
    assert tab.lines_model.lines()[0].discount_bp == 1500
    _answer_approval(qtbot, ("gerant", PINS["gerant"]))
    keys.press(Key.Key_Return, CTRL)
    assert tab.last_number
    order = orders.get_order(tab.last_number)
    assert order.lines[0].discount_bp == 1500
    session.sign_in_owner("tester")
    trail = audit.record_trail("orders", order.id)
    assert {(e.operator, e.approved_by) for e in trail} == {("comptoir", "gerant")}


def test_the_order_and_the_client_show_their_field_changes(at_sign_in) -> None:
    window, keys = at_sign_in
    sign_in(keys, "gerant")
    number = _open_order(keys, "pending")
    view = window.search_tab.order_view
    view.notes_edit.setFocus()
    keys.press(Key.Key_A, CTRL)
    keys.type("Livrer apres 18 h")
    _choose_status(keys, view, "processing")
    keys.press(Key.Key_S, CTRL)
    assert orders.get_order(number).notes == "Livrer apres 18 h"
    rows = [
        [view.history_model.index(r, c).data() for c in HistoryColumn]
        for r in range(view.history_model.rowCount())
    ]
    statuses = [row for row in rows if row[HistoryColumn.WHAT] == "Status"]
    assert rows[0] is statuses[0] and statuses[-1][HistoryColumn.TO] == "Processing"
    remarks = [row for row in rows if row[HistoryColumn.WHAT] == "Remarks"]
    assert len(remarks) == 1 and len(rows) == len(statuses) + 1  # beside the status changes
    assert remarks[0][HistoryColumn.TO] == "Livrer apres 18 h"
    assert remarks[0][HistoryColumn.WHO] == "gerant"

    client_id = orders.get_order(number).client_id
    before = clients.get_client(client_id).city
    keys.press(Key.Key_F5)
    keys.type("0" + clients.get_client(client_id).phone[4:])
    keys.press(Key.Key_Return)
    page = window.search_tab
    page.form.fields["city"].setFocus()
    keys.press(Key.Key_A, CTRL)
    keys.type("Tanger")
    keys.press(Key.Key_S, CTRL)
    assert clients.get_client(client_id).city == "Tanger"
    history = page.history_model
    last = [history.index(history.rowCount() - 1, c).data() for c in HistoryColumn]
    assert last[HistoryColumn.WHAT : HistoryColumn.WHO + 1] == ["City", before, "Tanger", "gerant"]
