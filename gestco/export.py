"""Orders and clients to CSV or XLSX, streamed: a million rows never sit in memory."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from typing import IO, Any

from gestco import db
from gestco.errors import ValidationError
from gestco.money import format_cents
from gestco.queries import NO_FILTER, OrderFilter, count_and_sum, order_where

ORDER_COLUMNS = (
    "number",
    "created_at",
    "status",
    "channel",
    "client_phone",
    "client_name",
    "shipping_date",
    "total",
    "total_excl_tax",
    "tax",
    "shipping_address",
    "notes",
)
CLIENT_COLUMNS = (
    "phone",
    "first_name",
    "last_name",
    "email",
    "address",
    "postal_code",
    "city",
    "country",
    "orders_count",
    "created_at",
)
REORDER_COLUMNS = (
    "sku",
    "name",
    "on_hand",
    "reserved",
    "available",
    "reorder_level",
    "shortfall",
)
FORMATS = ("csv", "xlsx")
Progress = Callable[[int, int], None]


def _iso(stamp: str | None) -> str:
    return stamp.replace(" ", "T") if stamp else ""


def order_rows(flt: OrderFilter = NO_FILTER) -> tuple[int, Iterator[list[Any]]]:
    """(row count, rows) of the filtered orders, newest first, in export form."""
    where, params = order_where(flt)
    total, _ = count_and_sum(flt)
    cursor = db.iterate(
        "SELECT o.number, o.created_at, o.status, o.channel, c.phone,"
        " trim(c.first_name || ' ' || c.last_name), o.shipping_date, o.total_cents,"
        " o.total_excl_cents, o.total_tax_cents, o.shipping_address, o.notes"
        f" FROM orders o JOIN clients c ON c.id = o.client_id{where}"
        " ORDER BY o.created_at DESC, o.id DESC",
        params,
    )

    def rows() -> Iterator[list[Any]]:
        for r in cursor:
            yield [
                r[0],
                _iso(r[1]),
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                format_cents(r[7]),
                format_cents(r[8]),
                format_cents(r[9]),
                r[10],
                r[11],
            ]

    return total, rows()


def client_rows() -> tuple[int, Iterator[list[Any]]]:
    row = db.fetch_one("SELECT count(*) FROM clients")
    total = int(row[0]) if row else 0
    cursor = db.iterate(
        "SELECT c.phone, c.first_name, c.last_name, c.email, c.address, c.postal_code, c.city,"
        " c.country, (SELECT count(*) FROM orders o WHERE o.client_id = c.id), c.created_at"
        " FROM clients c ORDER BY c.search_last, c.id"
    )

    def rows() -> Iterator[list[Any]]:
        for r in cursor:
            yield [*r[:9], _iso(r[9])]

    return total, rows()


def reorder_rows() -> tuple[int, Iterator[list[Any]]]:
    """Active products at or below their reorder level; shortfall = reorder level - available."""
    from gestco.services.stock import list_products

    products = list_products(to_reorder=True)
    rows = (
        [
            p.sku,
            p.name,
            p.on_hand,
            p.reserved,
            p.available,
            p.reorder_level,
            max(p.reorder_level - p.available, 0),
        ]
        for p in products
    )
    return len(products), rows


def write_csv(
    out: IO[str],
    header: tuple[str, ...],
    total: int,
    rows: Iterator[list[Any]],
    progress: Progress | None = None,
) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for count, row in enumerate(rows, start=1):
        writer.writerow(row)
        if progress and count % 10_000 == 0:
            progress(count, total)
    if progress:
        progress(count, total)
    return count


def write_xlsx(
    path: str,
    sheet: str,
    header: tuple[str, ...],
    total: int,
    rows: Iterator[list[Any]],
    progress: Progress | None = None,
) -> int:
    """openpyxl's write-only mode streams rows to disk (constant memory)."""
    from openpyxl import Workbook

    if total > 1_048_575:
        raise ValidationError(
            "format", f"{total} rows do not fit in one Excel sheet (1,048,575 at most): use CSV."
        )
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.append(list(header))
    count = 0
    for count, row in enumerate(rows, start=1):
        worksheet.append(row)
        if progress and count % 10_000 == 0:
            progress(count, total)
    workbook.save(path)
    if progress:
        progress(count, total)
    return count
