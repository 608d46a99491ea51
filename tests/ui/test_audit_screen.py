"""Tools › Audit trail: managers and administrators only; filtered by operator, dates and
kind with the keyboard; exported (CSV) off the window's thread."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from gestco.domain.records import ClientInput
from gestco.services import clients, session
from tests.ui.staff_windows import CTRL, Key, close, demo_file, open_at_sign_in, sign_in, unlock
from ui.dialogs.audit import AuditDialog
from ui.models.audit import Column
from ui.runtime import file_dialogs


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return demo_file(tmp_path_factory.mktemp("audit-screen"))


@pytest.fixture
def manager(qtbot, demo, tmp_path):
    """A clerk recorded a client and locked; the manager signed in after."""
    window, keys = open_at_sign_in(qtbot, demo, tmp_path)
    sign_in(keys, "comptoir")
    clients.create_client(ClientInput(phone="0699887766", first_name="Nadia", last_name="Audit"))
    keys.press(Key.Key_L, CTRL)
    unlock(keys, "gerant", "2222")
    assert session.current().username == "gerant"
    yield window, keys
    close(window)


@pytest.fixture
def dialog(qtbot, manager):
    window, _keys = manager
    shown = AuditDialog(audit=window.services.audit, session=window.services.session, parent=window)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _rows(dialog) -> list[list[str]]:
    model = dialog.model
    return [[model.index(r, c).data() for c in Column] for r in range(model.rowCount())]


def test_the_manager_opens_it_from_the_tools_menu(qtbot, manager) -> None:
    window, _keys = manager
    seen: list[str] = []

    def look() -> None:
        shown = QApplication.activeModalWidget()
        if shown is None or shown.objectName() != "auditDialog":
            QTimer.singleShot(10, look)
            return
        seen.append(shown.windowTitle())
        shown.reject()

    QTimer.singleShot(0, look)
    window.audit_action.trigger()
    assert seen == ["Audit trail"]


def test_filters_by_operator_kind_and_dates_with_the_keyboard(qtbot, dialog) -> None:
    newest = _rows(dialog)[0]
    assert (newest[Column.OPERATOR], newest[Column.KIND]) == ("gerant", "Sign-in")
    assert dialog.operator_combo.lineEdit().hasFocus() or dialog.operator_combo.hasFocus()
    qtbot.keyClicks(dialog.operator_combo.lineEdit(), "comptoir")
    dialog.kind_combo.setFocus()
    while dialog.kind_combo.currentData() != "client":
        qtbot.keyClick(dialog.kind_combo, Key.Key_Down)
    qtbot.keyClick(dialog.kind_combo, Key.Key_Return)
    rows = _rows(dialog)
    assert rows and {(r[Column.OPERATOR], r[Column.KIND]) for r in rows} == {("comptoir", "Client")}
    first_name = next(r for r in rows if r[Column.FIELD] == "First name")
    assert (first_name[Column.BEFORE], first_name[Column.AFTER]) == ("", "Nadia")
    today = date.today().strftime("%d/%m/%Y")
    qtbot.keyClicks(dialog.since.edit, today)
    qtbot.keyClick(dialog.since.edit, Key.Key_Return)
    assert len(_rows(dialog)) == len(rows)
    dialog.since.edit.clear()
    qtbot.keyClicks(dialog.since.edit, (date.today() + timedelta(days=1)).strftime("%d/%m/%Y"))
    qtbot.keyClick(dialog.since.edit, Key.Key_Return)
    assert _rows(dialog) == [] and dialog.count_label.text().startswith("0 line")


def test_a_date_that_is_no_date_is_said_and_nothing_changes(qtbot, dialog) -> None:
    before = _rows(dialog)
    qtbot.keyClicks(dialog.until.edit, "31/02/2026")
    qtbot.keyClick(dialog.until.edit, Key.Key_Return)
    assert dialog.until.error.isVisible() and _rows(dialog) == before


def test_exports_what_the_filters_select(qtbot, dialog, tmp_path) -> None:
    qtbot.keyClicks(dialog.operator_combo.lineEdit(), "comptoir")
    qtbot.keyClick(dialog.show_button, Key.Key_Space)
    target = tmp_path / "audit.csv"
    job = dialog.export_to(str(target))
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    text = target.read_text(encoding="utf-8-sig")
    header, *rows = list(csv.reader(text.splitlines(), delimiter=";" if ";" in text else ","))
    assert header[:3] == ["Line", "When", "Operator"]  # the screen's language
    assert len(rows) == len(_rows(dialog)) and {row[2] for row in rows} == {"comptoir"}
    assert dialog.message.text() == f"{len(rows)} lines exported to {target}"


def test_the_export_button_asks_with_gestcos_dialog(qtbot, dialog, tmp_path, monkeypatch) -> None:
    """Alt+E asks where through the dialog every export uses (the UI's language; Qt's
    static one spoke the system's), starting from a dated name, and writes the Excel file
    chosen."""
    asked: list[tuple[str, str]] = []
    target = tmp_path / "trail.xlsx"

    def answer(parent, caption, suggested, filters):
        asked.append((caption, Path(suggested).name))
        return str(target), "Excel (*.xlsx)"

    monkeypatch.setattr(file_dialogs, "save_file_name", answer)
    qtbot.keyClick(dialog, Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: target.exists() and dialog.export_button.isEnabled(), timeout=30_000)
    assert asked == [("Export the audit trail shown", f"audit-{date.today():%Y-%m-%d}.csv")]
    assert target.read_bytes()[:2] == b"PK"  # a workbook, as chosen


def test_a_clerk_has_no_audit_screen_and_the_core_refuses_it(manager) -> None:
    window, keys = manager
    keys.press(Key.Key_L, CTRL)
    unlock(keys, "comptoir", "3333")
    assert not window.audit_action.isVisible()
    from gestco.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        window.services.audit.list_events()


def test_every_kind_of_line_has_a_name_in_the_screens_language() -> None:
    from gestco.services.audit_trail import KINDS
    from ui.display.audit_words import KIND_LABELS

    assert set(KINDS) == set(KIND_LABELS)


def test_a_value_with_control_or_direction_characters_is_shown_escaped() -> None:
    """A stored value that holds a terminal's escape, a right-to-left override or a line
    break reads as what it is, on one line, as `gestco audit` prints it."""
    from datetime import datetime

    from gestco.domain.staff import AuditEvent
    from ui.models.audit import AuditModel

    event = AuditEvent(
        id=1,
        at=datetime(2026, 12, 2, 10, 0),
        operator="comptoir",
        workstation="caisse\x1b[2J",
        kind="client",
        entity="client",
        record_id="7",
        record_label="Nadia\u202eTIDUA",
        field="notes",
        old_value="",
        new_value="paid\u200b in\tfull",
        approved_by="",
        note="",
    )
    model = AuditModel()
    model.add_rows([event])
    shown = [model.index(0, c).data() for c in Column]
    assert shown[Column.WORKSTATION] == "caisse\\x1b[2J"
    assert shown[Column.RECORD] == "Nadia\\u202eTIDUA"
    assert shown[Column.AFTER] == "paid\\u200b in\\tfull"
    assert model.index(0, Column.AFTER).data(Qt.ItemDataRole.ToolTipRole) == shown[Column.AFTER]


# Every note the core writes on an event (gestco.services.session, sign_in_tries, operators).
CORE_NOTES = {
    ("sign_in", "password"): "mot de passe",
    ("sign_in", "assumed"): "sans secret (tests, automatisation)",
    ("sign_in_failed", "PIN; delay 30 s"): "code PIN · délai 30 s",
    ("sign_in_failed", "disabled operator"): "opérateur désactivé",
    ("sign_in_refused", "password; wait 25 s"): "mot de passe · encore 25 s à attendre",
    ("approval_failed", "PIN; the role counter approves nothing"): (
        "code PIN · le rôle employé de comptoir n’accorde rien"
    ),
    ("failures_cleared", "5 wrong attempts; unlocked"): (
        "essais erronés : 5 · effacés par un administrateur"
    ),
    (
        "failures_cleared",
        "1 wrong attempts; new password",
    ): "essais erronés : 1 · nouveau mot de passe",
    ("failures_cleared", "0 wrong attempts; new PIN"): "essais erronés : 0 · nouveau code PIN",
    ("failures_cleared", "2 wrong attempts; PIN removed"): "essais erronés : 2 · code PIN supprimé",
    ("failures_cleared", "3 wrong attempts; enabled"): "essais erronés : 3 · réactivé",
}


def test_the_cores_notes_read_in_french(qapp) -> None:
    from ui.display.audit_words import note_text
    from ui.runtime.languages import install_translator

    translator = install_translator(qapp, "fr")
    assert translator is not None, "gestco_fr.qm missing: `make translations`"
    try:
        shown = {key: note_text(*key) for key in CORE_NOTES}
    finally:
        qapp.removeTranslator(translator)
    assert shown == CORE_NOTES


def test_it_opens_within_a_small_screen(dialog) -> None:
    """It opened 1,100 px wide on a 1,024 px screen, its right columns and Export off it."""
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    assert dialog.minimumSizeHint().width() <= 1024
