"""Issue 13 item 3 in the core: a blank country is the phone's; no address stays empty."""

from __future__ import annotations

from gestco.domain.records import ClientInput
from gestco.services import clients
from tests.support.shop import ACTOR, Shop


def test_a_blank_country_follows_the_phone(shop: Shop) -> None:
    assert shop.client(phone="+33 6 12 34 56 78").country == "FR"
    assert shop.client(phone="0612345678").country == "MA"  # the shop's own region
    assert shop.client(phone="+33 6 12 34 56 79", country="BE").country == "BE"  # as typed


def test_a_client_without_address_gives_an_order_no_address(shop: Shop) -> None:
    client = clients.create_client(ClientInput(phone="0612345678", last_name="B"), actor=ACTOR)
    assert client.postal_address == ""
    order = shop.order(client.id, (shop.product().id, 1))
    assert order.shipping_address == ""
    town = clients.create_client(
        ClientInput(phone="0612345679", last_name="C", city="Fès"), actor=ACTOR
    )
    assert town.postal_address == "Fès\nMA"
