"""Clients: identification by phone in any writing, recording, editing, searching."""

from __future__ import annotations

import pytest

from gestco.domain.errors import ConflictError, ValidationError
from gestco.domain.records import ClientInput
from gestco.services import clients
from tests.support.shop import ACTOR, Shop

SAME_NUMBER = [
    "06 12 34 56 78",
    "0612345678",
    "+212 6 12 34 56 78",
    "00212612345678",
    "+212-612-345-678",
    "(06) 12.34.56.78",
]


def test_phone_is_stored_e164_and_found_in_any_writing(shop: Shop) -> None:
    created = shop.client(phone="06 12 34 56 78")
    assert created.phone == "+212612345678"
    for writing in SAME_NUMBER:
        found = clients.identify(writing)
        assert found is not None and found.id == created.id, writing


def test_foreign_number_with_country_code(shop: Shop) -> None:
    created = shop.client(phone="+33 6 12 34 56 78")
    assert created.phone == "+33612345678"
    assert clients.identify("0033612345678") == created


def test_unknown_number_is_none(shop: Shop) -> None:
    assert clients.identify("0698765432") is None


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "abc", "12", "06 12 34", "+212 6 12 34 56 78 99 99", "0612345678x", "+999 123"],
)
def test_bad_phone_is_a_validation_error(shop: Shop, bad: str) -> None:
    with pytest.raises(ValidationError) as err:
        clients.identify(bad)
    assert err.value.field == "phone"
    with pytest.raises(ValidationError):
        shop.client(phone=bad)
    assert clients.search_clients("a") == []


def test_phone_of_another_client_is_refused(shop: Shop) -> None:
    first = shop.client(phone="0612345678", first="Amina", last="Benali")
    with pytest.raises(ValidationError, match="already belongs to Amina Benali") as err:
        shop.client(phone="+212612345678", first="Karim", last="Tazi")
    assert err.value.field == "phone"
    other = shop.client(phone="0611111111", first="Karim", last="Tazi")
    with pytest.raises(ValidationError, match="already belongs"):
        clients.update_client(
            other.id, ClientInput(phone="0612345678", last_name="Tazi"), actor=ACTOR
        )
    assert clients.get_client(other.id).phone == "+212611111111"
    assert clients.get_client(first.id) == first


@pytest.mark.parametrize(
    ("field", "data"),
    [
        ("last_name", ClientInput(phone="0612345678")),
        ("last_name", ClientInput(phone="0612345678", first_name="  ", last_name="\t")),
        ("email", ClientInput(phone="0612345678", last_name="Tazi", email="not-an-email")),
        ("email", ClientInput(phone="0612345678", last_name="Tazi", email="a@b")),
        ("country", ClientInput(phone="0612345678", last_name="Tazi", country="Maroc")),
        ("first_name", ClientInput(phone="0612345678", last_name="T", first_name="x" * 101)),
    ],
)
def test_bad_client_details_write_nothing(shop: Shop, field: str, data: ClientInput) -> None:
    with pytest.raises(ValidationError) as err:
        clients.create_client(data, actor=ACTOR)
    assert err.value.field == field
    assert clients.identify("0612345678") is None


def test_email_is_normalised_and_country_defaults_to_shop(shop: Shop) -> None:
    client = shop.client(email="Amina.Benali@Example.COM")
    assert client.email == "Amina.Benali@example.com"
    assert client.country == "MA"


def test_update_client_and_stale_version(shop: Shop) -> None:
    client = shop.client()
    data = ClientInput(phone="0612345678", first_name="Amina", last_name="Benali-Tazi", city="Fès")
    updated = clients.update_client(client.id, data, actor=ACTOR, expected_version=client.version)
    assert (updated.last_name, updated.city, updated.version) == ("Benali-Tazi", "Fès", 2)
    with pytest.raises(ConflictError):
        clients.update_client(client.id, data, actor=ACTOR, expected_version=client.version)


def test_search_by_phone_prefix_in_any_writing(shop: Shop) -> None:
    a = shop.client(phone="0612345678", last="A")
    b = shop.client(phone="0612999999", last="B")
    shop.client(phone="0700000000", last="C")
    for typed in ("0612", "06 12", "+212 612", "00212612"):
        assert [m.id for m in clients.search_clients(typed)] == [a.id, b.id], typed
    assert [m.id for m in clients.search_clients("061234")] == [a.id]


def test_search_by_name_prefix_ignores_case_and_accents(shop: Shop) -> None:
    elodie = shop.client(phone="0612345678", first="Élodie", last="Lefèvre")
    shop.client(phone="0612345679", first="Karim", last="Tazi")
    assert [m.id for m in clients.search_clients("lefe")] == [elodie.id]
    assert [m.id for m in clients.search_clients("ELOD")] == [elodie.id]
    assert [m.id for m in clients.search_clients("elodie lef")] == [elodie.id]
    assert clients.search_clients("zz") == []


def test_search_limit(shop: Shop) -> None:
    for i in range(30):
        shop.client(phone=f"06123456{i:02d}", last=f"Nom{i:02d}")
    assert len(clients.search_clients("nom", limit=20)) == 20
    assert len(clients.search_clients("0612", limit=5)) == 5


def test_client_orders_and_stats(shop: Shop) -> None:
    client = shop.client()
    product = shop.product(price="10.00", stock_qty=20)
    first = shop.order(client.id, (product.id, 1))
    second = shop.order(client.id, (product.id, 2))
    assert [o.number for o in clients.client_orders(client.id)] == [second.number, first.number]
    stats = clients.client_stats(client.id)
    assert (stats.orders_count, stats.total_spent_cents) == (2, 3000)
    assert stats.last_order_at == second.created_at


def test_the_national_fast_path_agrees_with_the_full_parser() -> None:
    import random

    import phonenumbers

    from gestco.domain.phones import _national_fast_path

    rng = random.Random(3)
    for region in ("MA", "FR"):
        for _ in range(2000):
            typed = "0" + str(rng.randrange(10**8, 10**9))
            fast = _national_fast_path(typed, region)
            parsed = phonenumbers.parse(typed, region)
            slow = (
                phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
                if phonenumbers.is_valid_number(parsed)
                else None
            )
            assert fast == slow, (region, typed)
