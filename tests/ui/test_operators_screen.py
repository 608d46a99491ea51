"""Tools › Operators (administrators): add an operator, edit one, a new password or PIN,
clear the wrong attempts, all with the keyboard; what is saved is read back through the
core, and the core's refusals are said beside their field with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from gestco.domain.errors import SignInError
from gestco.domain.permissions import Role
from gestco.services import operators, session
from tests.support.keyboard import Keyboard, show
from tests.ui.staff_windows import CTRL, Key, close, demo_file, open_at_sign_in, sign_in
from ui.dialogs.operators import OperatorsDialog
from ui.models.operators import Column

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return demo_file(tmp_path_factory.mktemp("operators-screen"))


@pytest.fixture
def admin(qtbot, demo, tmp_path):
    window, keys = open_at_sign_in(qtbot, demo, tmp_path)
    sign_in(keys, "admin")
    yield window, keys
    close(window)


@pytest.fixture
def dialog(qtbot, admin):
    window, _keys = admin
    shown = OperatorsDialog(operators=window.services.operators, parent=window)
    qtbot.addWidget(shown)
    show(qtbot, shown)
    return shown, Keyboard(qtbot, shown)


class Scripted:
    """What ran inside a modal dialog: its title, and the error `act` raised (re-raised by
    `check` once the dialog is closed: a failed step closes it instead of hanging)."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.titles: list[str] = []
        self.error: BaseException | None = None
        self.done = False

    def check(self) -> list[str]:
        """Wait for the dialog to be done with (an Alt+letter clicks its button on a timer,
        as Qt animates it), then the titles it had."""
        self.qtbot.waitUntil(lambda: self.done)
        if self.error is not None:
            raise self.error
        return self.titles


def when_shown(qtbot, name: str, act: Callable[[QDialog, Keyboard], None]) -> Scripted:
    """Once the modal dialog `name` is open and has the keyboard, `act` on it with the
    keyboard (a dialog run with exec() returns only when closed: its keys must be sent from
    inside)."""
    ran = Scripted(qtbot)

    def look() -> None:
        shown = QApplication.activeModalWidget()
        if (
            shown is None
            or shown.objectName() != name
            or QApplication.activeWindow() is not shown
            or QApplication.focusWidget() is None
        ):
            QTimer.singleShot(10, look)
            return
        ran.titles.append(shown.windowTitle())
        try:
            act(shown, Keyboard(qtbot, shown))
        except BaseException as error:
            ran.error = error
            if shown.isVisible():
                shown.reject()
        ran.done = True

    QTimer.singleShot(0, look)
    return ran


def _go_to(dialog_keys: tuple[OperatorsDialog, Keyboard], username: str) -> None:
    shown, keys = dialog_keys
    shown.view.setFocus()
    keys.press(Key.Key_Home, CTRL)
    while shown.current().username != username:
        keys.press(Key.Key_Down)


