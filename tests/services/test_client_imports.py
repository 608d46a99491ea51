"""Clients from contacts' files (gestco.services.client_imports): Google's, Outlook's and
GESTCO's CSV and vCards, matched by phone; GESTCO's client wins and the file fills only
what it has empty; another name for a known phone is a conflict; twice changes nothing;
a dry run writes nothing; and the clients written back out as vCards read the same."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from gestco.domain.change_areas import NOTHING
from gestco.domain.errors import PermissionDenied
from gestco.domain.permissions import Role
from gestco.domain.records import ClientInput
from gestco.imports.clients import read_clients
from gestco.services import client_imports, clients, export_vcard
from gestco.services.client_imports import same_person
from gestco.storage import raw_sql
from tests.support.imports import FILES, imports_listed, shop_data
from tests.support.shop import Shop
from tests.support.staff import act_as, add_people, cheap_hashes

ROOT = Path(__file__).resolve().parents[2]
CONTACTS = [
    "google_contacts.csv",
    "google_contacts_old.csv",
    "outlook_contacts.csv",
    "contacts.vcf",
    str(ROOT / "docs/samples/clients.csv"),
]


def everyone() -> dict[str, tuple[str, str, str, str]]:
    rows = raw_sql.fetch_all("SELECT phone, first_name, last_name, email, city FROM clients")
    return {r[0]: tuple(r[1:]) for r in rows}


@pytest.mark.parametrize("name", CONTACTS)
def test_each_contacts_file_imported_twice_changes_nothing_the_second_time(
    shop: Shop, name: str
) -> None:
    file = read_clients(FILES / name, region="MA")
    first = client_imports.run(FILES / name, valid_only=True)
    assert first.applied and first.new == len([c for c in file.clients if c.phone])
    assert first.errors == len({p.line_number for p in file.problems}) + (
        len(file.clients) - first.new
    )
    after = shop_data()
    second = client_imports.run(FILES / name, valid_only=True)
    assert (second.new, second.updated, second.conflicts) == (0, 0, 0)
    assert second.unchanged == first.new
    assert len(second.earlier) == 1
    assert shop_data() == after


def test_the_google_contacts_become_clients(shop: Shop) -> None:
    report = client_imports.run(FILES / "google_contacts.csv", valid_only=True)
    assert (report.new, report.errors) == (4, 4)
    people = everyone()
    assert people["+212612345678"] == ("Amina", "Benali", "amina.benali@example.com", "Casablanca")
    assert people["+33698765432"][:2] == ("Élodie", "de la Fontaine")
    # The row with an e-mail and no phone: GESTCO has no client with that e-mail.
    salma = next(p for p in report.problems if p.line_number == 8)
    assert salma.column == "phone" and "salma.berrada@example.com" in salma.message


def test_gestcos_client_wins_and_the_file_fills_its_blanks(shop: Shop) -> None:
    shop.client(phone="0612345678", first="Amina", last="Benali", address="Boutique")
    known = clients.identify("0612345678")
    report = client_imports.run(FILES / "contacts.vcf", valid_only=True)
    assert report.updated == 1
    now = clients.identify("0612345678")
    assert (now.address, now.city) == ("Boutique", "Rabat")  # the counter's address block
    assert now.email == "amina.benali@example.com"  # was empty: filled from the card
    assert (now.first_name, now.last_name) == (known.first_name, known.last_name)


def test_another_name_for_a_known_phone_is_a_conflict(shop: Shop) -> None:
    karim = shop.client(phone="0612345678", first="Karim", last="Tazi")
    before = shop_data()
    report = client_imports.run(ROOT / "docs/samples/clients.csv")
    assert (report.conflicts, report.new, report.errors, report.applied) == (1, 1, 0, True)
    conflict = report.conflicts_found[0]
    assert conflict.line_number == 2 and conflict.column == "phone"
    assert conflict.message == (
        "+212612345678 is Karim Tazi in GESTCO, the file says Amina Benali:"
        " GESTCO's client is kept."
    )
    assert clients.get_client(karim.id) == karim
    assert shop_data() != before  # Jean Martin came in


def test_a_row_without_a_phone_is_matched_by_email(shop: Shop) -> None:
    salma = shop.client(
        phone="0677000000", first="Salma", last="Berrada", email="SALMA.BERRADA@example.com"
    )
    report = client_imports.run(FILES / "google_contacts.csv", valid_only=True)
    assert report.errors == 3  # the e-mail found its client
    assert clients.get_client(salma.id) == salma  # nothing of it was empty to fill


def test_all_or_nothing_and_a_dry_run(shop: Shop) -> None:
    before = shop_data()
    refused = client_imports.run(FILES / "outlook_contacts.csv")
    assert (refused.new, refused.errors, refused.applied) == (3, 1, False)
    assert refused.changes == NOTHING
    assert shop_data() == before
    dry = client_imports.run(FILES / "outlook_contacts.csv", valid_only=True, dry_run=True)
    assert (dry.new, dry.applied) == (3, False)
    assert shop_data() == before
    assert client_imports.preview(FILES / "outlook_contacts.csv").new == 3
    assert [r[2:4] for r in imports_listed()] == [(0, 0), (1, 0)]  # the preview is not listed


def test_an_import_of_clients_is_a_managers(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashes(monkeypatch)
    add_people()
    act_as(Role.COUNTER)
    before = shop_data()
    with pytest.raises(PermissionDenied):
        client_imports.run(FILES / "google_contacts_old.csv")
    with pytest.raises(PermissionDenied):
        client_imports.preview(FILES / "google_contacts_old.csv")
    assert shop_data() == before


@pytest.mark.parametrize(
    ("gestco", "file", "same"),
    [
        (("Amina", "Benali"), ("Amina", "Benali"), True),
        (("Amina", "Benali"), ("", "BENALI"), True),
        (("Amina", "Benali"), ("Benali", "Amina"), True),
        (("Élodie", "de la Fontaine"), ("elodie", "De La Fontaine"), True),
        (("Amina", "Benali"), ("", ""), True),
        (("Amina", "Benali"), ("Karim", "Benali"), False),
        (("Amina", "Benali"), ("Karim", "Tazi"), False),
    ],
)
def test_the_same_person(gestco: tuple[str, str], file: tuple[str, str], same: bool) -> None:
    assert same_person(*gestco, *file) is same


def test_the_clients_as_vcards_read_back_the_same(shop: Shop) -> None:
    shop.client(phone="0612345678", first="Amina", last="Benali", email="amina@example.com")
    clients.create_client(
        ClientInput(
            phone="+33612345678",
            first_name='Jean; dit "Jo"',
            last_name="Martin, fils",
            address="3 rue de la Paix\nBâtiment B",
            postal_code="75002",
            city="Paris",
            notes="Appeler après 18 h, sonner deux fois — merci",
        )
    )
    out = io.StringIO(newline="")
    count = export_vcard.write_vcards(out, export_vcard.client_cards())
    text = out.getvalue()
    assert count == 2 and text.count("BEGIN:VCARD") == 2 and "VERSION:3.0\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    back = read_clients(io.BytesIO(text.encode("utf-8")), region="MA")
    assert not back.problems
    ids = [r[0] for r in raw_sql.fetch_all("SELECT id FROM clients")]
    stored = sorted((clients.get_client(i) for i in ids), key=lambda c: c.phone)
    read = sorted(back.clients, key=lambda c: c.phone)
    for full, card in zip(stored, read, strict=True):
        assert (card.phone, card.first_name, card.last_name, card.email) == (
            full.phone,
            full.first_name,
            full.last_name,
            full.email,
        )
        assert (card.address, card.postal_code, card.city, card.notes) == (
            full.address,
            full.postal_code,
            full.city,
            full.notes,
        )
