"""Deterministic, realistic demo data, written in bulk.

A million orders with their lines, history and stock movements is ~10 million rows: the
ORM row by row would take many minutes, so this writes raw executemany batches in one
transaction with the secondary indexes rebuilt at the end (db.bulk_load).
Everything written obeys the same invariants `gestco check` verifies.
"""

from __future__ import annotations

import random
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
    with db.bulk_load() as conn:
        catalogue = _products(rng, products)
        _insert_products(conn, catalogue, now, actor)
        addresses = _clients(conn, rng, clients, now)
        report("clients", 1.0)
        stock = _orders(conn, rng, orders, catalogue, addresses, now, actor, report)
        _stock(conn, catalogue, stock)
        report("indexes", 1.0)
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


def _clients(conn: object, rng: random.Random, count: int, now: datetime) -> list[str]:
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
    conn.executemany(  # type: ignore[attr-defined]
        "INSERT INTO clients (id, phone, first_name, last_name, search_last, search_first, email,"
        " address, postal_code, city, country, notes, created_at, updated_at, version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return addresses


def _orders(
    conn: object,
    rng: random.Random,
    count: int,
    catalogue: list[tuple[int, str, str, int, int]],
    addresses: list[str],
    now: datetime,
    actor: str,
    report: Callable[[str, float], None],
) -> dict[int, list[int]]:
    """Write the orders; return per product [reserved now, shipped in all]."""
    span = 730 * 86400
    start = now - timedelta(seconds=span)
    offsets = sorted(rng.randrange(span) for _ in range(count))
    channels = _weighted(rng, CHANNEL_WEIGHTS, count)
    clock = [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]
    start_day = start.date()
    start_second = start.hour * 3600 + start.minute * 60 + start.second
    days = [(start_day + timedelta(days=d)).isoformat() for d in range(740)]
    now_second = (now - start).total_seconds()

    def stamp(offset: float) -> str:
        total = int(start_second + offset)
        return f"{days[total // 86400]} {clock[total % 86400]}"

    stock: dict[int, list[int]] = {p[0]: [0, 0] for p in catalogue}
    sequences: dict[int, int] = {}
    mixes = [(age, [s for s, _ in mix], [w for _, w in mix]) for age, mix in STATUS_MIX]
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
    randrange = rng.randrange
    n_products = len(catalogue)
    for chunk_start in range(0, count, CHUNK):
        order_rows, line_rows, history_rows, movement_rows = [], [], [], []
        for order_id in range(chunk_start + 1, min(chunk_start + CHUNK, count) + 1):
            offset = offsets[order_id - 1]
            created = stamp(offset)
            year = int(created[:4])
            seq = sequences.get(year, 0) + 1
            sequences[year] = seq
            age_days = (now_second - offset) / 86400
            _, names, weights = next(m for m in mixes if age_days >= m[0])
            status_key = rng.choices(names, weights)[0]
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
                note = rng.choice(CANCEL_NOTES) if to_status == "cancelled" else ""
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
                order_id, format_number(year, seq), client_id, channels[order_id - 1], status,
                created, created, ship_day, shipped, delivered, addresses[client_id - 1],
                ORDER_NOTES[randrange(len(ORDER_NOTES))], total - tax, tax, total,
                len(path), changed,
            ))  # fmt: skip
        conn.executemany(order_sql, order_rows)  # type: ignore[attr-defined]
        conn.executemany(line_sql, line_rows)  # type: ignore[attr-defined]
        conn.executemany(history_sql, history_rows)  # type: ignore[attr-defined]
        conn.executemany(movement_sql, movement_rows)  # type: ignore[attr-defined]
        report("orders", min(chunk_start + CHUNK, count) / count)
    conn.executemany(  # type: ignore[attr-defined]
        "INSERT INTO sequences (name, last_value) VALUES (?, ?)",
        [(f"orders-{year:04d}", last) for year, last in sorted(sequences.items())],
    )
    return stock


def _insert_products(
    conn: object, catalogue: list[tuple[int, str, str, int, int]], now: datetime, actor: str
) -> None:
    """Products and their opening receipts first (orders refer to them); the quantities are
    filled in by _stock once the orders are known, so the ledger starts with the receipt."""
    opening = (now - timedelta(days=740)).strftime("%Y-%m-%d %H:%M:%S")
    conn.executemany(  # type: ignore[attr-defined]
        "INSERT INTO products (id, sku, name, name_key, unit_price_cents, tax_rate_bp, on_hand,"
        " reserved, reorder_level, active, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 1, ?, ?)",
        [(pid, sku, name, search_key(name), price, rate, opening, opening)
         for pid, sku, name, price, rate in catalogue],  # fmt: skip
    )
    conn.executemany(  # type: ignore[attr-defined]
        "INSERT INTO stock_movements (id, product_id, kind, on_hand_delta, reserved_delta,"
        " order_id, reason, created_at, created_by) VALUES (?, ?, 'receipt', 0, 0, NULL,"
        " 'stock initial', ?, ?)",
        [(pid, pid, opening, actor) for pid, *_ in catalogue],
    )


def _stock(conn: object, catalogue: list[tuple[int, str, str, int, int]],
           stock: dict[int, list[int]]) -> None:  # fmt: skip
    """Opening receipt = everything shipped since + what is left on the shelf."""
    rng = random.Random(len(catalogue))
    products, receipts = [], []
    for pid, *_ in catalogue:
        reserved, shipped = stock[pid]
        left = reserved + rng.choice((0, 2, 5, 15, 40, 120))
        products.append((left, reserved, rng.choice((5, 10, 20)), pid))
        receipts.append((shipped + left, pid))
    conn.executemany(  # type: ignore[attr-defined]
        "UPDATE products SET on_hand = ?, reserved = ?, reorder_level = ? WHERE id = ?", products
    )
    conn.executemany(  # type: ignore[attr-defined]
        "UPDATE stock_movements SET on_hand_delta = ? WHERE id = ?", receipts
    )
