"""The sign-in page, a wrong password and the growing delay, and a new shop's first
administrator: driven with the keyboard, read back through the core."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFrame, QLabel, QTableView

from gestco.domain.permissions import Role
from gestco.services import audit, operators, session
from gestco.services.audit import AuditFilter
from tests.support.cli import gestco
from tests.support.databases import fresh_database
from tests.support.keyboard import Keyboard, show
from tests.ui.staff_windows import CTRL, Key, close, demo_file, open_at_sign_in, sign_in


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return demo_file(tmp_path_factory.mktemp("sign-in"))


@pytest.fixture
def at_sign_in(qtbot, demo, tmp_path):
    window, keys = open_at_sign_in(qtbot, demo, tmp_path)
    yield window, keys
    close(window)


def _shop_data_shown(window) -> list[str]:
    """The widgets on screen that show the shop's data: tables with rows, the counts."""
    shown = [
        view.objectName()
        for view in window.findChildren(QTableView)
        if view.isVisible() and view.model() is not None and view.model().rowCount()
    ]
    if window.counts_label.isVisible():
        shown.append("countsLabel")
    return shown


def test_the_window_opens_on_the_sign_in_page_with_nothing_of_the_shop(at_sign_in) -> None:
    window, keys = at_sign_in
    assert window.gate.currentWidget().objectName() == "signInPage"
    assert keys.focused() is window.gate.sign_in_page.user_edit
    assert not window.tabs.isVisible()
    assert _shop_data_shown(window) == []
    assert window.operator_label.text() == "Nobody signed in"
    keys.press(Key.Key_F2)  # no screen is reachable by its key either
    keys.press(Key.Key_F6)
    assert not window.tabs.isVisible()
    assert keys.focused() is window.gate.sign_in_page.user_edit
    assert not window.findChild(type(window.audit_action), "auditAction").isVisible()
    assert session.current() is None


def test_signing_in_opens_the_screens_as_that_operator(at_sign_in) -> None:
    window, keys = at_sign_in
    sign_in(keys, "gerant")
    assert window.tabs.isVisible()
    assert session.current().username == "gerant"
    assert window.operator_label.text() == "Signed in: Gérant (manager)"
    assert window.counts_label.isVisible()
    keys.press(Key.Key_F2)
    assert keys.focused() is window.identify_tab.phone_edit
    signed = audit.list_events(AuditFilter(operator="gerant", kinds=("sign_in",)))
    assert signed and signed[0].note == "password"
    assert not window.gate.sign_in_page.password_edit.text()  # never kept


def test_a_wrong_password_says_the_same_for_a_name_nobody_has(at_sign_in) -> None:
    window, keys = at_sign_in
    page = window.gate.sign_in_page
    sign_in(keys, "gerant", "not-this-one")
    said_for_gerant = page.message.text()
    assert said_for_gerant == "Wrong username or password."
    assert not page.password_edit.text() and keys.focused() is page.password_edit
    page.user_edit.clear()
    page.user_edit.setFocus()
    sign_in(keys, "nobody-here", "not-this-one")
    assert page.message.text() == said_for_gerant
    assert "not-this-one" not in page.message.text()
    assert session.current() is None and not window.tabs.isVisible()


def test_five_wrong_passwords_show_how_long_to_wait(at_sign_in) -> None:
    window, keys = at_sign_in
    page = window.gate.sign_in_page
    keys.type("comptoir")
    keys.press(Key.Key_Return)
    for _ in range(4):
        keys.type("wrong-password")
        keys.press(Key.Key_Return)
        assert page.message.text() == "Wrong username or password."
    keys.type("wrong-password")
    keys.press(Key.Key_Return)
    assert page.message.text() == "Too many wrong attempts: wait 30 s, then try again."
    keys.type("comptoir")  # the right one, during the wait: refused, the wait said again
    keys.press(Key.Key_Return)
    assert "wait" in page.message.text() and "Wrong" not in page.message.text()
    assert session.current() is None and not window.tabs.isVisible()
    session.sign_in_owner("tester")  # reading the trail
    failed = audit.list_events(AuditFilter(operator="comptoir", kinds=("sign_in_failed",)))
    refused = audit.list_events(AuditFilter(operator="comptoir", kinds=("sign_in_refused",)))
    assert len(failed) == 5 and "delay 30 s" in failed[0].note and len(refused) == 1


