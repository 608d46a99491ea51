"""Deposits, payments and refunds on an order, its balance due and payment status (the rules:
gestco.domain.payments).

    record_payment(order_id=, amount=, method=, ...) -> Payment   one transaction, audited
    check_deposit(deposit, today) + write_payment(actor, ...)      inside another's transaction
                                                                   (orders.create_order's deposit)
    list_payments(order_id) -> list[Payment]                       oldest first
    balance(order_id) -> Balance                                   due, status

A payment locks its order first (the lock order of storage.write_rules), checks the amount
against what is due or held under that lock (two workstations taking the last payment of an
order at once: the second is refused), inserts the payment (append-only: a mistake is
corrected by another payment, a refund) and adds it to the order's `paid_cents`, which the
orders table reads. It does not change the order's version: a payment taken at the counter
never makes the order view's pending edit a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from gestco.domain.change_areas import reports_changes
from gestco.domain.errors import NotFoundError, ValidationError
from gestco.domain.money import _to_decimal, format_cents
from gestco.domain.payments import (
    Balance,
    Deposit,
    Payment,
    check_against,
    check_amount,
    check_method,
)
from gestco.domain.permissions import Permission
from gestco.domain.records import is_row_id
from gestco.domain.staff import Actor
from gestco.domain.text import clean
from gestco.domain.timestamps import from_text, now, to_text
from gestco.services import session
from gestco.services.audit_trail import record_changes
from gestco.storage import builder, transactions, write_rules
from gestco.storage.change_notices import bump
from gestco.storage.models import Orders
from gestco.storage.money_models import Payments

_HUNDREDTH = Decimal("0.01")


def parse_amount(value: object) -> int:
    """'150', '150,50', '-20.00', Decimal or int (currency units) -> signed cents."""
    number = _to_decimal(value, "amount", "Enter an amount, for example 150.00 (-20.00 refunds).")
    if number.quantize(_HUNDREDTH) != number:
        raise ValidationError("amount", "An amount has at most two decimal places.")
    return check_amount(int(number.quantize(_HUNDREDTH) * 100))


_FIELDS = (
    Payments.id,
    Payments.order,
    Payments.amount_cents,
    Payments.method,
    Payments.paid_on,
    Payments.reference,
    Payments.reason,
    Payments.created_at,
    Payments.created_by,
)


def _payment(row: tuple[object, ...]) -> Payment:
    created = from_text(str(row[7]))
    assert created is not None
    return Payment(
        id=int(row[0]),  # type: ignore[call-overload]
        order_id=int(row[1]),  # type: ignore[call-overload]
        amount_cents=int(row[2]),  # type: ignore[call-overload]
        method=str(row[3]),
        paid_on=date.fromisoformat(str(row[4])),
        reference=str(row[5]),
        reason=str(row[6]),
        created_at=created,
        created_by=str(row[8]),
    )


def list_payments(order_id: int) -> list[Payment]:
    """An order's payments and refunds, oldest first (whoever may open the order)."""
    if not is_row_id(order_id):
        return []
    query = Payments.select(*_FIELDS).where(Payments.order == order_id).order_by(Payments.id)
    return [_payment(row) for row in builder.rows(query)]


def _order_money(order_id: object) -> tuple[str, Balance]:
    if not is_row_id(order_id):
        raise NotFoundError("This order no longer exists.")
    row = builder.first_row(
        Orders.select(Orders.number, Orders.total_cents, Orders.paid_cents, Orders.status).where(
            Orders.id == order_id
        )
    )
    if row is None:
        raise NotFoundError("This order no longer exists.")
    refunds = builder.value(
        Payments.select(builder.fn.COALESCE(builder.fn.SUM(Payments.amount_cents), 0)).where(
            (Payments.order == order_id) & (Payments.amount_cents < 0)
        )
    )
    balance = Balance(
        total_cents=int(row[1]),
        received_cents=int(row[2]),
        refunded_cents=-int(refunds or 0),
        cancelled=row[3] == "cancelled",
    )
    return str(row[0]), balance


def balance(order_id: int) -> Balance:
    """What the order costs, received and still owes, and its payment status."""
    return _order_money(order_id)[1]


