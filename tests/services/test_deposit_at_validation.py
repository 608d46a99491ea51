"""A deposit taken as the order is validated (orders.create_order(deposit=)): the order and
its first payment commit together; a refused deposit (more than the total, a bad amount or
method, a refund) writes neither the order nor the payment."""

from __future__ import annotations

import pytest

from gestco.domain.errors import ValidationError
from gestco.domain.payments import Deposit
from gestco.domain.permissions import Role
from gestco.services import audit, payments
from tests.support.shop import Shop
from tests.support.staff import act_as, add_people, cheap_hashes, everything


@pytest.fixture
def goods(shop: Shop):
    return shop.client(), shop.product(price="45.00", stock_qty=50)


def test_the_deposit_is_the_orders_first_payment(shop: Shop, goods) -> None:
    client, product = goods
    order = shop.order(
        client.id, (product.id, 3), deposit=Deposit("50,00", "card", reference="TPE 881")
    )
    assert "orders" in order.changes
    listed = payments.list_payments(order.id)
    assert [(p.amount_cents, p.method, p.reference) for p in listed] == [(5000, "card", "TPE 881")]
    now = payments.balance(order.id)
    assert (now.total_cents, now.due_cents, now.status) == (13500, 8500, "partly_paid")
    entities = {e.entity for e in audit.list_events() if e.record_label == order.number}
    assert {"orders", "payments"} <= entities


def test_the_whole_total_as_deposit_pays_the_order(shop: Shop, goods) -> None:
    client, product = goods
    order = shop.order(client.id, (product.id, 2), deposit=Deposit("90", "cash"))
    assert payments.balance(order.id).status == "paid"


@pytest.mark.parametrize(
    ("deposit", "field", "message"),
    [
        (Deposit("135.01", "cash"), "amount", r"\(135\.01\) is more than .* \(135.00\)"),
        (Deposit("-10", "cash"), "amount", "positive"),
        (Deposit("0", "cash"), "amount", "0.00"),
        (Deposit("dix", "cash"), "amount", "Enter an amount"),
        (Deposit("10", "bitcoin"), "method", "Choose how it was paid"),
        (Deposit("10", "cash", reference="x" * 101), "reference", ""),
    ],
)
def test_a_refused_deposit_writes_neither_order_nor_payment(
    shop: Shop, goods, deposit: Deposit, field: str, message: str
) -> None:
    client, product = goods
    before = everything()
    with pytest.raises(ValidationError, match=message or None) as refused:
        shop.order(client.id, (product.id, 3), deposit=deposit)
    assert refused.value.field == field
    assert everything() == before  # no order, no number used, no stock held, no payment


def test_a_clerk_takes_a_deposit(shop: Shop, goods, monkeypatch: pytest.MonkeyPatch) -> None:
    client, product = goods
    cheap_hashes(monkeypatch)
    add_people()
    act_as(Role.COUNTER)
    order = shop.order(client.id, (product.id, 1), deposit=Deposit("10", "cash"))
    assert payments.list_payments(order.id)[0].created_by == "comptoir"
