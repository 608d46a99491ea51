"""The invoices list: filtered by dates, client, number and kind, newest first, with the name
the document printed; its export rows oldest first."""

from __future__ import annotations

import datetime as dt

import pytest

from gestco.domain.legal_identity import ShopIdentity
from gestco.domain.records import ClientInput
from gestco.services import clients, invoices, settings
from gestco.services.invoice_list import InvoiceFilter, invoice_rows, list_invoices
from tests.support.shop import Shop

TODAY = dt.date.today()
YEAR = TODAY.year


@pytest.fixture
def issued(shop: Shop):
    settings.set_shop_identity(
        ShopIdentity(
            name="É",
            address="1 rue",
            ice="001561191000066",
            tax_id="1",
            rc="2",
            rc_court="Rabat",
            patente="3",
        )
    )
    amina, karim = shop.client(), shop.client(phone="0698765432", first="Karim", last="Alaoui")
    product = shop.product(stock_qty=100)
    first = invoices.issue_invoice(order_id=shop.order(amina.id, (product.id, 1)).id)
    second = invoices.issue_invoice(order_id=shop.order(karim.id, (product.id, 2)).id)
    credit = invoices.issue_credit_note(invoice_number=second.number)
    return amina, karim, first, second, credit


def test_the_list_and_its_filters(issued) -> None:
    _amina, karim, first, second, credit = issued
    assert [s.number for s in list_invoices()] == [credit.number, second.number, first.number]
    by_karim = list_invoices(InvoiceFilter(client_id=karim.id))
    assert [(s.number, s.credited_number) for s in by_karim] == [
        (credit.number, second.number),
        (second.number, ""),
    ]
    assert [s.number for s in list_invoices(InvoiceFilter(kind="credit_note"))] == [credit.number]
    assert [s.number for s in list_invoices(InvoiceFilter(number=f"fac-{YEAR}-1"))] == [
        first.number
    ]
    assert len(list_invoices(InvoiceFilter(number=f"{YEAR}-00000"))) == 2  # a number begun
    assert list_invoices(InvoiceFilter(since=TODAY + dt.timedelta(days=1))) == []
    assert len(list_invoices(InvoiceFilter(since=TODAY, until=TODAY))) == 3
    assert list_invoices(InvoiceFilter(kind="nonsense")) == []
    assert list_invoices(InvoiceFilter(client_id=10**30)) == []


def test_the_name_is_the_one_printed(issued) -> None:
    amina, first = issued[0], issued[2]
    clients.update_client(amina.id, ClientInput(phone=amina.phone, last_name="Autre"))
    summary = next(s for s in list_invoices() if s.number == first.number)
    assert summary.client_name == "Amina Benali" and summary.total_cents == first.total_cents


def test_export_rows_oldest_first(issued) -> None:
    count, rows = invoice_rows()
    listed = list(rows)
    assert count == len(listed) == 3
    assert [r[0] for r in listed] == [issued[2].number, issued[3].number, issued[4].number]
    assert listed[2][5] == issued[3].number and listed[2][10] == issued[4].total_cents
