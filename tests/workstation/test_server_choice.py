"""Pointing a workstation at a server: the choice file, the keyring, the connection test."""

from __future__ import annotations

import pytest

from gestco.domain.errors import DatabaseError, ServerLoginError, ValidationError
from gestco.storage import binding, opening, postgres
from gestco.workstation import server_choice
from gestco.workstation.server_choice import ServerConnection, resolve_database
from tests.support.databases import TEST_DB, empty_postgres, postgres_only

SERVER = ServerConnection(host="192.168.1.10", port=5432, database="boutique", user="caisse")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (("", "5432", "shop", "u"), "host"),
        (("srv/x", "5432", "shop", "u"), "host"),
        (("srv", "70000", "shop", "u"), "port"),
        (("srv", "abc", "shop", "u"), "port"),
        (("srv", "5432", " ", "u"), "database"),
        (("srv", "5432", "shop", ""), "user"),
    ],
)
def test_each_wrong_field_is_named(fields: tuple[str, str, str, str], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        server_choice.parse(*fields)
    assert caught.value.field == field


def test_the_fields_make_a_url_that_survives_odd_characters() -> None:
    server = server_choice.parse(" srv.local ", "", "ma boutique", "caisse")
    assert server == ServerConnection("srv.local", 5432, "ma boutique", "caisse")
    url = server.url("p@ss:w/rd")
    assert url == "postgresql://caisse:p%40ss%3Aw%2Frd@srv.local:5432/ma%20boutique"


def test_without_a_keyring_the_password_is_not_stored(monkeypatch) -> None:
    monkeypatch.delenv("GESTCO_DB", raising=False)
    monkeypatch.setattr(server_choice, "keyring_available", lambda: False)
    assert server_choice.use_server(SERVER, "s3cret") is False
    saved = (server_choice._config_path()).read_text(encoding="utf-8")
    assert "s3cret" not in saved and "boutique" in saved
    assert resolve_database(None) == "postgresql://caisse@192.168.1.10:5432/boutique"
    server_choice.use_own_file()
    assert server_choice.load() is None
    assert not resolve_database(None).startswith("postgresql")


def test_with_a_keyring_the_password_goes_there(monkeypatch, memory_keyring) -> None:
    monkeypatch.delenv("GESTCO_DB", raising=False)
    assert server_choice.use_server(SERVER, "s3cret") is True
    assert memory_keyring == {("GESTCO", "caisse@192.168.1.10:5432/boutique"): "s3cret"}
    assert "s3cret" not in server_choice._config_path().read_text(encoding="utf-8")
    assert resolve_database(None) == "postgresql://caisse:s3cret@192.168.1.10:5432/boutique"
    assert resolve_database("other.sqlite3") == "other.sqlite3"  # --db still wins
    server_choice.use_own_file()
    assert memory_keyring == {}


def test_a_damaged_choice_file_falls_back_to_the_own_file(monkeypatch) -> None:
    monkeypatch.delenv("GESTCO_DB", raising=False)
    path = server_choice._config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert server_choice.load() is None
    assert not resolve_database(None).startswith("postgresql")
    path.unlink()


def test_an_unreachable_server_is_said_so_quickly() -> None:
    with pytest.raises(DatabaseError) as caught:
        postgres.probe_server("postgresql://gestco@127.0.0.1:9/shop")  # port 9: nobody listens
    assert caught.value.message.startswith("Cannot reach the server 127.0.0.1:9:")
    with pytest.raises(DatabaseError) as caught:
        postgres.probe_server("postgresql://gestco@no-such-host.invalid/shop")
    assert "Cannot reach the server no-such-host.invalid:5432" in caught.value.message


@postgres_only
def test_the_connection_test_on_a_real_server() -> None:
    from urllib.parse import urlsplit

    from gestco.storage.migrations import SCHEMA_VERSION

    empty_postgres()
    assert postgres.probe_server(TEST_DB) is None  # reachable; GESTCO sets it up at first start
    opening.open_database(TEST_DB)
    binding.close_database()
    assert postgres.probe_server(TEST_DB) == SCHEMA_VERSION
    parts = urlsplit(TEST_DB)
    stranger = TEST_DB.replace(f"//{parts.username}", "//nobody", 1)
    with pytest.raises(ServerLoginError) as caught:
        postgres.probe_server(stranger)
    assert "refused the user nobody" in caught.value.message
    if parts.password:  # the CI server asks for one over TCP, as a shop's does
        wrong = TEST_DB.replace(f":{parts.password}@", ":wrong@")
        with pytest.raises(ServerLoginError, match="refused the user gestco or its password"):
            postgres.probe_server(wrong)
        with pytest.raises(ServerLoginError):
            postgres.probe_server(TEST_DB.replace(f":{parts.password}@", "@"))
    missing = TEST_DB.rsplit("/", 1)[0] + "/no_such_shop"
    with pytest.raises(DatabaseError, match="has no database named no_such_shop"):
        postgres.probe_server(missing)


def test_a_password_asked_at_start_goes_into_the_url() -> None:
    url = "postgresql://caisse@srv:5432/shop"
    assert (
        server_choice.with_password(url, "a b@c") == "postgresql://caisse:a%20b%40c@srv:5432/shop"
    )
    old = "postgresql://caisse:old@srv/shop"
    assert server_choice.with_password(old, "new") == "postgresql://caisse:new@srv/shop"
