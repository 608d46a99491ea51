"""Numbers and names inside text of the other direction, read in the right order.

In a right-to-left line the Unicode bidirectional algorithm lays out a run of numbers
separated by spaces or dashes group by group from the right: "06 12 34 56 78" reads
"78 56 34 12 06", "CMD-2026-000123" reads "000123-2026-CMD". Wrapped in a left-to-right
isolate (U+2066 … U+2069) the run is laid out on its own, left to right, and placed as one
piece. In a left-to-right line, an Arabic name followed by a number pulls the number into
its run the same way: names are wrapped in a first-strong isolate (U+2068 … U+2069).

The isolates are invisible and take no room; they are added only where they are needed (a
number in the Arabic interface; a name holding right-to-left letters), so the French and
English texts stay what they were. The exports (CSV, Excel) never go through here.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
ISOLATES = (LRI, RLI, FSI, PDI)


def right_to_left() -> bool:
    """The interface runs right to left (Arabic)."""
    return QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


def ltr(text: str) -> str:
    """A phone, an order number, a SKU, an amount, a date with its time: left to right as one
    piece inside right-to-left text; unchanged in a left-to-right interface."""
    return ltr_in(text, right_to_left=right_to_left())


def ltr_in(text: str, *, right_to_left: bool) -> str:
    """ltr() for a text whose direction is not the window's (a document printed in Arabic
    from the French window, or in French from the Arabic one)."""
    if not text or not right_to_left or text.startswith(LRI):
        return text
    return f"{LRI}{text}{PDI}"


def name(text: str) -> str:
    """A name (a client's, a product's) inside a sentence: isolated when it holds
    right-to-left letters, so the number after it stays where it belongs; in the Arabic
    interface, a Latin name too (its trailing dot or digits would otherwise move)."""
    return name_in(text, right_to_left=right_to_left())


def name_in(text: str, *, right_to_left: bool) -> str:
    """name() inside a text whose direction is not the window's (a document's)."""
    if not text or text.startswith(ISOLATES):
        return text
    if right_to_left or has_right_to_left(text):
        return f"{FSI}{text}{PDI}"
    return text


def rtl(text: str) -> str:
    """Arabic words inside left-to-right text (a bilingual document's Arabic label): laid out
    right to left as one piece, so a Latin word in them ("المجموع مع TVA") keeps its place."""
    if not text or text.startswith(ISOLATES):
        return text
    return f"{RLI}{text}{PDI}"


def has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def strip(text: str) -> str:
    """The text without its isolates (what a person reads; for comparisons and copies)."""
    for mark in ISOLATES:
        text = text.replace(mark, "")
    return text
