"""What the Arabic window's tryout under Xvfb found (a clerk's keyboard, a 1366×768 screen),
each typed as the clerk typed it and failing before its fix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gestco.services import clients
from tests.support.databases import fresh_database
from tests.support.languages import interface_in, signed_window_in
from ui.runtime.resources import resource_path

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def arabic_window(qtbot, qapp, tmp_path):
    # the window's style, as ui.app gives it (the tests run without one): the boxes' padding
    qapp.setStyleSheet(resource_path("styles", "gestco.qss").read_text(encoding="utf-8"))
    with signed_window_in(
        qtbot, qapp, "ar", fresh_database(tmp_path / "ar-tryout.sqlite3")
    ) as shown:
        yield shown
    qapp.setStyleSheet("")


def test_client_saved_keeps_its_box_padding(qtbot, arabic_window) -> None:
    """'حُفظ الزبون.' touched the box's right border: the banner, made as a bare error
    line, kept the error's margins (none) when it came back as a padded success box, and
    in a right-to-left line the text starts on the border's side."""
    window, keys = arabic_window
    identify = window.identify_tab
    keys.press(Key.Key_F2)
    keys.type("0661234567")
    keys.press(Key.Key_Return)  # unknown: the new client's form
    keys.type("Mohamed")
    keys.press(Key.Key_Tab)
    keys.type("Alaoui")
    keys.press(Key.Key_S, CTRL)
    assert clients.identify("0661234567") is not None
    banner = identify.banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.property("kind") == "success"
    inside = banner.contentsRect()
    # gestco.qss: a success box has a 1-pixel border and 8 pixels of padding on each side
    assert inside.left() >= 9 and banner.width() - 1 - inside.right() >= 9, inside


def test_the_sign_in_heading_stands_on_the_right(qtbot, qapp, tmp_path) -> None:
    """'GESTCO — تسجيل الدخول' stood on the left of its box: a label lays its line out by
    its first strong letter, here GESTCO's G, as if it were a French line."""
    from tests.ui.staff_windows import close, demo_file, open_at_sign_in

    demo = demo_file(tmp_path / "demo")
    with interface_in(qapp, "ar"):
        window, keys = open_at_sign_in(qtbot, demo, tmp_path)
        try:
            page = window.gate.sign_in_page
            assert keys.focused() is page.user_edit
            assert page.title.layoutDirection() == Qt.LayoutDirection.RightToLeft
            assert _first_strong(page.title.text()) == "R", page.title.text()
        finally:
            close(window)


def _first_strong(text: str) -> str | None:
    """The direction QLabel gives a line (Qt's QString::isRightToLeft; isolates skipped)."""
    import unicodedata

    depth = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("LRI", "RLI", "FSI"):
            depth += 1
        elif kind == "PDI":
            depth = max(0, depth - 1)
        elif depth == 0 and kind in ("L", "R", "AL"):
            return "L" if kind == "L" else "R"
    return None


def test_an_alt_letter_after_a_latin_word_is_shown_last(qapp) -> None:
    """'الثمن مع TVA (P)' showed its (P) between the Arabic words and TVA: the letter joined
    the Latin word's left-to-right run. Every Arabic label ending with its Alt letter shows
    the letter at the line's end, its leftmost letter, as the other labels do."""
    import re
    import xml.etree.ElementTree as ET

    from PySide6.QtGui import QFont, QTextLayout, QTextOption

    ts = resource_path("translations", "gestco_ar.ts")
    ending = re.compile(r"\(&([A-Z])\)[…:]?$")
    wrong = []
    for translation in ET.parse(ts).getroot().iter("translation"):
        for text in [f.text or "" for f in translation.iter("numerusform")] or [
            translation.text or ""
        ]:
            found = ending.search(text.strip())
            if not found or not re.search(r"[\u0600-\u06ff]", text):
                continue  # a Latin label ("SKU (K)") is a left-to-right line
            shown = text.strip().replace("&", "")
            layout = QTextLayout(shown, QFont("Noto Sans"))
            option = QTextOption()
            option.setTextDirection(Qt.LayoutDirection.RightToLeft)
            layout.setTextOption(option)
            layout.beginLayout()
            line = layout.createLine()
            line.setLineWidth(5000)
            layout.endLayout()
            xs = {}
            flags = QTextLayout.GlyphRunRetrievalFlag.RetrieveAll
            for run in line.glyphRuns(0, len(shown), flags):
                for index, point in zip(run.stringIndexes(), run.positions(), strict=True):
                    xs.setdefault(index, point.x())
            letter = shown.rindex(found.group(1))
            others = [
                xs[i] for i, ch in enumerate(shown) if ch.isalpha() and i != letter and i in xs
            ]
            if others and xs[letter] > min(others):
                wrong.append(text)
    assert wrong == [], "\n".join(wrong)
