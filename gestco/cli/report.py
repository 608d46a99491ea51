"""`gestco report`: the manager's figures from a terminal (gestco.services.figures; README,
"Figures"), the dashboard's own.

    gestco report                                   the last 30 days, to today
    gestco report --from 2026-01-01 --to 2026-03-31 [--json]

Without --to the period ends today; without --from it is the 30 days up to --to. Revenue is
in cents and counts the orders not cancelled, on the day they were validated. Exit 0: printed;
2: a bad date (not YYYY-MM-DD in ASCII digits, a day that does not exist, --from after --to).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
from datetime import date, timedelta
from typing import Any

from gestco.domain.errors import ValidationError
from gestco.domain.figures import Figures, Period
from gestco.domain.text import visible

EXIT_OK = 0
DEFAULT_DAYS = 30
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def add_command(commands: Any) -> None:
    report = commands.add_parser(
        "report", help="the shop's figures over a period (revenue, orders, products, operators)"
    )
    report.add_argument("--from", dest="since", metavar="YYYY-MM-DD", help="first day included")
    report.add_argument("--to", dest="until", metavar="YYYY-MM-DD", help="last day (today)")
    report.add_argument("--json", action="store_true", help="print the figures as JSON")


def _day(text: str, option: str) -> date:
    if not _DAY.fullmatch(text):
        raise ValidationError(
            option, "{option}: give the day as YYYY-MM-DD, such as 2026-12-02.", option=option
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            option, "{option}: {day} is not a day of the calendar.", option=option, day=text
        ) from None


def asked_period(since: str | None, until: str | None, today: date) -> Period:
    end = today if until is None else _day(until, "--to")
    start = end - timedelta(days=DEFAULT_DAYS - 1) if since is None else _day(since, "--from")
    if start > end:
        raise ValidationError(
            "--from",
            "--from {start} is after --to {end}: give the first day first.",
            start=start.isoformat(),
            end=end.isoformat(),
        )
    return Period(start, end)


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def as_json(found: Figures) -> dict[str, Any]:
    """The figures as JSON values: every record's fields, the totals' ratios beside them."""
    out: dict[str, Any] = _plain(dataclasses.asdict(found))
    out["period"]["days"] = found.period.days
    for name in ("totals", "previous"):
        totals = getattr(found, name)
        out[name].update(
            average_basket_cents=totals.average_basket_cents,
            items_per_order=totals.items_per_order,
            cancellation_rate=totals.cancellation_rate,
        )
    return out


def _ratio(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value * 100:.1f} %" if percent else f"{value:.2f}"


def text_lines(found: Figures) -> list[str]:
    """The figures as the command prints them: money in cents, one figure a line."""
    t, p = found.totals, found.previous
    before = found.period.previous()
    out = [
        f"period {found.period.start} to {found.period.end} ({found.period.days} days);"
        f" compared with {before.start} to {before.end}",
        "",
        f"{'':28}{'period':>16}{'previous':>16}",
    ]
    rows = (
        ("revenue incl. tax (cents)", t.revenue_cents, p.revenue_cents),
        ("revenue excl. tax (cents)", t.revenue_excl_cents, p.revenue_excl_cents),
        ("orders", t.orders, p.orders),
        ("cancelled", t.cancelled, p.cancelled),
        ("items", t.items, p.items),
        ("discounts (cents)", t.discounts_cents, p.discounts_cents),
        ("average basket (cents)", t.average_basket_cents, p.average_basket_cents),
        ("items per order", _ratio(t.items_per_order), _ratio(p.items_per_order)),
        (
            "cancellation rate",
            _ratio(t.cancellation_rate, True),
            _ratio(p.cancellation_rate, True),
        ),
    )
    out += [
        f"{name:28}{'-' if a is None else a:>16}{'-' if b is None else b:>16}"
        for name, a, b in rows
    ]
    out += ["", f"balance due, all orders (cents): {found.balance_due_cents}", ""]
    out.append(f"per {found.bucket}: orders, revenue (cents)")
    out += [f"  {b.start}  {b.orders:>8}  {b.revenue_cents:>14}" for b in found.per_bucket]
    for title, shares in (("per channel", found.by_channel), ("per source", found.by_source)):
        out += ["", f"{title}: orders, revenue (cents)"]
        out += [
            f"  {visible(s.key) or 'counter':16}{s.orders:>8}  {s.revenue_cents:>14}"
            for s in shares
        ]
    out += ["", "per status (orders created in the period)"]
    out += [f"  {s.status:16}{s.orders:>8}" for s in found.by_status]
    out += ["", "top products by quantity: quantity, revenue (cents)"]
    out += [
        f"  {visible(p.sku):16}{p.quantity:>8}  {p.revenue_cents:>14}  {visible(p.name)}"
        for p in found.top_products
    ]
    out += ["", "per operator: orders, revenue (cents), discounts (cents), cancelled"]
    out += [
        f"  {visible(o.login):16}{o.orders:>8}  {o.revenue_cents:>14}  {o.discounts_cents:>10}"
        f"  {o.cancellations:>6}  {visible(o.name)}"
        for o in found.operators
    ]
    if found.low_stock:
        out += ["", "low stock: available, reorder level"]
        out += [
            f"  {visible(s.sku):16}{s.available:>8}  {s.reorder_level:>8}  {visible(s.name)}"
            for s in found.low_stock
        ]
    return out


def report_command(args: argparse.Namespace) -> int:
    from gestco.services import figures

    found = figures.figures(asked_period(args.since, args.until, date.today()))
    if args.json:
        print(json.dumps(as_json(found), ensure_ascii=False, indent=2))
    else:
        print("\n".join(text_lines(found)))
    return EXIT_OK
