"""Deterministic, realistic demo data, written in bulk.

A million orders with their lines, history and stock movements is ~10 million rows: the
ORM row by row would take many minutes, so this writes raw executemany batches in one
transaction with the secondary indexes rebuilt at the end (db.bulk_load).
Everything written obeys the same invariants `gestco check` verifies.
"""

from __future__ import annotations

import queue
import random
import sqlite3
import threading
from bisect import bisect
from collections import Counter
from itertools import accumulate
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from gestco import db
from gestco.config import current_user
from gestco.errors import ValidationError
from gestco.money import line_amounts
from gestco.services.numbering import format_number
from gestco.text import search_key

FIRST_NAMES = (
    "Mohamed Youssef Ahmed Omar Hamza Mehdi Amine Karim Rachid Said Yassine Anas Ayoub Ilyas "
    "Fatima Khadija Aicha Meryem Salma Nadia Imane Houda Zineb Sanae Hajar Ghita Leila Samira "
    "Jean Pierre Louis Lucas Hugo Thomas Nicolas Julien Antoine Camille Marie Sophie Julie "
    "Léa Chloé Manon Inès Élodie Hélène Amélie Françoise Sébastien Jérôme Benoît Théo Noémie"
).split()
LAST_NAMES = (
    "Alaoui Benali Bennani Berrada Chraibi El Idrissi Fassi Lahlou Tazi Amrani Bouzid Cherkaoui "
    "Naciri Ouazzani Sefrioui Tahiri Ziani Haddad Mansouri Kettani Belkadi Rahmouni Zeroual "
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre "
    "Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier Blanc Guérin"
).split()
CITIES = (
    ("Casablanca", "20000", "MA"), ("Rabat", "10000", "MA"), ("Marrakech", "40000", "MA"),
    ("Fès", "30000", "MA"), ("Tanger", "90000", "MA"), ("Agadir", "80000", "MA"),
    ("Meknès", "50000", "MA"), ("Oujda", "60000", "MA"), ("Kénitra", "14000", "MA"),
    ("Tétouan", "93000", "MA"), ("Paris", "75011", "FR"), ("Lyon", "69003", "FR"),
    ("Marseille", "13001", "FR"), ("Toulouse", "31000", "FR"), ("Lille", "59000", "FR"),
)  # fmt: skip
STREETS = (
    "rue Ibn Batouta", "avenue Mohammed V", "boulevard Zerktouni", "rue de la Liberté",
    "avenue Hassan II", "rue des Orangers", "rue Victor Hugo", "avenue de la République",
    "rue du Commerce", "boulevard Anfa", "rue Allal Ben Abdellah", "place du Marché",
)  # fmt: skip
PRODUCTS = (
    ("CAF", "Café arabica", ("250 g", "500 g", "1 kg"), 4500, 2000),
    ("THE", "Thé vert à la menthe", ("100 g", "250 g", "500 g"), 2500, 2000),
    ("ARG", "Huile d'argan", ("50 ml", "100 ml", "250 ml"), 9000, 2000),
    ("SAV", "Savon noir beldi", ("200 g", "500 g"), 3000, 2000),
    ("MIE", "Miel de thym", ("250 g", "500 g", "1 kg"), 7500, 1000),
    ("EPI", "Ras el hanout", ("50 g", "100 g", "250 g"), 2000, 1000),
    ("DAT", "Dattes Medjool", ("500 g", "1 kg", "2 kg"), 6000, 1000),
    ("AMA", "Amlou aux amandes", ("250 g", "500 g"), 8000, 2000),
    ("TAP", "Tapis berbère", ("petit", "moyen", "grand"), 90000, 2000),
    ("BAB", "Babouches en cuir", ("T38", "T40", "T42", "T44"), 25000, 2000),
    ("TAJ", "Tajine en terre cuite", ("2 pers.", "4 pers.", "6 pers."), 18000, 2000),
    ("VER", "Verres à thé décorés", ("lot de 6", "lot de 12"), 12000, 2000),
    ("ROS", "Eau de rose", ("100 ml", "250 ml"), 3500, 2000),
    ("GHA", "Ghassoul", ("250 g", "500 g"), 2800, 2000),
    ("OLI", "Huile d'olive vierge extra", ("50 cl", "1 L", "3 L"), 6500, 1000),
    ("POT", "Poterie de Safi", ("bol", "assiette", "plat"), 15000, 2000),
)  # fmt: skip
MOBILE_PREFIXES = (60, 61, 62, 63, 64, 65, 66, 67, 69, 70, 71, 76, 77, 78)
CHANNEL_WEIGHTS = (("counter", 40), ("phone", 25), ("online", 25), ("email", 7), ("other", 3))
PATHS = {
    "pending": ("pending",),
    "processing": ("pending", "processing"),
    "on_hold": ("pending", "on_hold"),
    "shipped": ("pending", "processing", "shipped"),
    "delivered": ("pending", "processing", "shipped", "delivered"),
    "cancelled": ("pending", "cancelled"),
    "cancelled_late": ("pending", "processing", "cancelled"),
}
# Status mix by the order's age: old orders are mostly delivered, recent ones still open.
STATUS_MIX = (
    (20, (("delivered", 86), ("cancelled", 5), ("cancelled_late", 3), ("shipped", 4),
          ("on_hold", 1), ("processing", 1))),
    (5, (("delivered", 50), ("shipped", 25), ("processing", 10), ("cancelled", 6),
         ("cancelled_late", 2), ("on_hold", 4), ("pending", 3))),
    (0, (("pending", 40), ("processing", 25), ("shipped", 15), ("on_hold", 7),
         ("cancelled", 5), ("delivered", 8))),
)  # fmt: skip
CANCEL_NOTES = ("Le client a changé d'avis", "Doublon", "Rupture chez le fournisseur",
                "Adresse introuvable")  # fmt: skip
