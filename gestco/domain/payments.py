"""Payments on an order: the methods, the balance due and GESTCO's payment status, and the
rules a payment or a refund must keep. No I/O here (the domain layer); the service is
gestco.services.payments.

Amounts are integer cents: a payment or a deposit is positive, a refund negative (with its
reason). `received` is their sum (the order's `paid_cents`), never below zero, never above
what the order asks:

    owed      = the order's total, or 0 once it is cancelled (nothing is owed for it then)
    due       = owed - received      (the balance due; negative: money to give back)
    status    = unpaid | partly_paid | paid | refunded | refund_due

- A cancelled order takes no new payment; what it received can be refunded (its status is
  `refund_due` until it is, then `refunded`). Its balance due is minus what it still holds.
- Overpaying is refused: a payment above the balance due (GESTCO records what the order
  costs, not change given at the till: the clerk types what is kept, the change is theirs).
- A refund is at most what the order holds (`received`), and needs a reason.

GESTCO's payment status is its own, from the payments it records. An imported order also
keeps the source's payment state (Orders.payment_status: what Shopify or WooCommerce said
at the last import, e.g. `paid` for an order paid online): the two are shown side by side,
never merged, since a shop's online payments are not recorded here as payments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from gestco.domain.change_areas import NOTHING, Changes
from gestco.domain.errors import ValidationError
from gestco.domain.money import MAX_ORDER_TOTAL_CENTS, format_cents

METHODS: tuple[str, ...] = ("cash", "card", "transfer", "cheque", "other")
STATUSES: tuple[str, ...] = ("unpaid", "partly_paid", "paid", "refunded", "refund_due")


@dataclass(frozen=True, slots=True)
class Payment:
    """One payment (positive) or refund (negative) as recorded."""

    id: int
    order_id: int
    amount_cents: int
    method: str
    paid_on: date
    reference: str
    reason: str
    created_at: datetime
    created_by: str
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    @property
    def is_refund(self) -> bool:
        return self.amount_cents < 0


@dataclass(frozen=True, slots=True)
class Deposit:
    """A deposit taken as an order is validated (orders.create_order): the amount as typed
    (text in the shop's format, Decimal or int units), the method, a reference."""

    amount: object
    method: str
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Balance:
    """An order's money: what it costs, what it received (net), what is still due."""

    total_cents: int
    received_cents: int  # payments minus refunds
    refunded_cents: int  # the refunds alone, as a positive amount
    cancelled: bool

    @property
    def owed_cents(self) -> int:
        return 0 if self.cancelled else self.total_cents

    @property
    def due_cents(self) -> int:
        return self.owed_cents - self.received_cents

    @property
    def status(self) -> str:
        return payment_status(
            self.total_cents, self.received_cents, self.refunded_cents, self.cancelled
        )


def payment_status(total: int, received: int, refunded: int, cancelled: bool) -> str:
    """GESTCO's payment status of an order (see the module's table)."""
    if cancelled:
        if received > 0:
            return "refund_due"
        return "refunded" if refunded else "unpaid"
    if received >= total:
        return "paid"  # an order of 0.00 owes nothing: paid
    if received > 0:
        return "partly_paid"
    return "refunded" if refunded else "unpaid"


def check_amount(amount_cents: object) -> int:
    """A payment's amount in cents: a non-zero int within an order's limits."""
    if isinstance(amount_cents, bool) or not isinstance(amount_cents, int):
        raise ValidationError("amount", "Enter an amount, for example 150.00.")
    if amount_cents == 0:
        raise ValidationError("amount", "A payment of 0.00 records nothing: enter the amount.")
    if abs(amount_cents) > MAX_ORDER_TOTAL_CENTS:
        raise ValidationError(
            "amount", "An amount is at most {limit}: check it.", limit=MAX_ORDER_TOTAL_CENTS // 100
        )
    return amount_cents


def check_method(method: object) -> str:
    if method not in METHODS:
        raise ValidationError(
            "method", "Choose how it was paid among: {methods}.", methods=", ".join(METHODS)
        )
    return str(method)


def check_against(balance: Balance, amount_cents: int, number: str) -> None:
    """Refuse a payment above the balance due, a payment on a cancelled order, a refund above
    what the order holds (ValidationError on `amount`, nothing written)."""
    if amount_cents > 0:
        if balance.cancelled:
            raise ValidationError(
                "amount", "{number} is cancelled: it takes no payment.", number=number
            )
        if amount_cents > balance.due_cents:
            raise ValidationError(
                "amount",
                "That is more than {number} still owes ({due}): nothing was recorded."
                " Give the change back, or record only what is due.",
                number=number,
                due=format_cents(max(balance.due_cents, 0)),
            )
    elif -amount_cents > balance.received_cents:
        raise ValidationError(
            "amount",
            "{number} holds {received} paid: a refund cannot give back more.",
            number=number,
            received=format_cents(balance.received_cents),
        )
