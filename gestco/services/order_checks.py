"""What a change of an order needs and what it leaves: the permissions its lines call for
(a discount above the shop's threshold, a price other than the catalogue's) and its rows in
the audit trail, field by field. The order services call these inside their transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from gestco.domain.money import format_cents, format_rate
from gestco.domain.permissions import Permission
from gestco.domain.records import Order, OrderLine
from gestco.domain.staff import Actor
from gestco.services.audit_trail import record_changes
from gestco.services.pricing import PricedLine
from gestco.services.settings import discount_threshold_bp

# The fields of an order the audit trail follows; "lines" is the lines as one text
# (lines_text). A replay of them gives the order as stored.
AUDITED = (
    "number",
    "client_id",
    "channel",
    "status",
    "shipping_date",
    "shipped_at",
    "delivered_at",
    "shipping_address",
    "notes",
    "total_excl_cents",
    "total_tax_cents",
    "total_cents",
)


def lines_text(lines: Sequence[OrderLine]) -> str:
    """An order's lines as the audit trail keeps them: one per line, '2 x CAF-250 @ 45.00',
    with ' -5%' for a discount."""
    return "\n".join(
        f"{line.quantity} x {line.sku} @ {format_cents(line.unit_price_cents)}"
        + (f" -{format_rate(line.discount_bp)}%" if line.discount_bp else "")
        for line in lines
    )


# An imported order's source fields, followed only on such orders (a counter's order would
# write three empty rows each time it is created).
SOURCE_AUDITED = ("source", "external_number", "payment_status")


def audited(order: Order) -> dict[str, object]:
    names = AUDITED + SOURCE_AUDITED if order.source else AUDITED
    values: dict[str, object] = {name: getattr(order, name) for name in names}
    values["lines"] = lines_text(order.lines)
    return values


def audit_order(actor: Actor, before: Order | None, after: Order) -> None:
    record_changes(
        actor,
        kind="order",
        entity="orders",
        record_id=after.id,
        label=after.number,
        before=None if before is None else audited(before),
        after=audited(after),
    )


def line_permissions(
    priced: Sequence[PricedLine], current: Sequence[OrderLine] = ()
) -> tuple[Permission, ...]:
    """The permissions these lines need beyond creating or editing an order: a discount above
    the shop's threshold, a unit price other than the catalogue's. What the order already
    had (the same product at the same discount or price) needs nothing more: editing the
    quantity of a line a manager discounted is a clerk's work."""
    threshold = discount_threshold_bp()
    had_discount: dict[int, int] = {}
    had_prices: dict[int, set[int]] = {}
    for old in current:
        had_discount[old.product_id] = max(had_discount.get(old.product_id, 0), old.discount_bp)
        had_prices.setdefault(old.product_id, set()).add(old.unit_price_cents)
    needed: list[Permission] = []
    for line in priced:
        pid = line.product.id
        if line.discount_bp > threshold and line.discount_bp > had_discount.get(pid, 0):
            needed.append(Permission.ORDER_DISCOUNT)
        if line.unit_price_cents != line.product.unit_price_cents and (
            line.unit_price_cents not in had_prices.get(pid, set())
        ):
            needed.append(Permission.ORDER_PRICE)
    return tuple(dict.fromkeys(needed))