ORDER_NOTES = ("", "", "", "", "", "", "Livrer après 18 h", "Paquet cadeau", "Appeler avant")
CHUNK = 20_000


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    products: int
    orders: int
    seconds: float


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...], n: int) -> list[str]:
    names = [c for c, _ in choices]
    weights = [w for _, w in choices]
    return rng.choices(names, weights, k=n)


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
    for name, value, low in (("clients", clients, 1), ("orders", orders, 0), ("products", products, 1)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low or value > 10**7:
            raise ValidationError(name, f"--{name} must be a whole number from {low} to 10,000,000.")
    row = db.fetch_one(
        "SELECT (SELECT count(*) FROM clients) + (SELECT count(*) FROM products)"
        " + (SELECT count(*) FROM orders)"
    )
    if row and row[0]:
        raise ValidationError("db", "The demo needs an empty database: choose a new file with --db.")
    report = progress or (lambda _stage, _fraction: None)
    rng = random.Random(seed)
    now = (now or datetime.now()).replace(microsecond=0)
    actor = current_user()
    path = db.database_path()
    with db.build_new_file(path) as conn:
        catalogue = _products(rng, products)
        _insert_products(conn, catalogue, now, actor)
        addresses = _clients(conn, rng, clients, now)
        report("clients", 1.0)
        parts = _plan_parts(rng, orders, now, seed, path)
        specs = [_PartJob(p, catalogue, addresses, now, actor) for p in parts]
        stock = _run_parts(conn, specs, [p[0] for p in catalogue], report)
        _stock(conn, catalogue, stock)
        report("indexes", 1.0)
    db.open_database(path)
    return DemoSummary(clients, len(catalogue), orders, time.perf_counter() - started)


def _products(rng: random.Random, count: int) -> list[tuple[int, str, str, int, int]]:
    """(id, sku, name, price, tax) for `count` products cycling through the families."""
    catalogue = []
    index = 0
    while len(catalogue) < count:
        prefix, name, sizes, base_price, tax = PRODUCTS[index % len(PRODUCTS)]
        generation = index // len(PRODUCTS)
        size = sizes[generation % len(sizes)]
        suffix = f" {size}" + (f" #{generation // len(sizes) + 1}" if generation >= len(sizes) else "")
        price = base_price * (1 + generation % len(sizes)) // 100 * 100 + rng.choice((0, 50, 90))
        catalogue.append((len(catalogue) + 1, f"{prefix}-{index + 1:04d}", name + suffix, price, tax))
        index += 1
    return catalogue


def _clients(conn: sqlite3.Connection, rng: random.Random, count: int, now: datetime) -> list[str]:
    numbers = rng.sample(range(len(MOBILE_PREFIXES) * 10**7), count)
    created = (now - timedelta(days=800)).strftime("%Y-%m-%d %H:%M:%S")
    rows = []
    addresses = []
    for i, n in enumerate(numbers, start=1):
        phone = f"+212{MOBILE_PREFIXES[n // 10**7]}{n % 10**7:07d}"
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        city, postal, country = rng.choice(CITIES)
        street = f"{rng.randint(1, 250)} {rng.choice(STREETS)}"
        email = "" if i % 3 == 0 else f"{search_key(first)}.{search_key(last)}{i}@example.com".replace(" ", "")
        addresses.append(f"{street}\n{postal} {city}\n{country}")
        rows.append((
            i, phone, first, last, search_key(last, first), search_key(first, last), email,
            street, postal, city, country, "", created, created, 1,
        ))  # fmt: skip
    conn.executemany(
        "INSERT INTO clients (id, phone, first_name, last_name, search_last, search_first, email,"
        " address, postal_code, city, country, notes, created_at, updated_at, version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return addresses


PART_SIZE = 250_000  # orders per part; fixed, so the data does not depend on the CPU count
SPAN_DAYS = 730


@dataclass(frozen=True)
class _Part:
    """A run of consecutive orders (by time) generated on its own: ids, times, first numbers."""

    index: int
    first_id: int
    offsets: list[int]  # seconds after the demo's start, ascending
    first_seq: dict[int, int]  # year -> the number of orders of that year before this part
    seed: int
    path: str  # its own scratch file (large parts) or "" (written straight into the target)


@dataclass(frozen=True)
class _PartJob:
    part: _Part
    catalogue: list[tuple[int, str, str, int, int]]
    addresses: list[str]
    now: datetime
    actor: str


def _plan_parts(rng: random.Random, count: int, now: datetime, seed: int, path: str) -> list[_Part]:
    span = SPAN_DAYS * 86400
    start = now - timedelta(seconds=span)
    offsets = sorted(rng.randrange(span) for _ in range(count))
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
        parts.append(_Part(index, first + 1, chunk, dict(seen), seed * 1000 + index, scratch))
        seen.update(start.year + bisect(boundaries, offset) for offset in chunk)
    return parts


def _run_parts(conn: sqlite3.Connection, jobs: list[_PartJob], product_ids: list[int],
               report: Callable[[str, float], None]) -> dict[int, list[int]]:  # fmt: skip
    """Generate the parts, several processes at once for a big demo, then merge them.

    Python builds rows at ~3 µs each: for ten million rows one core is the limit. Each part
    writes its own scratch file; SQLite merges them with INSERT ... SELECT at C speed.
    """
    stock: dict[int, list[int]] = {pid: [0, 0] for pid in product_ids}
    if len(jobs) <= 1:
        for job in jobs:
            _merge_stock(stock, _generate_part(job, conn))
        report("orders", 1.0)
        return stock
    import multiprocessing
    import os

    workers = min(len(jobs), os.cpu_count() or 1)
    try:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            for done, part_stock in enumerate(pool.imap(_generate_part, jobs), start=1):
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


PART_TABLES = {
    "orders": "*",
    "order_lines": "order_id, position, product_id, description, quantity, unit_price_cents,"
    " discount_bp, tax_rate_bp, total_cents, tax_cents",
    "status_changes": "order_id, from_status, to_status, changed_at, changed_by, note",
    "stock_movements": "product_id, kind, on_hand_delta, reserved_delta, order_id, reason,"
    " created_at, created_by",
}


def _part_schema(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, number, client_id, channel, status,"
        " created_at, validated_at, shipping_date, shipped_at, delivered_at, shipping_address,"
        " notes, total_excl_cents, total_tax_cents, total_cents, version, updated_at)"
    )
    for table, columns in PART_TABLES.items():
        if table != "orders":
            conn.execute(f"CREATE TABLE {table} ({columns})")
    conn.execute("CREATE TABLE sequences (name, last_value)")


def _merge_part(conn: sqlite3.Connection, path: str) -> None:
    """Copy a part's rows into the target (SQLite cannot ATTACH inside a transaction)."""
    conn.execute("COMMIT")
    conn.execute("ATTACH DATABASE ? AS part", (path,))
    conn.execute("BEGIN")
    for table, columns in PART_TABLES.items():
        into = "" if columns == "*" else f" ({columns})"
        conn.execute(f"INSERT INTO main.{table}{into} SELECT {columns} FROM part.{table}")
    conn.execute(
        "INSERT INTO main.sequences (name, last_value) SELECT name, last_value"
        " FROM part.sequences WHERE true ON CONFLICT (name) DO UPDATE"
        " SET last_value = max(last_value, excluded.last_value)"
    )
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE part")
    conn.execute("BEGIN")


def _generate_part(job: _PartJob, target: sqlite3.Connection | None = None) -> dict[int, list[int]]:
    """Write one part's orders, lines, history and movements; return per product
    [still reserved, shipped in all]. Into `target`, or into the part's scratch file."""
    part, catalogue, addresses, now = job.part, job.catalogue, job.addresses, job.now
    actor = job.actor
    if target is None:
        conn = sqlite3.connect(part.path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = off")
        conn.execute("PRAGMA synchronous = off")
        _part_schema(conn)
        conn.execute("BEGIN")
    else:
        conn = target
    rng = random.Random(part.seed)
    count = len(part.offsets)
    span = SPAN_DAYS * 86400
    start = now - timedelta(seconds=span)
    channels = _weighted(rng, CHANNEL_WEIGHTS, count)
    clock = [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]
    start_day = start.date()
    start_second = start.hour * 3600 + start.minute * 60 + start.second
    days = [(start_day + timedelta(days=d)).isoformat() for d in range(SPAN_DAYS + 10)]
    now_second = (now - start).total_seconds()

    def stamp(offset: float) -> str:
        total = int(start_second + offset)
        return f"{days[total // 86400]} {clock[total % 86400]}"

    stock: dict[int, list[int]] = {p[0]: [0, 0] for p in catalogue}
    sequences = dict(part.first_seq)
    mixes = [
        (age, [s for s, _ in mix], list(accumulate(w for _, w in mix))) for age, mix in STATUS_MIX
    ]
    clients = len(addresses)
    order_sql = (
        "INSERT INTO orders (id, number, client_id, channel, status, created_at, validated_at,"
        " shipping_date, shipped_at, delivered_at, shipping_address, notes, total_excl_cents,"
        " total_tax_cents, total_cents, version, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    line_sql = (
        "INSERT INTO order_lines (order_id, position, product_id, description, quantity,"
        " unit_price_cents, discount_bp, tax_rate_bp, total_cents, tax_cents)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    history_sql = (
        "INSERT INTO status_changes (order_id, from_status, to_status, changed_at, changed_by,"
        " note) VALUES (?, ?, ?, ?, ?, ?)"
    )
    movement_sql = (
        "INSERT INTO stock_movements (product_id, kind, on_hand_delta, reserved_delta, order_id,"
        " reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )
    random_ = rng.random

    def randrange(low: int, high: int | None = None) -> int:
        """rng.randrange without its argument checks (a third of the run time otherwise)."""
        if high is None:
            low, high = 0, low
        return low + int(random_() * (high - low))
    n_products = len(catalogue)
    for chunk_start in range(0, count, CHUNK):
        order_rows, line_rows, history_rows, movement_rows = [], [], [], []
        for index in range(chunk_start, min(chunk_start + CHUNK, count)):
            order_id = part.first_id + index
            offset = part.offsets[index]
            created = stamp(offset)
            year = int(created[:4])
            seq = sequences.get(year, 0) + 1
            sequences[year] = seq
            age_days = (now_second - offset) / 86400
            _, names, cumulative = next(m for m in mixes if age_days >= m[0])
            status_key = names[bisect(cumulative, random_() * cumulative[-1])]
            path = PATHS[status_key]
            status = path[-1]
            client_id = randrange(clients) + 1
            # lines
            n_lines = 1 + (random_() < 0.55) + (random_() < 0.35) + (random_() < 0.2)
            total = tax = 0
            quantities: dict[int, int] = {}
            for position in range(1, n_lines + 1):
                pid, _sku, name, price, rate = catalogue[randrange(n_products)]
                quantity = 1 if random_() < 0.6 else randrange(2, 6)
                discount = 0 if random_() < 0.9 else 500 * randrange(1, 3)
                line_total, line_tax = line_amounts(quantity, price, discount, rate)
                total += line_total
                tax += line_tax
                quantities[pid] = quantities.get(pid, 0) + quantity
                line_rows.append((order_id, position, pid, name, quantity, price, discount, rate,
                                  line_total, line_tax))  # fmt: skip
            # history: each step a few hours after the previous, never after now
            step_at = offset
            shipped = delivered = None
            changed = created
            for i, to_status in enumerate(path):
                if i:
                    step_at = min(step_at + randrange(3600, 3 * 86400), now_second)
                    changed = stamp(step_at)
                note = CANCEL_NOTES[randrange(len(CANCEL_NOTES))] if to_status == "cancelled" else ""
                history_rows.append((order_id, path[i - 1] if i else None, to_status, changed,
                                     actor, note))  # fmt: skip
                if to_status == "shipped":
                    shipped = changed
                elif to_status == "delivered":
                    delivered = changed
            for pid, quantity in quantities.items():
                movement_rows.append((pid, "reserve", 0, quantity, order_id, "", created, actor))
                if shipped:
                    movement_rows.append((pid, "shipment", -quantity, -quantity, order_id,
                                          "order shipped", shipped, actor))  # fmt: skip
                    stock[pid][1] += quantity
                elif status == "cancelled":
                    movement_rows.append((pid, "release", 0, -quantity, order_id,
                                          "order cancelled", changed, actor))  # fmt: skip
                else:
                    stock[pid][0] += quantity
            ship_day = days[(int(start_second + offset) // 86400) + randrange(0, 8)]
            order_rows.append((
                order_id, format_number(year, seq), client_id, channels[index], status,
                created, created, ship_day, shipped, delivered, addresses[client_id - 1],
                ORDER_NOTES[randrange(len(ORDER_NOTES))], total - tax, tax, total,
                len(path), changed,
            ))  # fmt: skip
        conn.executemany(order_sql, order_rows)
        conn.executemany(line_sql, line_rows)
        conn.executemany(history_sql, history_rows)
        conn.executemany(movement_sql, movement_rows)
    conn.executemany(
        "INSERT INTO sequences (name, last_value) VALUES (?, ?)",
        [(f"orders-{year:04d}", last) for year, last in sorted(sequences.items())
         if last > part.first_seq.get(year, 0)],  # fmt: skip
    )
    if target is None:
        conn.execute("COMMIT")
        conn.close()
    return stock


def _insert_products(
    conn: sqlite3.Connection, catalogue: list[tuple[int, str, str, int, int]], now: datetime, actor: str
) -> None:
    """Products and their opening receipts first (orders refer to them); the quantities are
    filled in by _stock once the orders are known, so the ledger starts with the receipt."""
    opening = (now - timedelta(days=740)).strftime("%Y-%m-%d %H:%M:%S")
    conn.executemany(
        "INSERT INTO products (id, sku, name, name_key, unit_price_cents, tax_rate_bp, on_hand,"
        " reserved, reorder_level, active, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 1, ?, ?)",
        [(pid, sku, name, search_key(name), price, rate, opening, opening)
         for pid, sku, name, price, rate in catalogue],  # fmt: skip
    )
    conn.executemany(
        "INSERT INTO stock_movements (id, product_id, kind, on_hand_delta, reserved_delta,"
        " order_id, reason, created_at, created_by) VALUES (?, ?, 'receipt', 0, 0, NULL,"
        " 'stock initial', ?, ?)",
        [(pid, pid, opening, actor) for pid, *_ in catalogue],
    )


def _stock(conn: sqlite3.Connection, catalogue: list[tuple[int, str, str, int, int]],
           stock: dict[int, list[int]]) -> None:  # fmt: skip
    """Opening receipt = everything shipped since + what is left on the shelf."""
    rng = random.Random(len(catalogue))
    products, receipts = [], []
    for pid, *_ in catalogue:
        reserved, shipped = stock[pid]
        left = reserved + rng.choice((0, 2, 5, 15, 40, 120))
        products.append((left, reserved, rng.choice((5, 10, 20)), pid))
        receipts.append((shipped + left, pid))
    conn.executemany(
        "UPDATE products SET on_hand = ?, reserved = ?, reorder_level = ? WHERE id = ?", products
    )
    conn.executemany(
        "UPDATE stock_movements SET on_hand_delta = ? WHERE id = ?", receipts
    )
