"""A client's data rights: everything GESTCO holds about them exported, and anonymising them
(managers only, irreversible, in the audit trail; orders and figures kept)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from gestco.domain.change_areas import Area
from gestco.domain.errors import PermissionDenied, ValidationError
from gestco.domain.permissions import Role
from gestco.domain.records import ClientInput
from gestco.maintenance.checks import run_checks
from gestco.services import audit, client_rights, clients, orders, relationship
from gestco.services.order_table import OrderFilter, count_and_sum
from tests.support.fuzz_values import fingerprint
from tests.support.shop import Shop, advance
from tests.support.staff import act_as, add_people, cheap_hashes


@pytest.fixture
def known(shop: Shop):
    """Amina, with an address, a tag, consent, two notes and two orders (one shipped)."""
    client = clients.create_client(
        ClientInput(
            phone="0612345678",
            first_name="Amina",
            last_name="Benali",
            email="amina@example.ma",
            address="12 rue des Oliviers",
            postal_code="10000",
            city="Rabat",
            notes="Préfère être appelée le soir",
        )
    )
    coffee = shop.product(stock_qty=50)
    first = shop.order(client.id, (coffee.id, 2), shipping_address="12 rue des Oliviers")
    advance(first, "processing", "shipped")
    second = shop.order(client.id, (coffee.id, 1))
    relationship.add_tag(client.id, "VIP")
    relationship.set_marketing_consent(client.id, True)
    relationship.add_note(client.id, "a appelé, veut la livraison mardi", kind="call")
    relationship.add_note(client.id, "Amina passera samedi", kind="note")
    return client, (first, second)


def test_the_export_holds_everything_about_the_client(known) -> None:
    client, (first, second) = known
    data = client_rights.client_data(client.id)
    assert data["format"] == "gestco-client-data" and data["version"] == 1
    assert data["client"]["phone"] == "+212612345678"
    assert data["client"]["address"] == "12 rue des Oliviers"
    assert data["marketing_consent"]["given"] is True and data["marketing_consent"]["at"]
    assert data["tags"] == ["VIP"]
    assert [n["text"] for n in data["timeline"]] == [
        "a appelé, veut la livraison mardi",
        "Amina passera samedi",
    ]  # oldest first
    assert data["figures"]["orders"] == 2 and data["figures"]["spent"] == "135.00"
    assert [o["number"] for o in data["orders"]] == [first.number, second.number]
    shipped = data["orders"][0]
    assert shipped["lines"][0]["quantity"] == 2 and shipped["total"] == "90.00"
    assert [h["to"] for h in shipped["history"]] == ["pending", "processing", "shipped"]
    entities = {row["entity"] for row in data["audit"]}
    assert entities == {"clients", "client_notes", "orders"}
    assert any(r["field"] == "tags" and r["new_value"] == "VIP" for r in data["audit"])
    out = io.StringIO()
    client_rights.write_json(out, data)
    assert json.loads(out.getvalue())["client"]["first_name"] == "Amina"
    out = io.StringIO()
    client_rights.write_csv(out, data)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["section", "item", "field", "value"]
    assert ["client", "", "email", "amina@example.ma"] in rows
    assert ["tags", "", "tag", "VIP"] in rows
    assert [
        "orders",
        f"{first.number}/line 1",
        "sku",
        "CAF-250",
    ] in rows


def test_anonymising_erases_who_and_keeps_what_was_sold(known) -> None:
    client, (first, second) = known
    stats = clients.client_stats(client.id)
    totals = count_and_sum(OrderFilter())
    done = client_rights.anonymise_client(client.id)
    assert Area.CLIENTS in done.changes and Area.ORDERS in done.changes
    assert clients.identify("0612345678") is None  # the old phone identifies nobody
    assert clients.search_clients("Benali") == [] and clients.search_clients("0612") == []
    assert done.phone == "+99900000000001" == client_rights.placeholder_phone(client.id)
    assert (done.first_name, done.last_name, done.email, done.address) == ("", "Anonyme", "", "")
    assert (done.postal_code, done.city, done.notes) == ("", "", "")
    assert clients.client_stats(client.id) == stats  # the figures stay
    assert count_and_sum(OrderFilter()) == totals  # the orders too, with their totals
    for order in (first, second):
        kept = orders.get_order_by_id(order.id)
        assert kept.total_cents == order.total_cents and kept.shipping_address == ""
        assert kept.client_name == "Anonyme"
    assert [n.text for n in relationship.timeline(client.id)] == ["", ""]
    rel = relationship.relationship(client.id)
    assert rel.anonymised_at is not None and rel.tags == ("VIP",)
    trail = [e for e in audit.record_trail("clients", client.id) if e.note.startswith("anonym")]
    changed = {e.field: (e.old_value, e.new_value) for e in trail}
    assert changed["phone"] == (None, "+99900000000001")  # never the old number again
    assert changed["last_name"] == (None, "Anonyme") and "anonymised_at" in changed
    assert run_checks() == []  # the placeholder is E.164 for `gestco check`
    with pytest.raises(ValidationError, match="already"):
        client_rights.anonymise_client(client.id)
    with pytest.raises(ValidationError, match="anonymised"):
        relationship.add_note(client.id, "encore")
    with pytest.raises(ValidationError, match="anonymised"):
        clients.update_client(client.id, ClientInput(phone="0612345678", last_name="Benali"))
    assert clients.identify("0612345678") is None


def test_a_new_client_may_take_the_old_number(known) -> None:
    client, _ = known
    client_rights.anonymise_client(client.id)
    again = clients.create_client(ClientInput(phone="06 12 34 56 78", last_name="Nouvelle"))
    assert clients.identify("0612345678") == again and again.id != client.id


def test_the_trail_replays_an_anonymised_client(known) -> None:
    """Replayed from each field's first value, an anonymisation row restarts its field (it
    has no old value: the trail never copies what was erased); the end is the stored row."""
    client, _ = known
    client_rights.anonymise_client(client.id)
    values: dict[str, str | None] = {}
    for event in audit.record_trail("clients", client.id):
        if event.field in values and not event.note.startswith("anonymised"):
            assert values[event.field] == event.old_value, event
        values[event.field] = event.new_value
    stored = clients.get_client(client.id)
    for name in clients.AUDITED:
        assert values[name] == getattr(stored, name), name


@pytest.mark.parametrize("role", [Role.COUNTER])
def test_only_a_manager_anonymises(known, monkeypatch, role) -> None:
    client, _ = known
    cheap_hashes(monkeypatch)
    add_people()
    act_as(role)
    before = fingerprint()
    with pytest.raises(PermissionDenied):
        client_rights.anonymise_client(client.id)
    with pytest.raises(PermissionDenied):
        client_rights.client_data(client.id)
    assert fingerprint() == before
    act_as(Role.MANAGER)
    assert client_rights.anonymise_client(client.id).last_name == "Anonyme"


def test_a_phone_nobody_has_is_refused(shop: Shop) -> None:
    with pytest.raises(ValidationError, match="No client"):
        client_rights.client_by_phone("0699999999")
    with pytest.raises(ValidationError):
        client_rights.client_by_phone("pas un numéro")
