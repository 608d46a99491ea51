"""Invoices and credit notes: numbered gap-free per year, each figure against one computed here
(lines, VAT per rate, HT/TVA/TTC, words, payments and balance), the snapshot unchanged by
later changes of the product, the client, the shop and the order, append-only in the
database, refused with nothing written (cancelled, invoiced already, identifiers missing,
over-credit)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

from gestco.domain.documents import amount_in_words, closing_sentence, parse_document_number
from gestco.domain.errors import MissingIdentifiers, NotFoundError, ValidationError
from gestco.domain.legal_identity import ShopIdentity
from gestco.domain.records import ClientInput, ProductInput
from gestco.services import audit, clients, invoices, payments, settings, stock
from gestco.storage import raw_sql
from tests.support.shop import Shop, advance
from tests.support.staff import everything

YEAR = dt.date.today().year
SHOP = ShopIdentity(
    name="Épicerie Benali",
    address="12 rue Souika, Rabat",
    ice="001561191000066",
    tax_id="12345678",
    rc="98765",
    rc_court="Rabat",
    patente="25123456",
)


@pytest.fixture
def sale(shop: Shop):
    """A client's order of 3 coffees at 45.00 (VAT 20 %) and 2 teas at 12.35 (VAT 10 %),
    50.00 paid."""
    settings.set_shop_identity(SHOP)
    client = shop.client()
    coffee = shop.product(sku="CAF-250", price="45.00", stock_qty=50, tax="20")
    tea = shop.product(sku="THE-100", name="Thé vert", price="12.35", stock_qty=50, tax="10")
    order = shop.order(client.id, (coffee.id, 3), (tea.id, 2))
    payments.record_payment(order_id=order.id, amount="50", method="cash")
    return order, client, coffee, tea


def _cents(value: Decimal) -> int:
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _expected_line(quantity: int, unit: str, rate: str) -> tuple[int, int]:
    """(TTC, TVA) of a tax-inclusive line, computed with Decimal here."""
    total = Decimal(unit) * quantity
    excl = (total / (1 + Decimal(rate) / 100)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return _cents(total), _cents(total) - _cents(excl)


def test_an_invoice_holds_what_the_order_says(sale) -> None:
    order, client, _coffee, _tea = sale
    invoice = invoices.issue_invoice(order_id=order.id)
    assert invoice.number == f"FAC-{YEAR}-000001" and invoice.kind == "invoice"
    assert "orders" in invoice.changes
    coffee_line, tea_line = _expected_line(3, "45.00", "20"), _expected_line(2, "12.35", "10")
    assert [
        (line.sku, line.quantity, line.total_cents, line.tax_cents) for line in invoice.lines
    ] == [
        ("CAF-250", 3, *coffee_line),
        ("THE-100", 2, *tea_line),
    ]
    # The VAT summary per rate: base, VAT, total.
    per_rate: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for rate, (total, tax) in ((1000, tea_line), (2000, coffee_line)):
        per_rate[rate][0] += total
        per_rate[rate][1] += tax
    assert [(v.rate_bp, v.base_cents, v.tax_cents, v.total_cents) for v in invoice.vat] == [
        (rate, total - tax, tax, total) for rate, (total, tax) in sorted(per_rate.items())
    ]
    ttc = coffee_line[0] + tea_line[0]
    tva = coffee_line[1] + tea_line[1]
    assert (invoice.total_excl_cents, invoice.total_tax_cents, invoice.total_cents) == (
        ttc - tva,
        tva,
        ttc,
    )
    assert ttc == order.total_cents == 13500 + 2470
    assert invoice.words == (
        "Arrêtée la présente facture à la somme de cent cinquante-neuf dirhams"
        " et soixante-dix centimes TTC."
    )
    assert [(p.amount_cents, p.method) for p in invoice.payments] == [(5000, "cash")]
    assert (invoice.received_cents, invoice.balance_cents) == (5000, ttc - 5000)
    assert invoice.client["name"] == client.display_name
    assert invoice.shop.ice == SHOP.ice and invoice.order_number == order.number
    assert invoices.get_document(f"fac-{YEAR}-1") == invoice


def test_the_snapshot_outlives_every_later_change(sale) -> None:
    order, client, coffee, _tea = sale
    issued = invoices.issue_invoice(order_id=order.id)
    stock.update_product(
        coffee.id, ProductInput(sku="CAF-250", name="Café robusta", unit_price=Decimal("99"))
    )
    clients.update_client(client.id, ClientInput(phone=client.phone, last_name="Changé"))
    settings.set_shop_identity(ShopIdentity(**{**_fields(SHOP), "name": "Autre nom"}))
    payments.record_payment(order_id=order.id, amount="20", method="card")
    again = invoices.get_document(issued.number)
    assert again == issued
    assert again.shop.name == "Épicerie Benali" and again.received_cents == 5000
    assert again.lines[0].description == issued.lines[0].description != "Café robusta"


def _fields(identity: ShopIdentity) -> dict[str, str]:
    from gestco.domain.legal_identity import FIELDS

    return {name: getattr(identity, name) for name in FIELDS}


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE invoices SET total_cents = 0",
        "DELETE FROM invoices",
        "UPDATE invoice_lines SET quantity = 1",
        "DELETE FROM invoice_lines",
    ],
)
def test_the_database_refuses_to_change_an_invoice(sale, sql: str) -> None:
    order = sale[0]
    issued = invoices.issue_invoice(order_id=order.id)
    with pytest.raises(Exception, match="append-only"):
        raw_sql.execute(sql)
    assert invoices.get_document(issued.number) == issued


def test_refusals_write_nothing(sale, shop: Shop) -> None:
    order, client, coffee, _tea = sale
    invoices.issue_invoice(order_id=order.id)
    before = everything()
    with pytest.raises(ValidationError, match="invoiced already"):
        invoices.issue_invoice(order_id=order.id)
    other = advance(shop.order(client.id, (coffee.id, 1)), "cancelled", note="doublon")
    before = everything()
    with pytest.raises(ValidationError, match="cancelled"):
        invoices.issue_invoice(order_id=other.id)
    with pytest.raises(NotFoundError):
        invoices.issue_invoice(order_id=10**12)
    assert everything() == before


def test_missing_identifiers_are_named_and_nothing_is_issued(sale) -> None:
    order = sale[0]
    settings.set_shop_identity(ShopIdentity(name="Épicerie", ice=SHOP.ice))
    before = everything()
    with pytest.raises(MissingIdentifiers) as refused:
        invoices.issue_invoice(order_id=order.id)
    assert refused.value.missing == ("address", "tax_id", "rc", "rc_court", "patente")
    assert "the RC's court" in refused.value.message
    assert everything() == before


def test_a_credit_note_for_all_of_an_invoice(sale) -> None:
    order = sale[0]
    invoice = invoices.issue_invoice(order_id=order.id)
    credit = invoices.issue_credit_note(invoice_number=invoice.number)
    assert credit.number == f"AV-{YEAR}-000001" and credit.credited_number == invoice.number
    assert credit.total_cents == invoice.total_cents and credit.vat == invoice.vat
    assert credit.words.startswith("Arrêté le présent avoir à la somme de cent cinquante-neuf")
    assert invoices.left_to_credit(invoice.number) == {1: 0, 2: 0}
    before = everything()
    with pytest.raises(ValidationError, match="credited in full"):
        invoices.issue_credit_note(invoice_number=invoice.number)
    assert everything() == before
    # Credited in full: the order may be invoiced again, with the next number.
    assert invoices.issue_invoice(order_id=order.id).number == f"FAC-{YEAR}-000002"


def test_credit_notes_for_some_lines_never_take_more_than_the_line(shop: Shop) -> None:
    settings.set_shop_identity(SHOP)
    client = shop.client()
    odd = shop.product(sku="ODD-1", price="3.33", stock_qty=50, tax="7")
    order = shop.order(client.id, (odd.id, 7))
    invoice = invoices.issue_invoice(order_id=order.id)
    line = invoice.lines[0]
    taken = []
    for units in (2, 3, 2):
        note = invoices.issue_credit_note(invoice_number=invoice.number, lines={"ODD-1": units})
        assert [(c.source_position, c.quantity) for c in note.lines] == [(1, units)]
        taken.append((note.lines[0].total_cents, note.lines[0].tax_cents))
        # Each share within a cent of the proportional amount, computed here.
        exact = Decimal(line.total_cents) * units / line.quantity
        assert abs(note.lines[0].total_cents - exact) <= 1
    assert sum(t for t, _ in taken) == line.total_cents
    assert sum(t for _, t in taken) == line.tax_cents
    assert [n.number for n in _notes()] == [f"AV-{YEAR}-00000{i}" for i in (1, 2, 3)]


def _notes():
    return [invoices.get_document(f"AV-{YEAR}-{i}") for i in (1, 2, 3)]


def test_over_crediting_is_refused_with_nothing_written(sale) -> None:
    order = sale[0]
    invoice = invoices.issue_invoice(order_id=order.id)
    invoices.issue_credit_note(invoice_number=invoice.number, lines={"CAF-250": 2})
    before = everything()
    with pytest.raises(ValidationError, match="Only 1 of CAF-250"):
        invoices.issue_credit_note(invoice_number=invoice.number, lines={"CAF-250": 2})
    with pytest.raises(ValidationError, match="no line"):
        invoices.issue_credit_note(invoice_number=invoice.number, lines={"NOPE": 1})
    with pytest.raises(ValidationError):
        invoices.issue_credit_note(invoice_number=invoice.number, lines={"CAF-250": 0})
    with pytest.raises(NotFoundError):
        invoices.issue_credit_note(invoice_number=f"AV-{YEAR}-1")  # a credit note's number
    assert everything() == before
    assert invoices.left_to_credit(invoice.number) == {1: 1, 2: 2}


def test_issuing_is_in_the_audit_trail(sale) -> None:
    invoice = invoices.issue_invoice(order_id=sale[0].id)
    trail = {e.field: e.new_value for e in audit.record_trail("invoices", invoice.id)}
    assert trail["number"] == invoice.number and trail["total_cents"] == str(invoice.total_cents)
    assert trail["order"] == sale[0].number


@pytest.mark.parametrize(
    ("cents", "words"),
    [
        (0, "zéro dirham"),
        (100, "un dirham"),
        (101, "un dirham et un centime"),
        (8050, "quatre-vingts dirhams et cinquante centimes"),
        (100_000_000, "un million de dirhams"),
        (
            123_456_789,
            "un million deux cent trente-quatre mille cinq cent soixante-sept dirhams"
            " et quatre-vingt-neuf centimes",
        ),
    ],
)
def test_amounts_in_words(cents: int, words: str) -> None:
    assert amount_in_words(cents) == words
    assert closing_sentence("invoice", cents).endswith(f"{words} TTC.")


def test_document_numbers_are_read_tolerantly() -> None:
    assert parse_document_number("fac 2026 42") == ("invoice", "FAC-2026-000042")
    assert parse_document_number("AV-2026-0000007") == ("credit_note", "AV-2026-000007")
    for typed in ("CMD-2026-1", "FAC-2026-0", "FAC-1999-1", "", None):
        with pytest.raises(ValidationError):
            parse_document_number(typed)
