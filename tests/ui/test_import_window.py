"""File › Import orders… and Import clients…, Tools › Imports, with the keyboard: the preview
(counts, errors with their line and reason), all or nothing or only the valid records, the
same file twice, what a counter clerk is not offered, and files that are no orders at all.
What was saved is read back through the core."""

from __future__ import annotations

import dataclasses
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gestco.domain.errors import DatabaseError, PermissionDenied
from gestco.domain.permissions import Role
from gestco.domain.records import ClientInput, LineInput
from gestco.imports.orders import read_orders
from gestco.services import clients, import_reports, order_imports, orders
from gestco.services.order_table import NO_FILTER, OrderFilter, count_and_sum, list_orders
from gestco.storage import binding, raw_sql
from tests.support.databases import fresh_database
from tests.support.imports import FILES, catalogue
from tests.support.keyboard import Keyboard, show
from tests.support.staff import signed_window
from ui.dialogs.import_preview import ImportDialog
from ui.dialogs.imports import ImportsDialog
from ui.models.imports import ListColumn, ProblemColumn
from ui.models.orders_table import Column as OrdersColumn
from ui.runtime import file_dialogs, import_job

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"
CALL_CENTRE = FILES / "call_centre.csv"  # a call centre's file in GESTCO's format, with mistakes


@pytest.fixture
def manager(qtbot, tmp_path: Path):
    """A window signed in as the manager `gerant` over a shop that sells what the test files
    sell; the keyboard."""
    window = signed_window(fresh_database(tmp_path / "shop.sqlite3"), "gerant", Role.MANAGER)
    catalogue()
    window.backup_on_close = False
    qtbot.addWidget(window)
    show(qtbot, window)
    yield window, Keyboard(qtbot, window)
    binding.close_database()


class Answers(list):
    """The files the open dialog answers with, one per question (None: Cancel), and the
    captions it was asked with."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def __call__(self, parent, caption, folder, filters) -> tuple[str, str]:
        self.asked.append(caption)
        path = self.pop(0)
        return (str(path), filters.split(";;")[0]) if path is not None else ("", "")


@pytest.fixture
def choose(monkeypatch) -> Answers:
    answers = Answers()
    monkeypatch.setattr(file_dialogs, "open_file_name", answers)
    return answers


def _menu(qtbot, keys: Keyboard, menu: Key, item: Key) -> None:
    keys.press(menu, ALT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    keys.press(item)


def _import_dialog(qtbot, keys: Keyboard, kind: str = "orders") -> ImportDialog:
    """File › Import orders… (Alt+F, M) or Import clients… (Alt+F, P); the preview done."""
    _menu(qtbot, keys, Key.Key_F, Key.Key_M if kind == "orders" else Key.Key_P)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ImportDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ImportDialog)
    qtbot.waitUntil(
        lambda: dialog.report is not None or dialog.message_label.isVisible(), timeout=30_000
    )
    qtbot.waitUntil(lambda: not dialog.busy.isVisible())
    return dialog


def _after(qtbot, dialog: ImportDialog, key: Key) -> None:
    """Alt+letter on the dialog's focused widget, then the import it starts, done."""
    before = dialog.job
    keys = Keyboard(qtbot, dialog)
    keys.press(key, ALT)
    qtbot.waitUntil(lambda: dialog.job is not before)  # a mnemonic clicks after 100 ms
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.isFinished(), timeout=30_000)
    qtbot.waitUntil(lambda: not dialog.busy.isVisible())


def _shown(dialog: ImportDialog) -> list[list[str]]:
    model = dialog.model
    return [[str(model.index(r, c).data()) for c in ProblemColumn] for r in range(model.rowCount())]


def _imported_numbers() -> dict[str, str]:
    """External number -> GESTCO number, of every imported order (read through the core)."""
    rows = raw_sql.fetch_all("SELECT number FROM orders WHERE source <> '' ORDER BY id")
    found = [orders.get_order(r[0]) for r in rows]
    return {o.external_number: o.number for o in found}


