"""Composition root: opens the database, builds the wired main window, runs the app."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QSettings,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from gestco import __version__
from gestco.domain.errors import GestcoError, ServerLoginError
from gestco.maintenance import backups
from gestco.services import session
from gestco.storage import binding, opening, snapshots
from gestco.workstation import server_choice
from gestco.workstation.folders import DATA_DIR_ENV, default_database_path
from gestco.workstation.server_choice import resolve_database
from ui.display import bidi
from ui.main_window import MainWindow
from ui.runtime import file_dialogs
from ui.runtime.languages import (
    chosen_language,
    install_direction,
    install_qt_locale,
    install_translator,
)
from ui.runtime.resources import resource_path
from ui.runtime.signals import AppSignals

ORGANIZATION = "GESTCO"
APPLICATION = "GESTCO"


def create_main_window(database: str, operator: str | None = None) -> MainWindow:
    """Open or create the database at `database` and return the wired window, not shown.

    `operator`: a username; the window opens signed in as that operator (tests and
    automation: no password asked, the audit trail says so). None, as the shipped
    application always starts: the sign-in page (a database without any operator: the
    screen that creates its administrator), whoever was signed in before in this process."""
    opening.open_database(database)
    if operator is not None:
        session.assume(operator)
    else:
        session.reset()  # another database's operators are others; nobody is signed in yet
    return MainWindow(database_path=database, signals=AppSignals())


def keep_settings_in_data_dir() -> Path | None:
    """With $GESTCO_DATA_DIR set (a portable install, a test, a demo), nothing is written
    outside it: the window's settings (GESTCO/GESTCO.ini) and Qt's own (QtProject.conf, the
    file dialogs' history) go to its `settings` folder instead of ~/.config. Both formats are
    pointed there: GESTCO's settings use the INI format, Qt's use the native one (INI files
    on Linux; the registry on Windows, which setPath cannot move). Returns the folder."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if not override:
        return None
    folder = Path(override) / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for kind in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(folder))
    return folder


def make_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons", "gestco.svg"))))
    style = resource_path("styles", "gestco.qss")
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def open_or_recover(path: str) -> MainWindow | None:
    """The main window over `path`. A file that is not there is created only once the user
    agrees (except the first start's default file); a damaged file gets the recovery screen
    (restore a backup, or open another file); a healthy file that is locked, read-only or
    on a full disk says so and offers Retry; a server that refuses the login asks for the
    password; one out of reach offers to retry or change the connection. None: the user
    chose to quit."""
    from gestco.domain.errors import DamagedFileError, FileUnavailableError
    from ui.display.errors import describe

    target: str | None = path
    while target is not None:
        if not opening.is_url(target) and not _may_create(target):
            target = _ask_create(target)
            if target is None or not _may_create(target):
                continue
        try:
            return create_main_window(target)
        except FileUnavailableError as exc:
            target = _file_unavailable(target, describe(exc))
        except DamagedFileError as exc:
            target = _recover_damaged_file(target, describe(exc))
        except ServerLoginError as exc:
            password = ask_server_password(describe(exc))
            target = None if password is None else server_choice.with_password(target, password)
        except GestcoError as exc:
            target = _after_failed_open(target, describe(exc))
    return None


_agreed_to_create: set[str] = set()  # the new files the user said to create this session


def _may_create(target: str) -> bool:
    """Open `target` without asking: it exists (or a -wal is there: refused with its own
    message), it is the first start's default file, or the user said to create it."""
    path = Path(target)
    return (
        path.exists()
        or Path(f"{target}-wal").exists()
        or path.absolute() == default_database_path().absolute()
        or str(path.absolute()) in _agreed_to_create
    )


def _ask_create(target: str) -> str | None:
    """No database at `target`: create a new, empty one there (the user says so), open
    another file, or quit. The target to try next, or None."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "GESTCO",
        QCoreApplication.translate(
            "app",
            "There is no database at %1. Create a new, empty database there? If the shop's "
            "data should be there, open the right file instead.",
        ).replace("%1", bidi.ltr(target)),
    )
    box.setObjectName("createDatabaseBox")
    create = box.addButton(
        QCoreApplication.translate("app", "&Create a new database"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    create.setObjectName("createButton")
    other = _other_file_and_quit_buttons(box)
    box.setDefaultButton(other)
    box.exec()
    if box.clickedButton() is create:
        _agreed_to_create.add(str(Path(target).absolute()))
        return target
    if box.clickedButton() is other:
        return _choose_file(target)
    return None


def _other_file_and_quit_buttons(box: QMessageBox) -> QPushButton:
    """The way out of every start-up question: open another file (returned), or quit (Escape)."""
    other = box.addButton(
        QCoreApplication.translate("app", "&Open another file…"), QMessageBox.ButtonRole.ActionRole
    )
    other.setObjectName("otherFileButton")
    quit_ = box.addButton(
        QCoreApplication.translate("app", "&Quit"), QMessageBox.ButtonRole.RejectRole
    )
    quit_.setObjectName("quitButton")
    box.setEscapeButton(quit_)
    return other


def _choose_file(near: str) -> str | None:
    chosen, _ = file_dialogs.open_file_name(
        None,
        QCoreApplication.translate("app", "Open a GESTCO database"),
        str(Path(near).parent),
        "SQLite (*.sqlite3 *.sqlite *.db);;* (*)",
    )
    return chosen or near


def _file_unavailable(target: str, message: str) -> str | None:
    """A healthy file that is locked, read-only or on a full disk: its own plain message,
    never the recovery screen. Retry (the default), open another file, or quit."""
    box = QMessageBox(QMessageBox.Icon.Warning, "GESTCO", message)
    box.setObjectName("fileUnavailableBox")
    box.setInformativeText(
        QCoreApplication.translate("app", "The file is not damaged and nothing was changed in it.")
    )
    retry = box.addButton(QMessageBox.StandardButton.Retry)
    retry.setObjectName("retryButton")
    other = _other_file_and_quit_buttons(box)
    box.setDefaultButton(retry)
    box.exec()
    if box.clickedButton() is retry:
        return target
    if box.clickedButton() is other:
        return _choose_file(target)
    return None


def _recover_damaged_file(path: str, message: str) -> str | None:
    """The recovery screen: the path to try next (the same one restored, or another file),
    or None to quit. Only this database's own backups are offered."""
    from gestco.maintenance import restore
    from ui.dialogs.damaged import Choice, DamagedFileDialog, confirm_replacing
    from ui.display.errors import describe

    newest = backups.newest_good(snapshots.backups_of(Path(path)))
    dialog = DamagedFileDialog(message=message, backup=newest)
    dialog.exec()
    if dialog.choice == Choice.RESTORE and newest is not None:
        current = restore.summary(Path(path))
        if current is not None and not confirm_replacing(
            None, path, current, newest, restore.summary(newest)
        ):
            return path  # the user kept the file: the same choices again
        try:
            restore.restore_and_reopen(newest, path, recovering=True)
        except GestcoError as error:
            QMessageBox.critical(None, "GESTCO", describe(error))
        return path
    if dialog.choice == Choice.OTHER_FILE:
        return _choose_file(path)
    return None


