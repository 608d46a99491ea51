"""Deposits, payments and refunds: the balance due and the payment status against figures
computed here; overpaying, over-refunding and paying a cancelled order refused with nothing
written; refunds a manager's, with a reason; every payment in the audit trail."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gestco.domain.errors import PermissionDenied, ValidationError
from gestco.domain.permissions import Role
from gestco.domain.records import LineInput
from gestco.services import audit, orders, payments
from gestco.storage import raw_sql
from tests.support.shop import Shop, advance
from tests.support.staff import act_as, add_people, cheap_hashes, everything


@pytest.fixture
def order(shop: Shop):
    client = shop.client()
    product = shop.product(price="45.00", stock_qty=50)
    return shop.order(client.id, (product.id, 3))  # 135.00


def _stored_sum(order_id: int) -> int:
    (total,) = raw_sql.fetch_one(
        "SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE order_id = ?", (order_id,)
    )
    (paid,) = raw_sql.fetch_one("SELECT paid_cents FROM orders WHERE id = ?", (order_id,))
    assert paid == total  # the order's column is the sum of its payments
    return int(total)


def test_a_deposit_then_the_rest(order) -> None:
    assert order.total_cents == 13500
    assert payments.balance(order.id).status == "unpaid"
    deposit = payments.record_payment(order_id=order.id, amount="50", method="cash")
    assert (deposit.amount_cents, deposit.method, deposit.paid_on) == (5000, "cash", date.today())
    assert "orders" in deposit.changes
    now = payments.balance(order.id)
    assert (now.received_cents, now.due_cents, now.status) == (5000, 8500, "partly_paid")
    payments.record_payment(order_id=order.id, amount="85,00", method="cheque", reference="123")
    now = payments.balance(order.id)
    assert (now.received_cents, now.due_cents, now.status) == (13500, 0, "paid")
    listed = payments.list_payments(order.id)
    assert [(p.amount_cents, p.method, p.reference) for p in listed] == [
        (5000, "cash", ""),
        (8500, "cheque", "123"),
    ]
    assert _stored_sum(order.id) == 13500
    assert orders.get_order_by_id(order.id).version == order.version  # no conflict made


def test_overpaying_is_refused_and_writes_nothing(order) -> None:
    payments.record_payment(order_id=order.id, amount="100", method="card")
    before = everything()
    with pytest.raises(ValidationError, match=r"still owes \(35.00\)") as refused:
        payments.record_payment(order_id=order.id, amount="35.01", method="cash")
    assert refused.value.field == "amount"
    assert everything() == before


def test_a_refund_needs_a_reason_and_at_most_what_was_paid(order) -> None:
    payments.record_payment(order_id=order.id, amount="60", method="cash")
    before = everything()
    with pytest.raises(ValidationError) as no_reason:
        payments.record_payment(order_id=order.id, amount="-10", method="cash")
    assert no_reason.value.field == "reason"
    with pytest.raises(ValidationError, match=r"holds 60\.00"):
        payments.record_payment(order_id=order.id, amount="-60.01", method="cash", reason="x")
    assert everything() == before
    refund = payments.record_payment(
        order_id=order.id, amount="-60", method="cash", reason="article indisponible"
    )
    assert refund.is_refund and refund.reason == "article indisponible"
    now = payments.balance(order.id)
    assert (now.received_cents, now.refunded_cents, now.status) == (0, 6000, "refunded")


def test_a_cancelled_order_takes_no_payment_but_gives_back(order) -> None:
    payments.record_payment(order_id=order.id, amount="40", method="cash")
    cancelled = advance(order, "cancelled", note="client absent")
    now = payments.balance(cancelled.id)
    assert (now.due_cents, now.status) == (-4000, "refund_due")
    before = everything()
    with pytest.raises(ValidationError, match="cancelled"):
        payments.record_payment(order_id=order.id, amount="1", method="cash")
    assert everything() == before
    payments.record_payment(order_id=order.id, amount="-40", method="cash", reason="annulée")
    assert payments.balance(order.id).status == "refunded"


@pytest.mark.parametrize(
    ("amount", "field"),
    [
        ("0", "amount"),
        ("12.345", "amount"),
        ("abc", "amount"),
        (1.5, "amount"),
        ("1000000000.01", "amount"),
    ],
)
def test_bad_amounts_are_refused(order, amount: object, field: str) -> None:
    before = everything()
    with pytest.raises(ValidationError) as refused:
        payments.record_payment(order_id=order.id, amount=amount, method="cash")
    assert refused.value.field == field
    assert everything() == before


def test_bad_method_and_date_are_refused(order) -> None:
    with pytest.raises(ValidationError) as method:
        payments.record_payment(order_id=order.id, amount="1", method="bitcoin")
    assert method.value.field == "method"
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as day:
        payments.record_payment(order_id=order.id, amount="1", method="cash", paid_on=tomorrow)
    assert day.value.field == "paid_on"
    yesterday = date.today() - timedelta(days=1)
    kept = payments.record_payment(order_id=order.id, amount="1", method="cash", paid_on=yesterday)
    assert kept.paid_on == yesterday


def test_the_lines_cannot_cost_less_than_what_was_received(shop: Shop, order) -> None:
    payments.record_payment(order_id=order.id, amount="100", method="cash")
    product_id = order.lines[0].product_id
    with pytest.raises(ValidationError, match="refund the difference"):
        orders.update_order(
            order_id=order.id,
            expected_version=order.version,
            lines=[LineInput(product_id=product_id, quantity=2)],  # 90.00 < 100.00
        )
    saved = orders.update_order(
        order_id=order.id,
        expected_version=order.version,
        lines=[LineInput(product_id=product_id, quantity=4)],
    )
    assert payments.balance(saved.id).due_cents == 18000 - 10000


def test_a_clerk_takes_payments_a_manager_refunds(order, monkeypatch) -> None:
    cheap_hashes(monkeypatch)
    add_people()
    act_as(Role.COUNTER)
    payment = payments.record_payment(order_id=order.id, amount="10", method="card")
    assert payment.created_by == "comptoir"
    before = everything()
    with pytest.raises(PermissionDenied):
        payments.record_payment(order_id=order.id, amount="-10", method="card", reason="erreur")
    assert everything() == before
    act_as(Role.MANAGER)
    payments.record_payment(order_id=order.id, amount="-10", method="card", reason="erreur")


def test_every_payment_is_in_the_audit_trail(order) -> None:
    payment = payments.record_payment(
        order_id=order.id, amount="12.50", method="transfer", reference="VIR-77"
    )
    trail = {e.field: e.new_value for e in audit.record_trail("payments", payment.id)}
    assert trail == {
        "order": order.number,
        "amount_cents": "1250",
        "method": "transfer",
        "paid_on": date.today().isoformat(),
        "reference": "VIR-77",
        "reason": "",
    }


def test_payments_are_append_only(order) -> None:
    payment = payments.record_payment(order_id=order.id, amount="5", method="cash")
    for sql in ("UPDATE payments SET amount_cents = 1", "DELETE FROM payments"):
        with pytest.raises(Exception, match="append-only"):
            raw_sql.execute(sql)
    assert payments.list_payments(order.id) == [payment]


def _expected_status(total: int, received: int, refunded: int) -> str:
    """The README's table, written out again."""
    if received == total:
        return "paid"
    if 0 < received < total:
        return "partly_paid"
    return "refunded" if refunded else "unpaid"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.integers(min_value=-15_000, max_value=15_000).filter(bool), max_size=8))
def test_any_sequence_of_amounts_keeps_the_balance(order, amounts: list[int]) -> None:
    """Whatever is typed, in whatever order: an accepted amount keeps 0 ≤ received ≤ total;
    a refused one changes nothing; the status is the table's."""
    start = _stored_sum(order.id)
    received, refunded = start, 0
    for cents in amounts:
        allowed = 0 <= received + cents <= order.total_cents
        rows_before = raw_sql.fetch_one("SELECT count(*) FROM payments")
        try:
            payments.record_payment(
                order_id=order.id, amount=Decimal(cents).scaleb(-2), method="cash", reason="t"
            )
        except ValidationError:
            assert not allowed
            assert raw_sql.fetch_one("SELECT count(*) FROM payments") == rows_before
            continue
        assert allowed
        received += cents
        refunded += -cents if cents < 0 else 0
        assert _stored_sum(order.id) == received
    now = payments.balance(order.id)
    assert now.received_cents == received
    assert now.status == _expected_status(order.total_cents, received, now.refunded_cents)