def test_preview_then_only_the_valid_orders(qtbot, manager, choose) -> None:
    window, keys = manager
    file = read_orders(CALL_CENTRE, region="MA")
    choose.append(CALL_CENTRE)
    dialog = _import_dialog(qtbot, keys)
    assert choose.asked == ["Import orders"]
    report = dialog.report
    assert report is not None and report.errors > 0
    assert report.new == len(file.orders)  # every order the file reads well goes in
    assert dialog.counts_label.text() == (
        f"What the import will do: new {report.new} · updated 0 · unchanged 0 · conflicts 0"
        f" · errors {report.errors}"
    )
    assert not dialog.earlier_label.isVisible()
    # Each error: its line in the file and the plain reason (the core's, in the UI's words).
    rows = _shown(dialog)
    assert len(rows) == len(report.problems) + len(report.conflicts_found)
    first = report.problems[0]
    assert rows[0][ProblemColumn.LINE] == str(first.line_number)
    assert rows[0][ProblemColumn.KIND] == "Error"
    assert rows[0][ProblemColumn.REASON] == first.message
    assert [int(r[ProblemColumn.LINE]) for r in rows] == sorted(
        int(r[ProblemColumn.LINE]) for r in rows
    )
    assert count_and_sum(NO_FILTER)[0] == 0  # the preview wrote nothing
    assert import_reports.list_imports() == []  # nor listed itself

    _after(qtbot, dialog, Key.Key_V)  # Import only the valid orders
    assert dialog.imported is not None and dialog.imported.applied
    assert dialog.result_label.text() == (
        "Done: the valid ones are in GESTCO; those with errors were left out."
    )
    assert dialog.cancel_button.text() == "C&lose" and dialog.focusWidget() is dialog.cancel_button
    saved = _imported_numbers()
    assert sorted(saved) == sorted(o.external_id for o in file.orders)
    order = orders.get_order(saved[file.orders[0].external_number])
    assert (order.source, order.external_number) == ("file", file.orders[0].external_number)
    (listed,) = import_reports.list_imports()
    assert (listed.operator, listed.file_name, listed.valid_only, listed.applied) == (
        "gerant",
        "call_centre.csv",
        True,
        True,
    )
    assert (listed.new, listed.errors) == (report.new, report.errors)

    keys = Keyboard(qtbot, dialog)
    keys.press(Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    # The new orders are in the orders table at once, with their source and number there.
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F6)
    model = window.orders_tab.model
    qtbot.waitUntil(lambda: model.rowCount() == len(saved))
    shown = {
        model.index(r, OrdersColumn.EXTERNAL).data(): model.index(r, OrdersColumn.SOURCE).data()
        for r in range(model.rowCount())
    }
    assert shown == dict.fromkeys(saved, "File")
    # The table's filter finds one by its number at the call centre, typed.
    external = file.orders[1].external_number
    window.orders_tab.filter_edit.setFocus()
    keys.type(external.lower())
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, OrdersColumn.NUMBER).data() == saved[external]


def test_all_or_nothing_with_errors_imports_nothing(qtbot, manager, choose) -> None:
    _window, keys = manager
    choose.append(CALL_CENTRE)
    dialog = _import_dialog(qtbot, keys)
    assert dialog.focusWidget() is dialog.all_button  # Return would import all or nothing
    _after(qtbot, dialog, Key.Key_A)
    assert dialog.imported is None
    assert dialog.result_label.text().startswith("Nothing was imported: the file has errors.")
    assert count_and_sum(NO_FILTER)[0] == 0
    (listed,) = import_reports.list_imports()
    assert (listed.applied, listed.valid_only) == (False, False)  # listed, as refused
    # The choice is still there: only the valid orders, now.
    assert dialog.valid_button.isEnabled() and dialog.focusWidget() is dialog.valid_button
    _after(qtbot, dialog, Key.Key_V)
    assert dialog.imported is not None and count_and_sum(NO_FILTER)[0] == dialog.imported.new > 0


