"""`gestco import orders|clients FILE` and `gestco import list` as a manager runs them, in their
own processes: the counts and each error with its line on stdout; exit 0 when everything
went in, 1 when some records had errors, 2 for a file it cannot read; the imports listed;
`gestco export clients --format vcard` and the orders export's source columns."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from gestco.imports.clients import read_clients
from gestco.storage import binding, opening
from tests.support.cli import gestco
from tests.support.databases import fresh_database, sql
from tests.support.imports import FILES, catalogue


@pytest.fixture
def shop_db(tmp_path: Path) -> str:
    """A shop selling the exports' catalogue, nothing else."""
    target = fresh_database(tmp_path / "shop.sqlite3")
    opening.open_database(target)
    try:
        catalogue()
    finally:
        binding.close_database()
    return target


def _orders(target: str) -> int:
    return int(sql(target, "SELECT count(*) FROM orders")[0][0])


def test_a_file_that_goes_in_whole_exits_0_and_twice_changes_nothing(shop_db: str) -> None:
    first = gestco("--db", shop_db, "import", "orders", str(FILES / "shopify_2016.csv"))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "new 2, updated 0, unchanged 0, conflicts 0, errors 0" in first.stdout
    second = gestco("--db", shop_db, "import", "orders", str(FILES / "shopify_2016.csv"))
    assert second.returncode == 0
    assert "this file was imported before" in second.stdout
    assert "new 0, updated 0, unchanged 2, conflicts 0, errors 0" in second.stdout
    assert _orders(shop_db) == 2
    assert gestco("--db", shop_db, "check").stdout.strip() == "ok"


def test_errors_exit_1_with_their_lines_and_nothing_written(shop_db: str) -> None:
    result = gestco("--db", shop_db, "import", "orders", str(FILES / "call_centre.csv"))
    assert result.returncode == 1
    assert "new 7, updated 0, unchanged 0, conflicts 0, errors 13" in result.stdout
    assert "line 5: This number does not exist" in result.stdout
    assert "(Téléphone)" in result.stdout
    assert "nothing was written" in result.stdout and "--valid-only" in result.stdout
    assert "Traceback" not in result.stderr
    assert _orders(shop_db) == 0
    dry = gestco("--db", shop_db, "import", "orders", str(FILES / "call_centre.csv"), "--dry-run")
    assert dry.returncode == 1 and "dry run: nothing was written" in dry.stdout
    assert _orders(shop_db) == 0
    valid = gestco(
        "--db", shop_db, "import", "orders", str(FILES / "call_centre.csv"), "--valid-only"
    )
    assert valid.returncode == 1 and "the 13 with errors were left out" in valid.stdout
    assert _orders(shop_db) == 7
    listed = gestco("--db", shop_db, "import", "list")
    assert listed.returncode == 0
    lines = listed.stdout.strip().splitlines()
    assert [line.split("\t")[6] for line in lines] == ["refused", "dry run", "imported"]
    assert all("\tcall_centre.csv\t" in line and "errors 13" in line for line in lines)


@pytest.mark.parametrize(
    "target",
    ["no-such-file.csv", "README.md", "tests/imports/files/contacts.vcf", "tests/imports"],
)
def test_a_file_it_cannot_read_exits_2(shop_db: str, target: str) -> None:
    result = gestco("--db", shop_db, "import", "orders", target)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("gestco: error: ") and len(result.stderr.splitlines()) == 1


def test_a_format_it_does_not_know_is_a_usage_error(shop_db: str) -> None:
    result = gestco(
        "--db", shop_db, "import", "orders", str(FILES / "call_centre.csv"), "--format", "csv"
    )
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_import_clients_and_export_them_as_vcards(shop_db: str, tmp_path: Path) -> None:
    result = gestco("--db", shop_db, "import", "clients", str(FILES / "google_contacts_old.csv"))
    assert result.returncode == 0, result.stdout
    assert "new 2, updated 0, unchanged 0, conflicts 0, errors 0" in result.stdout
    errors = gestco("--db", shop_db, "import", "clients", str(FILES / "contacts.vcf"))
    assert errors.returncode == 1 and "line 44: " in errors.stdout
    cards = gestco("--db", shop_db, "export", "clients", "--format", "vcard")
    assert cards.returncode == 0
    back = read_clients(io.BytesIO(cards.stdout.encode("utf-8")), region="MA")
    assert sorted(c.phone for c in back.clients) == ["+212615151515", "+212677889900"]
    out = tmp_path / "clients.vcf"
    saved = gestco("--db", shop_db, "export", "clients", "-o", str(out))  # told by its name
    assert saved.returncode == 0
    assert out.read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
    wrong = gestco("--db", shop_db, "export", "orders", "--format", "vcard")
    assert wrong.returncode == 2 and "vCards hold clients" in wrong.stderr


def test_the_orders_export_names_each_orders_source(shop_db: str) -> None:
    gestco("--db", shop_db, "import", "orders", str(FILES / "shopify_2016.csv"))
    result = gestco("--db", shop_db, "export", "orders")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["source"], r["external_number"]) for r in rows} == {
        ("shopify", "#1001"),
        ("shopify", "#1002"),
    }
    assert list(rows[0])[-2:] == ["source", "external_number"]
