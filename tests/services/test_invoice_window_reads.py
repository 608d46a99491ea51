"""What the window reads of the invoices: an order's documents (the order view), the list's
one search field (a number begun or a client's name or phone), and its export off the
window's thread, the same file as `gestco export invoices` writes."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest

from gestco.domain.legal_identity import ShopIdentity
from gestco.services import invoices, settings
from gestco.services.export import MACHINE
from gestco.services.invoice_list import (
    InvoiceFilter,
    invoice_rows,
    invoices_in_worker,
    list_invoices,
)
from tests.support.shop import Shop

MOROCCAN = ShopIdentity(
    name="É",
    address="1 rue",
    ice="001561191000066",
    tax_id="1",
    rc="2",
    rc_court="Rabat",
    patente="3",
)


@pytest.fixture
def issued(shop: Shop):
    settings.set_shop_identity(MOROCCAN)
    amina = shop.client()
    karim = shop.client(phone="0698765432", first="Karim", last="Alaoui")
    product = shop.product(stock_qty=100)
    first_order = shop.order(amina.id, (product.id, 1))
    first = invoices.issue_invoice(order_id=first_order.id)
    second_order = shop.order(karim.id, (product.id, 2))
    second = invoices.issue_invoice(order_id=second_order.id)
    credit = invoices.issue_credit_note(invoice_number=second.number)
    return first_order, second_order, first, second, credit


def test_an_orders_documents_in_the_order_issued(issued) -> None:
    first_order, second_order, first, second, credit = issued
    assert invoices.documents_of_order(first_order.id) == ((first.number, "invoice"),)
    assert invoices.documents_of_order(second_order.id) == (
        (second.number, "invoice"),
        (credit.number, "credit_note"),
    )
    assert invoices.documents_of_order(10**30) == ()


def test_one_field_finds_a_number_or_a_client(issued) -> None:
    _o1, _o2, first, second, credit = issued
    numbers = {s.number for s in list_invoices(InvoiceFilter(typed="alaoui"))}
    assert numbers == {second.number, credit.number}
    assert {s.number for s in list_invoices(InvoiceFilter(typed="0698 76"))} == numbers
    assert [s.number for s in list_invoices(InvoiceFilter(typed=first.number.lower()))] == [
        first.number
    ]
    assert list_invoices(InvoiceFilter(typed="Personne")) == []


def test_the_export_off_the_windows_thread_is_the_commands(issued, tmp_path: Path) -> None:
    target = tmp_path / "invoices.csv"
    written: list[int] = []

    def work() -> None:
        written.append(
            invoices_in_worker(
                target, flt=InvoiceFilter(typed="alaoui"), fmt="csv", sheet="x", how=MACHINE
            )
        )

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert written == [2]
    with target.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    count, expected = invoice_rows(InvoiceFilter(typed="alaoui"))
    assert count == 2 and len(rows) == 3 and rows[1][0] == next(expected)[0]


def test_a_credit_notes_reason_is_kept_and_audited(shop: Shop) -> None:
    import json

    from gestco.services import audit
    from gestco.storage.money_models import Invoices

    settings.set_shop_identity(MOROCCAN)
    product = shop.product(stock_qty=10)
    order = shop.order(shop.client().id, (product.id, 3))
    invoice = invoices.issue_invoice(order_id=order.id)
    note = invoices.issue_credit_note(
        invoice_number=invoice.number, lines={product.sku: 1}, reason="  Article abîmé "
    )
    kept = Invoices.get(Invoices.number == note.number)
    assert json.loads(kept.snapshot)["reason"] == "Article abîmé"
    trail = audit.record_trail("invoices", note.id)
    assert trail and {e.note for e in trail} == {"Article abîmé"}
    assert invoices.left_to_credit(invoice.number) == {1: 2}
