"""What an order does to its products' stock, as movements: when it is created or changes
status, and when its lines are edited. Pure rules: the order services write these
movements, and the demo builds its ledger from the same functions, so the two cannot drift.

Reasons the core writes itself are stored in English (the stock screen shows them in the
interface's language: ui.models.movements)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from gestco.domain.records import RESERVING_STATUSES

ORDER_SHIPPED = "order shipped"
ORDER_CANCELLED = "order cancelled"
ORDER_EDITED = "order edited"
INITIAL_STOCK = "initial stock"


class StockMove(NamedTuple):
    """One movement to write: its product, kind, effect on on-hand and reserved, reason."""

    product_id: int
    kind: str
    on_hand_delta: int
    reserved_delta: int
    reason: str


def status_moves(
    from_status: str | None, to_status: str, lines: Iterable[tuple[int, int]]
) -> list[StockMove]:
    """The movements of an order going from `from_status` (None: being created) to
    `to_status`, for its `lines` as (product id, quantity) pairs, one movement a pair.

    An order holds its units while its status reserves (RESERVING_STATUSES): entering one
    reserves them; leaving them for shipped takes them off the shelf and out of reserved;
    leaving them otherwise (cancelled) gives them back. Other steps move nothing."""
    held_before = from_status in RESERVING_STATUSES
    held_after = to_status in RESERVING_STATUSES
    if held_after and not held_before:
        return [StockMove(pid, "reserve", 0, quantity, "") for pid, quantity in lines]
    if held_before and not held_after and to_status == "shipped":
        return [
            StockMove(pid, "shipment", -quantity, -quantity, ORDER_SHIPPED)
            for pid, quantity in lines
        ]
    if held_before and not held_after:
        return [StockMove(pid, "release", 0, -quantity, ORDER_CANCELLED) for pid, quantity in lines]
    return []


def edit_moves(held: Mapping[int, int], wanted: Mapping[int, int]) -> list[StockMove]:
    """The movements of an open order's lines changing from holding `held` units per product
    to `wanted`: one reserve or release per product whose quantity changed, by product id."""
    moves = []
    for product_id in sorted(set(held) | set(wanted)):
        delta = wanted.get(product_id, 0) - held.get(product_id, 0)
        if delta:
            kind = "reserve" if delta > 0 else "release"
            moves.append(StockMove(product_id, kind, 0, delta, ORDER_EDITED))
    return moves
