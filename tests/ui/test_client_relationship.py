"""The client page's relationship, typed as a clerk does: a note (its kind, Ctrl+Return), a
tag (the completer, Return; Delete takes it off), the consent box; each read back from what
the core saved. A manager's data rights: the export written, the anonymisation confirmed
(Cancel first: nothing changes). A clerk sees neither."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from gestco.domain.permissions import Role
from gestco.domain.records import ClientInput
from gestco.services import clients, relationship
from gestco.storage import binding
from tests.support.keyboard import Keyboard, show

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def amina(db_path):
    client = clients.create_client(
        ClientInput(phone="0612345678", first_name="Amina", last_name="Benali", city="Rabat")
    )
    other = clients.create_client(ClientInput(phone="0622222222", last_name="Alaoui"))
    relationship.add_tag(other.id, "Grossiste")  # a tag the completer offers
    return client


def _window(qtbot, role: Role = Role.MANAGER):
    from tests.support.staff import signed_window

    names = {Role.MANAGER: "gerant", Role.COUNTER: "comptoir", Role.ADMIN: "admin"}
    window = signed_window(str(binding.database_path()), names[role], role)
    qtbot.addWidget(window)
    show(qtbot, window)
    return window


def _open_amina(window, keys: Keyboard) -> None:
    keys.press(Key.Key_F5)
    keys.type("0612345678")
    keys.press(Key.Key_Return)
    assert window.search_tab.client is not None
    keys.press(Key.Key_PageDown, CTRL)  # the section after the orders: notes, tags, consent
    tab = window.search_tab
    assert tab.sections.currentWidget() is tab.relationship_panel


def test_a_clerk_types_a_note_a_tag_and_ticks_consent(qtbot, amina) -> None:
    window = _window(qtbot, Role.COUNTER)
    keys = Keyboard(qtbot, window)
    _open_amina(window, keys)
    panel = window.search_tab.relationship_panel
    assert keys.focused() is panel.timeline.note_edit
    keys.type("a appele, veut la livraison mardi")  # QTest types ASCII only
    keys.press(Key.Key_Return)  # a second line, not the note added
    keys.type("avant midi")
    keys.press(Key.Key_Backtab)  # the kind, before the text
    assert keys.focused() is panel.timeline.kind_combo
    keys.press(Key.Key_Down)  # Note -> Call
    keys.press(Key.Key_Tab)
    keys.press(Key.Key_Return, CTRL)
    saved = relationship.timeline(amina.id)
    assert [(n.kind, n.text, n.operator) for n in saved] == [
        ("call", "a appele, veut la livraison mardi\navant midi", "comptoir")
    ]
    assert panel.timeline.note_edit.toPlainText() == ""
    assert panel.timeline.list.count() == 1 and "avant midi" in panel.timeline.list.item(0).text()

    keys.press(Key.Key_Return, CTRL)  # nothing typed: said beside the field, nothing added
    assert panel.timeline.message.isVisible() and panel.timeline.message.text()
    assert len(relationship.timeline(amina.id)) == 1

    keys.press(Key.Key_G, Qt.KeyboardModifier.AltModifier)  # Ta&gs
    assert keys.focused() is panel.tags.tag_edit
    keys.type("gros")
    popup = QApplication.activePopupWidget()
    assert popup is not None  # the completer offers Grossiste
    keys.press(Key.Key_Down)
    keys.press(Key.Key_Return)  # takes the suggestion
    if QApplication.activePopupWidget() is None and panel.tags.tag_edit.text():
        keys.press(Key.Key_Return)  # and adds it
    keys.type(" vip ")
    keys.press(Key.Key_Return)
    assert relationship.client_tags(amina.id) == ("Grossiste", "vip")
    keys.type("x" * 45)  # past 40 characters
    keys.press(Key.Key_Return)
    assert panel.tags.tag_message.isVisible()
    assert relationship.client_tags(amina.id) == ("Grossiste", "vip")

    keys.press(Key.Key_Tab)  # from the tag field to the client's tags
    assert keys.focused() is panel.tags.tags
    keys.press(Key.Key_End)  # vip
    keys.press(Key.Key_Delete)
    assert relationship.client_tags(amina.id) == ("Grossiste",)

    keys.press(Key.Key_B, Qt.KeyboardModifier.AltModifier)  # Su&bscribed to offers
    qtbot.waitUntil(lambda: relationship.relationship(amina.id).marketing_consent)  # animated
    saved_consent = relationship.relationship(amina.id)
    assert saved_consent.marketing_consent and saved_consent.consent_at is not None
    assert panel.tags.consent_box.isChecked()
    assert panel.tags.consent_date.text()
    assert not panel.export_button.isVisible() and not panel.anonymise_button.isVisible()
    city = window.search_tab.form.fields["city"]
    city.setFocus()
    city.selectAll()
    keys.type("Sale")
    keys.press(Key.Key_S, CTRL)  # the details still save after the consent and the tags
    assert clients.get_client(amina.id).city == "Sale"
    window.watcher.stop()


def test_the_client_search_filters_by_tag(qtbot, amina) -> None:
    relationship.add_tag(amina.id, "grossiste")
    window = _window(qtbot)
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F5)
    tab = window.search_tab
    tab.tag_filter.setFocus()  # picked with the arrow keys, as a clerk does
    for _ in range(tab.tag_filter.count()):
        if tab.tag_filter.currentData() == "Grossiste":
            break
        keys.press(Key.Key_Down)
    assert tab.tag_filter.currentData() == "Grossiste"
    tab.client_search_edit.setFocus()
    keys.press(Key.Key_Return)  # nothing typed: every client holding the tag
    assert tab.matches.rowCount() == 2
    keys.press(Key.Key_F5)
    keys.type("Ben")
    keys.press(Key.Key_Return)
    assert tab.client is not None and tab.client.id == amina.id  # one match: opened
    window.watcher.stop()


def _answer_the_confirmation(qtbot, button: str, seen: list[str]) -> None:
    """Once the confirmation is open (a button's Space clicks it a moment later): the key a
    manager presses there. What it said goes into `seen`."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != "anonymiseConfirmation":
            QTimer.singleShot(20, answer)
            return
        seen.append(box.informativeText())
        if button == "cancel":
            qtbot.keyClick(box, Key.Key_Return)  # the default button: Cancel
        else:
            box.anonymise_button.setFocus()
            qtbot.keyClick(box.anonymise_button, Key.Key_Space)

    QTimer.singleShot(0, answer)


def test_a_manager_exports_then_anonymises(qtbot, amina, tmp_path: Path, monkeypatch) -> None:
    window = _window(qtbot)
    keys = Keyboard(qtbot, window)
    _open_amina(window, keys)
    panel = window.search_tab.relationship_panel
    target = tmp_path / "amina.json"
    monkeypatch.setattr(
        "ui.widgets.client_relationship.ask_data_path", lambda *_args: (str(target), "json")
    )
    panel.export_button.setFocus()
    keys.press(Key.Key_Space)  # Export this client's data…
    qtbot.waitUntil(target.exists)
    assert json.loads(target.read_text(encoding="utf-8"))["client"]["last_name"] == "Benali"
    panel.anonymise_button.setFocus()
    seen: list[str] = []
    _answer_the_confirmation(qtbot, "cancel", seen)
    keys.press(Key.Key_Space)
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert "cannot be undone" in seen[0]
    assert clients.identify("0612345678") is not None  # cancelled: nothing changed
    panel.anonymise_button.setFocus()
    _answer_the_confirmation(qtbot, "anonymise", seen)
    keys.press(Key.Key_Space)
    qtbot.waitUntil(lambda: clients.identify("0612345678") is None)
    shown = window.search_tab.client
    assert shown is not None and shown.last_name == "Anonyme"
    assert not panel.anonymise_button.isEnabled()
    assert not window.search_tab.save_button.isEnabled()
    assert not window.search_tab.form.isEnabled()
    assert not panel.timeline.note_edit.isEnabled()
    window.watcher.stop()


def test_the_orders_table_filters_by_a_clients_tag(qtbot, amina) -> None:
    from decimal import Decimal

    from gestco.domain.records import LineInput, ProductInput
    from gestco.services import orders, stock

    coffee = stock.create_product(
        ProductInput(sku="CAF-250", name="Café", unit_price=Decimal("45")), initial_stock=20
    )
    other = clients.identify("0622222222")
    assert other is not None
    for who in (amina.id, amina.id, other.id):
        orders.create_order(client_id=who, lines=[LineInput(product_id=coffee.id, quantity=1)])
    window = _window(qtbot)
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F6)
    tab = window.orders_tab
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.count == 3)
    tab.tag_combo.setFocus()
    keys.press(Key.Key_Down)  # All tags -> Grossiste (Alaoui's)
    tab.apply_filters()  # what choosing in the list does (activated)
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.count == 1)
    assert tab.model.row_at(0).client_id == other.id
    keys.press(Key.Key_Up)
    tab.apply_filters()
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.count == 3)
    window.watcher.stop()
