"""A child process for the mixed-work test: one workstation doing what a shop does all day,
on the same few products, clients and recent orders as the others. One line per write,
printed only once the write has committed:

    OK kind latency-ms key [version]   the write was acknowledged (key: what it changed)
    CONFLICT kind message              an honest version conflict (someone saved first)
    ERROR kind message                 any other refusal a user would have read
    RETRIES n                          (last) transactions this process ran a second time

    python -m tests.faults.mixed_worker DB SECONDS TAG SEED
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable

from gestco.storage import binding, opening, raw_sql

KINDS = {  # kind of write -> share of the work (a busy counter: mostly orders)
    "create order": 30,
    "change status": 25,
    "edit lines": 15,
    "receive stock": 10,
    "correct stock": 10,
    "edit client": 10,
}


def main(path: str, seconds: float, tag: str, seed: int) -> int:
    from gestco.domain.errors import ConflictError, GestcoError
    from gestco.domain.records import TRANSITIONS, ClientInput, LineInput
    from gestco.services import clients, orders, session, stock
    from gestco.storage import write_rules

    opening.open_database(path)
    session.sign_in_owner(tag)  # each worker's rows name it
    products = [r[0] for r in raw_sql.fetch_all("SELECT id FROM products ORDER BY id")]
    client_ids = [r[0] for r in raw_sql.fetch_all("SELECT id FROM clients ORDER BY id")]
    rng = random.Random(seed)
    serial = 0

    def token() -> str:
        nonlocal serial
        serial += 1
        return f"{tag}-{serial}"

    def some_lines() -> list[LineInput]:
        chosen = rng.sample(products, rng.randint(1, 3))
        return [LineInput(product_id=p, quantity=rng.randint(1, 3)) for p in chosen]

    def recent(statuses: tuple[str, ...]) -> tuple[int, str, int] | None:
        # The newest orders: the ones the other workstations are busy with too.
        rows = raw_sql.fetch_all("SELECT id, status, version FROM orders ORDER BY id DESC LIMIT 30")
        open_ = [r for r in rows if r[1] in statuses]
        return tuple(rng.choice(open_)) if open_ else None  # type: ignore[return-value]

    def create_order() -> str:
        order = orders.create_order(client_id=rng.choice(client_ids), lines=some_lines())
        return order.number

    def change_status() -> str | None:
        picked = recent(tuple(s for s, targets in TRANSITIONS.items() if targets))
        if picked is None:
            return None
        order_id, status, version = picked
        target = rng.choice(TRANSITIONS[status])
        order = orders.change_status(
            order_id=order_id,
            to_status=target,
            expected_version=version,
            note=token() if target == "cancelled" else "",
        )
        return f"{order.id} {order.version}"

    def edit_lines() -> str | None:
        picked = recent(("pending",))
        if picked is None:
            return None
        order = orders.update_order(
            order_id=picked[0], expected_version=picked[2], lines=some_lines()
        )
        return f"{order.id} {order.version}"

    def receive() -> str:
        reference = token()
        stock.receive_stock(rng.choice(products), rng.randint(1, 50), reference=reference)
        return reference

    def correct() -> str:
        reason = token()
        delta = rng.choice([-3, -2, -1, 1, 2, 3])
        stock.adjust_stock(rng.choice(products), delta, reason=reason)
        return reason

    def edit_client() -> str:
        current = clients.get_client(rng.choice(client_ids))
        data = ClientInput(
            phone=current.phone,
            first_name=current.first_name,
            last_name=current.last_name,
            city=rng.choice(["Rabat", "Fès", "Tanger", "Agadir"]),
            notes=token(),
        )
        saved = clients.update_client(current.id, data, expected_version=current.version)
        return f"{saved.id} {saved.version}"

    work: dict[str, Callable[[], str | None]] = {
        "create order": create_order,
        "change status": change_status,
        "edit lines": edit_lines,
        "receive stock": receive,
        "correct stock": correct,
        "edit client": edit_client,
    }
    kinds, weights = list(KINDS), list(KINDS.values())
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        start = time.perf_counter()
        try:
            key = work[kind]()
        except ConflictError as conflict:
            print(f"CONFLICT {kind}: {conflict.message}", flush=True)
            continue
        except GestcoError as error:
            print(f"ERROR {kind}: {error.message}", flush=True)
            continue
        if key is not None:
            latency = (time.perf_counter() - start) * 1000
            print(f"OK {kind.replace(' ', '_')} {latency:.3f} {key}", flush=True)
    print(f"RETRIES {write_rules.retries}", flush=True)
    binding.close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]), sys.argv[3], int(sys.argv[4])))
