"""`gestco payment add|list`: deposits, payments and refunds on an order from a terminal
(gestco.services.payments; README, "Payments and invoices").

    gestco payment add CMD-2026-000042 50 --method cash [--reference R] [--reason WHY] [--date D]
    gestco payment add CMD-2026-000042 -20 --method cash --reason "article cassé"   (a refund)
    gestco payment list CMD-2026-000042

Exit 0: recorded (or listed); 2: refused input (overpaying, a refund above what was paid or
without its reason, a cancelled order's payment, a bad amount, method or date); 1: no such
order.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from gestco.domain.errors import ValidationError
from gestco.domain.money import format_cents
from gestco.domain.payments import METHODS, Balance
from gestco.domain.text import visible

EXIT_OK = 0


def add_commands(commands: Any) -> None:
    payment = commands.add_parser(
        "payment", help="record a deposit, a payment or a refund on an order; list them"
    )
    actions = payment.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="a payment (a negative amount: a refund, with --reason)")
    add.add_argument("order", metavar="ORDER", help="CMD-2026-000042, or 2026-42")
    add.add_argument("amount", metavar="AMOUNT", help="150.00; -20.00 gives 20.00 back")
    add.add_argument("--method", required=True, choices=METHODS)
    add.add_argument("--reference", default="", help="a cheque's or a transfer's number")
    add.add_argument("--reason", default="", help="why the money is given back (refunds)")
    add.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="default: today")
    listing = actions.add_parser("list", help="an order's payments and its balance due")
    listing.add_argument("order", metavar="ORDER")


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            "--date", "Give the date as YYYY-MM-DD, such as 2026-12-02."
        ) from None


def balance_line(balance: Balance) -> str:
    return (
        f"total {format_cents(balance.total_cents)}, received"
        f" {format_cents(balance.received_cents)}, due {format_cents(balance.due_cents)}"
        f" ({balance.status})"
    )


def payment_command(args: argparse.Namespace) -> int:
    from gestco.services import orders, payments

    order = orders.get_order(args.order)
    if args.action == "add":
        payment = payments.record_payment(
            order_id=order.id,
            amount=args.amount,
            method=args.method,
            paid_on=_day(args.date),
            reference=args.reference,
            reason=args.reason,
        )
        what = "refund" if payment.is_refund else "payment"
        print(
            f"{what} {payment.id} recorded on {order.number}:"
            f" {format_cents(payment.amount_cents)} {payment.method}; "
            + balance_line(payments.balance(order.id))
        )
        return EXIT_OK
    for payment in payments.list_payments(order.id):
        print(
            f"{payment.id}\t{payment.paid_on.isoformat()}\t{format_cents(payment.amount_cents)}"
            f"\t{payment.method}\t{visible(payment.reference)}\t{visible(payment.reason)}"
            f"\t{payment.created_by}"
        )
    print(balance_line(payments.balance(order.id)))
    return EXIT_OK
