"""`gestco payment` and `gestco invoice` as a manager runs them, in their own process: what
they print, their exit codes and one-line errors, what they wrote; `gestco export invoices`
under the house's export rules."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from gestco.domain.legal_identity import ShopIdentity
from gestco.services import settings
from gestco.storage import binding, opening
from tests.support.cli import gestco
from tests.support.databases import fresh_database, sql
from tests.support.shop import Shop

YEAR = dt.date.today().year


@pytest.fixture
def shop_db(tmp_path: Path) -> tuple[str, list[str]]:
    """A shop with its identity and three orders of 2 × 45.00 (CAF-250) + 1 × 12.00 (THE)."""
    target = fresh_database(tmp_path / "shop.sqlite3")
    opening.open_database(target)
    settings.set_shop_identity(
        ShopIdentity(
            name="Épicerie Benali",
            address="1 rue",
            ice="001561191000066",
            tax_id="1",
            rc="2",
            rc_court="Rabat",
            patente="3",
        )
    )
    shop = Shop()
    client = shop.client()
    coffee, tea = shop.product(stock_qty=50), shop.product(sku="THE", price="12.00", tax="10")
    numbers = [shop.order(client.id, (coffee.id, 2), (tea.id, 1)).number for _ in range(3)]
    binding.close_database()
    return target, numbers


def _error(result) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_payments_from_a_terminal(shop_db) -> None:
    target, (number, *_rest) = shop_db
    added = gestco("--db", target, "payment", "add", number, "50", "--method", "cash")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip().endswith(
        f"on {number}: 50.00 cash; total 102.00, received 50.00, due 52.00 (partly_paid)"
    )
    over = gestco("--db", target, "payment", "add", number, "52.01", "--method", "card")
    assert over.returncode == 2
    assert _error(over) == (
        f"gestco: error: That is more than {number} still owes (52.00): nothing was recorded."
        " Give the change back, or record only what is due."
    )
    no_reason = gestco("--db", target, "payment", "add", number, "-10", "--method", "cash")
    assert no_reason.returncode == 2 and "Say why" in _error(no_reason)
    refund = gestco(
        "--db", target, "payment", "add", number, "-10", "--method", "cash", "--reason", "casse"
    )
    assert refund.returncode == 0 and refund.stdout.startswith("refund ")
    listed = gestco("--db", target, "payment", "list", number)
    assert listed.returncode == 0
    rows = listed.stdout.strip().splitlines()
    assert [r.split("\t")[2:4] for r in rows[:-1]] == [["50.00", "cash"], ["-10.00", "cash"]]
    assert rows[-1] == "total 102.00, received 40.00, due 62.00 (partly_paid)"
    missing = gestco("--db", target, "payment", "list", "CMD-2026-999999")
    assert missing.returncode == 1 and "No order CMD-2026-999999" in _error(missing)
    bad_date = gestco(
        "--db", target, "payment", "add", number, "1", "--method", "cash", "--date", "demain"
    )
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in _error(bad_date)
    assert sql(target, "SELECT sum(amount_cents) FROM payments") == [(4000,)]


def test_invoices_and_credit_notes_from_a_terminal(shop_db) -> None:
    target, (first, second, _third) = shop_db
    issued = gestco("--db", target, "invoice", "issue", first)
    assert issued.returncode == 0, issued.stderr
    out = issued.stdout.splitlines()
    assert out[0].startswith(f"invoice FAC-{YEAR}-000001 of ") and out[0].endswith(first)
    assert "VAT 10%: base 10.91, VAT 1.09, total 12.00" in out
    assert "VAT 20%: base 75.00, VAT 15.00, total 90.00" in out
    assert "total HT 85.91, TVA 16.09, TTC 102.00 MAD" in out
    assert out[-1] == "Arrêtée la présente facture à la somme de cent deux dirhams TTC."
    again = gestco("--db", target, "invoice", "issue", first)
    assert again.returncode == 2 and "invoiced already" in _error(again)
    credit = gestco("--db", target, "invoice", "credit", f"FAC-{YEAR}-1", "--line", "CAF-250:1")
    assert credit.returncode == 0, credit.stderr
    assert credit.stdout.startswith(f"credit note AV-{YEAR}-000001 ")
    assert "total HT 37.50, TVA 7.50, TTC 45.00 MAD" in credit.stdout
    over = gestco("--db", target, "invoice", "credit", f"FAC-{YEAR}-1", "--line", "CAF-250:2")
    assert over.returncode == 2
    assert _error(over) == (
        "gestco: error: Only 1 of CAF-250 are left to credit on this invoice, not 2."
    )
    bad = gestco("--db", target, "invoice", "credit", f"FAC-{YEAR}-1", "--line", "CAF-250")
    assert bad.returncode == 2 and "SKU:QTY" in _error(bad)
    unknown = gestco("--db", target, "invoice", "show", f"FAC-{YEAR}-9")
    assert unknown.returncode == 1 and f"No invoice or credit note FAC-{YEAR}-000009" in (
        _error(unknown)
    )
    shown = gestco("--db", target, "invoice", "show", f"FAC-{YEAR}-000001")
    assert shown.stdout == issued.stdout
    gestco("--db", target, "invoice", "issue", second)
    check = gestco("--db", target, "check")
    assert check.returncode == 0 and check.stdout.strip() == "ok", check.stdout


def test_an_invoice_the_shop_cannot_issue_says_what_is_missing(shop_db) -> None:
    target, (first, *_rest) = shop_db
    sql(target, "DELETE FROM settings WHERE key IN ('shop.ice', 'shop.patente')")
    refused = gestco("--db", target, "invoice", "issue", first)
    assert refused.returncode == 1
    assert _error(refused) == (
        "gestco: error: This invoice cannot be issued: the shop's settings lack the ICE,"
        " the taxe professionnelle (patente)."
    )
    assert sql(target, "SELECT count(*) FROM invoices") == [(0,)]


def test_export_invoices(shop_db, tmp_path: Path) -> None:
    target, numbers = shop_db
    for number in numbers[:2]:
        assert gestco("--db", target, "invoice", "issue", number).returncode == 0
    gestco("--db", target, "invoice", "credit", f"FAC-{YEAR}-2")
    out = gestco("--db", target, "export", "invoices")
    assert out.returncode == 0, out.stderr
    rows = list(csv.reader(io.StringIO(out.stdout.lstrip("\ufeff"))))
    assert rows[0] == [
        "number",
        "kind",
        "issued_at",
        "issued_by",
        "order",
        "credited_invoice",
        "client_id",
        "client_name",
        "total_excl_tax",
        "tax",
        "total",
    ]
    assert [(r[0], r[1], r[4], r[5], r[10]) for r in rows[1:]] == [
        (f"FAC-{YEAR}-000001", "invoice", numbers[0], "", "102.00"),
        (f"FAC-{YEAR}-000002", "invoice", numbers[1], "", "102.00"),
        (f"AV-{YEAR}-000001", "credit_note", numbers[1], f"FAC-{YEAR}-000002", "102.00"),
    ]
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    later = gestco("--db", target, "export", "invoices", "--from", tomorrow)
    assert later.returncode == 0 and len(later.stdout.strip().splitlines()) == 1
    xlsx = tmp_path / "factures.xlsx"
    assert gestco("--db", target, "export", "invoices", "-o", str(xlsx)).returncode == 0
    assert xlsx.stat().st_size > 0
    wrong = gestco("--db", target, "export", "orders", "--from", "2026-01-01")
    assert wrong.returncode == 2 and "export invoices" in _error(wrong)
    bad = gestco("--db", target, "export", "invoices", "--to", "31/12/2026")
    assert bad.returncode == 2 and "YYYY-MM-DD" in _error(bad)
    if not target.startswith("postgresql"):
        over_db = gestco("--db", target, "export", "invoices", "-o", target)
        assert over_db.returncode == 2
