"""Orders, clients and the reorder list to CSV or XLSX, streamed: a million rows never sit in
memory.

Rows come out of the database typed (text, integer cents, dates, counts); a `Presentation`
says how they become cells. The default is the machine form the README documents for the
CLI (codes, ISO 8601, dot decimals); the window passes its language's headers, labels and
number conventions and asks for a CSV fit for a spreadsheet. Cell-level rules (formulas,
control characters) live in gestco.export_cells.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from gestco.domain.errors import ValidationError
from gestco.domain.money import format_cents
from gestco.domain.permissions import Permission
from gestco.services import session
from gestco.services.export_cells import clean_text, excel_format, neutralise_formula
from gestco.services.order_table import (
    NO_FILTER,
    ORDER_BY,
    OrderFilter,
    OrderSort,
    count_and_sum,
    order_where,
)
from gestco.storage import binding, builder, opening, raw_sql
from gestco.storage.builder import SQL, fn
from gestco.storage.models import Clients, Orders
from gestco.storage.names import Alias
from gestco.workstation.atomic_file import write_beside

TEXT, PHONE, STATUS, CHANNEL, SOURCE, MONEY, COUNT, DAY, MOMENT = (
    "text",
    "phone",
    "status",
    "channel",
    "source",  # a code with a label ('' is the counter's own orders)
    "money",
    "count",
    "day",
    "moment",
)


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the machine header (the CLI's CSV), and the key of the shown header
    kind: str = TEXT
    width: int = 14  # characters, for the XLSX column


ORDER_COLUMNS = (
    Column("number", TEXT, 17),
    Column("created_at", MOMENT, 17),
    Column("status", STATUS, 14),
    Column("channel", CHANNEL, 12),
    Column("client_phone", PHONE, 18),
    Column("client_name", TEXT, 28),
    Column("shipping_date", DAY, 12),
    Column("total", MONEY, 12),
    Column("total_excl_tax", MONEY, 12),
    Column("tax", MONEY, 10),
    Column("shipping_address", TEXT, 36),
    Column("notes", TEXT, 40),
    Column("source", SOURCE, 12),  # '' for the counter's own orders (an import's: its source)
    Column("external_number", TEXT, 16),
)
CLIENT_COLUMNS = (
    Column("phone", PHONE, 18),
    Column("first_name", TEXT, 16),
    Column("last_name", TEXT, 18),
    Column("email", TEXT, 28),
    Column("address", TEXT, 36),
    Column("postal_code", TEXT, 10),
    Column("city", TEXT, 16),
    Column("country", TEXT, 8),
    Column("orders_count", COUNT, 8),
    Column("created_at", MOMENT, 17),
)
REORDER_COLUMNS = (
    Column("sku", TEXT, 14),
    Column("name", TEXT, 32),
    Column("on_hand", COUNT, 9),
    Column("reserved", COUNT, 9),
    Column("available", COUNT, 9),
    Column("reorder_level", COUNT, 9),
    Column("shortfall", COUNT, 9),
)
XLSX_MAX_ROWS = 1_048_575  # one sheet, below its header
PROGRESS_EVERY = 500  # rows between two progress calls: a bar that moves, a cost unseen
Progress = Callable[[int, int], None]
Rows = tuple[int, Iterator[list[Any]]]  # (row count, rows)


class ExportCancelled(Exception):
    """Raised by a progress callback to stop an export; no file is left behind."""


@dataclass(frozen=True)
class Presentation:
    """How typed values become cells. The defaults are the CLI's documented machine form."""

    headers: Mapping[str, str] = field(default_factory=dict)  # key -> shown header
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # kind -> code -> label
    phone: Callable[[str], str] | None = None  # E.164 -> the form people read
    decimal_comma: bool = False
    day_format: str = ""  # strftime; "" is ISO 8601
    moment_format: str = ""
    spreadsheet: bool = False  # CSV for a spreadsheet: BOM, ';' with a decimal comma, no formulas

    def header(self, column: Column) -> str:
        return self.headers.get(column.key, column.key)

    @property
    def delimiter(self) -> str:
        # A spreadsheet in a comma-decimal language splits CSV fields on ';'.
        return ";" if self.spreadsheet and self.decimal_comma else ","


MACHINE = Presentation()


