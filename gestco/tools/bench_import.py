"""The import rate for `gestco bench`: a call centre's file of 10,000 orders in GESTCO's format
(half of them from clients the shop knows by phone, the others new; one to three lines of
the shop's products; pending, processing, on hold, shipped, delivered and cancelled as a
shop's history has them), previewed, imported in one transaction, then imported again (every
order met again, unchanged). Each figure is one run, timed from the file to the report."""

from __future__ import annotations

import csv
import random
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from gestco.domain.money import MAX_QUANTITY
from gestco.services import order_imports, stock
from gestco.storage import builder
from gestco.storage.models import Clients, Products
from gestco.tools.demo_data import MOBILE_PREFIXES

IMPORT_ORDERS = 10_000
# (status in the file, weight): what a month of a call centre's orders looks like.
STATUS_MIX = (
    ("pending", 25),
    ("processing", 20),
    ("on_hold", 5),
    ("shipped", 30),
    ("delivered", 12),
    ("cancelled", 8),
)


HEADER = ["order_ref", "created_at", "channel", "status", "phone", "first_name", "last_name"]
HEADER += ["city", "sku", "quantity"]


def write_file(path: Path, count: int, rng: random.Random) -> None:
    """`count` orders in GESTCO's CSV format, one row a line."""
    skus = [r[0] for r in builder.rows(Products.select(Products.sku).where(Products.active == 1))]
    known = [r[0] for r in builder.rows(Clients.select(Clients.phone).limit(count // 2))]
    taken = {r[0] for r in builder.rows(Clients.select(Clients.phone))}
    statuses = [s for s, _ in STATUS_MIX]
    weights = [w for _, w in STATUS_MIX]
    start = datetime.now().replace(microsecond=0) - timedelta(days=30)
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for index in range(count):
            if index % 2 == 0 and index // 2 < len(known):
                phone = known[index // 2]  # a client the shop knows
            else:
                phone = next(p for p in _phones(rng) if p not in taken)  # a new one
                taken.add(phone)
            created = start + timedelta(seconds=index * 259)
            status = rng.choices(statuses, weights)[0]
            for position, sku in enumerate(rng.sample(skus, rng.choice((1, 1, 2, 2, 3)))):
                ref = f"BENCH-{index:06d}"
                first = (created.strftime("%Y-%m-%d %H:%M"), "phone", status, phone, "Client")
                head = (*first, f"Bench {index}", "Casablanca") if position == 0 else ("",) * 7
                writer.writerow([ref, *head, sku, rng.randint(1, 3)])


def _phones(rng: random.Random) -> Any:
    """Moroccan mobile numbers, as the demo's clients have (its prefixes are real ones)."""
    while True:
        yield f"+212{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**6, 10**7):07d}"


def stock_up() -> None:
    """Goods on every shelf first, so that the file's shipped orders find them (a shop
    short of stock would see those orders refused, each with its reason)."""
    ids = [r[0] for r in builder.rows(Products.select(Products.id).where(Products.active == 1))]
    for product_id in ids:
        stock.receive_stock(product_id, MAX_QUANTITY, reference="bench")


def import_rate(count: int = IMPORT_ORDERS, seed: int = 18) -> dict[str, Any]:
    """Preview, import and import again a file of `count` orders; their times and rates."""
    stock_up()
    with tempfile.TemporaryDirectory(prefix="gestco-bench-import-") as folder:
        path = Path(folder) / f"call-centre-{count}.csv"
        write_file(path, count, random.Random(seed))
        figures: dict[str, Any] = {"orders": count}
        for name, action in (
            ("preview", lambda: order_imports.preview(path)),
            ("import", lambda: order_imports.run(path, valid_only=True)),
            ("again", lambda: order_imports.run(path, valid_only=True)),
        ):
            begin = time.perf_counter()
            report = action()
            seconds = time.perf_counter() - begin
            figures[name] = {
                "seconds": round(seconds, 2),
                "orders_per_second": round(count / seconds, 1),
                "new": report.new,
                "unchanged": report.unchanged,
                "errors": report.errors,
            }
    return figures
