"""The window's language for a test: the catalogues, Qt's own, the locale, the direction and
the font, as `gestco` installs them at start (ui.app), and everything put back after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication


@contextmanager
def interface_in(app: QApplication, language: str) -> Iterator[None]:
    from ui.runtime.languages import install_direction, install_qt_locale
    from ui.runtime.resources import resource_path

    installed = []
    qt_path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (
        (f"qtbase_{language}", qt_path),
        (f"gestco_{language}", str(resource_path("translations"))),
    ):
        translator = QTranslator(app)
        assert translator.load(name, folder), f"{name}.qm missing: `make translations`"
        app.installTranslator(translator)
        installed.append(translator)
    font, locale = QApplication.font(), QLocale()
    install_qt_locale(language)
    install_direction(app, language)
    try:
        yield
    finally:
        for translator in installed:
            app.removeTranslator(translator)
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        QApplication.setFont(font)
        QLocale.setDefault(locale)
        QCoreApplication.processEvents()


@contextmanager
def signed_window_in(qtbot, app: QApplication, language: str, database) -> Iterator[tuple]:
    """The signed-in window over `database`, shown, in `language`, and its keyboard; closed
    (and the database with it) after."""
    from gestco.storage import binding
    from tests.support.keyboard import Keyboard, show
    from tests.support.staff import signed_window

    with interface_in(app, language):
        window = signed_window(database)
        window.backup_on_close = False
        qtbot.addWidget(window)
        show(qtbot, window)
        try:
            yield window, Keyboard(qtbot, window)
        finally:
            window.close()
            binding.close_database()
