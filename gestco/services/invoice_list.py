"""The invoices list (managers): invoices and credit notes filtered by dates, client, number
or kind, newest first; and their export (`gestco export invoices`, Tools › Invoices…).

    list_invoices(InvoiceFilter(...), limit=200) -> list[InvoiceSummary]
    INVOICE_COLUMNS, invoice_rows(InvoiceFilter(...)) -> Rows    for export.write_*
    invoices_in_worker(path, flt=, fmt=, sheet=, how=)             the window's export

The client's name is the one the document printed (its snapshot), not today's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from gestco.domain.documents import KINDS, LETTERS, parse_document_number
from gestco.domain.errors import ValidationError
from gestco.domain.permissions import Permission
from gestco.domain.records import is_row_id
from gestco.services import session
from gestco.services.clients import search_clients
from gestco.services.export import (
    COUNT,
    MOMENT,
    MONEY,
    TEXT,
    Column,
    Presentation,
    Progress,
    Rows,
    write_file,
)
from gestco.storage import binding, builder
from gestco.storage.models import Orders
from gestco.storage.money_models import Invoices

MAX_PAGE = 10_000
MAX_CLIENTS = 200  # clients a typed name may match (a name begun: "Ben" in a big shop)


@dataclass(frozen=True, slots=True)
class InvoiceFilter:
    """Empty fields filter nothing. `since` and `until` are days, both included; `number` is
    a number or its start ('FAC-2026', 'av-2026-00001')."""

    since: date | None = None
    until: date | None = None
    client_id: int | None = None
    number: str = ""
    kind: str = ""  # invoice, credit_note
    # What the window's one search field holds: a number begun, or a client's name or phone
    # as the clients' search takes it (services.clients.search_clients); either matches.
    typed: str = ""


@dataclass(frozen=True, slots=True)
class InvoiceSummary:
    id: int
    number: str
    kind: str
    issued_at: datetime
    issued_by: str
    order_number: str
    credited_number: str
    client_id: int
    client_name: str
    total_excl_cents: int
    total_tax_cents: int
    total_cents: int


_credited = Invoices.alias("credited")
_FIELDS = (
    Invoices.id,
    Invoices.number,
    Invoices.kind,
    Invoices.issued_at,
    Invoices.issued_by,
    Orders.number,
    _credited.number,
    Invoices.client,
    Invoices.snapshot,
    Invoices.total_excl_cents,
    Invoices.total_tax_cents,
    Invoices.total_cents,
)


def _query(flt: InvoiceFilter) -> Any:
    query = (
        Invoices.select(*_FIELDS)
        .join(Orders, on=(Orders.id == Invoices.order))
        .join(
            _credited,
            builder.JOIN.LEFT_OUTER,
            on=(_credited.id == Invoices.credited_invoice),
        )
    )
    if flt.since is not None:
        query = query.where(Invoices.issued_at >= flt.since.isoformat())
    if flt.until is not None:
        query = query.where(Invoices.issued_at < (flt.until + timedelta(days=1)).isoformat())
    if flt.client_id is not None:
        query = query.where(Invoices.client == (flt.client_id if is_row_id(flt.client_id) else 0))
    if flt.kind:
        query = query.where(Invoices.kind == (flt.kind if flt.kind in KINDS else "-"))
    if flt.number:
        query = query.where(_number_matches(flt.number))
    if flt.typed.strip():
        clients = [match.id for match in search_clients(flt.typed, limit=MAX_CLIENTS)]
        query = query.where(_number_matches(flt.typed) | Invoices.client.in_(clients or [0]))
    return query


def _number_matches(text: str) -> Any:
    typed = "".join(text.split()).upper()
    if not typed.startswith(tuple(LETTERS.values())):
        typed = f"{LETTERS['invoice']}-{typed}"
    # A whole number typed without its zeros ('FAC-2026-42') is that number.
    return Invoices.number.startswith(typed) | (Invoices.number == _canonical(typed))


def _canonical(typed: str) -> str:
    try:
        return parse_document_number(typed)[1]
    except ValidationError:
        return typed


def _summary(row: tuple[Any, ...]) -> InvoiceSummary:
    kept = json.loads(row[8])
    return InvoiceSummary(
        id=int(row[0]),
        number=row[1],
        kind=row[2],
        issued_at=datetime.fromisoformat(row[3]),
        issued_by=row[4],
        order_number=row[5],
        credited_number=row[6] or "",
        client_id=int(row[7]),
        client_name=str(kept.get("client", {}).get("name", "")),
        total_excl_cents=int(row[9]),
        total_tax_cents=int(row[10]),
        total_cents=int(row[11]),
    )


def list_invoices(
    flt: InvoiceFilter = InvoiceFilter(), *, limit: int = 200
) -> list[InvoiceSummary]:
    """Invoices and credit notes newest first (managers and up)."""
    session.require(Permission.INVOICES_VIEW)
    limit = max(0, min(limit, MAX_PAGE))
    query = _query(flt).order_by(Invoices.issued_at.desc(), Invoices.id.desc()).limit(limit)
    return [_summary(row) for row in builder.rows(query)]


INVOICE_COLUMNS = (
    Column("number", TEXT, 17),
    Column("kind", TEXT, 12),
    Column("issued_at", MOMENT, 17),
    Column("issued_by", TEXT, 14),
    Column("order", TEXT, 17),
    Column("credited_invoice", TEXT, 17),
    Column("client_id", COUNT, 9),
    Column("client_name", TEXT, 28),
    Column("total_excl_tax", MONEY, 12),
    Column("tax", MONEY, 10),
    Column("total", MONEY, 12),
)


def invoice_rows(flt: InvoiceFilter = InvoiceFilter()) -> Rows:
    """(count, rows) of the filtered invoices and credit notes, oldest first, for the export
    writers (managers and up). Streams."""
    session.require(Permission.INVOICES_VIEW)
    count = int(builder.value(_query(flt).select(builder.every_row).order_by()))
    cursor = builder.iterate(_query(flt).order_by(Invoices.issued_at, Invoices.id))

    def rows() -> Any:
        for row in cursor:
            s = _summary(row)
            yield [
                s.number,
                s.kind,
                s.issued_at,
                s.issued_by,
                s.order_number,
                s.credited_number,
                s.client_id,
                s.client_name,
                s.total_excl_cents,
                s.total_tax_cents,
                s.total_cents,
            ]

    return count, rows()


def invoices_in_worker(
    target: str | Path,
    *,
    flt: InvoiceFilter,
    fmt: str,
    sheet: str,
    how: Presentation,
    progress: Progress | None = None,
) -> int:
    """write_file of the filtered invoices and credit notes (what `gestco export invoices`
    writes), for a worker thread: the thread gets its own connection for this and closes it
    after (as export.orders_in_worker does)."""
    try:
        return write_file(
            target,
            INVOICE_COLUMNS,
            invoice_rows(flt),
            fmt=fmt,
            sheet=sheet,
            how=how,
            progress=progress,
        )
    finally:
        binding.close_database()  # this thread's connection only
