"""The window's language: which one (the settings, else the system), its catalogues (GESTCO's
and Qt's own), its locale's conventions, and its direction (Arabic: right to left, in the
bundled Noto fonts). Installed once at start by ui.app, before any window is built."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QLibraryInfo,
    QLocale,
    QSettings,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QGuiApplication

from ui.display import formatting
from ui.runtime import fonts
from ui.runtime.resources import resource_path

LANGUAGES = ("fr", "en", "ar")
# Qt 6.11 renamed or moved these source texts of its file dialog; its qtbase_fr.qm still has
# the old ones ("Look in:", "Files of type:", "Folder" under QFileDialog), so they showed in
# English inside the French UI. GESTCO's catalogue (installed after Qt's, so asked first)
# fills the gap. (The type column asks with the comment "All other platforms": a catalogue
# entry without one answers it too.)
QT_CATALOGUE_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
)


def chosen_language(settings: QSettings | None = None) -> str:
    """The settings override if any; else English on an English system, Arabic on an Arabic
    one, French otherwise."""
    settings = settings or QSettings()
    override = str(settings.value("ui/language", "") or "")
    if override in LANGUAGES:
        return override
    system = QLocale.system().name()
    return "en" if system.startswith("en") else "ar" if system.startswith("ar") else "fr"


def install_translator(app: QGuiApplication, language: str) -> QTranslator | None:
    """Load gestco_<language>.qm and Qt's own catalogue for its standard buttons and dialogs.
    The source strings are English: gestco_en.qm holds only their plural forms ("1 line")."""
    if language == "en":
        plurals = QTranslator(app)
        if plurals.load(str(resource_path("translations", "gestco_en.qm"))):
            app.installTranslator(plurals)
            return plurals
        return None
    qt_catalogue = QTranslator(app)
    if qt_catalogue.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_catalogue)
    translator = QTranslator(app)
    if translator.load(str(resource_path("translations", f"gestco_{language}.qm"))):
        app.installTranslator(translator)
        return translator
    return None


def install_qt_locale(language: str) -> None:
    """Qt's own dialogs (the calendar's months, the file types' names) follow the UI's
    language, whatever the system's locale: French conventions in the French UI, British
    ones (dd/mm/yyyy, as GESTCO's dates) in the English UI, Moroccan Arabic ones in the
    Arabic UI. (The file list's sizes and dates follow the system's locale in Qt:
    ui.runtime.file_dialogs writes them.)"""
    QLocale.setDefault(formatting.locale_of(language))


def install_direction(app: QGuiApplication, language: str) -> None:
    """Arabic mirrors the whole window (right to left: tabs, forms, tables, menus, dialogs)
    and writes in the bundled Noto pair; the fields of phones, SKUs and amounts stay left
    to right (ui.widgets set them). Qt's qtbase_ar would set the direction too: said here,
    so a missing catalogue cannot leave an Arabic window laid out left to right."""
    rtl = language == "ar"
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    fonts.use_for_window(app, right_to_left=rtl)
