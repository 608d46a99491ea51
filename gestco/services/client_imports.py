"""Importing clients from a CRM's or a phone's export: GESTCO's CSV, Google Contacts' and
Outlook's CSV, vCards (the readers: gestco.imports.clients). Managers and up.

    preview(path, format="auto") -> ImportReport     nothing written
    run(path, format="auto", valid_only=False, dry_run=False) -> ImportReport

What wins (README, "Importing"): a client is matched by phone (E.164, the shop's region),
a row without a phone by e-mail.

- A phone GESTCO does not know: a new client, checked as the counter checks one.
- A known phone under the same person's name (every word of one name is in the other, case
  and accents aside; a missing name matches any): GESTCO's client wins. What the shop
  entered is never overwritten; the file only fills what GESTCO has empty (the e-mail, the
  address with its postal code, city and country when GESTCO has none of the three, the
  notes, a missing first or last name). Nothing to fill: unchanged.
- A known phone under another name: a conflict, reported with both names; nothing changes
  (a number given up and taken again by someone else is a new person, a typo is the same:
  only the shop can tell).
- A row with neither a known phone nor a phone at all: an error (GESTCO knows its clients by
  phone).
"""

from __future__ import annotations

from pathlib import Path

from gestco.domain.errors import ValidationError
from gestco.domain.permissions import Permission
from gestco.domain.records import Client, ClientInput
from gestco.domain.staff import Actor
from gestco.domain.text import search_key
from gestco.imports.clients import read_clients
from gestco.imports.records import ClientFile, ImportedClient, ImportProblem
from gestco.services import clients, session
from gestco.services.import_reports import (
    NEW,
    UNCHANGED,
    UPDATED,
    Attempt,
    FileRead,
    ImportReport,
    chunks,
    file_sha256,
    run_import,
    unreadable,
)
from gestco.services.settings import region
from gestco.storage import builder
from gestco.storage.builder import fn
from gestco.storage.models import Clients


def preview(path: str | Path, format: str = "auto") -> ImportReport:
    return _import(path, format, dry_run=True, valid_only=False, record=False)


def run(
    path: str | Path, format: str = "auto", *, valid_only: bool = False, dry_run: bool = False
) -> ImportReport:
    return _import(path, format, dry_run=dry_run, valid_only=valid_only, record=True)


def client_input(person: ImportedClient) -> ClientInput:
    """A file's client as the counter would type it (a company stands for a missing name)."""
    named = person.first_name or person.last_name
    return ClientInput(
        phone=person.phone,
        first_name=person.first_name,
        last_name=person.last_name if named else person.company,
        email=person.email,
        address=person.address,
        postal_code=person.postal_code,
        city=person.city,
        country=person.country,
        notes=person.notes,
    )


def same_person(first: str, last: str, other_first: str, other_last: str) -> bool:
    """Every word of one name is in the other, case and accents aside ('Amina' is 'Amina
    Benali', 'BENALI Amina' too); a missing name matches any."""
    one = set(search_key(f"{first} {last}").split())
    other = set(search_key(f"{other_first} {other_last}").split())
    return not one or not other or one <= other or other <= one


def merged(current: Client, person: ImportedClient) -> ClientInput | None:
    """GESTCO's client with only its empty fields filled from the file; None: nothing to
    fill."""
    wanted = client_input(person)
    values = {
        "phone": current.phone,
        "first_name": current.first_name or wanted.first_name,
        "last_name": current.last_name or wanted.last_name,
        "email": current.email or wanted.email,
        "address": current.address,
        "postal_code": current.postal_code,
        "city": current.city,
        "country": current.country,
        "notes": current.notes or wanted.notes,
    }
    has_address = current.address or current.postal_code or current.city
    if not has_address and (wanted.address or wanted.postal_code or wanted.city):
        values.update(
            address=wanted.address,
            postal_code=wanted.postal_code,
            city=wanted.city,
            country=wanted.country or current.country,
        )
    kept = {name: getattr(current, name) for name in values}
    return None if values == kept else ClientInput(**values)


class ClientImporter:
    def __init__(self, people: list[ImportedClient]) -> None:
        self.people = people

    def prepare(self, actor: Actor) -> None:
        """Lock the clients the file names (by phone, by e-mail), in id order."""
        self.by_email: dict[str, int] = {}
        ids: set[int] = set()
        phones = sorted({p.phone for p in self.people if p.phone})
        for batch in chunks(phones):
            query = Clients.select(Clients.id).where(Clients.phone.in_(batch))
            ids.update(int(row[0]) for row in builder.rows(query))
        lowered = fn.LOWER(Clients.email)
        emails = sorted({p.email.lower() for p in self.people if p.email and not p.phone})
        for batch in chunks(emails):
            query = Clients.select(Clients.id, lowered).where(lowered.in_(batch))
            for id_, email in builder.rows(query.order_by(Clients.id)):
                self.by_email.setdefault(email, int(id_))
                ids.add(int(id_))
        for batch in chunks(sorted(ids)):
            builder.lock(Clients, batch)  # type: ignore[arg-type]  # ints

    def attempt(self, person: ImportedClient) -> Attempt:
        return lambda: self.one(person)

    def one(self, person: ImportedClient) -> str | ImportProblem:
        current: Client | None = None
        if person.phone:
            current = clients.identify(person.phone)
        elif person.email and person.email.lower() in self.by_email:
            current = clients.get_client(self.by_email[person.email.lower()])
        if current is None:
            if not person.phone:
                raise ValidationError(
                    "phone",
                    "No phone for this client, and no client has the e-mail {email}: GESTCO"
                    " knows its clients by phone.",
                    email=person.email or "-",
                )
            clients.create_client(client_input(person))
            return NEW
        if not same_person(
            current.first_name, current.last_name, person.first_name, person.last_name
        ):
            return ImportProblem(
                person.line_number,
                "{phone} is {name} in GESTCO, the file says {other}: GESTCO's client is kept.",
                {
                    "phone": current.phone,
                    "name": current.display_name,
                    "other": person.display_name,
                },
                column="phone",
                value=person.phone or person.email,
            )
        changed = merged(current, person)
        if changed is None:
            return UNCHANGED
        clients.update_client(current.id, changed, expected_version=current.version)
        return UPDATED


def read_file(path: Path, format: str) -> ClientFile:
    try:
        return read_clients(path, region=region(), format=format)
    except OSError as error:
        raise unreadable(path, error) from None


def _import(
    path: str | Path, format: str, *, dry_run: bool, valid_only: bool, record: bool
) -> ImportReport:
    session.require(Permission.IMPORT)
    path = Path(path)
    file = read_file(path, format)
    try:
        digest = file_sha256(path)
    except OSError as error:
        raise unreadable(path, error) from None
    importer = ClientImporter(list(file.clients))
    read = FileRead(
        kind="clients",
        file_name=path.name,
        sha256=digest,
        format=file.format,
        attempts=[(c.line_number, "", importer.attempt(c)) for c in file.clients],
        problems=file.problems,
        errors=len({p.line_number for p in file.problems}) + file.problems_left_off,
        problems_left_off=file.problems_left_off,
    )
    return run_import(
        read, prepare=importer.prepare, dry_run=dry_run, valid_only=valid_only, record=record
    )
