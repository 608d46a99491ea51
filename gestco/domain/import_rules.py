"""The rules of an import, as pure functions (README, "Importing orders and clients"):

- what happens to an order imported before when its source is read again (`decide`): the
  shop's change is followed only while GESTCO has not moved the order further itself;
- a shop's money off a line or off the whole order as GESTCO's per-line percentage
  (`discount_bp_for`, `spread`).

No I/O here (the domain layer): gestco.services.order_imports applies them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gestco.domain.money import divide_rounded, line_amounts
from gestco.domain.records import TRANSITIONS

# How far along an order is. GESTCO "moved it further" than the source when following the
# source would take it back down this scale; on_hold waits beside pending.
PROGRESS: dict[str, int] = {
    "pending": 0,
    "on_hold": 0,
    "processing": 1,
    "shipped": 2,
    "delivered": 3,
    "cancelled": 4,
}

UNCHANGED, UPDATED, CONFLICT = "unchanged", "updated", "conflict"


def way(current: str, target: str, *, forward_only: bool) -> tuple[str, ...] | None:
    """The shortest run of statuses from `current` to `target` by the status machine's
    steps (TRANSITIONS), `current` left out: () when already there, None when there is no
    way. `forward_only`: never a step down PROGRESS."""
    if current == target:
        return ()
    ways: dict[str, tuple[str, ...]] = {current: ()}
    frontier = [current]
    while frontier:
        reached = []
        for status in frontier:
            for following in TRANSITIONS[status]:
                if following in ways:
                    continue
                if forward_only and PROGRESS[following] < PROGRESS[status]:
                    continue
                ways[following] = (*ways[status], following)
                if following == target:
                    return ways[following]
                reached.append(following)
        frontier = reached
    return None


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with an order met again: UNCHANGED (nothing written), UPDATED (walk `path`,
    then keep what the source now says) or CONFLICT (nothing written; `moved`: GESTCO had
    moved the order itself since the last import, else the machine has no way there)."""

    outcome: str
    path: tuple[str, ...] = ()
    moved: bool = False


def decide(
    *,
    status: str,
    imported_status: str,
    imported_payment: str,
    new_status: str,
    new_payment: str,
) -> Decision:
    """An order imported before (`status` its status in GESTCO now, `imported_status` and
    `imported_payment` what the source said at the last import) read again as `new_status`
    and `new_payment`:

    1. the source says what it said: UNCHANGED, whatever GESTCO did since; only the payment
       changed there: UPDATED, the payment state only (GESTCO's status stays);
    2. GESTCO left the order where the last import put it: follow the source by the status
       machine's steps (a payment-only change is an update too); no way there (a shipped
       order the shop reopened): CONFLICT;
    3. GESTCO moved it itself: already where the source says, an update of what the source
       says only; the source further along, follow it by forward steps only; otherwise
       (GESTCO moved it further, or elsewhere): CONFLICT, GESTCO's status kept.
    """
    if new_status == imported_status and new_payment == imported_payment:
        return Decision(UNCHANGED)
    if new_status == imported_status:
        return Decision(UPDATED)
    moved = status != imported_status
    path = way(status, new_status, forward_only=moved)
    if path is None:
        return Decision(CONFLICT, moved=moved)
    return Decision(UPDATED, path)


def discount_bp_for(quantity: int, unit_cents: int, discount_cents: int, tax_bp: int) -> int:
    """The percentage (basis points) of a line whose total, by the core's rounding rule
    (money.line_amounts), comes closest to `quantity` x `unit_cents` less `discount_cents`.
    GESTCO keeps a line's discount as a percentage, shops as money: 5.00 off 2 x 45.90 is
    5.45 %, and the line is 86.80 as the shop said."""
    gross = quantity * unit_cents
    if discount_cents <= 0 or gross <= 0:
        return 0
    if discount_cents >= gross:
        return 10_000
    target = gross - discount_cents
    guess = divide_rounded(discount_cents * 10_000, gross)
    candidates = range(max(guess - 3, 0), min(guess + 3, 10_000) + 1)
    # Ties (several percentages round to the same total) go to the nearest one: 4.59 off
    # 45.90 is 10 %, not the 9.99 % that rounds the same.
    return min(
        candidates,
        key=lambda bp: (
            abs(line_amounts(quantity, unit_cents, bp, tax_bp)[0] - target),
            abs(bp * gross - discount_cents * 10_000),
        ),
    )


def spread(amount: int, weights: Sequence[int]) -> list[int]:
    """`amount` cents shared in proportion to `weights` (largest remainders; the parts add
    up to `amount`, never more than a weight): an order's discount over its lines."""
    total = sum(weights)
    if amount <= 0 or total <= 0:
        return [0] * len(weights)
    amount = min(amount, total)
    parts = [amount * w // total for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(amount * weights[i] % total), i))
    for i in order[: amount - sum(parts)]:
        parts[i] += 1
    return parts
