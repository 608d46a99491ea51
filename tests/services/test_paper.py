"""What each paper says, assembled Qt-free (gestco.services.paper): an order's slip with its
lines, totals, payments and balance; an invoice and a credit note as issued; the legal
identifiers of the shop's country; refused when the shop lacks one the law asks, when
nobody is signed in, for a number of the wrong kind; a PDF written over nothing but a PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from gestco.domain.documents import closing_sentence
from gestco.domain.errors import (
    MissingIdentifiers,
    NotFoundError,
    PermissionDenied,
    ValidationError,
)
from gestco.domain.legal_identity import DocumentKind, ShopIdentity
from gestco.services import invoices, paper, payments, session, settings
from gestco.storage import raw_sql
from tests.support.shop import Shop

YEAR = dt.date.today().year
SHOP = ShopIdentity(
    name="Épicerie Benali",
    address="12 rue Souika\nRabat",
    ice="001561191000066",
    tax_id="12345678",
    rc="98765",
    rc_court="Rabat",
    patente="25123456",
)


@pytest.fixture
def sale(shop: Shop):
    """3 coffees at 45.00 (VAT 20 %) and 2 teas at 12.35 (VAT 10 %), 50.00 paid in cash."""
    settings.set_shop_identity(SHOP)
    client = shop.client()
    coffee = shop.product(sku="CAF-250", price="45.00", stock_qty=50, tax="20")
    tea = shop.product(sku="THE-100", name="Thé vert", price="12.35", stock_qty=50, tax="10")
    order = shop.order(
        client.id, (coffee.id, 3), (tea.id, 2), shipping_date=dt.date.today() + dt.timedelta(2)
    )
    payments.record_payment(order_id=order.id, amount="50", method="cash", reference="T1")
    return order


def test_a_slip_holds_the_order_its_payments_and_balance(sale) -> None:
    slip = paper.order_paper(sale.number.lower().replace("cmd-", ""), DocumentKind.ORDER_SLIP)
    assert (slip.kind, slip.number, slip.qr_payload) == ("slip", sale.number, sale.number)
    assert [(x.sku, x.quantity, x.total_cents) for x in slip.lines] == [
        ("CAF-250", 3, 13500),
        ("THE-100", 2, 2470),
    ]
    assert (slip.total_excl_cents + slip.total_tax_cents, slip.total_cents) == (15970, 15970)
    assert [(v.rate_bp, v.total_cents) for v in slip.vat] == [(1000, 2470), (2000, 13500)]
    assert [(p.amount_cents, p.method, p.reference) for p in slip.payments] == [
        (5000, "cash", "T1")
    ]
    assert (slip.received_cents, slip.balance_cents) == (5000, 10970)
    assert slip.shipping_date == sale.shipping_date and slip.operator == "tester"
    assert slip.client.name == "Amina Benali" and slip.client.phone == "+212612345678"
    # Morocco: the identifiers in the order a reader expects, the RC with its court.
    assert slip.identifiers == (
        ("ice", "001561191000066"),
        ("tax_id", "12345678"),
        ("rc", "98765 (Rabat)"),
        ("patente", "25123456"),
    )


def test_an_invoice_paper_is_the_invoice_as_issued(sale) -> None:
    issued = paper.invoice_paper_for_order(sale.number)
    assert issued.kind == "invoice" and issued.number == f"FAC-{YEAR}-000001"
    assert issued.order_number == sale.number and issued.balance_cents == 10970
    assert issued.words == closing_sentence("invoice", 15970)
    # Asked again: the same invoice, not a second one.
    assert paper.invoice_paper_for_order(sale.number).number == issued.number
    assert paper.standing_invoice(sale.number) == issued.number
    settings.set_shop_identity(replace(SHOP, name="Autre nom"))
    assert paper.document_paper(issued.number).shop.name == "Épicerie Benali"  # its snapshot
    credit = invoices.issue_credit_note(invoice_number=issued.number, lines={"THE-100": 1})
    note = paper.paper_for("credit", credit.number)
    assert note.kind == "credit" and note.credited_number == issued.number
    assert [(x.sku, x.quantity) for x in note.lines] == [("THE-100", 1)]
    assert paper.paper_for("invoice", issued.number).number == issued.number


def test_a_number_of_the_wrong_kind_is_refused(sale) -> None:
    issued = paper.invoice_paper_for_order(sale.number)
    with pytest.raises(ValidationError, match="not a credit note"):
        paper.paper_for("credit", issued.number)
    with pytest.raises(NotFoundError, match="No order"):
        paper.paper_for("slip", f"CMD-{YEAR}-000099")
    with pytest.raises(NotFoundError):
        paper.paper_for("invoice", f"FAC-{YEAR}-000099")


def test_a_paper_the_law_needs_an_identifier_for_is_refused_naming_it(sale) -> None:
    settings.set_shop_identity(replace(SHOP, ice=""))
    with pytest.raises(MissingIdentifiers) as refused:
        paper.order_paper(sale.number, DocumentKind.DELIVERY_NOTE)
    assert refused.value.missing == ("ice",)
    with pytest.raises(MissingIdentifiers, match="This invoice cannot be issued"):
        paper.invoice_paper_for_order(sale.number)
    assert raw_sql.fetch_all("SELECT count(*) FROM invoices") == [(0,)]
    # France asks only the name on an order's papers: a French shop prints its slip.
    settings.set_shop_identity(ShopIdentity(name="Épicerie de Lyon", country="FR"))
    slip = paper.order_paper(sale.number, DocumentKind.ORDER_SLIP)
    assert slip.identifiers == ()


def test_reading_needs_someone_signed_in(sale) -> None:
    session.sign_out()
    with pytest.raises(PermissionDenied):
        paper.order_paper(sale.number, DocumentKind.RECEIPT)


def test_a_pdf_goes_over_nothing_but_a_pdf(db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "bon.pdf"
    paper.write_pdf(target, b"%PDF-1.4 first")
    paper.write_pdf(target, b"%PDF-1.4 again")  # a PDF is replaced
    assert target.read_bytes() == b"%PDF-1.4 again"
    notes = tmp_path / "notes.pdf"
    notes.write_text("a letter, named .pdf by mistake")
    with pytest.raises(ValidationError, match="is not a PDF"):
        paper.write_pdf(notes, b"%PDF-1.4")
    assert notes.read_text() == "a letter, named .pdf by mistake"
    with pytest.raises(ValidationError, match=r"does not end in \.pdf"):
        paper.refuse_pdf_target(tmp_path / "bon.txt")
    if db_path.exists():  # the SQLite file (a server's tests have none)
        disguised = tmp_path / "shop.pdf"
        disguised.symlink_to(db_path)
        with pytest.raises(ValidationError, match="database"):
            paper.write_pdf(disguised, b"%PDF-1.4")
