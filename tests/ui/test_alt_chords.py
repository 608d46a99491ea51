"""An Alt+letter no control takes types nothing (Qt typed it into the focused field: a
clerk's Alt+Z put "z" in a client's name); Alt+'@' from a layout whose AltGr reports Alt
still types '@'; a mnemonic still acts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gestco.services import clients
from tests.support.keyboard import Keyboard, show
from ui.runtime.alt_chords import is_unclaimed_alt_chord

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _new_client_form(qtbot, window) -> Keyboard:
    """An unknown number typed and Return: the new client's form, the cursor in its first
    name."""
    show(qtbot, window)
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F2)
    keys.type("0611111111")
    keys.press(Key.Key_Return)
    return keys


def test_alt_letters_and_digits_typed_into_the_name_are_not_saved(qtbot, window) -> None:
    keys = _new_client_form(qtbot, window)
    tab = window.identify_tab
    first_name = tab.fields["first_name"]
    assert QApplication.focusWidget() is first_name
    keys.type("Ami")
    for chord in (Key.Key_Z, Key.Key_7, Key.Key_J):
        keys.press(chord, ALT)
    assert QApplication.focusWidget() is first_name  # no mnemonic took them either
    keys.type("na")
    keys.press(Key.Key_Tab)
    keys.type("Benali")
    keys.press(Key.Key_S, CTRL)
    saved = clients.identify("0611111111")
    assert saved is not None
    assert (saved.first_name, saved.last_name) == ("Amina", "Benali")


def test_a_symbol_with_alt_is_still_typed(qtbot, window) -> None:
    keys = _new_client_form(qtbot, window)
    email = window.identify_tab.fields["email"]
    keys.press(Key.Key_E, ALT)  # &E-mail
    assert QApplication.focusWidget() is email
    keys.type("amina")
    QTest.keyClick(email, Key.Key_At, ALT, 0)  # AltGr reported as Alt makes '@'
    assert email.text() == "amina@"


def test_a_mnemonic_still_presses_its_button(qtbot, window) -> None:
    keys = _new_client_form(qtbot, window)
    tab = window.identify_tab
    keys.type("Amina")
    keys.press(Key.Key_Tab)
    keys.type("Benali")
    with qtbot.waitSignal(tab.save_button.clicked):  # a mnemonic's click is animated
        keys.press(Key.Key_V, ALT)  # "Sa&ve client"
    assert clients.identify("0611111111") is not None
    assert tab.client is not None


def test_an_open_menu_takes_its_letter_with_alt_still_held(qtbot) -> None:
    """A menu opened with Alt+letter gets its entry's letter with Alt still down: the guard
    leaves an open menu its keys (the window's own shortcuts may take a letter first)."""
    from PySide6.QtWidgets import QMainWindow

    from ui.runtime.alt_chords import AltChordGuard

    owner = QMainWindow()
    qtbot.addWidget(owner)
    AltChordGuard(owner)
    menu = owner.menuBar().addMenu("&Help")
    picked: list[bool] = []
    menu.addAction("&Shortcuts").triggered.connect(lambda: picked.append(True))
    owner.show()
    qtbot.waitExposed(owner)
    menu.popup(owner.mapToGlobal(owner.rect().center()))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu)
    # S with Alt held since Alt+H (QTest.keyClick would press Alt again, which closes it)
    for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
        QApplication.sendEvent(menu, QKeyEvent(kind, Key.Key_S, ALT, "s"))
    qtbot.waitUntil(lambda: picked == [True])  # the entry triggers once the menu closed


def test_which_chords_are_commands() -> None:
    def chord(key: Qt.Key, modifiers: Qt.KeyboardModifier, text: str = "") -> QKeyEvent:
        return QKeyEvent(QKeyEvent.Type.KeyPress, key, modifiers, text)

    assert is_unclaimed_alt_chord(chord(Key.Key_Z, ALT, "z"))
    assert is_unclaimed_alt_chord(chord(Key.Key_4, ALT, "4"))
    assert not is_unclaimed_alt_chord(chord(Key.Key_Z, Qt.KeyboardModifier.NoModifier, "z"))
    assert not is_unclaimed_alt_chord(chord(Key.Key_E, ALT | CTRL, "€"))  # Windows' AltGr
    assert not is_unclaimed_alt_chord(chord(Key.Key_At, ALT, "@"))
    assert not is_unclaimed_alt_chord(chord(Key.Key_Down, ALT))  # the calendar's chord
    keypad = ALT | Qt.KeyboardModifier.KeypadModifier
    assert not is_unclaimed_alt_chord(chord(Key.Key_0, keypad, "0"))  # Alt+0201: É
