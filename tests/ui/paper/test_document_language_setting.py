"""Tools › Shop details…: the documents' language chosen from the keyboard (Alt+U), saved with
the shop's details as the shop's setting (read back through the settings service);
saved unchanged, no line in the audit trail."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gestco.domain.legal_identity import ShopIdentity
from gestco.services import audit, settings
from tests.support.keyboard import Keyboard, show
from ui.dialogs.shop_details import ShopDetailsDialog

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _dialog(qtbot, window) -> tuple[ShopDetailsDialog, Keyboard]:
    dialog = ShopDetailsDialog(shop=window.services.shop)
    qtbot.addWidget(dialog)
    show(qtbot, dialog)
    return dialog, Keyboard(qtbot, dialog)


def test_the_documents_language_typed_and_saved(qtbot, window) -> None:
    settings.set_shop_identity(ShopIdentity(name="Épicerie Benali"))
    dialog, keys = _dialog(qtbot, window)
    assert dialog.language_combo.currentText() == "The window's language"
    keys.press(Key.Key_U, ALT)
    assert keys.focused() is dialog.language_combo
    for _ in range(4):  # Français, English, العربية, Français + العربية
        keys.press(Key.Key_Down)
    keys.press(Key.Key_S, CTRL)
    assert not dialog.isVisible()
    assert settings.document_language() == "fr+ar"
    trail = audit.record_trail("settings", "document_language")
    assert [event.new_value for event in trail] == ["fr+ar"]

    dialog, keys = _dialog(qtbot, window)  # opens on what is stored
    assert dialog.language_combo.currentData() == "fr+ar"
    keys.press(Key.Key_U, ALT)
    keys.press(Key.Key_Up)
    keys.press(Key.Key_S, CTRL)
    assert settings.document_language() == "ar"

    dialog, keys = _dialog(qtbot, window)
    keys.press(Key.Key_S, CTRL)  # saved unchanged: nothing more in the trail
    assert len(audit.record_trail("settings", "document_language")) == 2
