"""The clients as vCards 3.0 (RFC 2426: what every contacts program and phone imports), beside
the CSV and XLSX exports: `gestco export clients --format vcard` and the window's export.
Streamed, one card a client, in the clients list's order; managers and up, as every export.
The cards are gestco.imports.vcard's, which reads them back as they were written.

    clients_in_worker(target, fmt=csv|xlsx|vcard, how=, progress=)   the window's export
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO

from gestco.domain.permissions import Permission
from gestco.imports.vcard import vcard
from gestco.services import session
from gestco.services.export import (
    CLIENT_COLUMNS,
    MACHINE,
    PROGRESS_EVERY,
    Presentation,
    Progress,
    client_rows,
    refuse_data_file,
    write_file,
)
from gestco.services.export_cells import clean_text
from gestco.storage import binding, builder
from gestco.storage.models import Clients
from gestco.workstation.atomic_file import write_beside


@dataclass(frozen=True, slots=True)
class Card:
    """What a card holds of a client (gestco.imports.vcard.ContactFields)."""

    phone: str
    first_name: str
    last_name: str
    email: str
    address: str
    postal_code: str
    city: str
    country: str
    notes: str


_FIELDS = tuple(getattr(Clients, f.name) for f in fields(Card))


def client_cards() -> tuple[int, Iterator[Card]]:
    """(how many clients, their cards' fields), streamed from the database."""
    session.require(Permission.EXPORT)
    total = int(builder.value(Clients.select(builder.every_row)))
    query = Clients.select(*_FIELDS).order_by(Clients.search_last, Clients.id)
    # Control characters an older database may hold are dropped, as the other exports do.
    cards = (Card(*(clean_text(str(v)) for v in row)) for row in builder.iterate(query))
    return total, cards


def write_vcards(
    out: IO[str], cards: tuple[int, Iterator[Card]], progress: Progress | None = None
) -> int:
    """The cards on `out` (opened with newline="": the cards end their lines with CRLF)."""
    total, items = cards
    count = 0
    for count, card in enumerate(items, start=1):
        out.write(vcard(card))
        if progress and count % PROGRESS_EVERY == 0:
            progress(count, total)
    if progress:
        progress(count, total)
    return count


def write_vcard_file(
    target: str | Path, cards: tuple[int, Iterator[Card]], progress: Progress | None = None
) -> int:
    """Export to `target`, written beside it and renamed at the end (as write_file does):
    never the open database or one of its files, nor any database or backup."""
    target = Path(target)
    refuse_data_file(target, binding.database_path())
    with write_beside(target) as side, open(side, "w", encoding="utf-8", newline="") as out:
        return write_vcards(out, cards, progress)


def clients_in_worker(
    target: str | Path,
    *,
    fmt: str,
    sheet: str = "clients",
    how: Presentation = MACHINE,
    progress: Progress | None = None,
) -> int:
    """The clients to `target` as CSV, XLSX (`how`: the window's headers and forms) or
    vCards, for a worker thread: the thread gets its own connection for this and closes it
    after (as export.orders_in_worker does)."""
    try:
        if fmt == "vcard":
            return write_vcard_file(target, client_cards(), progress)
        return write_file(
            target, CLIENT_COLUMNS, client_rows(), fmt=fmt, sheet=sheet, how=how, progress=progress
        )
    finally:
        binding.close_database()  # this thread's connection only
