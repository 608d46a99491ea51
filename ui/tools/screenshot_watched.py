"""The watched folder's pictures (part of `make screenshots`, or alone:
`python -m ui.tools.screenshot_watched docs/screenshots fr`): Settings with the folder set,
the orders table with the status bar saying what a dropped file brought, the status bar
after a refused file, and the two reports as the shop finds them beside the files
(watched-folder-report.txt, watched-folder-refused.txt)."""

from __future__ import annotations

import csv
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
FILE_NAME = "boutique-2026-12-02.csv"
REFUSED_NAME = "centre-appels-2026-12-02.csv"


def _wait_for(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise RuntimeError("the watched folder did not answer in time")
        QApplication.processEvents()
        time.sleep(0.02)


def _orders_file(target: Path, skus: list[str], *, bad: bool) -> None:
    """Three orders of a call centre in GESTCO's format (docs/import-format.md); `bad`:
    one with an unknown article and one with a phone that is not one."""
    people = [
        ("CC-9001", "0612345678", "Amina", "Benali"),
        ("CC-9002", "0661223344", "Karim", "Alaoui"),
        ("CC-9003", "0677889900" if not bad else "06 12", "Salma", "Idrissi"),
    ]
    with open(target, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["order_ref", "created_at", "channel", "phone", "first_name", "last_name", "sku",
             "quantity"]
        )  # fmt: skip
        for index, (ref, phone, first, last) in enumerate(people):
            ref = ref.replace("CC-9", "CC-8") if bad else ref
            sku = "INCONNU-1" if bad and index == 0 else skus[index % len(skus)]
            when = f"{datetime.now() - timedelta(minutes=3 - index):%Y-%m-%d %H:%M}"
            writer.writerow([ref, when, "phone", phone, first, last, sku, index + 1])


def shoot(window: MainWindow, out: Path, scratch: Path) -> None:
    """The pictures, with `window` signed in as a manager or an admin."""
    from gestco.services import stock, watch_setting
    from ui.dialogs.preferences import PreferencesDialog

    folder = scratch / "commandes"
    folder.mkdir(exist_ok=True)
    watch_setting.choose(enabled=True, folder=str(folder))
    dialog = PreferencesDialog(settings=window.services.settings, parent=window)
    dialog.show()
    dialog.adjustSize()
    dialog.grab().save(str(out / "watched-folder-settings.png"))
    print(out / "watched-folder-settings.png")
    dialog.close()

    skus = [p.sku for p in stock.list_products()[:3]]
    window.watched_folder.timer.setInterval(100)
    window.show_orders_table()
    counts = window.counts_label.text()
    _orders_file(folder / FILE_NAME, skus, bad=False)
    bar = window.statusBar()
    _wait_for(lambda: FILE_NAME in bar.currentMessage())
    _wait_for(lambda: window.counts_label.text() != counts and window.orders_tab.model.complete)
    window.grab().save(str(out / "watched-folder-imported.png"))
    print(out / "watched-folder-imported.png")
    _orders_file(folder / REFUSED_NAME, skus, bad=True)
    counts = window.counts_label.text()
    _wait_for(lambda: REFUSED_NAME in bar.currentMessage())
    _wait_for(lambda: window.counts_label.text() != counts and window.orders_tab.model.complete)
    window.grab().save(str(out / "watched-folder-refused.png"))
    print(out / "watched-folder-refused.png")
    shutil.copy(folder / "done" / f"{FILE_NAME}.report.txt", out / "watched-folder-report.txt")
    shutil.copy(
        folder / "failed" / f"{REFUSED_NAME}.report.txt", out / "watched-folder-refused.txt"
    )
    window.watched_folder.stop()
    watch_setting.choose(enabled=False, folder="")


def main(argv: list[str]) -> int:
    """One language, at the small screen's size, on a demo of its own."""
    from PySide6.QtCore import QSettings, Qt

    from gestco.services import session
    from gestco.storage import binding, opening
    from gestco.tools import demo
    from ui.app import create_main_window, make_application
    from ui.runtime.languages import install_translator

    out = Path(argv[0]) / f"{argv[1]}-1024x700"
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["GESTCO_DATA_DIR"] = scratch
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        app = make_application(["gestco"])
        install_translator(app, argv[1])
        path = Path(scratch) / "demo.sqlite3"
        opening.open_database(path)
        session.sign_in_owner("screenshots")
        demo.generate(clients=300, orders=2000, products=32, seed=5)
        window = create_main_window(str(path), operator="gerant")
        window.backup_on_close = False
        window.show()
        window.setWindowState(Qt.WindowState.WindowNoState)  # not the first start's maximum
        window.resize(1024, 700)
        app.processEvents()
        shoot(window, out, Path(scratch))
        window.watcher.stop()
        window.close()
        binding.close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
