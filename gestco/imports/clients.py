"""Reading a client file: GESTCO's CSV, Google Contacts' or Outlook's CSV, or vCards, told
apart by their header (or given). Each client validated as the counter would (phone in
E.164 with the shop's region, e-mail, lengths); a row that cannot be one is a problem with
its line. A phone met twice in the file keeps its first row (the later ones are problems).

    file = read_clients(path, region="MA")   # file.clients, file.problems"""

from __future__ import annotations

from collections.abc import Iterator

from gestco.imports import contacts, gestco_format, shopify, vcard, woocommerce_csv
from gestco.imports.opening import Opened, Source
from gestco.imports.records import (
    CLIENT_FORMATS,
    MAX_PROBLEMS,
    ClientFile,
    ImportedClient,
    ImportFileError,
    ImportProblem,
)
from gestco.imports.table import Table


def iter_clients(
    opened: Opened, *, region: str, format: str = "auto"
) -> tuple[str, Iterator[ImportedClient | ImportProblem]]:
    """(the format found, the clients and problems as the file streams)."""
    if format != "auto" and format not in CLIENT_FORMATS:
        raise ImportFileError(
            "Unknown format {format}: use auto, gestco, google, outlook or vcard.", format=format
        )
    if opened.is_json:
        raise ImportFileError("Clients are imported from CSV or vCard files; this one is JSON.")
    if not opened.tabular or format == "vcard":
        return "vcard", vcard.read(opened.text, region=region)
    table = Table(opened.text, opened.sniffed.delimiter)
    keys = table.keys
    if format == "auto" and any(
        m.looks_like(keys) for m in (shopify, woocommerce_csv, gestco_format)
    ):
        raise ImportFileError("This is a file of orders: import it as orders, not clients.")
    found = format if format != "auto" else contacts.detect(keys) or ""
    return found, contacts.read(table, region=region, format=found)


def read_clients(
    source: Source,
    *,
    region: str,
    format: str = "auto",
    encoding: str | None = None,
    delimiter: str | None = None,
) -> ClientFile:
    with Opened(source, encoding=encoding, delimiter=delimiter) as opened:
        found, items = iter_clients(opened, region=region, format=format)
        clients: list[ImportedClient] = []
        problems: list[ImportProblem] = []
        phones: dict[str, int] = {}
        left_off = 0
        for item in items:
            if isinstance(item, ImportedClient):
                first = phones.get(item.phone) if item.phone else None
                if first is None:
                    phones[item.phone] = item.line_number
                    clients.append(item)
                    continue
                item = ImportProblem(
                    item.line_number,
                    "This phone is already on line {line} of the file: that client is kept,"
                    " this one is not.",
                    {"line": first},
                    column="phone",
                    value=item.phone,
                )
            if len(problems) < MAX_PROBLEMS:
                problems.append(item)
            else:
                left_off += 1
        return ClientFile(found, opened.sniffed, tuple(clients), tuple(problems), left_off)
