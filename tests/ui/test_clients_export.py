"""Search › Client: Export clients… (managers and up) as CSV, Excel or vCards, with the
keyboard; the file read back (the vCards through GESTCO's own reader, as a phone would)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from gestco.domain.permissions import Role
from gestco.domain.records import ClientInput
from gestco.imports.clients import read_clients
from gestco.services import clients
from gestco.storage import binding
from tests.support.databases import fresh_database
from tests.support.keyboard import Keyboard, show
from tests.support.staff import signed_window
from ui.runtime import file_dialogs

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
PEOPLE = [
    ClientInput(phone="0612345678", first_name="Amina", last_name="Benali", city="Casablanca"),
    ClientInput(
        phone="+33612345678", first_name="Élodie", last_name="Martin", email="e.martin@example.fr"
    ),
]


def _window(qtbot, tmp_path: Path, operator: str, role: Role):
    window = signed_window(fresh_database(tmp_path / "shop.sqlite3"), operator, role)
    for person in PEOPLE:
        clients.create_client(person)
    window.backup_on_close = False
    qtbot.addWidget(window)
    show(qtbot, window)
    return window, Keyboard(qtbot, window)


@pytest.fixture
def manager(qtbot, tmp_path):
    yield _window(qtbot, tmp_path, "gerant", Role.MANAGER)
    binding.close_database()


@pytest.mark.parametrize(
    ("name", "chosen"),
    [
        ("clients.vcf", "vCard, for contacts and phones (*.vcf)"),
        ("clients.csv", "CSV (*.csv)"),
        ("clients.xlsx", "Excel (*.xlsx)"),
    ],
)
def test_a_manager_exports_the_clients(qtbot, manager, monkeypatch, tmp_path, name, chosen):
    window, keys = manager
    offered: list[str] = []
    target = tmp_path / name

    def save_file_name(parent, caption, suggested, filters):
        offered.append(filters)
        return str(target), chosen

    monkeypatch.setattr(file_dialogs, "save_file_name", save_file_name)
    keys.press(Key.Key_F5)  # Find a client
    export = window.search_tab.clients_export
    assert export.isVisible()
    keys.press(Key.Key_X, ALT)  # E&xport clients…
    qtbot.waitUntil(lambda: target.exists() and export.button.isEnabled(), timeout=30_000)
    assert offered == ["CSV (*.csv);;Excel (*.xlsx);;vCard, for contacts and phones (*.vcf)"]
    assert export.message.text() == f"2 clients exported to {target}"
    if name.endswith(".vcf"):
        back = read_clients(target, region="MA")
        assert back.format == "vcard" and not back.problems
        assert {(c.phone, c.first_name, c.last_name) for c in back.clients} == {
            ("+212612345678", "Amina", "Benali"),
            ("+33612345678", "Élodie", "Martin"),
        }
        assert b"\r\n" in target.read_bytes()  # vCard lines end with CRLF
    elif name.endswith(".csv"):
        text = target.read_text("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";" if ";" in text else ","))
        assert rows[0][:3] == ["Phone", "First name", "Last name"]  # the UI's language
        assert sorted(r[1] for r in rows[1:]) == ["Amina", "Élodie"]
    else:
        sheet = load_workbook(target).active
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        assert values[0][:3] == ["Phone", "First name", "Last name"]
        assert sorted(v[1] for v in values[1:]) == ["Amina", "Élodie"]


def test_a_counter_clerk_is_not_offered_the_clients_export(qtbot, tmp_path) -> None:
    window, keys = _window(qtbot, tmp_path, "comptoir", Role.COUNTER)
    try:
        keys.press(Key.Key_F5)
        assert not window.search_tab.clients_export.isVisible()
        from gestco.domain.errors import PermissionDenied
        from gestco.services.export_vcard import clients_in_worker

        with pytest.raises(PermissionDenied):
            clients_in_worker(tmp_path / "x.vcf", fmt="vcard")
        assert not (tmp_path / "x.vcf").exists()
    finally:
        binding.close_database()
