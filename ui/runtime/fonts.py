"""The fonts GESTCO brings (resources/fonts, SIL Open Font License: OFL.txt there): Noto Sans
and Noto Sans Arabic, the same design for Latin and Arabic script.

Registered with Qt on first need (the window's start, a document's first layout, the CLI's
PDFs), so a workstation without any Arabic font still shows and prints an Arabic name shaped,
and a document looks the same on Windows and on Linux. Qt picks a font per character from a
list of families: Noto Sans has no Arabic letters and Noto Sans Arabic no Latin ones, so
["Noto Sans", "Noto Sans Arabic"] writes each script in its own face, the digits in Noto Sans's.
(Noto Sans Arabic first would take the digits; DejaVu Sans first, the Arabic: it has its own.)
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from ui.runtime.resources import resource_path

LATIN, ARABIC = "Noto Sans", "Noto Sans Arabic"
FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
)
# Where the bundled files cannot be read (never in a whole install), the system's faces.
SYSTEM_FALLBACKS = ["DejaVu Sans", "Segoe UI", "Arial", "Helvetica"]

_registered: set[str] = set()


def ensure_registered() -> set[str]:
    """Add the bundled fonts to Qt's font database once per process (needs a QGuiApplication).
    Returns the families added. A file that cannot be read is left out: the system's fonts
    stand in (and the tests say so)."""
    if not _registered:
        for name in FILES:
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
            if font_id >= 0:
                _registered.update(QFontDatabase.applicationFontFamilies(font_id))
    return set(_registered)


def document_families() -> list[str]:
    """The families a document is written in, in every language."""
    ensure_registered()
    return [LATIN, ARABIC, *SYSTEM_FALLBACKS]


def use_for_window(app: QGuiApplication, *, right_to_left: bool) -> None:
    """The window's font. In Arabic, the bundled pair (the system's may lack Arabic, or draw
    it in another design than its Latin). In French and English, the system's font, Noto Sans
    Arabic after it for an Arabic name when the system has no Arabic font at all."""
    ensure_registered()
    font = QFont(app.font())
    system = font.family()
    font.setFamilies([LATIN, ARABIC, system] if right_to_left else [system, ARABIC])
    app.setFont(font)
