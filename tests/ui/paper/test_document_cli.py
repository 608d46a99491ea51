"""`gestco document` as a manager runs it, in its own process (the console script's entry,
ui.launcher): the PDF it writes, its exit codes and one-line errors for a bad number, a
number of the wrong kind, identifiers the shop lacks, an output it must not write."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from gestco.services import session
from gestco.storage import binding, opening
from tests.support.cli import ROOT
from tests.support.databases import ON_POSTGRES, fresh_database, sql

YEAR = dt.date.today().year


def document(target: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui", "--db", target, "document", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def shop_db(tmp_path: Path) -> tuple[str, str, str]:
    """The sample shop (its order of 5 lines, its order of 80), closed for the commands."""
    from ui.tools.paper_screenshots import sample_shop

    target = fresh_database(tmp_path / "shop.sqlite3")
    opening.open_database(target)
    session.sign_in_owner("amina.c")
    number, long = sample_shop(long_lines=80)
    session.sign_in_owner("tester")
    binding.close_database()
    return target, number, long


def _error(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def _text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_each_document_as_a_pdf(shop_db, tmp_path: Path) -> None:
    target, number, _long = shop_db
    for kind, title in (
        ("slip", "ORDER SLIP"),
        ("delivery", "DELIVERY NOTE"),
        ("receipt", "RECEIPT"),
    ):
        out = tmp_path / f"{kind}.pdf"
        done = document(target, kind, number, "--output", str(out), "--language", "en")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == str(out)
        assert title in _text(out) and number in _text(out)
    # `invoice` with an order's number issues it first; with the invoice's, prints it again.
    first = tmp_path / "facture.pdf"
    issued = document(target, "invoice", number, "-o", str(first), "--language", "fr")
    assert issued.returncode == 0, issued.stderr
    text = _text(first)
    assert f"FACTURE N° FAC-{YEAR}-000001" in text and "Reste à payer (MAD) 215,11" in text
    again = tmp_path / "again.pdf"
    assert document(target, "invoice", f"FAC-{YEAR}-1", "-o", str(again)).returncode == 0
    assert sql(target, "SELECT count(*) FROM invoices") == [(1,)]
    assert document(target, "invoice", number, "-o", str(again)).returncode == 0  # not twice
    assert sql(target, "SELECT count(*) FROM invoices") == [(1,)]


def test_refusals_are_one_line_with_the_house_exit_codes(shop_db, tmp_path: Path) -> None:
    target, number, _long = shop_db
    out = str(tmp_path / "x.pdf")
    missing = document(target, "slip", f"CMD-{YEAR}-000099", "-o", out)
    assert missing.returncode == 1
    assert _error(missing) == f"gestco: error: No order CMD-{YEAR}-000099."
    bad = document(target, "credit", "nonsense", "-o", out)
    assert bad.returncode == 2 and "Type an invoice number such as" in _error(bad)
    wrong = document(target, "credit", f"FAC-{YEAR}-1", "-o", out)
    assert wrong.returncode == 2 and "is not a credit note" in _error(wrong)
    assert not Path(out).exists()
    sql(target, "DELETE FROM settings WHERE key IN ('shop.ice', 'shop.patente')")
    lacking = document(target, "invoice", number, "-o", out)
    assert lacking.returncode == 1
    assert _error(lacking) == (
        "gestco: error: This invoice cannot be issued: the shop's settings lack the ICE,"
        " the taxe professionnelle (patente)."
    )
    slip = document(target, "slip", number, "-o", out)
    assert slip.returncode == 1 and "This document cannot be printed" in _error(slip)
    assert sql(target, "SELECT count(*) FROM invoices") == [(0,)] and not Path(out).exists()


def test_an_output_it_must_not_write(shop_db, tmp_path: Path) -> None:
    target, number, _long = shop_db
    letter = tmp_path / "letter.pdf"
    letter.write_text("not a PDF: another program's file")
    refused = document(target, "slip", number, "-o", str(letter))
    assert refused.returncode == 2 and "is not a PDF" in _error(refused)
    assert letter.read_text() == "not a PDF: another program's file"
    text = document(target, "slip", number, "-o", str(tmp_path / "slip.txt"))
    assert text.returncode == 2 and "does not end in .pdf" in _error(text)
    nowhere = document(target, "slip", number, "-o", str(tmp_path / "no" / "such" / "x.pdf"))
    assert nowhere.returncode == 3 and "x.pdf" in _error(nowhere)
    if not ON_POSTGRES:
        disguised = tmp_path / "shop.pdf"
        disguised.symlink_to(target)
        database = document(target, "slip", number, "-o", str(disguised))
        assert database.returncode == 2 and "database" in _error(database)
        assert Path(target).read_bytes().startswith(b"SQLite format 3")


def _fonts(path: Path) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"])
        for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_in_arabic_and_in_french_with_arabic(shop_db, tmp_path: Path) -> None:
    target, number, _long = shop_db
    arabic = tmp_path / "ar.pdf"
    done = document(target, "invoice", number, "-o", str(arabic), "--language", "ar")
    assert done.returncode == 0, done.stderr
    assert any("NotoSansArabic" in name for name in _fonts(arabic))
    assert arabic.read_bytes().startswith(b"%PDF-")
    both = tmp_path / "both.pdf"
    done = document(target, "slip", number, "-o", str(both), "--language", "fr+ar")
    assert done.returncode == 0, done.stderr
    assert "BON DE COMMANDE" in _text(both) and any("NotoSansArabic" in n for n in _fonts(both))
    # Without --language: the shop's setting.
    opening.open_database(target)
    from gestco.services import settings

    settings.set_setting("document_language", "en")
    binding.close_database()
    default = tmp_path / "default.pdf"
    assert document(target, "slip", number, "-o", str(default)).returncode == 0
    assert "ORDER SLIP" in _text(default)
    refused = document(target, "slip", number, "-o", str(default), "--language", "de")
    assert refused.returncode == 2 and "de" in refused.stderr