def test_the_same_file_twice_is_said_first_and_creates_nothing(qtbot, manager, choose) -> None:
    window, keys = manager
    sample = SAMPLES / "orders.json"
    choose.extend([sample, sample])
    dialog = _import_dialog(qtbot, keys)
    assert dialog.report is not None and (dialog.report.new, dialog.report.errors) == (2, 0)
    _after(qtbot, dialog, Key.Key_A)
    assert dialog.result_label.text() == "Done: everything in the file is in GESTCO."
    before = _imported_numbers()
    assert len(before) == 2
    Keyboard(qtbot, dialog).press(Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)

    again = _import_dialog(qtbot, Keyboard(qtbot, window))
    (first,) = import_reports.list_imports()
    assert again.earlier_label.isVisible()
    when = first.at.strftime("%d/%m/%Y %H:%M")
    assert again.earlier_label.text() == f"This file was already imported on {when} by gerant."
    layout = again.layout()
    assert layout.indexOf(again.earlier_label) < layout.indexOf(again.counts_label)  # said first
    assert again.report is not None and (again.report.new, again.report.unchanged) == (0, 2)
    _after(qtbot, again, Key.Key_A)
    assert _imported_numbers() == before
    assert count_and_sum(NO_FILTER)[0] == 2
    assert len(import_reports.list_imports()) == 2  # the second import is listed too


def test_a_counter_clerk_has_no_import_and_the_core_refuses_it(qtbot, tmp_path, choose) -> None:
    database = fresh_database(tmp_path / "shop.sqlite3")
    window = signed_window(database, "comptoir", Role.COUNTER)
    window.backup_on_close = False
    qtbot.addWidget(window)
    show(qtbot, window)
    try:
        for name in ("importOrdersAction", "importClientsAction", "importsAction"):
            action = window.findChild(type(window.audit_action), name)
            assert action is not None and not action.isVisible(), name
        choose.append(SAMPLES / "orders.csv")
        keys = Keyboard(qtbot, window)
        _menu(qtbot, keys, Key.Key_F, Key.Key_M)  # no such item: the menu stays, nothing asked
        keys.press(Key.Key_Escape)
        assert choose.asked == [] and QApplication.activeModalWidget() is None
        with pytest.raises(PermissionDenied):
            order_imports.preview(SAMPLES / "orders.csv")
        with pytest.raises(PermissionDenied):
            import_reports.list_imports()
        assert count_and_sum(NO_FILTER)[0] == 0
    finally:
        binding.close_database()


def _not_orders(tmp_path: Path, what: str) -> Path:
    if what == "png":  # one of GESTCO's own screenshots, as a person might pick by mistake
        path = tmp_path / "photo.png"
        shutil.copy(SAMPLES.parent / "screenshots" / "en-1920x1080" / "orders.png", path)
    elif what == "empty":
        path = tmp_path / "orders.csv"
        path.write_bytes(b"")
    else:
        path = tmp_path / "a-folder.csv"
        path.mkdir()
    return path


REASONS = {
    "png": "This file is not text (it holds binary data): import a CSV or JSON file exported"
    " from the shop.",
    "empty": "The file is empty: export the data again.",
    "folder": "This is a folder: choose a file in it.",
}


@pytest.mark.parametrize("what", ["png", "empty", "folder"])
def test_a_file_that_is_no_orders_file_is_said_plainly(
    qtbot, manager, choose, tmp_path, what, caplog
) -> None:
    _window, keys = manager
    choose.append(_not_orders(tmp_path, what))
    dialog = _import_dialog(qtbot, keys)
    assert dialog.report is None
    text = dialog.message_label.text()
    name = Path(dialog.path).name
    assert dialog.message_label.isVisible() and text.startswith(f"{name} cannot be imported:\n")
    assert text.endswith(REASONS[what]), text
    assert "Traceback" not in text and "Error:" not in text, text  # the reason, not a class name
    assert not dialog.all_button.isEnabled() and not dialog.valid_button.isEnabled()
    assert dialog.focusWidget() is dialog.choose_button  # Return chooses another file
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
    assert count_and_sum(NO_FILTER)[0] == 0
    # Another file, chosen from the same dialog (Alt+H), is previewed.
    choose.append(SAMPLES / "orders.json")
    Keyboard(qtbot, dialog).press(Key.Key_H, ALT)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    assert not dialog.message_label.isVisible() and dialog.report.new == 2


