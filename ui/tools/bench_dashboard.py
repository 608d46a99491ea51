"""How long the manager waits for the dashboard's figures on a big database (README, "Speed").

    python -m ui.tools.bench_dashboard --db BIG.sqlite3 [--json]

Offscreen, one process, signed in as the first administrator: from showing the Tableau de
bord (F7) to its first figures painted, then from choosing each period to its figures
painted. F7 is pressed as soon as the window is shown, while its other screens still load
(the worst case). The figures are computed on a worker thread; the time runs until the tab
says they are on screen (its `shown` signal) and the window has repainted. Best and median
of a few runs; the machine is noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PERIODS = ("today", "7d", "30d", "this_month", "last_month", "this_year")
RUNS = 5


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench_dashboard")
    parser.add_argument("--db", required=True)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--operator", help="who is signed in (default: the first administrator)")
    args = parser.parse_args(argv)

    import tempfile

    # Settings of its own: the window opens on its first screen, not on the tab a previous
    # run left (the dashboard, already computed), and the shop's settings stay untouched.
    os.environ["GESTCO_DATA_DIR"] = tempfile.mkdtemp(prefix="gestco-bench-dashboard-")
    from PySide6.QtCore import QSettings

    from ui.app import create_main_window, make_application
    from ui.tools.bench_table import _first_admin

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    app = make_application(["bench"])
    window = create_main_window(args.db, operator=args.operator or _first_admin(args.db))
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    tab = window.dashboard_tab
    painted: list[object] = []
    tab.shown.connect(painted.append)

    def until_painted(action: object) -> float:
        painted.clear()
        begin = time.perf_counter()
        action()  # type: ignore[operator]
        while not painted:
            app.processEvents()
            time.sleep(0.0005)
        window.repaint()
        return time.perf_counter() - begin

    figures: dict[str, float] = {}
    figures["open_first_figures_ms"] = until_painted(window.show_dashboard) * 1000
    if not tab.isVisible():
        print("bench_dashboard: the dashboard is not on screen", file=sys.stderr)
        return 1
    for key in PERIODS:
        times = []
        for run in range(RUNS):
            other = "today" if key != "today" else "7d"
            if run:  # a change of period each time, never the same one again
                until_painted(lambda o=other: tab.picker.choose(o))
            times.append(until_painted(lambda k=key: tab.picker.choose(k)) * 1000)
        figures[f"{key}_best_ms"] = min(times)
        figures[f"{key}_median_ms"] = statistics.median(times)
    window.close()
    if args.json:
        print(json.dumps({k: round(v, 1) for k, v in figures.items()}))
    else:
        for name, value in figures.items():
            print(f"{name:28s} {value:9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