def _check_day(paid_on: object, today: date) -> date:
    if paid_on is None:
        return today
    if isinstance(paid_on, datetime) or not isinstance(paid_on, date):
        raise ValidationError("paid_on", "Choose the day it was paid.")
    if paid_on > today:
        raise ValidationError("paid_on", "A payment cannot be dated after today.")
    if paid_on.year < 2000:
        raise ValidationError("paid_on", "Check the payment's date.")
    return paid_on


@dataclass(frozen=True, slots=True)
class Checked:
    """A payment's typed values, checked before any transaction opens."""

    cents: int
    method: str
    day: date
    reference: str
    reason: str


def check_payment(
    *,
    amount: object,
    method: object,
    paid_on: object = None,
    reference: object = "",
    reason: object = "",
    today: date,
) -> Checked:
    """The checks a payment passes before its transaction (ValidationError on the field)."""
    cents = parse_amount(amount)
    method = check_method(method)
    day = _check_day(paid_on, today)
    ref = clean(reference, field="reference", max_length=100)
    why = clean(reason, field="reason", max_length=500, multiline=True)
    if cents < 0 and not why:
        raise ValidationError("reason", "Say why the money is given back.")
    return Checked(cents, method, day, ref, why)


def check_deposit(deposit: Deposit, today: date) -> Checked:
    """A deposit taken as an order is validated: a positive payment of today."""
    if parse_amount(deposit.amount) < 0:
        raise ValidationError("amount", "A deposit is money received: enter a positive amount.")
    return check_payment(
        amount=deposit.amount, method=deposit.method, reference=deposit.reference, today=today
    )


def check_deposit_total(checked: Checked, total_cents: int) -> None:
    """A deposit above the new order's total (said without the order's number: refused, the
    order is not recorded and the number not used)."""
    if checked.cents > total_cents:
        raise ValidationError(
            "amount",
            "The deposit ({deposit}) is more than the order's total ({total}):"
            " nothing was recorded.",
            deposit=format_cents(checked.cents),
            total=format_cents(total_cents),
        )


def write_payment(
    actor: Actor, order_id: object, checked: Checked, moment: datetime, *, new_order: bool = False
) -> int:
    """Inside an open transaction: lock the order, check the amount against its balance under
    the lock, insert the payment, add it to the order's `paid_cents`, audit it. The payment's
    id. ValidationError (the caller's transaction rolls back): see check_against.
    `new_order`: the order was inserted by this transaction, which no other sees yet (no lock
    to take, and taking it after the products' and the number's would break the lock order)."""
    if is_row_id(order_id) and not new_order:
        builder.lock(Orders, [order_id])  # first: the balance is read under the lock
    number, current = _order_money(order_id)
    check_against(current, checked.cents, number)
    payment_id = int(
        Payments.insert(
            order=order_id,
            amount_cents=checked.cents,
            method=checked.method,
            paid_on=checked.day.isoformat(),
            reference=checked.reference,
            reason=checked.reason,
            created_at=to_text(moment),
            created_by=actor.username,
        ).execute()
    )
    Orders.update(paid_cents=Orders.paid_cents + checked.cents).where(
        Orders.id == order_id
    ).execute()
    bump("orders")
    record_changes(
        actor,
        kind="order",
        entity="payments",
        record_id=payment_id,
        label=number,
        before=None,
        after={
            "order": number,
            "amount_cents": checked.cents,
            "method": checked.method,
            "paid_on": checked.day,
            "reference": checked.reference,
            "reason": checked.reason,
        },
    )
    return payment_id


@write_rules.retried
@reports_changes
def record_payment(
    *,
    order_id: int,
    amount: object,
    method: str,
    paid_on: date | None = None,
    reference: str = "",
    reason: str = "",
) -> Payment:
    """Record a deposit or a payment (a positive amount: order.create's clerks and up) or a
    refund (negative, with a reason: managers). Refused, with nothing written: more than the
    balance due, a payment on a cancelled order, a refund above what the order received."""
    cents = parse_amount(amount)
    actor = session.require(Permission.PAYMENT_REFUND if cents < 0 else Permission.PAYMENT_RECORD)
    moment = now()
    checked = check_payment(
        amount=amount,
        method=method,
        paid_on=paid_on,
        reference=reference,
        reason=reason,
        today=moment.date(),
    )
    with transactions.atomic():
        payment_id = write_payment(actor, order_id, checked, moment)
        row = builder.first_row(Payments.select(*_FIELDS).where(Payments.id == payment_id))
        assert row is not None
    return _payment(row)