def test_the_first_start_creates_the_administrator_and_nothing_else_is_reachable(
    qtbot, tmp_path
) -> None:
    from ui.app import create_main_window

    window = create_main_window(fresh_database(tmp_path / "new-shop.sqlite3"))
    window.backup_on_close = False
    qtbot.addWidget(window)
    show(qtbot, window)
    keys = Keyboard(qtbot, window)
    page = window.gate.first_admin_page
    assert window.gate.currentWidget() is page and not window.tabs.isVisible()
    assert not window.findChild(type(window.audit_action), "identifyAction").isEnabled()
    assert keys.focused() is page.user_edit
    keys.type("patron")  # replaces the suggested "admin"
    keys.press(Key.Key_Return)
    keys.type("Karim Patron")
    keys.press(Key.Key_Return)
    keys.type("court")
    assert page.strength_label.text().startswith("Strength: too short")
    keys.type("-et-plus-long-2026")
    assert page.strength_label.text() == "Strength: strong"
    keys.press(Key.Key_Return)
    keys.type("court-et-plus-long-2025")  # not the same
    keys.press(Key.Key_Return)
    assert page.banner.text() == "The two passwords differ: type the same one twice."
    assert operators.needs_first_admin()
    assert keys.focused() is page.again_edit
    keys.type("court-et-plus-long-2026")
    keys.press(Key.Key_Return)
    assert window.tabs.isVisible()
    admin = operators.get_operator("patron")
    assert (admin.role, admin.display_name) == (Role.ADMIN, "Karim Patron")
    assert session.current().username == "patron"
    assert window.operator_label.text() == "Signed in: Karim Patron (administrator)"
    close(window)


def test_another_name_typed_during_a_wait_clears_it(at_sign_in) -> None:
    """The wait is the name's: typing another one takes it away, and that one signs in."""
    window, keys = at_sign_in
    page = window.gate.sign_in_page
    keys.type("comptoir")
    keys.press(Key.Key_Return)
    for _ in range(5):
        keys.type("wrong-password")
        keys.press(Key.Key_Return)
    assert "wait 30 s" in page.message.text() and page.countdown.running
    page.user_edit.setFocus()
    keys.press(Key.Key_A, CTRL)
    keys.type("gerant")
    assert not page.message.isVisible() and not page.countdown.running
    keys.press(Key.Key_Return)
    keys.type("gerant")
    keys.press(Key.Key_Return)
    assert window.tabs.isVisible() and session.current().username == "gerant"


def _new_shop_window(qtbot, tmp_path):
    from ui.app import create_main_window

    window = create_main_window(fresh_database(tmp_path / "new-shop.sqlite3"))
    window.backup_on_close = False
    qtbot.addWidget(window)
    show(qtbot, window)
    return window, Keyboard(qtbot, window)


def test_a_shop_given_its_administrator_elsewhere_goes_to_the_sign_in_page(qtbot, tmp_path) -> None:
    """A second workstation of a new shop: the first one created the administrator while
    this one showed its first-administrator screen."""
    window, keys = _new_shop_window(qtbot, tmp_path)
    page = window.gate.first_admin_page
    assert window.gate.currentWidget() is page
    made = gestco(
        "--db",
        window.database_path,
        "user",
        "add",
        "patron",
        "--role",
        "admin",
        "--password-stdin",
        stdin="phrase-du-patron-2026\n",
    )
    assert made.returncode == 0, made.stderr
    keys.type("autre")
    keys.press(Key.Key_Return)
    keys.press(Key.Key_Return)
    keys.type("une-autre-phrase-2026")
    keys.press(Key.Key_Return)
    keys.type("une-autre-phrase-2026")
    keys.press(Key.Key_Return)
    sign_in_page = window.gate.sign_in_page
    assert window.gate.currentWidget() is sign_in_page and not window.tabs.isVisible()
    assert sign_in_page.message.text() == (
        "This shop already has its administrator: sign in instead."
    )
    assert not page.password_edit.text() and not page.again_edit.text()
    assert not sign_in_page.user_edit.text() and not sign_in_page.password_edit.text()
    assert keys.focused() is sign_in_page.user_edit
    assert [o.username for o in operators.list_operators()] == ["patron"]
    sign_in(keys, "patron", "phrase-du-patron-2026")
    assert window.tabs.isVisible() and session.current().username == "patron"
    close(window)


def test_the_strength_hint_wraps_in_a_box_that_keeps_its_width(qtbot, qapp, tmp_path) -> None:
    """In French, where the tester saw "…(une phrase de quelques" cut."""
    from ui.runtime.languages import install_translator

    translator = install_translator(qapp, "fr")
    assert translator is not None, "gestco_fr.qm missing: `make translations`"
    try:
        window, keys = _new_shop_window(qtbot, tmp_path)
        page = window.gate.first_admin_page
        panel = page.findChild(QFrame, "firstAdminPanel")
        hint = page.strength_label
        keys.press(Key.Key_Tab)
        keys.press(Key.Key_Tab)
        assert keys.focused() is page.password_edit
        widths, cut = {panel.width()}, []
        for char in "phrase-de":  # too short, then weak: the longest hint
            keys.type(char)
            widths.add(panel.width())
            if hint.height() < hint.heightForWidth(hint.width()):  # lines it cannot show
                cut.append(hint.text())
        assert hint.text().endswith("(une phrase de quelques mots)")
        assert hint.wordWrap() and len(widths) == 1 and cut == []
        close(window)
    finally:
        qapp.removeTranslator(translator)


def test_the_first_administrator_is_told_how_other_operators_are_added(qtbot, tmp_path) -> None:
    window, _keys = _new_shop_window(qtbot, tmp_path)
    texts = [label.text() for label in window.gate.first_admin_page.findChildren(QLabel)]
    assert any("Tools › Operators" in text for text in texts)
    close(window)
