"""`gestco check`: the file's own checks, then the shop's invariants. Each finding is a line
a manager can pass on; no finding means the data is consistent."""

from __future__ import annotations

from gestco.domain.order_numbers import (
    COUNTER_YEAR_AT,
    MAX_SEQ_DIGITS,
    PREFIX,
    SEQ_AT,
    SEQ_DIGITS,
    YEAR_AT,
    YEAR_DIGITS,
)
from gestco.domain.records import RESERVING_STATUSES, STATUSES
from gestco.storage import binding, raw_sql

_OPEN = ", ".join(f"'{s}'" for s in sorted(RESERVING_STATUSES))
LIMIT = 20  # findings listed per kind; the count says how many in all


def _listed(title: str, rows: list[tuple[object, ...]], describe: str) -> list[str]:
    lines = [f"{title}: " + describe.format(*row) for row in rows[:LIMIT]]
    if len(rows) > LIMIT:
        lines.append(f"{title}: ... and {len(rows) - LIMIT} more")
    return lines


_STATUSES = ", ".join(f"'{s}'" for s in STATUSES)
# The parts of an order number and of a counter's name, in SQL (substr counts from 1).
_YEAR = f"substr(o.number, {YEAR_AT + 1}, {YEAR_DIGITS})"
_SEQ = f"CAST(substr(o.number, {SEQ_AT + 1}) AS INTEGER)"
_COUNTER_YEAR = f"substr(s.name, {COUNTER_YEAR_AT + 1}, {YEAR_DIGITS})"
_FORMS = " AND ".join(
    f"number NOT LIKE '{PREFIX}{'_' * YEAR_DIGITS}-{'_' * digits}'"
    for digits in range(SEQ_DIGITS, MAX_SEQ_DIGITS + 1)
)

# (kind, a query listing the rows that break the rule, how to say each one). Each runs in
# one pass over its tables: no subquery per row (tests/maintenance/test_checks.py reads the plans).
INVARIANTS: tuple[tuple[str, str, str], ...] = (
    (
        "order totals",
        "SELECT o.number, o.total_cents, coalesce(l.total, 0), o.total_tax_cents,"
        " coalesce(l.tax, 0) FROM orders o LEFT JOIN (SELECT order_id, sum(total_cents) total,"
        " sum(tax_cents) tax FROM order_lines GROUP BY order_id) l ON l.order_id = o.id"
        " WHERE o.total_cents <> coalesce(l.total, 0)"
        " OR o.total_tax_cents <> coalesce(l.tax, 0)"
        " OR o.total_excl_cents <> o.total_cents - o.total_tax_cents",
        "{0} says {1} (tax {3}) but its lines add up to {2} (tax {4})",
    ),
    (
        "on hand",
        "SELECT p.sku, p.on_hand, coalesce(m.s, 0) FROM products p LEFT JOIN (SELECT"
        " product_id, sum(on_hand_delta) s FROM stock_movements GROUP BY product_id) m"
        " ON m.product_id = p.id WHERE p.on_hand <> coalesce(m.s, 0)",
        "{0} shows {1} on hand but its movements add up to {2}",
    ),
    (
        "reserved",
        "SELECT p.sku, p.reserved, coalesce(r.q, 0) FROM products p LEFT JOIN (SELECT"
        " l.product_id, sum(l.quantity) q FROM order_lines l JOIN orders o ON o.id = l.order_id"
        f" WHERE o.status IN ({_OPEN}) GROUP BY l.product_id) r ON r.product_id = p.id"
        " WHERE p.reserved <> coalesce(r.q, 0)",
        "{0} shows {1} reserved but its open orders hold {2}",
    ),
    (
        "numbers",
        f"SELECT y, n, top FROM (SELECT {_YEAR} y, count(*) n, max({_SEQ}) top"
        f" FROM orders o GROUP BY {_YEAR}) per_year WHERE n <> top",
        "year {0} has {1} orders but numbers run to {2}: a gap or a duplicate",
    ),
    (
        "counter",
        f"SELECT s.name, s.last_value, coalesce(max({_SEQ}), 0)"
        f" FROM sequences s LEFT JOIN orders o ON {_YEAR} = {_COUNTER_YEAR}"
        f" GROUP BY s.name, s.last_value HAVING s.last_value <> coalesce(max({_SEQ}), 0)",
        "{0} is at {1} but the last order number is {2}",
    ),
    (
        "number form",
        # Six digits a year, seven past 999,999 (gestco.order_numbers).
        f"SELECT number FROM orders WHERE {_FORMS}",
        "{0} is not an order number of the form CMD-YYYY-NNNNNN",
    ),
    (
        "phone",
        # E.164: '+' then 8 to 15 ASCII digits. ltrim(x, '0123456789') is '' exactly when x
        # holds only ASCII digits, on SQLite and on PostgreSQL alike (no GLOB, no regex).
        "SELECT id, first_name || ' ' || last_name, phone FROM clients"
        " WHERE length(phone) NOT BETWEEN 9 AND 16 OR substr(phone, 1, 1) <> '+'"
        " OR ltrim(substr(phone, 2), '0123456789') <> ''",
        "client {0} ({1}) has the phone {2!r}, which is not + then 8 to 15 digits (E.164):"
        " correct it on the client's card",
    ),
    (
        "status",
        f"SELECT number, status FROM orders WHERE status NOT IN ({_STATUSES})",
        "{0} has the unknown status {1}",
    ),
    (
        "history",
        # The last change of every order in one grouped pass. A subquery per order (the
        # first version) ran once per joined row on PostgreSQL: 100,000 orders, over 10 min.
        "SELECT o.number, o.status, coalesce(h.to_status, 'nothing') FROM orders o"
        " LEFT JOIN (SELECT order_id, max(id) AS last_id FROM status_changes"
        " GROUP BY order_id) last ON last.order_id = o.id"
        " LEFT JOIN status_changes h ON h.id = last.last_id"
        " WHERE h.to_status IS NULL OR h.to_status <> o.status",
        "{0} is {1} but its history ends in {2}",
    ),
)


def run_checks() -> list[str]:
    problems: list[str] = []
    if not binding.is_postgres():  # the file's own checks; a server enforces its keys itself
        integrity = [r[0] for r in raw_sql.fetch_all("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems += [f"integrity: {line}" for line in integrity]
            return problems  # a damaged file: the queries below cannot be trusted
        problems += _listed(
            "foreign key",
            raw_sql.fetch_all("PRAGMA foreign_key_check"),
            "{0} row {1} points to a missing {2}",
        )
    for title, sql, describe in INVARIANTS:
        problems += _listed(title, raw_sql.fetch_all(sql), describe)
    return problems