def _moment(stamp: Any) -> datetime | None:
    if stamp is None or stamp == "" or isinstance(stamp, datetime):
        return stamp or None
    return datetime.fromisoformat(str(stamp))


def _day(value: Any) -> date | None:
    if value is None or value == "" or isinstance(value, date):
        return value or None
    return date.fromisoformat(str(value)[:10])


def order_rows(
    flt: OrderFilter = NO_FILTER, *, sort: OrderSort = OrderSort.CREATED, descending: bool = True
) -> Rows:
    """(row count, rows) of the filtered orders in the order asked (the table's, on screen).
    Exports are for managers and up, as every rows function here."""
    session.require(Permission.EXPORT)
    where, params = order_where(flt)
    total, _ = count_and_sum(flt)
    order_by = ORDER_BY[sort].format(d="DESC" if descending else "ASC")
    # Written by hand, as the orders table's own queries: the same filter and sort.
    o, c = Alias(Orders, "o"), Alias(Clients, "c")
    cursor = raw_sql.iterate(
        f"SELECT {o.number}, {o.created_at}, {o.status}, {o.channel}, {c.phone},"
        f" trim({c.first_name} || ' ' || {c.last_name}), {o.shipping_date}, {o.total_cents},"
        f" {o.total_excl_cents}, {o.total_tax_cents}, {o.shipping_address}, {o.notes},"
        f" {o.source}, {o.external_number}"
        f" FROM {o.table} JOIN {c.table} ON {c.id} = {o.client}{where} ORDER BY {order_by}",
        params,
    )
    rows = ([r[0], _moment(r[1]), *r[2:6], _day(r[6]), *r[7:]] for r in cursor)
    return total, rows


def client_rows() -> Rows:
    session.require(Permission.EXPORT)
    every = fn.COUNT(SQL("*"))
    total = int(builder.value(Clients.select(every)))
    placed = Orders.select(every).where(Orders.client == Clients.id)
    c = Clients
    cursor = builder.iterate(
        c.select(
            *(c.phone, c.first_name, c.last_name, c.email, c.address, c.postal_code, c.city),
            *(c.country, placed, c.created_at),
        ).order_by(c.search_last, c.id)
    )
    return total, ([*r[:9], _moment(r[9])] for r in cursor)


def reorder_rows() -> Rows:
    """Active products at or below their reorder level; shortfall = reorder level - available."""
    session.require(Permission.EXPORT)
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
            p.reorder_shortfall,
        ]
        for p in products
    )
    return len(products), rows


def _shown_text(column: Column, value: Any, how: Presentation) -> str:
    text = str(value)
    if column.kind in (STATUS, CHANNEL, SOURCE):
        text = how.labels.get(column.kind, {}).get(text, text)
    elif column.kind == PHONE and how.phone is not None and text:
        text = how.phone(text)
    return clean_text(text)


def _csv_cell(column: Column, value: Any, how: Presentation) -> str | int:
    if value is None:
        return ""
    kind = column.kind
    if kind == MONEY:
        amount = format_cents(value)
        return amount.replace(".", ",") if how.decimal_comma else amount
    if kind == COUNT:
        return int(value)
    if kind == DAY:
        return value.strftime(how.day_format) if how.day_format else value.isoformat()
    if kind == MOMENT:
        return value.strftime(how.moment_format) if how.moment_format else value.isoformat()
    text = _shown_text(column, value, how)
    return neutralise_formula(text) if how.spreadsheet else text


def write_csv(
    out: IO[str],
    columns: tuple[Column, ...],
    rows: Rows,
    how: Presentation = MACHINE,
    progress: Progress | None = None,
) -> int:
    """The rows as CSV on `out` (opened with newline=""); the byte order mark, if any, is
    the opener's business (see write_file)."""
    total, items = rows
    writer = csv.writer(
        out, delimiter=how.delimiter, lineterminator="\r\n" if how.spreadsheet else "\n"
    )
    header = [how.header(c) for c in columns]
    writer.writerow([neutralise_formula(h) for h in header] if how.spreadsheet else header)
    count = 0
    for count, row in enumerate(items, start=1):
        writer.writerow([_csv_cell(c, v, how) for c, v in zip(columns, row, strict=True)])
        if progress and count % PROGRESS_EVERY == 0:
            progress(count, total)
    if progress:
        progress(count, total)
    return count


