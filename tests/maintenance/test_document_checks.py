"""`gestco check` over payments and documents: a shop that invoiced, credited and took
payments passes; each broken rule is found and named."""

from __future__ import annotations

import datetime as dt

import pytest

from gestco.domain.legal_identity import ShopIdentity
from gestco.maintenance.checks import run_checks
from gestco.services import invoices, payments, settings
from gestco.storage import raw_sql
from tests.support.shop import Shop

YEAR = dt.date.today().year
SHOP = ShopIdentity(
    name="Épicerie",
    address="1 rue",
    ice="001561191000066",
    tax_id="1",
    rc="2",
    rc_court="Rabat",
    patente="3",
)


@pytest.fixture
def invoiced(shop: Shop):
    settings.set_shop_identity(SHOP)
    client = shop.client()
    product = shop.product(stock_qty=100)
    first = shop.order(client.id, (product.id, 2))
    second = shop.order(client.id, (product.id, 5))
    payments.record_payment(order_id=first.id, amount="90", method="cash")
    payments.record_payment(order_id=second.id, amount="20", method="card")
    payments.record_payment(order_id=second.id, amount="-5", method="card", reason="geste")
    one = invoices.issue_invoice(order_id=first.id)
    two = invoices.issue_invoice(order_id=second.id)
    invoices.issue_credit_note(invoice_number=two.number, lines={"CAF-250": 2})
    return first, second, one, two


def test_a_consistent_shop_passes(invoiced) -> None:
    assert run_checks() == []


def _insert_invoice(number: str, order_id: int, client_id: int, total: int, kind="invoice"):
    raw_sql.execute(
        "INSERT INTO invoices (number, kind, order_id, client_id, issued_at, issued_by,"
        " total_excl_cents, total_tax_cents, total_cents, snapshot)"
        " VALUES (?, ?, ?, ?, '2026-01-01 00:00:00', 'x', ?, 0, ?, '{}')",
        (number, kind, order_id, client_id, total, total),
    )


def test_a_gap_in_the_invoice_numbers_is_found(invoiced) -> None:
    first = invoiced[0]
    _insert_invoice(f"FAC-{YEAR}-000004", first.id, first.client_id, 0)
    found = run_checks()
    assert f"invoice numbers: year {YEAR} has 3 invoices but their numbers run to 4" in found[0]
    assert any(line.startswith("invoice counter: invoices-") for line in found)


def test_totals_that_are_not_their_lines_are_found(invoiced) -> None:
    first = invoiced[0]
    raw_sql.execute("UPDATE sequences SET last_value = 3 WHERE name = ?", (f"invoices-{YEAR}",))
    _insert_invoice(f"FAC-{YEAR}-000003", first.id, first.client_id, 100)
    assert run_checks() == [
        f"invoice totals: FAC-{YEAR}-000003 says 100 (tax 0) but its lines add up to 0 (tax 0)"
    ]


def test_payments_that_disagree_or_exceed_are_found(invoiced) -> None:
    first, second = invoiced[0], invoiced[1]
    raw_sql.execute("UPDATE orders SET paid_cents = paid_cents + 1 WHERE id = ?", (first.id,))
    raw_sql.execute(
        "INSERT INTO payments (order_id, amount_cents, method, paid_on, created_at, created_by)"
        " VALUES (?, 999999, 'cash', '2026-01-01', '2026-01-01 00:00:00', 'x')",
        (second.id,),
    )
    raw_sql.execute("UPDATE orders SET paid_cents = paid_cents + 999999 WHERE id = ?", (second.id,))
    found = [line for line in run_checks() if line.startswith("payments:")]
    assert found == [
        f"payments: {first.number} shows 9001 received but its payments add up to 9000"
        " (its total: 9000); received is never below 0 nor above the total",
        f"payments: {second.number} shows 1001499 received but its payments add up to 1001499"
        " (its total: 22500); received is never below 0 nor above the total",
    ]


def test_a_credit_note_taking_more_than_the_line_is_found(invoiced) -> None:
    two = invoiced[3]
    note_id = raw_sql.fetch_one("SELECT id FROM invoices WHERE kind = 'credit_note'")[0]
    raw_sql.execute(
        "INSERT INTO invoice_lines (invoice_id, position, source_position, sku, description,"
        " quantity, unit_price_cents, discount_bp, tax_rate_bp, total_cents, tax_cents)"
        " VALUES (?, 2, 1, 'CAF-250', 'x', 4, 4500, 0, 2000, 0, 0)",
        (note_id,),
    )
    found = run_checks()
    assert f"credit notes: line 1 of {two.number} has 5 units but its credit notes take 6" in found
