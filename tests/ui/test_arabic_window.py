"""The window in Arabic: mirrored, Moroccan Arabic conventions, Qt's own dialogs in Arabic,
the bundled Noto fonts, and the isolates that keep numbers and names in order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QTextLayout
from PySide6.QtWidgets import QApplication, QMessageBox

from gestco.storage import binding
from tests.support.languages import interface_in


@pytest.fixture
def arabic(qapp):
    with interface_in(qapp, "ar"):
        yield


def test_the_arabic_window_is_mirrored_and_speaks_arabic(qtbot, tmp_path, arabic) -> None:
    from tests.support.staff import signed_window

    window = signed_window(str(tmp_path / "ar.sqlite3"))
    qtbot.addWidget(window)
    try:
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.tabs.layoutDirection() == Qt.LayoutDirection.RightToLeft
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert all(any("\u0600" <= ch <= "\u06ff" for ch in title) for title in titles), titles
    finally:
        window.close()
        binding.close_database()


def test_numbers_and_money_follow_moroccan_arabic(arabic) -> None:
    from ui.display import formatting

    assert formatting.ui_language() == "ar"
    assert formatting.ui_locale().name() == "ar_MA"
    assert QLocale().name() == "ar_MA"  # Qt's own widgets (the calendar) too
    assert formatting.money(123456789) == "1.234.567,89"  # Western digits, as Morocco writes
    assert formatting.money(-5) == "-0,05"
    assert formatting.count(1000) == "1.000"


def test_qt_own_buttons_are_in_arabic(qtbot, arabic) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "GESTCO", "?")
    box.setStandardButtons(QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    cancel = box.button(QMessageBox.StandardButton.Cancel).text()
    assert cancel != "Cancel" and any("\u0600" <= ch <= "\u06ff" for ch in cancel), cancel


def test_the_bundled_fonts_write_each_script(arabic) -> None:
    from ui.runtime import fonts

    assert {"Noto Sans", "Noto Sans Arabic"} <= fonts.ensure_registered()
    assert QApplication.font().families()[:2] == ["Noto Sans", "Noto Sans Arabic"]
    # Qt chooses the Arabic face for Arabic letters and the Latin one for the rest
    layout = QTextLayout("محمد CMD-2026-000001", QApplication.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    used = {run.rawFont().familyName() for run in layout.glyphRuns()}
    assert used == {"Noto Sans", "Noto Sans Arabic"}, used
    assert "Noto Sans Arabic" in QFontDatabase.families()


def test_isolates_only_where_they_are_needed(qapp) -> None:
    from ui.display import bidi

    assert bidi.ltr("06 12 34 56 78") == "06 12 34 56 78"  # left to right: unchanged
    assert bidi.name("Dupont") == "Dupont"
    assert bidi.name("محمد") == "\u2068محمد\u2069"  # an Arabic name, in every language
    with interface_in(qapp, "ar"):
        assert bidi.ltr("06 12 34 56 78") == "\u206606 12 34 56 78\u2069"
        assert bidi.ltr(bidi.ltr("CMD-2026-000001")) == bidi.ltr("CMD-2026-000001")
        assert bidi.name("Dupont") == "\u2068Dupont\u2069"
        assert bidi.strip(bidi.ltr("x")) == "x"
    assert QGuiApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_a_phone_inside_arabic_text_reads_in_order(qapp) -> None:
    """The defect the isolates mend, shown on Qt's own layout: in a right-to-left line the
    groups of a bare phone number come out reversed; isolated, in order."""
    from ui.display import bidi

    def visual_order(text: str) -> list[str]:
        layout = QTextLayout(text, QApplication.font())
        layout.setTextOption(_rtl_option())
        layout.beginLayout()
        line = layout.createLine()
        layout.endLayout()
        groups = {g: text.index(g) + 1 for g in ("06", "12", "78")}  # between its digits
        return sorted(groups, key=lambda g: line.cursorToX(groups[g])[0])

    plain = "الهاتف 06 12 78"
    assert visual_order(plain) != ["06", "12", "78"]
    with interface_in(qapp, "ar"):
        assert visual_order("الهاتف " + bidi.ltr("06 12 78")) == ["06", "12", "78"]


def _rtl_option():
    from PySide6.QtGui import QTextOption

    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    return option


def test_arabic_is_offered_in_the_settings(window, qtbot) -> None:
    from ui.dialogs.preferences import PreferencesDialog

    dialog = PreferencesDialog(settings=window.services.settings, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.language_combo.setFocus()
    qtbot.keyClick(dialog.language_combo, Qt.Key.Key_End)  # the last choice, by the keyboard
    assert dialog.language_combo.currentText() == "العربية"
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert QSettings().value("ui/language") == "ar"


def test_the_language_comes_from_the_settings_or_the_system(qapp) -> None:
    from ui.runtime.languages import chosen_language

    settings = QSettings()
    settings.setValue("ui/language", "ar")
    assert chosen_language(settings) == "ar"
    settings.setValue("ui/language", "")
    expected = {"en": "en", "ar": "ar"}.get(QLocale.system().name()[:2], "fr")
    assert chosen_language(settings) == expected