def test_the_admin_opens_it_from_the_tools_menu_and_a_clerk_has_none(qtbot, admin) -> None:
    window, keys = admin
    ran = when_shown(qtbot, "operatorsDialog", lambda d, _k: d.reject())
    keys.press(Key.Key_T, ALT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    keys.press(Key.Key_O)
    assert ran.check() == ["Operators"]
    keys.press(Key.Key_L, CTRL)
    page_user = window.gate.lock_page.user_edit
    page_user.setFocus()
    keys.press(Key.Key_A, CTRL)
    keys.type("comptoir")
    keys.press(Key.Key_Tab)
    keys.type("3333")
    keys.press(Key.Key_Return)
    assert session.current().username == "comptoir"
    assert not window.operators_action.isVisible()


def test_an_operator_added_with_the_keyboard_can_sign_in(qtbot, dialog) -> None:
    shown, keys = dialog

    def add(form: QDialog, typing: Keyboard) -> None:
        typing.type("nadia")
        typing.press(Key.Key_Tab)
        typing.type("Nadia Berrada")
        typing.press(Key.Key_Tab)
        typing.press(Key.Key_Down)  # counter clerk → manager
        typing.press(Key.Key_Tab)
        typing.type("marche-du-soir")
        typing.press(Key.Key_Tab)
        typing.type("marche-du-soir")
        typing.press(Key.Key_Tab)
        typing.type("4321")
        typing.press(Key.Key_Return)

    ran = when_shown(qtbot, "addOperatorDialog", add)
    keys.press(Key.Key_A, ALT)
    assert ran.check() == ["Add an operator"]
    added = operators.get_operator("nadia")
    assert (added.display_name, added.role, added.active, added.has_pin) == (
        "Nadia Berrada",
        Role.MANAGER,
        True,
        True,
    )
    assert shown.current().username == "nadia" and "nadia added" in shown.message.text()
    assert session.sign_in("nadia", "marche-du-soir").username == "nadia"
    assert session.sign_in_pin("nadia", "4321").username == "nadia"


def test_a_refused_operator_is_said_beside_its_field_and_nothing_is_added(qtbot, dialog) -> None:
    _shown, keys = dialog
    said: dict[str, str] = {}

    def add(form: QDialog, typing: Keyboard) -> None:
        typing.type("samira")
        typing.press(Key.Key_Tab)
        typing.press(Key.Key_Tab)
        typing.press(Key.Key_Tab)
        typing.type("court")  # too short, and typed twice the same
        typing.press(Key.Key_Tab)
        typing.type("court")
        typing.press(Key.Key_Tab)
        typing.type("12")  # no PIN either
        typing.press(Key.Key_Return)
        said["password"] = form.messages.labels["password"].text()
        message = form.messages.labels["password"]
        assert message.isVisible()
        assert message.height() >= message.heightForWidth(message.width())  # not cut
        assert form.focusWidget() is form.passwords.password_edit
        typing.press(Key.Key_A, CTRL)
        typing.type("une-phrase-longue")
        typing.press(Key.Key_Tab)
        typing.press(Key.Key_A, CTRL)
        typing.type("une-phrase-longue")
        typing.press(Key.Key_Return)
        said["pin"] = form.messages.labels["pin"].text()
        assert form.focusWidget() is form.pin_edit
        typing.press(Key.Key_A, CTRL)
        typing.type("123x")
        typing.press(Key.Key_Return)
        said["pin again"] = form.messages.labels["pin"].text()
        typing.press(Key.Key_A, CTRL)
        typing.press(Key.Key_Backspace)  # no PIN: fine
        typing.press(Key.Key_Tab)
        assert typing.focused() is form.ok_button
        typing.press(Key.Key_Escape)  # the clerk gives up: nothing added

    ran = when_shown(qtbot, "addOperatorDialog", add)
    keys.press(Key.Key_A, ALT)
    assert ran.check()
    assert "characters" in said["password"] and "4 to 6 digits" in said["pin"]
    assert "4 to 6 digits" in said["pin again"]
    assert "samira" not in {o.username for o in operators.list_operators()}


def test_the_two_passwords_must_match(qtbot, dialog) -> None:
    _shown, keys = dialog
    said: list[str] = []

    def add(form: QDialog, typing: Keyboard) -> None:
        typing.type("samira")
        for _ in range(3):
            typing.press(Key.Key_Tab)
        typing.type("une-phrase-longue")
        typing.press(Key.Key_Tab)
        typing.type("une-phrase-longe")
        typing.press(Key.Key_Return)
        said.append(form.messages.labels["password"].text())
        assert (
            form.focusWidget() is form.passwords.again_edit and not form.passwords.again_edit.text()
        )
        typing.press(Key.Key_Escape)

    ran = when_shown(qtbot, "addOperatorDialog", add)
    keys.press(Key.Key_A, ALT)
    assert ran.check()
    assert said == ["The two passwords differ: type the same one twice."]
    assert "samira" not in {o.username for o in operators.list_operators()}


def test_an_operator_disabled_renamed_and_made_manager_in_one_save(qtbot, dialog) -> None:
    shown, keys = dialog
    _go_to(dialog, "comptoir")

    def edit(form: QDialog, typing: Keyboard) -> None:
        assert form.focusWidget() is form.name_edit
        typing.press(Key.Key_A, CTRL)
        typing.type("Samira au comptoir")
        typing.press(Key.Key_Tab)
        typing.press(Key.Key_Down)  # manager
        typing.press(Key.Key_Tab)
        typing.press(Key.Key_Space)  # may sign in: no more
        typing.press(Key.Key_Return)

    ran = when_shown(qtbot, "editOperatorDialog", edit)
    keys.press(Key.Key_Return)  # Return in the table edits the current operator
    assert ran.check() == ["Operator comptoir"]
    saved = operators.get_operator("comptoir")
    assert (saved.display_name, saved.role, saved.active) == (
        "Samira au comptoir",
        Role.MANAGER,
        False,
    )
    row = shown.model.row_for("comptoir")
    assert shown.model.index(row, Column.ACTIVE).data() == "disabled"
    with pytest.raises(SignInError):
        session.sign_in("comptoir", "comptoir")


def test_the_last_admin_cannot_be_made_a_clerk(qtbot, dialog) -> None:
    _shown, keys = dialog
    _go_to(dialog, "admin")
    said: list[str] = []

    def edit(form: QDialog, typing: Keyboard) -> None:
        typing.press(Key.Key_Tab)
        typing.press(Key.Key_Home)  # counter clerk
        typing.press(Key.Key_Return)
        said.append(form.messages.labels["role"].text())
        assert form.isVisible() and form.focusWidget() is form.role
        typing.press(Key.Key_Escape)

    ran = when_shown(qtbot, "editOperatorDialog", edit)
    keys.press(Key.Key_E, ALT)
    assert ran.check()
    assert said and "last active admin" in said[0]
    assert operators.get_operator("admin").role is Role.ADMIN


def test_a_new_password_and_a_new_pin(qtbot, dialog) -> None:
    shown, keys = dialog
    _go_to(dialog, "gerant")

    def password(form: QDialog, typing: Keyboard) -> None:
        typing.type("nouvelle-saison")
        typing.press(Key.Key_Tab)
        typing.type("nouvelle-saison")
        typing.press(Key.Key_Return)

    ran = when_shown(qtbot, "passwordDialog", password)
    keys.press(Key.Key_P, ALT)
    assert ran.check()
    assert "new password" in shown.message.text()
    assert session.sign_in("gerant", "nouvelle-saison").username == "gerant"
    with pytest.raises(SignInError):
        session.sign_in("gerant", "gerant")
    session.sign_in_owner("tester")

    def pin(form: QDialog, typing: Keyboard) -> None:
        typing.type("9876")
        typing.press(Key.Key_Tab)
        typing.type("9876")
        typing.press(Key.Key_Return)

    ran = when_shown(qtbot, "pinDialog", pin)
    keys.press(Key.Key_I, ALT)
    assert ran.check()
    assert session.sign_in_pin("gerant", "9876").username == "gerant"
    session.sign_in_owner("tester")

    def remove(form: QDialog, typing: Keyboard) -> None:
        typing.press(Key.Key_R, ALT)

    ran = when_shown(qtbot, "pinDialog", remove)
    keys.press(Key.Key_I, ALT)
    assert ran.check()
    assert not operators.get_operator("gerant").has_pin


def test_wrong_attempts_shown_and_cleared(qtbot, admin) -> None:
    window, _keys = admin
    for _ in range(5):
        with pytest.raises(SignInError):
            session.approve("gerant", "0000")
    shown = OperatorsDialog(operators=window.services.operators, parent=window)
    qtbot.addWidget(shown)
    show(qtbot, shown)
    keys = Keyboard(qtbot, shown)
    _go_to((shown, keys), "gerant")
    row = shown.model.row_for("gerant")
    assert shown.model.index(row, Column.WRONG_ATTEMPTS).data() == "5"
    assert shown.unlock_button.isEnabled()
    keys.press(Key.Key_C, ALT)
    qtbot.waitUntil(lambda: not shown.unlock_button.isEnabled())
    assert operators.wrong_attempts("gerant") == 0
    assert shown.model.index(row, Column.WRONG_ATTEMPTS).data() == ""
    assert not shown.unlock_button.isEnabled() and "cleared" in shown.message.text()
