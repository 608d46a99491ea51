"""The documents as PDFs, read back as text (pypdf): the shop's legal mentions, the lines, the
totals, the VAT summary, the payments and the balance, the amount in words; a long invoice's
header row again on page 2 and its page x/y; the receipt 80 mm wide; fonts embedded."""

from __future__ import annotations

import io

import pypdf
import pytest

from gestco.domain.legal_identity import DocumentKind
from gestco.services import invoices, paper
from ui.printing.pages import page_images, pdf_bytes

MM = 72 / 25.4  # PDF points per millimetre


def _pages(data: bytes) -> list[str]:
    """Each page's text, its words joined by single spaces (pypdf puts tabs between some)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_the_invoice_says_what_the_law_and_the_client_need(orders_to_print, french) -> None:
    number, _long = orders_to_print
    invoice = paper.invoice_paper_for_order(number)
    data = pdf_bytes(invoice)
    (text,) = _pages(data)
    # The shop and its Moroccan identifiers, the client, the numbers.
    for mention in (
        "Épicerie Fine Benali",
        "ICE : 001561191000066",
        "IF : 12345678",
        "RC : 98765 (Rabat)",
        "Patente : 25123456",
        "CNSS : 1234567",
        "FACTURE",
        f"N° {invoice.number}",
        f"Commande {number}",
        "Amina El Idrissi",
        "06 12 34 56 78",
    ):
        assert mention in text, mention
    # The lines: reference, description, quantity, unit price, discount, rate, total.
    assert "CAF-250 Café arabica moulu 250 g 3 45,00 20 % 135,00" in text
    assert "HUI-1L Huile d'olive vierge extra 1 L 1 89,90 5 % 14 % 85,41" in text
    assert "DAT-500 Dattes Medjool 500 g 2 60,00 0 % 120,00" in text
    # The VAT summary per rate (base, VAT, total), then HT/TVA/TTC.
    assert "Taux TVA Base HT Montant TVA Total TTC" in text
    for row in ("0 % 120,00 0,00 120,00", "10 % 22,45 2,25 24,70", "20 % 195,83 39,17 235,00"):
        assert row in text, row
    assert "Total HT 413,20" in text and "Total TVA 51,91" in text
    assert "Total TTC (MAD) 465,11" in text
    # The payments received and the balance, the amount in words, the terms.
    assert "espèces 150,00" in text and "carte TPE 4471 100,00" in text
    assert "Total reçu 250,00" in text and "Reste à payer (MAD) 215,11" in text
    assert (
        "Arrêtée la présente facture à la somme de quatre cent soixante-cinq dirhams et onze"
        " centimes TTC." in text
    )
    assert "Marchandise vendue ni reprise" in text and "Page 1/1" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in pypdf.PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all(
        "/FontFile2" in font.get_object()["/DescendantFonts"][0]["/FontDescriptor"]
        for page in pypdf.PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    ), "a font is not embedded"


def test_a_long_invoice_repeats_its_header_and_numbers_its_pages(orders_to_print) -> None:
    _number, long = orders_to_print
    pages = _pages(pdf_bytes(paper.invoice_paper_for_order(long)))
    assert len(pages) >= 2
    header = "Ref. Description Qty Unit price Disc. VAT Total incl. VAT"
    for index, text in enumerate(pages, start=1):
        assert header in text, f"page {index} has no header row"
        assert f"Page {index}/{len(pages)}" in text
    assert pages[1].index(header) < 20  # at the top of page 2, before its first line
    assert "Total incl. VAT (MAD)" in pages[-1] and "Total incl. VAT (MAD)" not in pages[0]
    lines = sum(text.count("Medjool") for text in pages)
    assert lines == 16  # every 5th of the 80 lines, none lost or printed twice at a break


def test_the_slip_the_delivery_note_and_the_receipt(orders_to_print) -> None:
    number, _long = orders_to_print
    (slip,) = _pages(pdf_bytes(paper.order_paper(number, DocumentKind.ORDER_SLIP)))
    assert "ORDER SLIP" in slip and f"No. {number}" in slip and "Served by amina.c" in slip
    assert "Expected on" in slip and "Balance due (MAD) 215.11" in slip
    assert "Livrer après 17 h" in slip  # the order's remarks
    (note,) = _pages(pdf_bytes(paper.order_paper(number, DocumentKind.DELIVERY_NOTE)))
    assert "DELIVERY NOTE" in note and "Received in good order" in note
    assert "Date, name and signature of the client" in note
    assert "CAF-250 Café arabica moulu 250 g 3" in note
    assert "45.00" not in note and "Balance due" not in note  # no prices unless asked
    priced = _pages(
        pdf_bytes(paper.order_paper(number, DocumentKind.DELIVERY_NOTE), delivery_prices=True)
    )[0]
    assert "45.00" in priced and "Total incl. VAT (MAD) 465.11" in priced
    receipt = paper.order_paper(number, DocumentKind.RECEIPT)
    data = pdf_bytes(receipt)
    (text,) = _pages(data)
    assert "RECEIPT" in text and "3 × 45.00 135.00" in text and "Balance due (MAD) 215.11" in text
    (page,) = pypdf.PdfReader(io.BytesIO(data)).pages
    assert float(page.mediabox.width) / MM == pytest.approx(80, abs=0.5)
    height = float(page.mediabox.height) / MM
    assert 100 < height < 250  # as tall as its content: not an A4 page
    (image,) = page_images(receipt, dpi=110)
    assert image.width() == round(80 / 25.4 * 110)


def test_a_credit_note_names_the_invoice_it_corrects(orders_to_print) -> None:
    number, _long = orders_to_print
    invoice = paper.invoice_paper_for_order(number)
    credit = invoices.issue_credit_note(invoice_number=invoice.number, lines={"THE-100": 1})
    (text,) = _pages(pdf_bytes(paper.document_paper(credit.number)))
    assert "CREDIT NOTE" in text and f"Credit note on invoice {invoice.number}" in text
    assert "THE-100" in text and "CAF-250" not in text
    assert (
        "Arrêté le présent avoir à la somme de douze dirhams et trente-cinq centimes TTC." in text
    )


def test_a_french_shop_prints_its_own_identifiers(orders_to_print) -> None:
    from dataclasses import replace

    from gestco.services import settings

    number, _long = orders_to_print
    settings.set_shop_identity(
        replace(
            settings.shop_identity(),
            country="FR",
            siren="303265045",
            vat_number="FR 40 303 265 045",
            rcs="RCS Paris 303 265 045",
        )
    )
    settings.set_setting("currency", "EUR")
    (text,) = _pages(pdf_bytes(paper.invoice_paper_for_order(number)))
    assert "SIREN/SIRET : 303265045" in text and "VAT no. : FR40303265045" in text
    assert "RCS : RCS Paris 303 265 045" in text
    assert "ICE :" not in text  # a Moroccan identifier, kept in the settings, not printed
    assert "Total incl. VAT (EUR) 465.11" in text
    assert "quatre cent soixante-cinq euros et onze centimes TTC." in text
