"""A child process for the fault suite: creates orders and prints each number only once its
transaction has committed ("number seconds-since-epoch latency-ms"), or "ERROR message"
when GESTCO refused with a message a user would see.

    python -m tests.faults.worker DB [SECONDS]
"""

from __future__ import annotations

import random
import sys
import time


def main(path: str, seconds: float) -> int:
    from gestco.domain.errors import GestcoError
    from gestco.domain.records import LineInput
    from gestco.services import orders, session
    from gestco.storage import binding, opening, raw_sql

    opening.open_database(path)
    session.sign_in_owner("worker")
    products = [r[0] for r in raw_sql.fetch_all("SELECT id FROM products")]
    client_ids = [r[0] for r in raw_sql.fetch_all("SELECT id FROM clients")]
    rng = random.Random()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        lines = [
            LineInput(product_id=p, quantity=rng.randint(1, 2)) for p in rng.sample(products, 2)
        ]
        start = time.perf_counter()
        try:
            order = orders.create_order(client_id=rng.choice(client_ids), lines=lines)
        except GestcoError as error:
            print(f"ERROR {error.message}", flush=True)
            continue
        latency = (time.perf_counter() - start) * 1000
        print(f"{order.number} {time.time():.6f} {latency:.3f}", flush=True)
    binding.close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 3600.0))
