"""Deterministic, realistic demo data, written in bulk.

A million orders with their lines, history and stock movements is ~10 million rows: the
ORM row by row would take many minutes. Rows are built as tuples and written with
executemany into a side file whose indexes are built at the end (opening.build_new_file); big
demos build their orders in parts on several processes and merge them in SQL.
Everything written obeys the invariants `gestco check` verifies.
"""

from __future__ import annotations

import random
import sqlite3
from bisect import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from gestco.domain.errors import ValidationError
from gestco.domain.stock_moves import INITIAL_STOCK
from gestco.domain.text import search_key
from gestco.services.order_table import holds_shop_data
from gestco.storage import binding, daily_figures, opening, transactions
from gestco.storage.models import Clients, Products, Sequences, StockMovements
from gestco.storage.names import insert_sql, table, update_sql
from gestco.tools.demo_data import (
    CITIES,
    DEMO_MANAGER,
    DEMO_OPERATORS,
    FIRST_NAMES,
    LAST_NAMES,
    MAKERS,
    MOBILE_PREFIXES,
    PRODUCTS,
    STREETS,
)
from gestco.tools.demo_orders import (
    PART_SIZE,
    PART_TABLES,
    RECENT_DAYS,
    SPAN_DAYS,
    Part,
    PartJob,
    generate_part,
)


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    products: int
    orders: int
    seconds: float


