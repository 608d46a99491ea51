"""Random text and numbers at every service entry point: only GESTCO's own errors come out,
and when one does, the database is exactly as it was."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gestco import db
from gestco.domain import ClientInput, LineInput, ProductInput
from gestco.errors import GestcoError
from gestco.queries import OrderFilter, count_and_sum, list_orders
from gestco.services import clients, orders, stock
from tests.conftest import ACTOR, Shop

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.text(max_size=40),
    st.floats(allow_nan=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.just("0612345678"),
    st.just("06 99 88 77 66"),
)
texty = st.one_of(st.text(max_size=60), st.from_regex(r"\+?[0-9 ]{0,16}", fullmatch=True))
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def fingerprint() -> str:
    digest = hashlib.sha256()
    tables = (
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        if db.is_postgres()
        else "SELECT name FROM sqlite_master WHERE type = 'table'"
    )
    for (table,) in db.fetch_all(tables):
        for row in db.fetch_all(f'SELECT * FROM "{table}" ORDER BY 1'):
            digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.fixture
def world(shop: Shop):
    client = shop.client()
    product = shop.product(stock_qty=50)
    order = shop.order(client.id, (product.id, 2))
    return client, product, order


def expect_gestco_error_or_success(call) -> None:
    before = fingerprint()
    try:
        call()
    except GestcoError:
        assert fingerprint() == before, "a rejected call changed the database"


@FUZZ
@given(phone=texty, first=anything, last=anything, email=anything, country=anything)
def test_create_client(world, phone, first, last, email, country) -> None:
    expect_gestco_error_or_success(
        lambda: clients.create_client(
            ClientInput(
                phone=phone, first_name=first, last_name=last, email=email, country=country
            ),
            actor=ACTOR,
        )
    )


@FUZZ
@given(phone=texty, last=anything, version=anything)
def test_update_client(world, phone, last, version) -> None:
    client = world[0]
    expect_gestco_error_or_success(
        lambda: clients.update_client(
            client.id,
            ClientInput(phone=phone, last_name=last),
            actor=ACTOR,
            expected_version=version,
        )
    )


@FUZZ
@given(text=texty)
def test_lookups(world, text) -> None:
    for call in (
        lambda: clients.identify(text),
        lambda: clients.search_clients(text),
        lambda: orders.get_order(text),
        lambda: stock.search_products(text),
        lambda: count_and_sum(OrderFilter(text=text)),
        lambda: list_orders(OrderFilter(text=text)),
    ):
        expect_gestco_error_or_success(call)


@FUZZ
@given(
    product=anything,
    quantity=anything,
    discount=anything,
    price=anything,
    channel=anything,
    ship=anything,
    notes=anything,
)
def test_create_order(world, product, quantity, discount, price, channel, ship, notes) -> None:
    client, real, _ = world
    product_id = real.id if product is None else product
    expect_gestco_error_or_success(
        lambda: orders.create_order(
            client_id=client.id,
            actor=ACTOR,
            channel=channel,
            shipping_date=ship,
            notes=notes,
            lines=[
                LineInput(
                    product_id=product_id, quantity=quantity, discount=discount, unit_price=price
                )
            ],
        )
    )


@FUZZ
@given(to=anything, version=anything, note=anything, quantity=anything, ship=anything)
def test_change_and_update_order(world, to, version, note, quantity, ship) -> None:
    _, product, order = world
    expect_gestco_error_or_success(
        lambda: orders.change_status(
            order_id=order.id, to_status=to, expected_version=version, actor=ACTOR, note=note
        )
    )
    current = orders.get_order_by_id(order.id)
    expect_gestco_error_or_success(
        lambda: orders.update_order(
            order_id=order.id,
            expected_version=current.version,
            actor=ACTOR,
            shipping_date=ship,
            lines=[LineInput(product_id=product.id, quantity=quantity)],
        )
    )


@FUZZ
@given(sku=anything, name=anything, price=anything, tax=anything, delta=anything, reason=anything)
def test_products_and_stock(world, sku, name, price, tax, delta, reason) -> None:
    product = world[1]
    expect_gestco_error_or_success(
        lambda: stock.create_product(
            ProductInput(sku=sku, name=name, unit_price=price, tax_rate=tax), actor=ACTOR
        )
    )
    expect_gestco_error_or_success(
        lambda: stock.adjust_stock(product.id, delta, reason=reason, actor=ACTOR)
    )
    expect_gestco_error_or_success(
        lambda: stock.receive_stock(product.id, delta, actor=ACTOR, reference=reason)
    )


def test_fingerprint_sees_a_change(world) -> None:
    before = fingerprint()
    stock.receive_stock(world[1].id, 1, actor=ACTOR)
    assert fingerprint() != before