def test_import_clients_preview_and_only_the_valid_ones(qtbot, manager, choose) -> None:
    _window, keys = manager
    known = clients.create_client(
        ClientInput(phone="0661223344", first_name="Karim", last_name="Autre")
    )
    file = FILES / "google_contacts.csv"
    choose.append(file)
    dialog = _import_dialog(qtbot, keys, "clients")
    assert dialog.windowTitle() == "Import clients"
    report = dialog.report
    assert report is not None and report.new > 0
    shown = _shown(dialog)
    assert len(shown) == len(report.problems) + len(report.conflicts_found)
    # The known phone under another name: a conflict, with its reason, on Karim's line.
    assert report.conflicts == 1
    (conflict,) = [r for r in shown if r[ProblemColumn.KIND] == "Conflict"]
    assert conflict[ProblemColumn.LINE] == "6"  # (Amina's address takes four lines)
    assert conflict[ProblemColumn.REASON] == report.conflicts_found[0].message
    assert "Karim Autre" in conflict[ProblemColumn.REASON], conflict
    assert dialog.valid_button.text() == "Import only the &valid clients"
    _after(qtbot, dialog, Key.Key_V)
    assert dialog.imported is not None and dialog.imported.applied
    listed = import_reports.list_imports()
    assert [(r.kind, r.file_name, r.new) for r in listed] == [
        ("clients", "google_contacts.csv", report.new)
    ]
    assert clients.get_client(known.id).last_name == "Autre"  # GESTCO's client wins


def test_tools_imports_lists_them_newest_first(qtbot, manager, choose) -> None:
    _window, keys = manager
    order_imports.run(SAMPLES / "orders.json")
    order_imports.run(CALL_CENTRE, valid_only=True)
    _menu(qtbot, keys, Key.Key_T, Key.Key_I)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ImportsDialog))
    dialog = QApplication.activeModalWidget()
    model = dialog.model
    rows = [[model.index(r, c).data() for c in ListColumn] for r in range(model.rowCount())]
    assert [r[ListColumn.FILE] for r in rows] == ["call_centre.csv", "orders.json"]
    assert rows[0][ListColumn.OPERATOR] == "gerant" and rows[0][ListColumn.KIND] == "Orders"
    assert rows[0][ListColumn.WRITTEN] == "Valid ones only" and rows[1][ListColumn.NEW] == "2"
    assert dialog.count_label.text() == "2 imports"
    Keyboard(qtbot, dialog).press(Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)


def test_the_order_view_says_where_an_imported_order_came_from(qtbot, manager) -> None:
    window, keys = manager
    order_imports.run(SAMPLES / "orders.json")
    imported = orders.get_order(_imported_numbers()["CC-2025-0002"])
    keys.press(Key.Key_F4)
    keys.type(imported.number)
    keys.press(Key.Key_Return)
    view = window.search_tab.order_view
    assert view.source_label.isVisible()
    assert view.source_label.text() == "Source: File · Shop's number: CC-2025-0002"
    counter = orders.create_order(
        client_id=imported.client_id,
        lines=[LineInput(product_id=imported.lines[0].product_id, quantity=1)],
    )
    keys.press(Key.Key_F4)
    keys.type(counter.number)
    keys.press(Key.Key_Return)
    qtbot.waitUntil(lambda: view.order is not None and view.order.number == counter.number)
    assert not view.source_label.isVisible()