def generate(
    *,
    clients: int = 2000,
    orders: int = 5000,
    products: int = 48,
    seed: int = 1,
    now: datetime | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> DemoSummary:
    """Fill an empty database with demo data. Deterministic for a given seed and `now`."""
    import time

    started = time.perf_counter()
    for name, value, low in (
        ("clients", clients, 1),
        ("orders", orders, 0),
        ("products", products, 1),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < low or value > 10**7:
            raise ValidationError(
                name,
                "--{name} must be a whole number from {low} to 10,000,000.",
                name=name,
                low=low,
            )
    if holds_shop_data():
        raise ValidationError(
            "db", "The demo needs an empty database: choose a new file with --db."
        )
    report = progress or (lambda _stage, _fraction: None)
    now = (now or datetime.now()).replace(microsecond=0)

    def build(path: str) -> None:
        _generate_into_file(path, clients, orders, products, seed, now, report)

    if binding.is_postgres():
        _generate_on_server(build, report)
    else:
        build(binding.database_path())
    return DemoSummary(clients, products, orders, time.perf_counter() - started)


def _generate_on_server(build: Callable[[str], None], report: Callable[[str, float], None]) -> None:
    """A server is filled the way a shop moves to one: the same demo is built in a scratch
    SQLite file, then copied over and verified by `gestco migrate-to`."""
    import tempfile
    from pathlib import Path

    from gestco.maintenance.migrate_to import migrate_to

    url = binding.database_path()
    with tempfile.TemporaryDirectory(prefix="gestco-demo-") as scratch:
        path = str(Path(scratch) / "demo.sqlite3")
        opening.open_database(path)
        try:
            build(path)
        finally:
            binding.close_database()
        migrate_to(Path(path), url, lambda _text: report("copy", 1.0))


def _generate_into_file(
    path: str,
    clients: int,
    orders: int,
    products: int,
    seed: int,
    now: datetime,
    report: Callable[[str, float], None],
) -> None:
    rng = random.Random(seed)
    with opening.build_new_file(path) as conn:
        catalogue = _products(rng, products)
        _insert_products(conn, catalogue, now, DEMO_MANAGER)
        addresses = _clients(conn, rng, clients, now)
        report("clients", 1.0)
        parts = _plan_parts(rng, orders, now, seed, path)
        specs = [PartJob(p, catalogue, addresses, now) for p in parts]
        stock = _run_parts(conn, specs, [p[0] for p in catalogue], report)
        _stock(conn, catalogue, stock)
        report("indexes", 1.0)
    opening.open_database(path)
    add_demo_operators()
    with transactions.atomic():  # the bulk rows went in without the order services
        daily_figures.rebuild()


def add_demo_operators() -> None:
    """admin, gerant and comptoir (password = username, PINs 1111, 2222, 3333: demo only),
    through the operators service (hashed, in the audit trail) as whoever runs the demo (the
    CLI: `cli:<login>`). A name already taken is left as it is."""
    from gestco.services import operators

    taken = {o.username.casefold() for o in operators.list_operators()}
    for username, role, name, pin in DEMO_OPERATORS:
        if username not in taken:
            operators.create_operator(
                username, role=role, password=username, display_name=name, pin=pin, demo=True
            )


def _products(rng: random.Random, count: int) -> list[tuple[int, str, str, int, int]]:
    """(id, sku, name, price, tax) for `count` products, every name different: the families
    in turn, each through its names and sizes; past what they hold, other makers' ranges."""
    goods: list[tuple[str, str, int, int]] = []  # (prefix, name, price, tax)
    ranges = [
        [(prefix, f"{name} {size}", price, tax) for name in names for size, price in sizes]
        for prefix, names, sizes, tax in PRODUCTS
    ]
    for turn in range(max(map(len, ranges))):
        goods += [family[turn] for family in ranges if turn < len(family)]
    catalogue: list[tuple[int, str, str, int, int]] = []
    for index in range(count):
        lap = index // len(goods)
        prefix, name, price, tax = goods[index % len(goods)]
        if lap:
            maker, series = MAKERS[(lap - 1) % len(MAKERS)], (lap - 1) // len(MAKERS)
            name += f" · {maker}" + (f" (série {series + 1})" if series else "")
        price += rng.choice((0, 50, 90))  # a shop's prices: 45,00 45,50 45,90
        catalogue.append((index + 1, f"{prefix}-{index + 1:04d}", name, price, tax))
    return catalogue


def _clients(conn: sqlite3.Connection, rng: random.Random, count: int, now: datetime) -> list[str]:
    numbers = rng.sample(range(len(MOBILE_PREFIXES) * 10**7), count)
    created = (now - timedelta(days=800)).strftime("%Y-%m-%d %H:%M:%S")
    rows = []
    addresses = []
    for i, n in enumerate(numbers, start=1):
        phone = f"+212{MOBILE_PREFIXES[n // 10**7]}{n % 10**7:07d}"
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        while last == first:  # Thomas is both: no "Thomas Thomas"
            last = rng.choice(LAST_NAMES)
        city, postal, country = rng.choice(CITIES)
        street = f"{rng.randint(1, 250)} {rng.choice(STREETS)}"
        email = (
            ""
            if i % 3 == 0
            else f"{search_key(first)}.{search_key(last)}{i}@example.com".replace(" ", "")
        )
        addresses.append(f"{street}\n{postal} {city}\n{country}")
        rows.append(
            (
                i,
                phone,
                first,
                last,
                search_key(last, first),
                search_key(first, last),
                email,
                street,
                postal,
                city,
                country,
                "",
                created,
                created,
                1,
            )
        )
    c = Clients  # the rows' order (the bulk INSERTs are written by hand: demo_orders.py says why)
    in_rows = [c.id, c.phone, c.first_name, c.last_name, c.search_last, c.search_first, c.email]
    in_rows += [c.address, c.postal_code, c.city, c.country, c.notes, c.created_at, c.updated_at]
    conn.executemany(insert_sql(Clients, [*in_rows, c.version]), rows)
    return addresses


def _plan_parts(rng: random.Random, count: int, now: datetime, seed: int, path: str) -> list[Part]:
    span = SPAN_DAYS * 86400
    start = now - timedelta(seconds=span)
    offsets = sorted(rng.randrange(span) for _ in range(count))
    # A small demo spreads few orders over two years and would have none to process: its
    # newest orders are placed in the last days, as a shop's open orders are.
    recent, floor = min(count // 10, 30), span - RECENT_DAYS * 86400
    if recent:
        tail = [o if o >= floor else floor + rng.randrange(span - floor) for o in offsets[-recent:]]
        offsets = sorted(offsets[:-recent] + tail)
    # first second of each new year within the span, to count orders per year
    year_starts: list[tuple[int, int]] = []
    for year in range(start.year + 1, now.year + 1):
        year_starts.append((year, int((datetime(year, 1, 1) - start).total_seconds())))
    boundaries = [begins for _, begins in year_starts]
    parts = []
    seen: Counter[int] = Counter()
    for index, first in enumerate(range(0, count, PART_SIZE)):
        chunk = offsets[first : first + PART_SIZE]
        scratch = f"{path}.part{index}" if count > PART_SIZE else ""
        parts.append(Part(index, first + 1, chunk, dict(seen), seed * 1000 + index, scratch, count))
        seen.update(start.year + bisect(boundaries, offset) for offset in chunk)
    return parts


def _run_parts(
    conn: sqlite3.Connection,
    jobs: list[PartJob],
    product_ids: list[int],
    report: Callable[[str, float], None],
) -> dict[int, list[int]]:
    """Generate the parts, several processes at once for a big demo, then merge them.

    Python builds rows at ~3 µs each: for ten million rows one core is the limit. Each part
    writes its own scratch file; SQLite merges them with INSERT ... SELECT at C speed.
    """
    stock: dict[int, list[int]] = {pid: [0, 0] for pid in product_ids}
    if len(jobs) <= 1:
        for job in jobs:
            _merge_stock(stock, generate_part(job, conn))
        report("orders", 1.0)
        return stock
    import multiprocessing
    import os

    workers = min(len(jobs), os.cpu_count() or 1)
    try:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            for done, part_stock in enumerate(pool.imap(generate_part, jobs), start=1):
                _merge_stock(stock, part_stock)
                report("orders", done / len(jobs))
        for job in jobs:
            _merge_part(conn, job.part.path)
    finally:
        for job in jobs:
            for suffix in ("", "-journal"):
                path = job.part.path + suffix
                if os.path.exists(path):
                    os.remove(path)
    return stock


def _merge_stock(total: dict[int, list[int]], part: dict[int, list[int]]) -> None:
    for pid, (reserved, shipped) in part.items():
        total[pid][0] += reserved
        total[pid][1] += shipped


def _merge_part(conn: sqlite3.Connection, path: str) -> None:
    """Copy a part's rows into the target (SQLite cannot ATTACH inside a transaction)."""
    conn.execute("COMMIT")
    conn.execute("ATTACH DATABASE ? AS part", (path,))
    conn.execute("BEGIN")
    for name, columns in PART_TABLES.items():
        into = "" if columns == "*" else f" ({columns})"
        conn.execute(f"INSERT INTO main.{name}{into} SELECT {columns} FROM part.{name}")
    key, last, sequences = (
        Sequences.name.column_name,
        Sequences.last_value.column_name,
        table(Sequences),
    )
    conn.execute(
        f"INSERT INTO main.{sequences} ({key}, {last}) SELECT {key}, {last}"
        f" FROM part.{sequences} WHERE true ON CONFLICT ({key}) DO UPDATE"
        f" SET {last} = max({last}, excluded.{last})"
    )
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE part")
    conn.execute("BEGIN")


def _insert_products(
    conn: sqlite3.Connection,
    catalogue: list[tuple[int, str, str, int, int]],
    now: datetime,
    actor: str,
) -> None:
    """Products and their opening receipts first (orders refer to them); the quantities are
    filled in by _stock once the orders are known, so the ledger starts with the receipt."""
    opening = (now - timedelta(days=740)).strftime("%Y-%m-%d %H:%M:%S")
    conn.executemany(
        insert_sql(Products),  # every column, in the table's order
        [
            (pid, sku, name, price, rate, 0, 0, 0, 1, opening, opening, search_key(name))
            for pid, sku, name, price, rate in catalogue
        ],
    )
    conn.executemany(
        insert_sql(StockMovements),
        [(pid, pid, "receipt", 0, 0, None, INITIAL_STOCK, opening, actor) for pid, *_ in catalogue],
    )


def _stock(
    conn: sqlite3.Connection,
    catalogue: list[tuple[int, str, str, int, int]],
    stock: dict[int, list[int]],
) -> None:
    """Opening receipt = everything shipped since + what is left on the shelf."""
    rng = random.Random(len(catalogue))
    products, receipts = [], []
    for pid, *_ in catalogue:
        reserved, shipped = stock[pid]
        left = reserved + rng.choice((0, 2, 5, 15, 40, 120))
        products.append((left, reserved, rng.choice((5, 10, 20)), pid))
        receipts.append((shipped + left, pid))
    p = Products
    conn.executemany(update_sql(p, p.on_hand, p.reserved, p.reorder_level), products)
    conn.executemany(update_sql(StockMovements, StockMovements.on_hand_delta), receipts)
