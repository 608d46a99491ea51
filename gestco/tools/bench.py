"""`gestco bench`: the core's hot paths against the same SQL run straight through the plain
driver (Python's sqlite3 on a file, psycopg on a server) on the same database, in the same
run (the limit of this machine), plus order creation and the application's cold start.
Median and p95 of repeated runs; ratios to raw."""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gestco.domain.errors import ValidationError
from gestco.domain.records import LineInput
from gestco.domain.text import PREFIX_END
from gestco.services import clients, orders
from gestco.services.clients import CLIENT_FIELDS, NAME_SEARCH_SQL, PHONE_SEARCH_SQL
from gestco.services.order_table import (
    OrderFilter,
    OrderSort,
    count_and_sum,
    holds_shop_data,
    list_orders,
    page_sql,
)
from gestco.services.orders import history_query, lines_query, order_query
from gestco.storage import binding, builder, opening, raw_sql
from gestco.storage.models import Clients, Orders, Products
from gestco.storage.names import Alias, table
from gestco.workstation.addresses import shown_database
from gestco.workstation.server_choice import DB_ENV

REPEAT = 300


@dataclass(frozen=True)
class Figure:
    name: str
    median_ms: float
    p95_ms: float
    raw_median_ms: float | None = None

    @property
    def ratio(self) -> float | None:
        if not self.raw_median_ms:
            return None
        return self.median_ms / self.raw_median_ms


def _times(action: Callable[[int], Any], repeat: int) -> tuple[float, float]:
    samples = []
    for i in range(repeat):
        start = time.perf_counter()
        action(i)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def measure(
    name: str,
    core: Callable[[int], Any],
    raw: Callable[[int], Any] | None = None,
    repeat: int = REPEAT,
) -> Figure:
    # Warm both over the same inputs first: the first pass reads pages from disk into each
    # connection's cache, and whichever ran first would pay for it.
    for action in (core, raw):
        if action is not None:
            _times(action, repeat)
    median, p95 = _times(core, repeat)
    raw_median = None if raw is None else _times(raw, repeat)[0]
    return Figure(name, median, p95, raw_median)


def run_on(
    target: str,
    *,
    own: bool,
    orders_wanted: int,
    clients_wanted: int,
    progress: Callable[[str], None],
    with_startup: bool = True,
    import_orders: int = 0,
) -> dict[str, Any]:
    """The bench writes test orders, so it never writes into a database it did not create:
    a shop's existing file (`own` False: named by --db or GESTCO_DB) is measured through a
    scratch copy deleted afterwards; a server only when its database is still empty (the
    bench fills it); its own file (`own`) is built once and kept for the next runs."""
    import tempfile
    from pathlib import Path

    from gestco.storage import snapshots

    def measured(path: str) -> dict[str, Any]:
        return run(
            path,
            orders_wanted=orders_wanted,
            clients_wanted=clients_wanted,
            progress=progress,
            with_startup=with_startup,
            import_orders=import_orders,
        )

    if opening.is_url(target) or own or not Path(target).exists():
        opening.open_database(target)
        try:
            if opening.is_url(target) and holds_shop_data():
                raise ValidationError(
                    "db",
                    "The bench writes test orders: on a server, give it an empty database of "
                    "its own (this one holds a shop's data).",
                )
            return measured(target)
        finally:
            binding.close_database()
    with tempfile.TemporaryDirectory(prefix="gestco-bench-") as scratch:
        copy = Path(scratch) / "bench-copy.sqlite3"
        progress(f"measuring a scratch copy of {target} (the file itself is only read)")
        snapshots._copy(Path(target), copy)
        opening.open_database(copy)
        try:
            result = measured(str(copy))
        finally:
            binding.close_database()
    result["database"] = f"a scratch copy of {shown_database(target)}"
    return result


def _sql(query: Any) -> str:
    """The SQL the core runs for `query`, for the plain driver: compiled once, outside the
    timing, with its placeholders as the raw connections take them (`?`)."""
    sql, _ = query.sql()
    return sql.replace("%s", "?") if binding.is_postgres() else sql  # values are never inlined