def test_the_new_columns_do_not_sort(qtbot, manager) -> None:
    """No index sorts a million orders by source or shop's number: a click there keeps the
    sort (and its arrow) where it was."""
    window, keys = manager
    order_imports.run(SAMPLES / "orders.json")
    keys.press(Key.Key_F6)
    tab = window.orders_tab
    header = tab.view.horizontalHeader()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    before = [tab.model.index(r, 0).data() for r in range(2)]
    for column in (OrdersColumn.SOURCE, OrdersColumn.EXTERNAL):
        tab.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        assert header.sortIndicatorSection() == OrdersColumn.DATE
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        assert [tab.model.index(r, 0).data() for r in range(2)] == before
    rows = list_orders(OrderFilter(text="cc-2025-0002")).rows
    assert [(r.source, r.external_number) for r in rows] == [("file", "CC-2025-0002")]


def _held(real, release: threading.Event):
    """`real`, waiting for `release` first (on the job's thread): a big file's minute."""

    def held(*args, **kwargs):
        assert release.wait(30)
        return real(*args, **kwargs)

    return held


def test_the_lock_does_not_wait_for_a_long_preview(qtbot, manager, choose) -> None:
    """10,000 orders take a minute to preview: the lock (the shop's idle delay, run out)
    covers the screens at once, the dialog with them (the preview finishes on its own and
    writes nothing), not a minute later."""
    window, keys = manager
    release = threading.Event()
    imports = window.services.imports
    imports.preview_orders = _held(imports.preview_orders, release)
    choose.append(CALL_CENTRE)
    _menu(qtbot, keys, Key.Key_F, Key.Key_M)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ImportDialog))
    dialog = QApplication.activeModalWidget()
    assert dialog.busy.isVisible() and dialog.counts_label.text() == "Reading the file…"
    window.access.idle.expired.emit()
    assert not dialog.isVisible() and not window.gate.is_open  # locked, the preview running
    release.set()
    qtbot.waitUntil(lambda: not import_job._running, timeout=30_000)
    # (the core refused it anyway, once the workstation was locked)
    assert raw_sql.fetch_one("SELECT count(*) FROM orders")[0] == 0
    assert raw_sql.fetch_one("SELECT count(*) FROM imports")[0] == 0


def test_escape_waits_for_an_import_under_way(qtbot, manager, choose) -> None:
    _window, keys = manager
    release = threading.Event()
    choose.append(SAMPLES / "orders.json")
    dialog = _import_dialog(qtbot, keys)
    dialog.kind = dataclasses.replace(dialog.kind, run=_held(dialog.kind.run, release))
    Keyboard(qtbot, dialog).press(Key.Key_A, ALT)
    qtbot.waitUntil(lambda: dialog.writing)
    assert not dialog.cancel_button.isEnabled()
    Keyboard(qtbot, dialog).press(Key.Key_Escape)
    assert dialog.isVisible()  # an import is not left half-said
    release.set()
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=30_000)
    assert dialog.cancel_button.isEnabled() and count_and_sum(NO_FILTER)[0] == 2


def test_a_refused_import_keeps_the_preview_and_the_choice(qtbot, manager, choose) -> None:
    """Another workstation held the data: said, nothing written, and the person may try
    again at once (the choices stay)."""
    _window, keys = manager
    choose.append(SAMPLES / "orders.json")
    dialog = _import_dialog(qtbot, keys)
    real = dialog.kind

    def busy_elsewhere(*args, **kwargs):
        raise DatabaseError(
            "Another workstation has held the data this change needs for {seconds} s:"
            " nothing was saved. Try again in a moment.",
            seconds=5,
        )

    dialog.kind = dataclasses.replace(real, run=busy_elsewhere)
    _after(qtbot, dialog, Key.Key_A)
    assert dialog.message_label.text() == (
        "orders.json cannot be imported:\nAnother workstation has held the data this change"
        " needs for 5 s: nothing was saved. Try again in a moment."
    )
    assert dialog.counts_label.text().startswith("What the import will do: new 2 ")
    assert count_and_sum(NO_FILTER)[0] == 0
    assert dialog.all_button.isEnabled() and dialog.valid_button.isEnabled()
    dialog.kind = real
    _after(qtbot, dialog, Key.Key_A)
    assert dialog.imported is not None and count_and_sum(NO_FILTER)[0] == 2
