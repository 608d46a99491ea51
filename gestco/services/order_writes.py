"""The writes every order goes through, whoever records it (the counter's order services,
an import of a shop's file): an order inserted with its number, lines, reservations and first
history row; one step along the status machine with its stock effect and history row. No
permission check and no transaction of their own: the callers check who acts, hold the
transaction and take the rows in the lock order (gestco.storage.write_rules) first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from gestco.domain.errors import StockError, TransitionError, ValidationError
from gestco.domain.records import (
    NEW_STATUS,
    STATUS_MOMENTS,
    TRANSITIONS,
    Client,
    Order,
    is_row_id,
    units_by_product,
)
from gestco.domain.staff import Actor
from gestco.domain.stock_moves import StockMove, status_moves
from gestco.services.numbering import next_number
from gestco.services.pricing import PricedLine, totals, write_lines
from gestco.services.stock import get_products, record_movement
from gestco.storage import builder, daily_figures
from gestco.storage.change_notices import bump
from gestco.storage.models import Orders, Products, StatusChanges


def write_moves(moves: Iterable[StockMove], *, order_id: int, actor: Actor, stamp: str) -> None:
    for move in moves:
        record_movement(
            move.product_id,
            move.kind,
            move.on_hand_delta,
            move.reserved_delta,
            actor=actor,
            order_id=order_id,
            reason=move.reason,
            stamp=stamp,
        )


def add_history(
    order_id: int, old: str | None, new: str, stamp: str, actor: Actor, note: str
) -> None:
    StatusChanges.insert(
        order=order_id,
        from_status=old,
        to_status=new,
        changed_at=stamp,
        changed_by=actor.username,
        note=note,
        approved_by=actor.approved_by,
    ).execute()


def insert_order(
    *,
    client: Client,
    priced: list[PricedLine],
    channel: str,
    stamp: str,
    year: int,
    shipping_date: date,
    shipping_address: str | None,
    notes: str,
    actor: Actor,
    created_at: str | None = None,
    note: str = "",
    source: dict[str, str] | None = None,
) -> int:
    """Write a new order (status NEW_STATUS) with its number from `year`'s counter, its lines
    and totals, its reservations and its first history row; return its id. `stamp` is when
    GESTCO records it (history, movements, validation), `created_at` when it was taken (the
    counter: the same moment; an import: the shop's). `source`: an imported order's
    source columns (Orders.source, external_id, external_number, …). The products are
    locked and the lines checked already (price_lines, check_availability)."""
    excl, tax, total = totals(priced)
    number = next_number(year)  # the counter row: the last lock, held briefly
    bump("orders")
    order_id = Orders.insert(
        number=number,
        client=client.id,
        channel=channel,
        status=NEW_STATUS,
        created_at=created_at or stamp,
        validated_at=stamp,
        shipping_date=shipping_date.isoformat(),
        shipping_address=client.postal_address if shipping_address is None else shipping_address,
        notes=notes,
        total_excl_cents=excl,
        total_tax_cents=tax,
        total_cents=total,
        version=1,
        updated_at=stamp,
        **(source or {}),
    ).execute()
    daily_figures.note_new_order(order_id)
    write_lines(order_id, priced)
    units = ((line.product.id, line.quantity) for line in priced)
    moves = status_moves(None, NEW_STATUS, units)
    write_moves(moves, order_id=order_id, actor=actor, stamp=stamp)
    add_history(order_id, None, NEW_STATUS, stamp, actor, note)
    return int(order_id)


def bump_order(order_id: int, stamp: str, **columns: Any) -> None:
    """Change an order's columns: a new version, the change marked for other windows."""
    bump("orders")
    changed = Orders.update(**columns, version=Orders.version + 1, updated_at=stamp)
    changed.where(Orders.id == order_id).execute()


def lock_products(product_ids: Sequence[object]) -> None:
    """Lock every product a change of an order touches, all at once, in id order."""
    builder.lock(Products, sorted({p for p in product_ids if is_row_id(p)}))  # others: none


def move_status(
    current: Order,
    to_status: str,
    *,
    actor: Actor,
    stamp: str,
    note: str,
    columns: dict[str, Any] | None = None,
) -> None:
    """One step of `current` (as stored, its row locked or made by this transaction) along
    the status machine: refused unless TRANSITIONS allow it; a cancellation says why; its
    stock effect (shipping checks the shelf first), its moment, its history row. `columns`:
    more of the order's columns changed with it (an import's source status)."""
    allowed = TRANSITIONS[current.status]
    if to_status not in allowed:
        choices = ", ".join(allowed) if allowed else "none (final status)"
        raise TransitionError(
            "{number} is {status}: it cannot become {target}. Allowed: {choices}.",
            allowed,
            number=current.number,
            status=current.status,
            target=to_status,
            choices=choices,
        )
    if to_status == "cancelled" and not note:
        raise ValidationError("note", "Say why the order is cancelled.")
    changed: dict[str, Any] = {"status": to_status, **(columns or {})}
    moves = status_moves(
        current.status, to_status, ((line.product_id, line.quantity) for line in current.lines)
    )
    if to_status == "shipped":
        check_shelf(current)  # locks the products
    elif moves:
        lock_products([move.product_id for move in moves])
    if to_status in STATUS_MOMENTS:
        changed[STATUS_MOMENTS[to_status]] = stamp
    write_moves(moves, order_id=current.id, actor=actor, stamp=stamp)
    bump_order(current.id, stamp, **changed)
    add_history(current.id, current.status, to_status, stamp, actor, note)


def check_shelf(order: Order) -> None:
    """Before the goods leave (out of on-hand and reserved): refused if the shelf is short.
    Locks the order's products."""
    needed = units_by_product((line.product_id, line.quantity) for line in order.lines)
    products = get_products(list(needed), lock=True)
    for product_id, quantity in needed.items():
        product = products[product_id]
        if product.reserved < quantity:
            raise StockError(
                "status",
                "Cannot ship: only {reserved} {product} are reserved, the order needs {needed}."
                " Run `gestco check`.",
                product=product.name,
                reserved=product.reserved,
                needed=quantity,
            )
        if product.on_hand < quantity:
            raise StockError(
                "status",
                "Cannot ship: {product} has {on_hand} on hand, the order needs {needed}. "
                "Receive stock first.",
                product=product.name,
                on_hand=product.on_hand,
                needed=quantity,
            )