def run(
    path: str,
    *,
    orders_wanted: int,
    clients_wanted: int,
    progress: Callable[[str], None],
    with_startup: bool = True,
    import_orders: int = 0,
) -> dict[str, Any]:
    """Build the demo database if it is empty, then measure. Returns a JSON-ready dict.
    `import_orders`: also time an import of a file of that many orders (bench_import)."""
    from gestco.tools import demo

    total_orders = count_and_sum()[0]
    if total_orders == 0:
        progress(f"building a demo database: {orders_wanted:,} orders, {clients_wanted:,} clients")
        summary = demo.generate(clients=clients_wanted, orders=orders_wanted, products=48)
        total_orders = summary.orders
    raw = raw_sql.raw_connection(path)
    rng = random.Random(7)
    sample = "SELECT {} FROM {} ORDER BY random() LIMIT 500"
    numbers = [r[0] for r in raw.execute(sample.format(Orders.number.column_name, table(Orders)))]
    phones = [r[0] for r in raw.execute(sample.format(Clients.phone.column_name, table(Clients)))]
    national = ["0" + p[4:] if p.startswith("+212") else p for p in phones]
    figures: list[Figure] = []
    by_number, lines, history = (
        _sql(order_query(Orders.number == "")),
        _sql(lines_query(0)),
        _sql(history_query(0)),
    )
    by_phone = _sql(Clients.select(*CLIENT_FIELDS).where(Clients.phone == ""))

    def raw_order(i: int) -> None:
        row = raw.execute(by_number, (numbers[i % len(numbers)],)).fetchone()
        raw.execute(lines, (row[0],)).fetchall()
        raw.execute(history, (row[0],)).fetchall()

    progress("lookups")
    figures.append(
        measure(
            "find an order by number (with lines and history)",
            lambda i: orders.get_order(numbers[i % len(numbers)].lower().replace("cmd-", "")),
            raw_order,
        )
    )
    figures.append(
        measure(
            "identify a client by phone (typed 06…)",
            lambda i: clients.identify(national[i % len(national)]),
            lambda i: raw.execute(by_phone, (phones[i % len(phones)],)).fetchone(),
        )
    )
    prefixes = [p[:8] for p in national]

    def raw_phone_prefix(i: int) -> None:
        prefix = "+212" + prefixes[i % len(prefixes)][1:]
        raw.execute(PHONE_SEARCH_SQL, (prefix, prefix + PREFIX_END, 20)).fetchall()

    figures.append(
        measure(
            "search clients by phone prefix (top 20)",
            lambda i: clients.search_clients(prefixes[i % len(prefixes)], limit=20),
            raw_phone_prefix,
        )
    )
    names = ["ben", "ala", "mar", "tazi", "dub", "fas", "ler", "ham"]

    def raw_name_prefix(i: int) -> None:
        key = names[i % len(names)]
        bounds = (key, key + PREFIX_END, 20)
        raw.execute(NAME_SEARCH_SQL, (*bounds, *bounds, 20)).fetchall()

    figures.append(
        measure(
            "search clients by name prefix (top 20)",
            lambda i: clients.search_clients(names[i % len(names)], limit=20),
            raw_name_prefix,
        )
    )

    progress("pages")
    o = Alias(Orders, "o")
    for sort, label in ((OrderSort.CREATED, "date"), (OrderSort.TOTAL, "total")):
        for flt, flt_label in (
            (OrderFilter(), ""),
            (OrderFilter(status="delivered"), ", delivered"),
        ):
            figures += _page_figures(raw, sort, label, flt, flt_label)
    figures.append(
        measure(
            "count and sum of delivered orders",
            lambda i: count_and_sum(OrderFilter(status="delivered")),
            lambda i: raw.execute(
                f"SELECT count(*), coalesce(sum({o.total_cents}), 0) FROM {o.table}"
                f" WHERE {o.status} = ?",
                ("delivered",),
            ).fetchone(),
            repeat=10,
        )
    )
    raw.close()
    figures += _dashboard_figures()

    progress("order creation")
    created = _creation_rate(rng)
    result: dict[str, Any] = {
        "database": shown_database(path),
        "orders": count_and_sum()[0],
        "figures": {
            f.name: {
                "median_ms": round(f.median_ms, 4),
                "p95_ms": round(f.p95_ms, 4),
                "raw_median_ms": None if f.raw_median_ms is None else round(f.raw_median_ms, 4),
                "ratio": None if f.ratio is None else round(f.ratio, 2),
            }
            for f in figures
        },
        "orders_created_per_second": round(created, 1),
    }
    if import_orders:
        from gestco.tools.bench_import import import_rate

        progress(f"an import of {import_orders:,} orders")
        result["import"] = import_rate(import_orders)
    if with_startup:
        progress("cold start")
        result["startup"] = startup(path)
    return result


