"""Importing the orders of a shop's file (Shopify, WooCommerce, GESTCO's format: the readers
of gestco.imports, docs/import-format.md) as GESTCO orders. Managers and up (Permission.IMPORT).

    preview(path, format="auto") -> ImportReport
        what an import would do: new, updated, unchanged, conflicts, errors (each with its
        line and reason), and whether this very file went in before; nothing is written
    run(path, format="auto", valid_only=False, dry_run=False) -> ImportReport
        all or nothing (one error: nothing written), or only the valid orders; recorded in
        the imports list (a dry run too, as such)

The preview is the import itself, rolled back at its end: it counts exactly what the import
would do (stock, numbers, clients recorded on the way), with the same rules, because it
runs them. It holds the write lock meanwhile (README gives the rate: a few hundred orders
take a second).

What an order becomes (gestco.services.order_import_steps): a GESTCO order with its own
CMD-YYYY-NNNNNN number, lines, reservations and history, its source and external number;
channel `online` for a shop's order (or what a GESTCO file says); its status the source's
by the tables of gestco.imports.status_maps, reached by the status machine's own steps. Its
client found by phone, else by e-mail, else recorded; its products by SKU (an unknown SKU
refuses that order: an import never creates a product). Met again (same source and external
id): unchanged, updated (status, payment state) or a conflict, by
gestco.domain.import_rules.decide; nothing else of an order is ever changed by a file.
"""

from __future__ import annotations

from pathlib import Path

from gestco.domain.permissions import Permission
from gestco.imports.orders import read_orders
from gestco.imports.records import OrderFile
from gestco.services import session
from gestco.services.import_reports import (
    FileRead,
    ImportReport,
    file_sha256,
    run_import,
    unreadable,
)
from gestco.services.order_import_steps import OrderImporter
from gestco.services.settings import region


def preview(path: str | Path, format: str = "auto") -> ImportReport:
    """What `run` would do with this file, writing nothing (not even the imports list)."""
    return _import(path, format, dry_run=True, valid_only=False, record=False)


def run(
    path: str | Path, format: str = "auto", *, valid_only: bool = False, dry_run: bool = False
) -> ImportReport:
    """Import the file: every order or none (`valid_only` False), or the valid ones. A
    `dry_run` writes nothing but its line in the imports list."""
    return _import(path, format, dry_run=dry_run, valid_only=valid_only, record=True)


def read_file(path: Path, format: str) -> OrderFile:
    """The file read whole (ImportFileError when it cannot be read at all)."""
    try:
        return read_orders(path, region=region(), format=format)
    except OSError as error:
        raise unreadable(path, error) from None


def _import(
    path: str | Path, format: str, *, dry_run: bool, valid_only: bool, record: bool
) -> ImportReport:
    session.require(Permission.IMPORT)  # refused before the file is even read
    path = Path(path)
    file = read_file(path, format)
    try:
        digest = file_sha256(path)
    except OSError as error:
        raise unreadable(path, error) from None
    importer = OrderImporter(file.orders)
    read = FileRead(
        kind="orders",
        file_name=path.name,
        sha256=digest,
        format=file.format,
        attempts=[(o.line_number, o.external_id, importer.attempt(o)) for o in file.orders],
        problems=file.problems,
        errors=file.error_count,
        problems_left_off=file.problems_left_off,
    )
    return run_import(
        read, prepare=importer.prepare, dry_run=dry_run, valid_only=valid_only, record=record
    )
