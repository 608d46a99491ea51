"""Client files: Google Contacts (both headers), Outlook (cp1252), vCards of every version
and GESTCO's CSV; each client as the counter would keep it, each mistake with its line.
And the vCard 3.0 writer: what it writes reads back the same, folded at 75 octets."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from gestco.domain.records import Client
from gestco.imports.clients import read_clients
from gestco.imports.records import ImportedClient, ImportFileError
from gestco.imports.vcard import vcard, vcard_text
from tests.imports.shop_exports import FILES

ROOT = Path(__file__).resolve().parents[2]


def summary(client: ImportedClient) -> tuple[object, ...]:
    return (client.phone, client.email, client.first_name, client.last_name, client.tags)


def problems(file) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    return [(p.line_number, p.column, p.message.split(":")[0]) for p in file.problems]


def test_google_contacts() -> None:
    file = read_clients(FILES / "google_contacts.csv", region="MA")
    assert file.format == "google"
    assert [summary(c) for c in file.clients] == [
        ("+212612345678", "amina.benali@example.com", "Amina", "Benali", ("VIP", "Grossistes")),
        ("+212661223344", "karim@example.ma", "Karim", "Alaoui", ()),  # the first of two
        ("+212522334455", "", "", "Épicerie Tazi", ("Grossistes",)),  # a firm: its name
        ("", "salma.berrada@example.com", "Salma", "Berrada", ()),  # e-mail only
        ("+33698765432", "", "Élodie", "de la Fontaine", ()),
    ]
    amina = file.clients[0]
    # The mobile (Phone 2) before the work number (Phone 1); the address's two lines.
    assert (amina.address, amina.postal_code, amina.city, amina.country) == (
        "12 rue Ibn Battouta\nAppt 4",
        "20250",
        "Casablanca",
        "MA",  # 'Maroc'
    )
    assert file.clients[-1].country == "FR"
    assert amina.line_number == 2 and file.clients[1].line_number == 6  # after a 4-line cell
    assert problems(file) == [
        (9, "phone", "The client has neither a phone nor an e-mail"),
        (10, "Phone 1 - Value", "This number does not exist"),
        (11, "phone", "This phone is already on line 2 of the file"),
    ]


def test_google_contacts_older_header() -> None:
    file = read_clients(FILES / "google_contacts_old.csv", region="MA")
    assert file.format == "google" and not file.problems
    assert [summary(c) for c in file.clients] == [
        ("+212677889900", "youssef.tazi@example.com", "Youssef", "Tazi", ("Clients",)),
        ("+212615151515", "", "Hicham", "", ()),
    ]


def test_outlook_contacts() -> None:
    file = read_clients(FILES / "outlook_contacts.csv", region="MA")
    assert file.format == "outlook"
    assert file.sniffed.encoding == "cp1252"
    rachid, zineb, khadija = file.clients
    assert summary(rachid)[:2] == ("+212617171717", "rachid.bennani@example.com")  # mobile
    assert (rachid.address, rachid.city, rachid.country) == ("3 rue Oued Fès", "Fès", "MA")
    assert (zineb.phone, zineb.email, zineb.company) == (
        "+212539941212",  # Business Phone: no mobile
        "zineb@atlas-distribution.ma",  # E-mail 2 Address: the first is empty
        "Atlas Distribution",
    )
    assert (zineb.address, zineb.city) == ("Zone industrielle, lot 7", "Tanger")  # Business
    assert khadija.phone == "+212616161616"  # Primary Phone
    assert khadija.notes == "Ancienne adresse :\nrue des Orangers, Rabat"  # CRLF -> LF
    assert problems(file) == [
        (4, "Mobile Phone", "A phone number has only digits, spaces and an optional leading +.")
    ]


def test_vcards_of_every_version() -> None:
    file = read_clients(FILES / "contacts.vcf", region="MA")
    assert file.format == "vcard"
    amina, jean, elodie, nadia = file.clients
    assert summary(amina) == (
        "+212612345678",  # the CELL one, not item1's shop number
        "amina.benali@example.com",
        "Amina",
        "Benali",
        ("VIP", "Grossistes"),
    )
    assert amina.company == "Épicerie Atlas"
    assert amina.address == "12 rue Ibn Battouta\nAppt 4"
    assert (amina.postal_code, amina.city, amina.country) == ("20250", "Casablanca", "MA")
    assert amina.notes == "Préfère être appelée le matin, après 9 h; jamais le vendredi"
    assert summary(jean)[:4] == ("+33612345678", "jean.martin@example.fr", "Jean", "Martin")
    assert jean.country == "FR"  # vCard 4.0, a tel: URI
    assert summary(elodie)[:4] == ("+33698765432", "", "Élodie", "de la Fontaine")  # 2.1, QP
    assert elodie.notes == "Cliente fidèle depuis 2019, aime le thé vert"  # QP soft break
    assert nadia.notes.endswith(
        "huile d'argan, livraison à l'épicerie de son quartier — appeler la veille."
    )
    assert problems(file) == [
        (44, "phone", "The client has neither a phone nor an e-mail"),
        (54, "", "This line of the vCard cannot be read"),
        (59, "", "This vCard has no END"),
    ]


def test_gestco_clients_csv(tmp_path: Path) -> None:
    sample = read_clients(ROOT / "docs/samples/clients.csv", region="MA")
    assert sample.format == "gestco" and not sample.problems
    amina = sample.clients[0]
    assert (amina.tags, amina.marketing_consent) == (("VIP", "grossiste"), True)
    assert sample.clients[1].marketing_consent is False
    typed = tmp_path / "clients.csv"
    typed.write_text(
        "Téléphone;Prénom;Nom;E-mail;Ville\n"
        "0612345678;Amina;Benali;pas-une-adresse;Rabat\n"
        "0661223344;Karim;Alaoui;karim@example.ma;Rabat;en trop\n"
        "0677889900;;;;Fès\n",
        encoding="utf-8",
    )
    file = read_clients(typed, region="MA")
    assert file.format == "gestco" and not file.clients
    assert problems(file) == [
        (2, "E-mail", "This e-mail address is not valid"),
        (3, "", "This line has 6 values but the first line names 5 columns"),
        (4, "last_name", "Enter the client's name (last name or first name)."),
    ]


def test_order_files_are_not_client_files(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="This is a file of orders"):
        read_clients(FILES / "shopify_2016.csv", region="MA")
    with pytest.raises(ImportFileError, match="JSON"):
        read_clients(ROOT / "docs/samples/orders.json", region="MA")


def _client(**fields: str) -> Client:
    values = {
        "phone": "+212612345678", "first_name": "Amina", "last_name": "Benali", "email": "",
        "address": "", "postal_code": "", "city": "", "country": "MA", "notes": "",
    } | fields  # fmt: skip
    stamp = datetime(2025, 10, 7, 9, 50)
    return Client(id=1, created_at=stamp, updated_at=stamp, version=1, **values)  # type: ignore[arg-type]


def test_the_vcard_writer_reads_back_what_it_wrote(tmp_path: Path) -> None:
    clients = [
        _client(
            email="amina.benali@example.com",
            address="12 rue Ibn Battouta\nAppt 4",
            postal_code="20250",
            city="Casablanca",
            notes="Préfère le matin, après 9 h; jamais le vendredi \\ sauf urgence",
        ),
        _client(
            phone="+33698765432", first_name="Élodie", last_name="de la Fontaine", country="FR"
        ),
    ]
    text = vcard_text(clients)
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Benali;Amina;;;\r\nFN:Amina Benali\r\n")
    assert "TEL;TYPE=CELL:+212612345678\r\n" in text
    assert "ADR;TYPE=HOME:;;12 rue Ibn Battouta\\nAppt 4;Casablanca;;20250;MA\r\n" in text
    path = tmp_path / "clients.vcf"
    path.write_text(text, encoding="utf-8", newline="")
    back = read_clients(path, region="MA")
    assert not back.problems
    for original, read in zip(clients, back.clients, strict=True):
        for name in ("phone", "first_name", "last_name", "email", "address", "postal_code",
                     "city", "country", "notes"):  # fmt: skip
            assert getattr(read, name) == getattr(original, name), name


def test_long_lines_are_folded_at_75_octets_without_cutting_a_character() -> None:
    text = vcard(_client(notes="é" * 100 + " — fin"))
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert all(
        line.startswith(" ")
        for line in lines[lines.index(next(li for li in lines if li.startswith("NOTE"))) + 1 : -2]
    )
    unfolded = text.replace("\r\n ", "")
    assert "NOTE:" + "é" * 100 + " — fin\r\n" in unfolded
