"""One part of the demo's orders: rows for orders, lines, history and stock movements,
built as plain tuples (about 3 µs a row) and written with executemany."""

from __future__ import annotations

import random
import sqlite3
from bisect import bisect
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate

from gestco.domain.money import line_amounts, order_totals
from gestco.domain.order_numbers import counter_name, format_number
from gestco.domain.records import STATUS_MOMENTS, STATUSES, status_path
from gestco.domain.stock_moves import status_moves
from gestco.storage.models import OrderLines, Orders, Sequences, StatusChanges, StockMovements
from gestco.storage.names import columns, fields_of, insert_sql, table
from gestco.tools.demo_data import (
    CANCEL_NOTES,
    CHANNEL_WEIGHTS,
    DEMO_CLERK,
    DEMO_MANAGER,
    MANAGER_STEPS,
    ORDER_NOTES,
    ROUTES,
    STATUS_MIX,
)

CHUNK = 20_000  # orders per executemany batch
PART_SIZE = 250_000  # orders per part; fixed, so the data does not depend on the CPU count
SPAN_DAYS = 730
RECENT_DAYS = 5  # the orders of the last days are still open (demo_data.STATUS_MIX)
# The newest orders, newest first, take these statuses in turn: every status appears in a
# demo of any size (a small one would otherwise miss some, or have nothing to process).
NEWEST_STATUSES = STATUSES
PATHS = {name: status_path(*stops) for name, stops in ROUTES.items()}
# Per path, per step: the stock movements of one unit (gestco.stock_moves, the rule the
# order services follow), scaled by each product's quantity. Asked once per path rather
# than per order: the demo builds a million orders.
STEP_MOVES = {
    path: [
        status_moves(path[i - 1] if i else None, status, [(0, 1)]) for i, status in enumerate(path)
    ]
    for path in PATHS.values()
}


@dataclass(frozen=True)
class Part:
    """A run of consecutive orders (by time) generated on its own: ids, times, first numbers."""

    index: int
    first_id: int
    offsets: list[int]  # seconds after the demo's start, ascending
    first_seq: dict[int, int]  # year -> the number of orders of that year before this part
    seed: int
    path: str  # its own scratch file (large parts) or "" (written straight into the target)
    total: int  # orders in the whole demo (the newest ones take NEWEST_STATUSES)


@dataclass(frozen=True)
class PartJob:
    part: Part
    catalogue: list[tuple[int, str, str, int, int]]
    addresses: list[str]
    now: datetime


# The columns after an order's own (Orders.source … payment_status, then paid_cents): the
# demo's orders were all taken at the shop, and record no payment.
COUNTER_ORDER = ("", "", "", "", "", 0)


def weighted(rng: random.Random, choices: tuple[tuple[str, int], ...], n: int) -> list[str]:
    names = [c for c, _ in choices]
    weights = [w for _, w in choices]
    return rng.choices(names, weights, k=n)


def part_schema(conn: sqlite3.Connection) -> None:
    """The scratch file of a part: the four tables, no constraints, no indexes."""
    orders = columns(*fields_of(Orders, but=("id",)))
    conn.execute(f"CREATE TABLE {table(Orders)} (id INTEGER PRIMARY KEY, {orders})")
    for name, names in PART_TABLES.items():
        if name != table(Orders):
            conn.execute(f"CREATE TABLE {name} ({names})")
    conn.execute(f"CREATE TABLE {table(Sequences)} ({columns(*fields_of(Sequences))})")


# The bulk INSERTs of the demo are written by hand, with the models' names: 1,000,000 orders
# with their lines, history and movements (~10 M rows) take 66 s in all, where peewee's
# insert_many writes the million order rows alone in 24 s (STACK_NOTES).
_LINE, _HISTORY, _MOVE = (
    fields_of(m, but=("id",)) for m in (OrderLines, StatusChanges, StockMovements)
)
PART_TABLES = {  # the tables a part fills: the orders with their ids, the others without
    table(Orders): "*",
    table(OrderLines): columns(*_LINE),
    table(StatusChanges): columns(*_HISTORY),
    table(StockMovements): columns(*_MOVE),
}


