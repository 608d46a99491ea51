"""`make screenshots`: every tab, filled from demo data, rendered to PNG (offscreen) at a
small screen's size and a large one, in French, English and Arabic:
docs/screenshots/<language>-<width>x<height>/<name>.png, the Arabic window's (mirrored, right
to left) in docs/screenshots/ar/window-<width>x<height>/."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from gestco.storage import binding, opening
from ui.tools import screenshot_watched

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap

    from ui.main_window import MainWindow

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LANGUAGES = ("fr", "en", "ar")
SIZES = ((1024, 700), (1920, 1080))


def main(argv: list[str]) -> int:
    """All languages, each in its own process (a translator is chosen once per process)."""
    out = Path(argv[0] if argv else "docs/screenshots")
    if len(argv) > 1:  # one language; names after it: only those shots (`... fr dashboard`)
        return render(out, argv[1], only=tuple(argv[2:]))
    for language in LANGUAGES:
        done = subprocess.run([sys.executable, "-m", "ui.tools.screenshots", str(out), language])
        if done.returncode:
            return done.returncode
    return 0


def render(out: Path, language: str, only: tuple[str, ...] = ()) -> int:
    from PySide6.QtCore import QSettings, Qt

    from gestco.services import session
    from gestco.tools import demo
    from ui.app import create_main_window, make_application
    from ui.runtime.languages import install_direction, install_qt_locale, install_translator

    with tempfile.TemporaryDirectory() as scratch:
        os.environ["GESTCO_DATA_DIR"] = scratch  # never the real workstation's settings
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        app = make_application(["gestco"])
        install_translator(app, language)  # then as `gestco` starts: the locale, the direction
        install_qt_locale(language)
        install_direction(app, language)
        path = Path(scratch) / "demo.sqlite3"
        opening.open_database(path)
        session.sign_in_owner("screenshots")  # the demo adds its operators as the owner
        demo.generate(clients=300, orders=2000, products=32, seed=5)
        window = create_main_window(str(path))  # at the sign-in page, as a shop starts
        window.backup_on_close = False
        window.show()
        for width, height in SIZES:
            folder = shots_folder(out, language, (width, height))
            folder.mkdir(parents=True, exist_ok=True)
            window.setWindowState(Qt.WindowState.WindowNoState)  # not the first start's maximum
            window.resize(width, height)
            for name, prepare in _staff_pages(window) + _fill(window):
                prepare()
                app.processEvents()
                if only and name not in only:
                    continue
                _grab_with_popups(window).save(str(folder / f"{name}.png"))
                print(folder / f"{name}.png")
            for widget in app.topLevelWidgets():  # a popup left open by the last shot
                if widget is not window and widget.isVisible():
                    widget.hide()
        if only:
            window.watcher.stop()
            window.close()
            binding.close_database()
            return 0
        _connection_dialog(window, shots_folder(out, language, SIZES[0]))
        _shortcuts_dialog(window, shots_folder(out, language, SIZES[0]))
        _audit_dialog(window, shots_folder(out, language, SIZES[0]))
        _import_preview(window, shots_folder(out, language, SIZES[0]), Path(scratch))
        _operators_dialogs(window, shots_folder(out, language, SIZES[0]))
        window.resize(*SIZES[0])  # the watched folder's pictures (ui/tools/screenshot_watched.py)
        screenshot_watched.shoot(window, shots_folder(out, language, SIZES[0]), Path(scratch))
        window.watcher.stop()
        window.close()
        binding.close_database()
    return 0


def shots_folder(out: Path, language: str, size: tuple[int, int]) -> Path:
    """fr-1024x700/; the Arabic window's in ar/window-1024x700/ (its documents may join them
    under ar/)."""
    width, height = size
    if language == "ar":
        return out / "ar" / f"window-{width}x{height}"
    return out / f"{language}-{width}x{height}"


def _connection_dialog(window: MainWindow, out: Path) -> None:
    """Tools › Database connection, after a test against a server that does not answer."""
    from ui.dialogs.connection import ConnectionDialog

    dialog = ConnectionDialog(parent=window)
    dialog.show()
    dialog.server_radio.setChecked(True)
    dialog.host_edit.setText("127.0.0.1")
    dialog.port_edit.setText("9")
    dialog.database_edit.setText("boutique")
    dialog.user_edit.setText("caisse")
    dialog.password_edit.setText("secret")
    dialog.test_connection()
    dialog.adjustSize()
    dialog.grab().save(str(out / "connection.png"))
    print(out / "connection.png")
    dialog.close()


def _shortcuts_dialog(window: MainWindow, out: Path) -> None:
    """Help › Shortcuts (F1)."""
    from ui.dialogs.shortcuts import ShortcutsDialog

    dialog = ShortcutsDialog(window)
    dialog.show()
    dialog.grab().save(str(out / "shortcuts.png"))
    print(out / "shortcuts.png")
    dialog.close()


def _audit_dialog(window: MainWindow, out: Path) -> None:
    """Tools › Audit trail, as the manager opens it (the demo's histories and sign-ins)."""
    from ui.dialogs.audit import AuditDialog

    dialog = AuditDialog(
        audit=window.services.audit, session=window.services.session, parent=window
    )
    dialog.resize(1000, 560)
    dialog.show()
    _wait_for(lambda: dialog.model.rowCount() > 0)
    dialog.grab().save(str(out / "audit.png"))
    print(out / "audit.png")
    dialog.close()


# A call centre's day in GESTCO's format ({0}, {1}, {2}: three of the demo's SKUs), with the
# mistakes such files have: a phone cut short, a quantity in words, an unknown SKU, a date
# that does not exist, a row without its order's reference.
CALL_CENTRE = """\
Référence;Date;Canal;Téléphone;Prénom;Nom;Ville;Article;Quantité;Prix;Statut
CC-0101;06/10/2025 09:12;téléphone;06 12 34 56 78;Amina;Benali;Casablanca;{0};2;;À traiter
CC-0101;;;;;;;{1};1;;
CC-0102;06/10/2025 09:40;téléphone;0661 22 33 44;Karim;Alaoui;Rabat;{2};1;;en préparation
CC-0103;06/10/2025 10:02;téléphone;06 12 34;Youssef;Tazi;Fès;{0};3;;
CC-0104;06/10/2025 10:15;téléphone;0677889900;Salma;Berrada;Tanger;{1};deux;;
CC-0105;06/10/2025 10:31;e-mail;0612000111;Nadia;Idrissi;Agadir;ZZ-999;1;;
CC-0106;31/02/2025 11:03;téléphone;0614141414;Imane;Lahlou;Rabat;{2};1;;
CC-0107;06/10/2025 11:20;téléphone;0615151515;Mehdi;Naciri;Marrakech;{0};1;;
;06/10/2025 11:34;téléphone;0616161616;Hind;Ziani;Rabat;{1};2;;
"""


def _import_preview(window: MainWindow, out: Path, scratch: Path) -> None:
    """File › Import orders…: the preview of a call centre's file with its mistakes."""
    from gestco.storage import raw_sql
    from ui.dialogs.import_preview import ImportDialog

    skus = [str(r[0]) for r in raw_sql.fetch_all("SELECT sku FROM products ORDER BY id LIMIT 3")]
    file = scratch / "appels-2025-10-06.csv"
    file.write_text(CALL_CENTRE.format(*skus), encoding="utf-8")
    dialog = ImportDialog(kind="orders", imports=window.services.imports, parent=window)
    dialog.resize(1000, 560)
    dialog.show()
    dialog.set_path(str(file))
    _wait_for(lambda: dialog.report is not None or dialog.message_label.isVisible(), 60)
    _wait_for(lambda: not dialog.busy.isVisible())
    if dialog.report is None or not dialog.report.errors:
        raise RuntimeError(f"the import preview shows no errors: {dialog.message_label.text()}")
    dialog.grab().save(str(out / "import-preview.png"))
    print(out / "import-preview.png")
    dialog.close()


def _operators_dialogs(window: MainWindow, out: Path) -> None:
    """Tools › Operators (the demo's three), and Add with a short password being typed."""
    from PySide6.QtTest import QTest

    from ui.dialogs.operator_forms import AddOperatorDialog
    from ui.dialogs.operators import OperatorsDialog

    listing = OperatorsDialog(operators=window.services.operators, parent=window)
    listing.show()
    listing.grab().save(str(out / "operators.png"))
    print(out / "operators.png")
    adding = AddOperatorDialog(window.services.operators, listing)
    adding.show()
    QTest.keyClicks(adding.user_edit, "nadia")
    QTest.keyClicks(adding.name_edit, "Nadia Berrada")
    QTest.keyClicks(adding.passwords.password_edit, "soleil-2026")
    adding.adjustSize()
    adding.grab().save(str(out / "operator-add.png"))
    print(out / "operator-add.png")
    adding.close()
    listing.close()


def _staff_pages(window: MainWindow) -> list[tuple[str, Callable[[], None]]]:
    """The sign-in page with a username typed and a wrong password said, then the manager
    signed in (the shots after are the manager's screens), and the lock page (Ctrl+L)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def sign_in_page() -> None:
        window.access.sign_out()  # the second size starts signed out again
        form = window.gate.sign_in_page
        form.user_edit.setFocus()
        QTest.keyClicks(form.user_edit, "gerant")
        QTest.keyClick(form.user_edit, Qt.Key.Key_Return)
        QTest.keyClicks(form.password_edit, "wrong-password")
        QTest.keyClick(form.password_edit, Qt.Key.Key_Return)
        QTest.keyClicks(form.password_edit, "gera")

    def locked() -> None:
        form = window.gate.sign_in_page
        form.password_edit.clear()
        QTest.keyClicks(form.password_edit, "gerant")
        QTest.keyClick(form.password_edit, Qt.Key.Key_Return)
        QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    def unlocked() -> None:
        form = window.gate.lock_page
        QTest.keyClicks(form.password_edit, "2222")
        QTest.keyClick(form.password_edit, Qt.Key.Key_Return)

    return [("sign-in", sign_in_page), ("lock", locked), ("signed-in", unlocked)]


def _grab_with_popups(window: MainWindow) -> QPixmap:
    """The window as shown, with any open completer popup painted where it appears."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication

    picture = window.grab()
    painter = QPainter(picture)
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible() and widget.inherits("QAbstractItemView"):
            # offscreen has no window manager: place the popup under the field it serves
            anchor = QApplication.focusWidget() or window
            offset = anchor.mapTo(window, anchor.rect().bottomLeft())
            painter.drawPixmap(offset, widget.grab())
    painter.end()
    return picture


def _wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def _fill(window: MainWindow) -> list[tuple[str, Callable[[], None]]]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from gestco.storage import raw_sql

    def demo_value(sql: str) -> str:
        row = raw_sql.fetch_one(sql)
        if row is None:
            raise RuntimeError(f"the demo data has no row for the screenshots: {sql}")
        return str(row[0])

    phone = demo_value(
        "SELECT phone FROM clients c WHERE (SELECT count(*) FROM orders"
        " WHERE client_id = c.id) >= 6 LIMIT 1"
    )

    other = int(demo_value("SELECT max(id) FROM clients"))

    def identify_found() -> None:
        window.show_identify()
        window.identify_tab.phone_edit.setText("0" + phone[4:])
        window.identify_tab.identify()

    def identify_new() -> None:
        window.show_identify()
        window.identify_tab.phone_edit.setText("06 99 88 77 66")
        window.identify_tab.identify()
        QTest.keyClicks(window.identify_tab.fields["first_name"], "Nadia")

    def identify_suggest() -> None:
        window.show_identify()
        window.identify_tab.phone_edit.clear()
        QTest.keyClicks(window.identify_tab.phone_edit, "06 1")
        window.identify_tab._suggest()

    def new_order() -> None:
        identify_found()
        window.show_new_order()
        tab = window.new_order_tab
        for sku, quantity in (("CAF-0001", 2), ("ARG-0003", 1), ("TAP-0009", 1)):
            tab.product_edit.setText(sku)
            tab.quantity_spin.setValue(quantity)
            tab.lines.add_line()
        tab.notes_edit.setText("Paquet cadeau")

    def new_order_suggestions() -> None:
        new_order()
        tab = window.new_order_tab
        tab.product_edit.setFocus()
        QTest.keyClicks(tab.product_edit, "th")  # the suggestions, as they pop up while typing

    def order_done() -> None:
        new_order()
        QTest.keyClick(window.new_order_tab, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    def search_order() -> None:
        number = demo_value(
            "SELECT number FROM orders WHERE status = 'pending' ORDER BY id DESC LIMIT 1"
        )
        window.show_order_search()
        window.search_tab.order_view.number_edit.setText(number.replace("CMD-", "").lower())
        window.search_tab.order_view.open_typed_number()

    def search_order_done() -> None:
        number = demo_value(
            "SELECT o.number FROM orders o WHERE status = 'delivered' ORDER BY id DESC LIMIT 1"
        )
        window.search_tab.open_order(number)

    def search_client() -> None:
        window.show_client_search()
        window.search_tab.sections.setCurrentIndex(0)  # its orders and figures
        window.search_tab.client_search_edit.setText("0" + phone[4:])
        window.search_tab.find_client()

    def search_client_timeline() -> None:
        """The client's notes, tags and consent, a few written as a shop would."""
        tab = window.search_tab
        search_client()
        client = tab.client
        assert client is not None
        rel = window.services.relationship
        if not rel.timeline(client.id):
            rel.add_tag(client.id, "VIP")
            rel.add_tag(client.id, "grossiste")
            rel.add_tag(other, "Restaurant")  # offered by the tag field's completer
            rel.set_marketing_consent(client.id, True)
            rel.add_note(client.id, "Passée au magasin : a goûté le thé vert.", kind="visit")
            rel.add_note(
                client.id, "A appelé, veut la livraison mardi\navant midi si possible.", kind="call"
            )
            rel.add_note(client.id, "Relancée par WhatsApp pour les dattes.", kind="message")
            tab.open_client(client.id)
        tab.sections.setCurrentWidget(tab.relationship_panel)
        tab.relationship_panel.timeline.note_edit.setFocus()

    def search_client_matches() -> None:
        window.show_client_search()
        window.search_tab.client_search_edit.setText("ben")
        window.search_tab.find_client()

    def orders_table() -> None:
        window.show_orders_table()
        tab = window.orders_tab
        tab.clear_filters()  # the previous size's filtered shot
        _wait_for(lambda: tab.model.complete)

    def orders_filtered() -> None:
        tab = window.orders_tab
        tab.status_combo.setCurrentIndex(tab.status_combo.findData("pending"))
        tab.apply_filters()
        _wait_for(lambda: tab.model.complete)

    def stock_tab() -> None:
        window.tabs.setCurrentWidget(window.stock_tab)
        tab = window.stock_tab
        tab.reorder_check.setChecked(False)
        roomy = max(range(tab.products.rowCount()), key=lambda r: tab.products.row_at(r).available)
        tab.products_view.selectRow(roomy)
        tab.correction_spin.setValue(-1)
        tab.correction_reason_edit.setText("Casse")
        tab.correct()

    def stock_reorder() -> None:
        tab = window.stock_tab
        tab.reorder_check.setChecked(True)
        tab.products_view.selectRow(0)

    def dashboard() -> None:
        window.show_dashboard()
        tab = window.dashboard_tab
        tab.picker.choose("30d")
        _wait_for(lambda: tab.figures is not None and tab.figures.period == tab.picker.period)
        tab.scroll_area.verticalScrollBar().setValue(0)

    return [
        ("identify-found", identify_found),
        ("identify-new-client", identify_new),
        ("identify-suggestions", identify_suggest),
        ("new-order", new_order),
        ("new-order-suggestions", new_order_suggestions),
        ("new-order-validated", order_done),
        ("search-order-pending", search_order),
        ("search-order-delivered", search_order_done),
        ("search-client", search_client),
        ("search-client-timeline", search_client_timeline),
        ("search-client-matches", search_client_matches),
        ("orders", orders_table),
        ("orders-filtered", orders_filtered),
        ("stock", stock_tab),
        ("stock-reorder", stock_reorder),
        ("dashboard", dashboard),
    ]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
