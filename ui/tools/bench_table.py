"""Figures for the managers' orders table on a big database (README, "Speed").

    python -m ui.tools.bench_table --db BIG.sqlite3 [--json]

Offscreen, one process: open the Commandes tab, jump around, sort, filter; private memory
from /proc (Linux). Build the database with `gestco --db BIG.sqlite3 demo --orders 1000000
--clients 200000`. Times are medians of repeated runs; the machine is noisy.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def private_mb() -> float:
    """Private (not shared) memory of this process, in MB (Linux)."""
    try:
        text = Path("/proc/self/smaps_rollup").read_text()
    except OSError:
        return float("nan")
    kb = sum(
        int(line.split()[1])
        for line in text.splitlines()
        if line.startswith(("Private_Clean", "Private_Dirty"))
    )
    return kb / 1024


def _first_admin(database: str) -> str:
    """The window is measured signed in, as a shop uses it (signed out, the screens are
    hidden and nothing is painted: the jumps measured 0.01 ms)."""
    from gestco.services import operators
    from gestco.storage import binding, opening

    opening.open_database(database)
    try:
        admins = [o for o in operators.list_operators(include_inactive=False) if o.role == "admin"]
    finally:
        binding.close_database()
    if not admins:
        raise SystemExit("bench_table: the database has no administrator: give --operator")
    return admins[0].username


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_table")
    parser.add_argument("--db", required=True)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--operator", help="who the window is signed in as (default: the first administrator)"
    )
    args = parser.parse_args(argv)

    from PySide6.QtCore import QSettings, Qt, QThreadPool

    from gestco.domain.phones import format_phone
    from gestco.services import orders as order_service
    from ui.app import create_main_window, make_application
    from ui.runtime.memory import release_freed_memory

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    app = make_application(["bench"])
    window = create_main_window(args.db, operator=args.operator or _first_admin(args.db))
    window.resize(1180, 760)
    window.show()
    app.processEvents()
    tab = window.orders_tab
    view, model = tab.view, tab.model
    figures: dict[str, float] = {}
    # The start's garbage given back first, as the table gives back its own after each load
    # (ui.runtime.memory): the figure is what the table holds, not what the allocator kept.
    gc.collect()
    release_freed_memory()
    base_memory = private_mb()

    def settle() -> None:
        app.processEvents()
        view.viewport().repaint()

    def wait_complete() -> float:
        start = time.perf_counter()
        while not model.complete:
            app.processEvents()
            time.sleep(0.001)
        return time.perf_counter() - start

    start = time.perf_counter()
    window.show_orders_table()
    settle()
    figures["open_first_rows_s"] = time.perf_counter() - start
    if not view.isVisible():  # behind the sign-in page nothing is painted: no figure holds
        print("bench_table: the orders table is not on screen", file=sys.stderr)
        return 1
    figures["open_all_ids_s"] = figures["open_first_rows_s"] + wait_complete()
    figures["orders"] = model.rowCount()
    figures["memory_after_open_mb"] = private_mb() - base_memory

    cpu: list[float] = []

    def jump(row: int) -> float:
        """From the jump to the repainted rows: one frame, as the user sees it. The window
        thread's CPU time is kept too: on a shared machine the wall clock also counts the
        other processes' turns, the CPU time only this work (a shop's own computer)."""
        app.processEvents()
        begin, begin_cpu = time.perf_counter(), time.thread_time()
        view.scrollTo(model.index(row, 0))
        view.viewport().repaint()
        cpu.append(time.thread_time() - begin_cpu)
        return time.perf_counter() - begin

    rng = random.Random(1)
    last = model.rowCount() - 1
    figures["jump_last_ms"] = statistics.median(jump(last) for _ in range(1)) * 1000
    jumps = [jump(rng.randrange(last)) for _ in range(30)]  # pages never seen: a query each
    figures["jump_anywhere_median_ms"] = statistics.median(jumps) * 1000
    figures["jump_anywhere_max_ms"] = max(jumps) * 1000
    figures["jump_anywhere_cpu_median_ms"] = statistics.median(cpu[1:]) * 1000
    figures["jump_anywhere_cpu_max_ms"] = max(cpu[1:]) * 1000
    figures["memory_after_jumps_mb"] = private_mb() - base_memory

    def timed(action: Callable[[], object]) -> tuple[float, float]:
        begin = time.perf_counter()
        action()
        settle()
        first = time.perf_counter() - begin
        return first, first + wait_complete()

    for name, column in (("sort_total", 7), ("sort_client", 2), ("sort_date", 1)):
        first, full = timed(
            functools.partial(view.sortByColumn, column, Qt.SortOrder.DescendingOrder)
        )
        figures[f"{name}_first_rows_s"], figures[f"{name}_all_s"] = first, full
    for name, status in (("filter_pending", "pending"), ("filter_delivered", "delivered")):

        def apply(code: str = status) -> None:
            tab.status_combo.setCurrentIndex(tab.status_combo.findData(code))
            tab.apply_filters()

        first, full = timed(apply)
        figures[f"{name}_first_rows_s"], figures[f"{name}_all_s"] = first, full
    tab.clear_filters()
    wait_complete()
    QThreadPool.globalInstance().waitForDone()  # the trim after the load (ui.runtime.memory)
    figures["private_memory_mb"] = private_mb()
    figures["table_memory_mb"] = figures["private_memory_mb"] - base_memory

    sampled = [model.row_at(rng.randrange(last)) for _ in range(200)]
    numbers = [row.number for row in sampled if row is not None]  # all within the table
    lookups = []
    for number in numbers * 5:
        begin = time.perf_counter()
        order_service.get_order(number)
        lookups.append(time.perf_counter() - begin)
    figures["find_order_by_number_ms"] = statistics.median(lookups) * 1000

    # A phone typed in its national form, then Enter: until the found client's card (and its
    # last orders) is painted, as the clerk sees it.
    window.show_identify()
    identify = window.identify_tab
    phones = [format_phone(row.client_phone, "MA") for row in sampled if row is not None]
    identified = []
    for phone in phones[:100]:
        identify.phone_edit.setText(phone)
        app.processEvents()
        begin = time.perf_counter()
        identify.identify()
        window.repaint()
        identified.append(time.perf_counter() - begin)
    figures["identify_in_window_ms"] = statistics.median(identified) * 1000
    figures["identify_in_window_max_ms"] = max(identified) * 1000
    window.close()
    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in figures.items()}))
    else:
        for key, value in figures.items():
            print(f"{key:32s} {value:10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
