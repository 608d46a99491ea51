"""A child process of the invoice numbering test: issues the invoice of every order whose id
is `k` modulo `n`, then a credit note for each, printing each number once its transaction
committed ("number"), or "ERROR message" when GESTCO refused with a message.

    python -m tests.faults.invoice_worker DB K N GO

It says "ready" once its database is open, then waits for the file GO: the four start
writing at the same moment.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main(target: str, k: int, n: int, go: Path) -> int:
    from gestco.domain.errors import GestcoError
    from gestco.services import invoices, session
    from gestco.storage import binding, opening, raw_sql

    opening.open_database(target)
    session.sign_in_owner("worker")
    ids = [r[0] for r in raw_sql.fetch_all("SELECT id FROM orders ORDER BY id") if r[0] % n == k]
    issued = []
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.005)
    for order_id in ids:
        try:
            issued.append(invoices.issue_invoice(order_id=order_id).number)
        except GestcoError as error:
            print(f"ERROR {error.message}", flush=True)
            continue
        print(issued[-1], flush=True)
    for number in issued:
        try:
            print(invoices.issue_credit_note(invoice_number=number).number, flush=True)
        except GestcoError as error:
            print(f"ERROR {error.message}", flush=True)
    binding.close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])))