def generate_part(job: PartJob, target: sqlite3.Connection | None = None) -> dict[int, list[int]]:
    """Write one part's orders, lines, history and movements; return per product
    [still reserved, shipped in all]. Into `target`, or into the part's scratch file."""
    part, catalogue, addresses, now = job.part, job.catalogue, job.addresses, job.now
    # Who the history names for each step: the clerk takes and moves orders, the manager
    # ships, delivers and cancels (a dict lookup: the bulk path stays as fast).
    by_step = {
        status: DEMO_MANAGER if status in MANAGER_STEPS else DEMO_CLERK for status in STATUSES
    }
    if target is None:
        conn = sqlite3.connect(part.path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = off")
        conn.execute("PRAGMA synchronous = off")
        part_schema(conn)
        conn.execute("BEGIN")
    else:
        conn = target
    rng = random.Random(part.seed)
    count = len(part.offsets)
    span = SPAN_DAYS * 86400
    start = now - timedelta(seconds=span)
    channels = weighted(rng, CHANNEL_WEIGHTS, count)
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
    order_sql = insert_sql(Orders)  # the rows below hold every column, in the table's order
    line_sql = insert_sql(OrderLines, _LINE)
    history_sql = insert_sql(StatusChanges, _HISTORY)
    movement_sql = insert_sql(StockMovements, _MOVE)
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
            if part.total - order_id < len(NEWEST_STATUSES):
                status_key = NEWEST_STATUSES[part.total - order_id]
            path = PATHS[status_key]
            step_moves = STEP_MOVES[path]
            status = path[-1]
            client_id = randrange(clients) + 1
            # lines
            n_lines = 1 + (random_() < 0.55) + (random_() < 0.35) + (random_() < 0.2)
            amounts = []
            quantities: dict[int, int] = {}
            for position in range(1, n_lines + 1):
                pid, _sku, name, price, rate = catalogue[randrange(n_products)]
                quantity = 1 if random_() < 0.6 else randrange(2, 6)
                discount = 0 if random_() < 0.9 else 500 * randrange(1, 3)
                line_total, line_tax = line_amounts(quantity, price, discount, rate)
                amounts.append((line_total, line_tax))
                quantities[pid] = quantities.get(pid, 0) + quantity
                line_rows.append(
                    (
                        order_id,
                        position,
                        pid,
                        name,
                        quantity,
                        price,
                        discount,
                        rate,
                        line_total,
                        line_tax,
                    )
                )
            # history: each step a few hours after the previous, never after now; each with
            # the stock movements the order services write for it (one per product here)
            step_at: float = offset
            moments: dict[str, str] = {}
            changed = created
            before: str | None = None
            for i, to_status in enumerate(path):
                if i:
                    step_at = min(step_at + randrange(3600, 3 * 86400), now_second)
                    changed = stamp(step_at)
                note = (
                    CANCEL_NOTES[randrange(len(CANCEL_NOTES))] if to_status == "cancelled" else ""
                )
                actor = by_step[to_status]
                history_rows.append((order_id, before, to_status, changed, actor, note, ""))
                if to_status in STATUS_MOMENTS:
                    moments[STATUS_MOMENTS[to_status]] = changed
                for _, kind, on_hand, reserved, reason in step_moves[i]:
                    for pid, quantity in quantities.items():
                        movement_rows.append(
                            (
                                pid,
                                kind,
                                on_hand * quantity,
                                reserved * quantity,
                                order_id,
                                reason,
                                changed,
                                actor,
                            )
                        )
                        stock[pid][0] += reserved * quantity  # still reserved at the end
                        stock[pid][1] -= on_hand * quantity  # gone out: shipped
                before = to_status
            excl, tax, total = order_totals(amounts)
            ship_day = days[(int(start_second + offset) // 86400) + randrange(0, 8)]
            order_rows.append(
                (
                    order_id,
                    format_number(year, seq),
                    client_id,
                    channels[index],
                    status,
                    created,
                    created,
                    ship_day,
                    moments.get("shipped_at"),
                    moments.get("delivered_at"),
                    addresses[client_id - 1],
                    ORDER_NOTES[randrange(len(ORDER_NOTES))],
                    excl,
                    tax,
                    total,
                    len(path),
                    changed,
                    *COUNTER_ORDER,
                )
            )
        conn.executemany(order_sql, order_rows)
        conn.executemany(line_sql, line_rows)
        conn.executemany(history_sql, history_rows)
        # A ledger is read newest first by id: the ids follow the time, as at a real counter
        # (an order's shipment comes days after the next orders' reservations).
        movement_rows.sort(key=lambda row: row[6])
        conn.executemany(movement_sql, movement_rows)
    conn.executemany(
        insert_sql(Sequences),
        [
            (counter_name(year), last)
            for year, last in sorted(sequences.items())
            if last > part.first_seq.get(year, 0)
        ],
    )
    if target is None:
        conn.execute("COMMIT")
        conn.close()
    return stock
