"""Tools › Database connection, and what a workstation does at start when its server says no."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from PySide6.QtWidgets import QMessageBox

from gestco.storage import binding, opening
from gestco.workstation import server_choice
from gestco.workstation.server_choice import ServerConnection
from tests.support.databases import TEST_DB, postgres_only
from ui.dialogs.connection import ConnectionDialog


@pytest.fixture
def dialog(qtbot, monkeypatch, memory_keyring):
    monkeypatch.delenv("GESTCO_DB", raising=False)
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _fill(dialog: ConnectionDialog, host: str, port: str, database: str, user: str, pw: str):
    dialog.server_radio.setChecked(True)
    for edit, text in (
        (dialog.host_edit, host),
        (dialog.port_edit, port),
        (dialog.database_edit, database),
        (dialog.user_edit, user),
        (dialog.password_edit, pw),
    ):
        edit.setText(text)


def _fill_test_server(dialog: ConnectionDialog, password: str):
    """The test server's address, database and user, with `password`; its URL's parts."""
    parts = urlsplit(TEST_DB)
    host, port, database = parts.hostname or "", str(parts.port), parts.path.lstrip("/")
    _fill(dialog, host, port, database, parts.username or "", password)
    return parts


def test_the_own_file_is_the_default_and_the_server_fields_wait(dialog) -> None:
    assert dialog.own_file_radio.isChecked()
    assert not dialog.server_form.isEnabled()
    dialog.server_radio.setChecked(True)
    assert dialog.server_form.isEnabled()
    assert "keyring" in dialog.keyring_note.text()


def test_a_wrong_field_is_said_beside_it_and_nothing_is_saved(qtbot, dialog) -> None:
    _fill(dialog, "", "5432", "shop", "caisse", "x")
    dialog.accept()
    assert dialog.isVisible()
    message = dialog.findChild(type(dialog.keyring_note), "hostMessage")
    assert message.isVisible() and "server's name or address" in message.text()
    assert dialog.host_edit.hasFocus()
    assert server_choice.load() is None


def test_an_unreachable_server_is_said_plainly(qtbot, dialog, monkeypatch) -> None:
    _fill(dialog, "127.0.0.1", "9", "shop", "caisse", "x")  # port 9: nobody listens
    assert dialog.test_connection() is False
    assert dialog.result_label.isVisible()
    assert "Cannot reach the server 127.0.0.1:9" in dialog.result_label.text()
    # Saving anyway is the manager's choice (the server may be down for the moment).
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    dialog.accept()
    assert server_choice.load() == ServerConnection("127.0.0.1", 9, "shop", "caisse")
    dialog_again = ConnectionDialog()
    qtbot.addWidget(dialog_again)
    dialog_again.show()
    qtbot.waitUntil(dialog_again.host_edit.hasFocus)  # ready to change the server
    assert dialog_again.server_radio.isChecked() and dialog_again.host_edit.text() == "127.0.0.1"
    assert dialog_again.password_edit.text() == ""  # never shown back
    assert dialog_again.password_edit.placeholderText() == "(unchanged)"  # in the keyring
    dialog_again.own_file_radio.setChecked(True)
    dialog_again.accept()
    assert server_choice.load() is None


@postgres_only
def test_test_then_save_the_shops_server(qtbot, dialog, memory_keyring) -> None:
    parts = _fill_test_server(dialog, "wrong-password")
    if parts.password:
        assert dialog.test_connection() is False
        assert "refused the user" in dialog.result_label.text()
    dialog.password_edit.setText(parts.password or "")
    assert dialog.test_connection() is True
    assert dialog.result_label.property("kind") == "success"
    dialog.accept()
    assert not dialog.isVisible()
    server = server_choice.load()
    assert server is not None and server.host == parts.hostname
    if parts.password:
        assert list(memory_keyring.values()) == [parts.password]
        text = server_choice._config_path().read_text(encoding="utf-8")
        assert parts.password not in text
    assert server_choice.server_url(server) == TEST_DB


@postgres_only
def test_a_refused_password_is_asked_for_at_start(qtbot, monkeypatch, caplog) -> None:
    """No keyring on the workstation: GESTCO asks; the password never reaches the log."""
    import logging

    from tests.support.databases import empty_postgres
    from ui import app

    parts = urlsplit(TEST_DB)
    if not parts.password:
        pytest.skip("the test server asks for no password")
    empty_postgres()
    asked: list[str] = []

    def answer(message: str) -> str:
        asked.append(message)
        return parts.password or ""

    monkeypatch.setattr(app, "ask_server_password", answer)
    caplog.set_level(logging.DEBUG)
    without = TEST_DB.replace(f":{parts.password}@", "@")
    window = app.open_or_recover(without)
    assert window is not None
    qtbot.addWidget(window)
    window.backup_on_close = False
    assert len(asked) == 1 and "refused the user gestco" in asked[0]
    assert parts.password not in window.database_label.text()
    window.close()
    binding.close_database()
    assert parts.password not in caplog.text


def test_an_unreachable_server_at_start_offers_retry_settings_or_quit(monkeypatch) -> None:
    from ui import app

    offered: list[str] = []

    def quit_(message: str):
        offered.append(message)
        return QMessageBox.StandardButton.Close

    monkeypatch.setattr(app, "server_unreachable", quit_)
    assert app.open_or_recover("postgresql://gestco@127.0.0.1:9/shop") is None
    assert offered and offered[0].startswith("Cannot reach the server 127.0.0.1:9")


@postgres_only
def test_the_first_workstation_copies_its_data_to_an_empty_server(
    qtbot, monkeypatch, tmp_path, memory_keyring
) -> None:
    """Test finds an empty server database: the copy button appears; the copy runs as
    `gestco migrate-to -` in its own process (the URL on its stdin), checked, the file kept."""
    from gestco.domain.records import ClientInput
    from gestco.services import clients
    from gestco.workstation.folders import default_database_path
    from tests.support.databases import empty_postgres, sql

    monkeypatch.setenv("GESTCO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("GESTCO_DB", raising=False)
    own = default_database_path()
    opening.open_database(own)
    clients.create_client(ClientInput(phone="0612345678", last_name="Benali"), actor="t")
    binding.close_database()
    before = own.read_bytes()
    empty_postgres()
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _fill_test_server(dialog, urlsplit(TEST_DB).password or "")
    assert dialog.test_connection() and dialog.copy_button.isVisible()
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    assert dialog.copy_own_data(), dialog.result_label.text()
    assert "Copied and checked" in dialog.result_label.text()
    assert not dialog.copy_button.isVisible()
    assert sql(TEST_DB, "SELECT last_name FROM clients") == [("Benali",)]
    assert own.read_bytes() == before  # only read
    assert dialog.test_connection() and not dialog.copy_button.isVisible()  # not empty now
    dialog.accept()
    assert server_choice.load() is not None