def _page_figures(
    raw: Any, sort: OrderSort, label: str, flt: OrderFilter, flt_label: str
) -> list[Figure]:
    """A page of 200 at the first and at the last position, through the keyset."""
    from gestco.services.order_table import ORDER_BY, order_where

    where, params = order_where(flt)
    column = sort.value
    o = Alias(Orders, "o")
    last = raw.execute(
        f"SELECT {column}, {o.id} FROM {o.table}{where} ORDER BY"
        f" {ORDER_BY[sort].format(d='ASC')} LIMIT 1 OFFSET 200",
        params,
    ).fetchone()
    results = []
    for position, after in (("first", None), ("last", last)):
        sql, values = page_sql(flt, sort=sort, descending=True, after=after, limit=200)

        def core(_: int, a: Any = after) -> object:
            return list_orders(flt, sort=sort, after=a, limit=200)

        def plain(_: int, s: str = sql, v: list[Any] = values) -> object:
            return raw.execute(s, v).fetchall()

        name = f"page of 200 at the {position} position, by {label}{flt_label}"
        results.append(measure(name, core, plain, repeat=60))
    return results


def _dashboard_figures() -> list[Figure]:
    """The dashboard's figures (gestco.services.figures) over its periods, from the daily
    figures; no plain-SQL twin (the same figures summed from the orders took 9-10 s a year
    at 1,000,000 orders)."""
    from datetime import date

    from gestco.services.figures import figures, presets

    periods = presets(date.today())

    def over(key: str) -> Callable[[int], Any]:
        return lambda _i: figures(periods[key])

    return [
        measure(f"dashboard figures, {label}", over(key), repeat=5)
        for key, label in (("today", "today"), ("30d", "30 days"), ("this_year", "this year"))
    ]


def _creation_rate(rng: random.Random, count: int = 300) -> float:
    """Orders per second: each one a transaction with its number, lines, stock and history."""
    products = [
        r[0] for r in builder.rows(Products.select(Products.id).where(Products.active == 1))
    ]
    client_ids = [r[0] for r in builder.rows(Clients.select(Clients.id).limit(1000))]
    start = time.perf_counter()
    for _ in range(count):
        orders.create_order(
            client_id=rng.choice(client_ids),
            lines=[
                LineInput(product_id=p, quantity=rng.randint(1, 3)) for p in rng.sample(products, 2)
            ],
        )
    return count / (time.perf_counter() - start)


def startup(path: str, runs: int = 3) -> dict[str, float]:
    """A separate process, from launch to the main window shown (offscreen) and to the first
    rows of the orders table; the best of a few runs (the first may read the disk)."""
    # The database goes in the child's environment, never on its command line (which every
    # user of the machine can read): a server's URL carries its password.
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        DB_ENV: path,
    }
    shown, rows = [], []
    for _ in range(runs):
        begin = time.time()
        out = subprocess.run(
            [sys.executable, "-m", "ui", "--startup-probe"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        ).stdout
        marks = dict(
            line.split() for line in out.splitlines() if line.startswith(("shown", "rows"))
        )
        shown.append(float(marks["shown"]) - begin)
        rows.append(float(marks["rows"]) - begin)
    return {
        "to_main_window_s": round(min(shown), 3),
        "to_first_order_rows_s": round(min(rows), 3),
        "to_main_window_first_run_s": round(shown[0], 3),
    }


def render(result: dict[str, Any]) -> str:
    lines = [
        f"GESTCO bench — {result['orders']:,} orders in {result['database']}",
        "",
        f"{'operation':60s} {'median':>9s} {'p95':>9s} {'raw':>9s} {'ratio':>6s}",
    ]
    for name, f in result["figures"].items():
        raw = "" if f["raw_median_ms"] is None else f"{f['raw_median_ms']:.3f}"
        ratio = "" if f["ratio"] is None else f"{f['ratio']:.2f}"
        lines.append(f"{name:60s} {f['median_ms']:9.3f} {f['p95_ms']:9.3f} {raw:>9s} {ratio:>6s}")
    lines.append(
        f"{'orders created per second (one transaction each)':60s}"
        f" {result['orders_created_per_second']:9.1f}"
    )
    if "import" in result:
        done = result["import"]
        for key, what in (
            ("preview", "previewed"),
            ("import", "imported (one transaction)"),
            ("again", "imported again (all unchanged)"),
        ):
            label = f"a file of {done['orders']:,} orders {what} (orders/s)"
            figure = done[key]
            lines.append(
                f"{label:60s} {figure['orders_per_second']:9.1f}  ({figure['seconds']:.1f} s)"
            )
    if "startup" in result:
        s = result["startup"]
        lines.append(f"{'cold start to the main window (s)':60s} {s['to_main_window_s']:9.3f}")
        lines.append(
            f"{'cold start to the first orders rows (s)':60s} {s['to_first_order_rows_s']:9.3f}"
        )
    lines.append(
        "(times in ms unless said; ratio = GESTCO / the plain driver on the same database)"
    )
    return "\n".join(lines)