def _after_failed_open(target: str, message: str) -> str | None:
    """A file that cannot be opened is said and ends the start; a server out of reach can
    be retried or its connection changed. The target to try next, or None to quit."""
    if not opening.is_url(target):
        QMessageBox.critical(None, "GESTCO", message)
        return None
    choice = server_unreachable(message)
    if choice == QMessageBox.StandardButton.Retry:
        return target
    if choice != QMessageBox.StandardButton.Open:
        return None
    from ui.dialogs.connection import ConnectionDialog

    return resolve_database(None) if ConnectionDialog().exec() else target


def ask_server_password(message: str) -> str | None:
    """The server refused the login (or no password was stored): ask for it. None: quit."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    password, ok = QInputDialog.getText(
        None,
        "GESTCO",
        message + "\n\n" + QCoreApplication.translate("app", "Password:"),
        QLineEdit.EchoMode.Password,
    )
    return password if ok else None


def server_unreachable(message: str) -> QMessageBox.StandardButton:
    """Retry, change the connection settings (Open), or quit (Close)."""
    box = QMessageBox(QMessageBox.Icon.Critical, "GESTCO", message)
    box.setObjectName("serverUnreachableBox")
    box.setStandardButtons(
        QMessageBox.StandardButton.Retry
        | QMessageBox.StandardButton.Open
        | QMessageBox.StandardButton.Close
    )
    box.button(QMessageBox.StandardButton.Open).setText(
        QCoreApplication.translate("app", "Connection &settings…")
    )
    box.setDefaultButton(QMessageBox.StandardButton.Retry)
    return QMessageBox.StandardButton(box.exec())


def _smoke(app: QApplication) -> int:
    """Packaging check: the whole GUI starts over a fresh database and shows its window."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        window = create_main_window(str(Path(scratch) / "smoke.sqlite3"))
        window.backup_on_close = False
        window.show()
        app.processEvents()
        # A new database: the screen that creates the shop's administrator, and no tab
        shown = window.isVisible() and window.gate.currentWidget() is window.gate.first_admin_page
        window.close()
        binding.close_database()
    print("smoke: ok" if shown else "smoke: the window did not show", flush=True)
    return 0 if shown else 1


def _startup_probe(app: QApplication, window: MainWindow) -> int:
    """For `gestco bench`: print when the window is on screen (its sign-in page) and when
    the orders table shows its first rows once signed in (wall-clock seconds since the
    epoch), then quit. The bench's demo database has the demo's operators; the probe signs
    in as its administrator without a password, as automation does."""
    import time

    from gestco.services import operators

    app.processEvents()
    window.repaint()
    print(f"shown {time.time():.6f}", flush=True)
    admins = [o for o in operators.list_operators(include_inactive=False) if o.role == "admin"]
    if admins:
        window.access.enter(session.assume(admins[0].username))
    window.show_orders_table()  # the first page is read synchronously when the tab shows
    app.processEvents()
    window.orders_tab.view.viewport().repaint()
    print(f"rows {time.time():.6f}", flush=True)
    window.watcher.stop()
    binding.close_database()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="gestco")
    parser.add_argument("--db", metavar="PATH")
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start on a fresh temporary database, show the window, exit 0",
    )
    args, qt_args = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    from ui.runtime.crash import install_excepthook, setup_logging

    keep_settings_in_data_dir()  # before anything reads or writes a setting
    log_path = setup_logging()
    install_excepthook(log_path)
    app = make_application([sys.argv[0], *qt_args])
    language = chosen_language()
    install_translator(app, language)
    install_qt_locale(language)
    install_direction(app, language)
    if args.smoke:
        return _smoke(app)
    try:
        target = resolve_database(args.db)
    except GestcoError as exc:  # `--db ""`: never the default file in its place
        from ui.display.errors import describe

        QMessageBox.critical(None, "GESTCO", describe(exc))
        return 2
    window = open_or_recover(target)
    if window is None:
        return 3
    window.show()
    if args.startup_probe:
        return _startup_probe(app, window)
    window.start_file_check()
    code = app.exec()
    binding.close_database()
    return int(code)
