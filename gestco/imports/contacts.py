"""Client files in CSV: GESTCO's own columns, Google Contacts' export (both its headers: the
2023 'First Name … Phone 1 - Value' and the older 'Given Name … Phone 1 - Value') and
Outlook's ('First Name', 'Mobile Phone', 'E-mail Address', 'Home Street' …). One client a
row; the phone is the mobile one when the file says which."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from gestco.imports import values
from gestco.imports.assembly import Cell, Checks, ClientCells, read_client
from gestco.imports.gestco_format import CLIENT_COLUMNS, COLUMNS, client_cells
from gestco.imports.records import ImportedClient, ImportFileError, ImportProblem
from gestco.imports.table import Row, Table, header_key

# GESTCO's columns (the same names as the clients export writes), with French alternatives.
GESTCO_COLUMNS: dict[str, tuple[str, ...]] = {
    **CLIENT_COLUMNS,
    "notes": COLUMNS["notes"],
    "tags": ("tags", "étiquettes"),
    "marketing_consent": ("marketing_consent", "consentement"),
}
_MULTI = " ::: "  # Google puts several values in one cell this way
_MOBILE = re.compile(r"mobile|cell|portable|gsm", re.IGNORECASE)
OUTLOOK_PHONES = (
    "mobile phone", "primary phone", "home phone", "home phone 2", "business phone",
    "business phone 2", "other phone", "company main phone", "car phone",
)  # fmt: skip
OUTLOOK_EMAILS = ("e-mail address", "e-mail 2 address", "e-mail 3 address")


def detect(keys: Iterable[str]) -> str | None:
    present = set(keys)
    if present & {"phone 1 - value", "e-mail 1 - value", "given name", "family name"}:
        return "google"
    if present & {"e-mail address", "mobile phone", "home street", "business phone"}:
        return "outlook"
    if any(header_key(n) in present for n in GESTCO_COLUMNS["phone"] + GESTCO_COLUMNS["email"]):
        return "gestco"
    return None


def _values(text: str) -> list[str]:
    return [part.strip() for part in text.split(_MULTI) if part.strip()]


def _tags(text: str, separators: str = ",;") -> tuple[str, ...]:
    found: list[str] = []
    pattern = f"[{re.escape(separators)}]| ::: " if separators else " ::: "
    for part in re.split(pattern, text):
        tag = " ".join(part.split())
        if tag and not tag.startswith("*") and tag not in found and len(tag) <= 40:
            found.append(tag)  # '* myContacts', '* starred': Google's own labels
    return tuple(found)


def _cell(table: Table, row: Row, key: str) -> Cell:
    return table.name(key), row.cells.get(key, "")


def _gestco(table: Table, row: Row) -> ClientCells:
    found: dict[str, Cell] = {}
    for field, names in GESTCO_COLUMNS.items():
        key = next((header_key(n) for n in names if table.has(header_key(n))), None)
        found[field] = _cell(table, row, key) if key else (field, "")
    return replace(
        client_cells(found),
        notes=found["notes"],
        tags=_tags(str(found["tags"][1])),
        marketing_consent=values.flag(found["marketing_consent"][1]),
    )


def _google(table: Table, row: Row) -> ClientCells:
    phones: list[tuple[bool, int, Cell]] = []
    emails: list[Cell] = []
    for n in range(1, 10):
        label = row.cells.get(f"phone {n} - label", "") or row.cells.get(f"phone {n} - type", "")
        for number in _values(row.cells.get(f"phone {n} - value", "")):
            phones.append(
                (not _MOBILE.search(label), n, (table.name(f"phone {n} - value"), number))
            )
        emails += [
            (table.name(f"e-mail {n} - value"), e)
            for e in _values(row.cells.get(f"e-mail {n} - value", ""))
        ]
    address = "address 1 - "

    def get(*keys: str) -> Cell:
        key = next((k for k in keys if row.cells.get(k)), keys[0])
        return _cell(table, row, key)

    return ClientCells(
        phones=tuple(cell for _, _, cell in sorted(phones, key=lambda p: (p[0], p[1]))),
        email=emails[0] if emails else ("E-mail 1 - Value", ""),
        first_name=get("first name", "given name"),
        last_name=get("last name", "family name"),
        full_name=get("name", "file as"),
        company=get("organization name", "organization 1 - name"),
        address=(get(address + "street"), get(address + "extended address")),
        postal_code=get(address + "postal code"),
        city=get(address + "city"),
        country=get(address + "country"),
        notes=get("notes"),
        tags=_tags(row.cells.get("labels", "") or row.cells.get("group membership", ""), ""),
    )


def _outlook(table: Table, row: Row) -> ClientCells:
    side = next((s for s in ("home", "business", "other") if row.cells.get(f"{s} street")), "home")
    country = f"{side} country/region" if table.has(f"{side} country/region") else f"{side} country"
    return ClientCells(
        phones=tuple(_cell(table, row, key) for key in OUTLOOK_PHONES if table.has(key)),
        email=next(
            (_cell(table, row, k) for k in OUTLOOK_EMAILS if row.cells.get(k)),
            ("E-mail Address", ""),
        ),
        first_name=_cell(table, row, "first name"),
        last_name=_cell(table, row, "last name"),
        company=_cell(table, row, "company"),
        address=(_cell(table, row, f"{side} street"), _cell(table, row, f"{side} street 2")),
        postal_code=_cell(table, row, f"{side} postal code"),
        city=_cell(table, row, f"{side} city"),
        country=_cell(table, row, country),
        notes=_cell(table, row, "notes"),
        tags=_tags(row.cells.get("categories", ""), ";,"),
    )


READERS = {"gestco": _gestco, "google": _google, "outlook": _outlook}


def read(table: Table, *, region: str, format: str) -> Iterator[ImportedClient | ImportProblem]:
    reader = READERS.get(format)
    if reader is None:
        raise ImportFileError(
            "The columns of this file are not those of GESTCO's clients, Google Contacts or"
            " Outlook: see docs/import-format.md."
        )
    for row in table.rows():
        if isinstance(row, ImportProblem):
            yield row
            continue
        if row.problem is not None:
            yield row.problem
            continue
        checks = Checks()
        client = read_client(checks, row.line_number, reader(table, row), region)
        if checks.problems:
            yield from checks.problems
        else:
            yield client