def write_xlsx(
    path: str | Path,
    sheet: str,
    columns: tuple[Column, ...],
    rows: Rows,
    how: Presentation = MACHINE,
    progress: Progress | None = None,
) -> int:
    """Typed cells (numbers, dates, text always as text), the header row frozen, column
    widths set. openpyxl's write-only mode streams rows to disk (constant memory)."""
    from gestco.services.export_cells import XlsxSheet

    total, items = rows
    if total > XLSX_MAX_ROWS:
        raise ValidationError(
            "format",
            "{rows} rows do not fit in one Excel sheet (1,048,575 at most): use CSV.",
            rows=total,
        )
    day = excel_format(how.day_format or "%Y-%m-%d")
    moment = excel_format(how.moment_format or "%Y-%m-%d %H:%M:%S")
    with XlsxSheet(Path(path), sheet) as book:
        book.header([how.header(c) for c in columns], [c.width for c in columns])
        count = 0
        for count, row in enumerate(items, start=1):
            cells: list[Any] = []
            for column, value in zip(columns, row, strict=True):
                kind = column.kind
                if value is None or (value == "" and "" not in how.labels.get(kind, {})):
                    cells.append(None)  # ('' with a label: the counter's own orders' source)
                elif kind == MONEY:
                    cells.append(book.number(Decimal(value).scaleb(-2)))
                elif kind == COUNT:
                    cells.append(int(value))
                elif kind in (DAY, MOMENT):
                    cells.append(book.dated(value, day if kind == DAY else moment))
                else:
                    cells.append(book.text(_shown_text(column, value, how)))
            book.append(cells)
            if progress and count % PROGRESS_EVERY == 0:
                progress(count, total)
    if progress:
        progress(count, total)
    return count


def write_file(
    target: str | Path,
    columns: tuple[Column, ...],
    rows: Rows,
    *,
    fmt: str,
    sheet: str,
    how: Presentation = MACHINE,
    progress: Progress | None = None,
) -> int:
    """Export to `target`: refused if it is the open database, one of its files or any
    database; written beside it and renamed at the end, so a cancelled, interrupted or
    failed export leaves the previous file (or none), never a partial one."""
    target = Path(target)
    refuse_data_file(target, binding.database_path())
    with write_beside(target) as side:
        if fmt == "xlsx":
            count = write_xlsx(side, sheet, columns, rows, how, progress)
        else:
            # A BOM tells spreadsheets the file is UTF-8 (Excel read "Élodie" as "Ã‰lodie").
            encoding = "utf-8-sig" if how.spreadsheet else "utf-8"
            with open(side, "w", encoding=encoding, newline="") as out:
                count = write_csv(out, columns, rows, how, progress)
    return count


DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")
_DATA_MAGIC = (b"SQLite format 3\x00", b"PGDMP")  # a database, a backup, a server dump


def refuse_data_file(target: Path, database: str) -> None:
    """An export never replaces the open database or one of its side files (links
    resolved, hard links too), nor any file that is a database or a backup."""
    protected: list[Path] = []
    if database and not opening.is_url(database):
        real = Path(database).resolve()
        protected = [real, *(real.with_name(real.name + s) for s in DATABASE_SIDE_FILES)]
    resolved = target.resolve()
    if resolved in protected or any(_same_file(resolved, p) for p in protected):
        raise ValidationError(
            "output",
            "{path} is the shop's database or one of its files: export to another file.",
            path=str(target),
        )
    try:
        with open(resolved, "rb") as existing:
            start = existing.read(16)
    except OSError:
        return  # nothing there yet (or unreadable: the write will say so)
    if start.startswith(_DATA_MAGIC):
        raise ValidationError(
            "output",
            "{path} is a database or a backup: export to another file.",
            path=str(target),
        )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def orders_in_worker(
    target: str | Path,
    *,
    flt: OrderFilter,
    sort: OrderSort,
    descending: bool,
    fmt: str,
    sheet: str,
    how: Presentation,
    progress: Progress | None = None,
) -> int:
    """write_file of the orders, for a worker thread: the thread gets its own connection
    for this and closes it after (as queries.table_snapshot_in_worker does)."""
    try:
        rows = order_rows(flt, sort=sort, descending=descending)
        return write_file(
            target, ORDER_COLUMNS, rows, fmt=fmt, sheet=sheet, how=how, progress=progress
        )
    finally:
        binding.close_database()  # this thread's connection only
