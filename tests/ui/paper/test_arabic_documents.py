"""The documents in Arabic and in French with Arabic (the shop's setting document_language),
whatever the window's language: the labels from the document's own catalogue (the .ts's
translations), Noto Sans Arabic embedded, an Arabic document laid out right to left (its
blocks' direction, the shop on the right, the columns from the right), numbers and names
isolated, amounts in the document's locale, the Arabic sentence in words; an Arabic client's
name on a French document."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage, QTextDocument

from gestco.domain.arabic_amounts import arabic_closing_sentence
from gestco.domain.legal_identity import DocumentKind
from gestco.services import invoices, paper, settings
from ui.display import bidi
from ui.printing.layout import build_document
from ui.printing.pages import pdf_bytes
from ui.printing.speech import Speech
from ui.runtime import fonts

CATALOGUES = Path(__file__).resolve().parents[3] / "resources" / "translations"
RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
KINDS = ("slip", "delivery", "receipt", "invoice", "credit")


def _paper_context(language: str) -> dict[str, str]:
    root = ET.parse(CATALOGUES / f"gestco_{language}.ts").getroot()
    (context,) = [c for c in root if c.findtext("name") == "paper"]
    return {m.findtext("source") or "": m.findtext("translation") or "" for m in context}


ARABIC, FRENCH = _paper_context("ar"), _paper_context("fr")


@pytest.fixture
def papers(orders_to_print) -> dict[str, paper.Paper]:
    number, _long = orders_to_print
    invoice = paper.invoice_paper_for_order(number)
    credit = invoices.issue_credit_note(invoice_number=invoice.number, lines={"THE-100": 1})
    return {
        "slip": paper.order_paper(number, DocumentKind.ORDER_SLIP),
        "delivery": paper.order_paper(number, DocumentKind.DELIVERY_NOTE),
        "receipt": paper.order_paper(number, DocumentKind.RECEIPT),
        "invoice": invoice,
        "credit": paper.document_paper(credit.number),
    }


def _document(value: paper.Paper) -> QTextDocument:
    probe = QImage(8, 8, QImage.Format.Format_RGB32)
    document = build_document(value, probe, receipt=value.kind == DocumentKind.RECEIPT)
    document.setTextWidth(700)
    return document


def _text(value: paper.Paper) -> str:
    return bidi.strip(_document(value).toPlainText())


def _blocks(document: QTextDocument):
    block = document.begin()
    while block.isValid():
        if block.text().strip():
            yield block
        block = block.next()


def _x_of(document: QTextDocument, needle: str) -> float:
    """Where `needle` starts on the page (document coordinates): its block's place plus the
    line's x at its first letter's far side."""
    for block in _blocks(document):
        at = block.text().find(needle)
        if at >= 0:
            layout = block.layout()
            line = layout.lineForTextPosition(at + 1)
            box = document.documentLayout().blockBoundingRect(block)
            return box.left() + line.cursorToX(at + 1)[0]
    raise AssertionError(f"{needle!r} is not in the document")


def _embedded_fonts(data: bytes) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"])
        for page in pypdf.PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }


@pytest.mark.parametrize("language", ["ar", "fr+ar"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_document_embeds_the_arabic_font_and_says_its_labels_in_arabic(
    papers, language, kind
) -> None:
    value = replace(papers[kind], language=language)
    embedded = _embedded_fonts(pdf_bytes(value))
    assert any("NotoSansArabic" in name for name in embedded), embedded
    text = _text(value)
    title = {
        "slip": "Order slip",
        "delivery": "Delivery note",
        "receipt": "Receipt",
        "invoice": "Invoice",
        "credit": "Credit note",
    }[kind]
    label = "Received in good order" if kind == "delivery" else "Total excl. VAT"
    assert ARABIC[title] in text and ARABIC[label] in text
    assert kind == "receipt" or ARABIC["Qty"] in text  # the receipt's lines have no heads
    if language == "ar":
        assert FRENCH[title].upper() not in text and title.upper() not in text
        assert FRENCH[label] not in text and label not in text
    else:  # French first, the Arabic with it
        assert FRENCH[title].upper() in text and FRENCH[label] in text
        assert text.index(FRENCH[title].upper()) < text.index(ARABIC[title])


@pytest.mark.parametrize("kind", KINDS)
def test_an_arabic_document_runs_right_to_left(papers, kind) -> None:
    document = _document(replace(papers[kind], language="ar"))
    directions = {block.text()[:20]: block.textDirection() for block in _blocks(document)}
    assert set(directions.values()) == {RTL}, directions
    if kind == "receipt":
        # One column: an item's amount at the line's start (the left), its words at the end.
        assert _x_of(document, "135,00") < _x_of(document, "Café arabica")
        return
    # The reference column the rightmost, its codes on the right of the descriptions.
    assert _x_of(document, ARABIC["Ref."]) > _x_of(document, ARABIC["Description"])
    assert _x_of(document, "THE-100") > _x_of(document, "Thé vert")
    french = _document(replace(papers[kind], language="fr"))
    assert _x_of(french, "Réf.") < _x_of(french, "Désignation")
    assert {block.textDirection() for block in _blocks(french)} == {LTR}


def test_an_arabic_document_mirrors_its_header(papers) -> None:
    value = replace(papers["invoice"], language="ar")
    document = _document(value)
    title = ARABIC["Invoice"]
    assert _x_of(document, "Épicerie Fine Benali") > _x_of(document, title) + 200
    french = _document(replace(value, language="fr"))
    assert _x_of(french, "Épicerie Fine Benali") < _x_of(french, "FACTURE") - 200


def test_numbers_inside_arabic_text_are_isolated(papers) -> None:
    value = replace(papers["invoice"], language="ar")
    raw = _document(value).toPlainText()
    for number in (value.number, value.order_number, "06 12 34 56 78", "CAF-250", "465,11"):
        assert f"{bidi.LRI}{number}{bidi.PDI}" in raw, number
    # The French window's documents, unchanged: no isolate around a number.
    french = _document(replace(value, language="fr")).toPlainText()
    assert bidi.LRI not in french


def test_amounts_in_the_document_s_locale_not_the_window_s(papers) -> None:
    invoice = papers["invoice"]  # the window in English (no catalogue installed)
    assert "465.11" in _text(invoice) and "465,11" not in _text(invoice)
    french = _text(replace(invoice, language="fr"))
    assert "Total TTC (MAD) 465,11" in french.replace("\n", " ") or "465,11" in french
    assert "465.11" not in french
    arabic = _text(replace(invoice, language="ar"))
    assert "465,11" in arabic and "465.11" not in arabic
    assert "1.234" in Speech("ar").money(123456) and "1,234" in Speech("en").money(123456)


@pytest.mark.parametrize("language", ["ar", "fr+ar"])
def test_an_arabic_invoice_says_its_total_in_arabic_words(papers, language) -> None:
    for kind, credit in (("invoice", False), ("credit", True)):
        value = replace(papers[kind], language=language)
        text = _text(value)
        sentence = arabic_closing_sentence(credit, value.total_cents, value.currency)
        assert sentence in text
        assert (value.words in text) == (language == "fr+ar")  # the issued French one
    assert "أربعمائة وخمسة وستون درهمًا وأحد عشر سنتيمًا" in _text(
        replace(papers["invoice"], language="ar")
    )
    assert "درهم" not in _text(papers["invoice"])  # English, as before


def test_the_setting_decides_and_the_window_does_not(orders_to_print, french) -> None:
    number, _long = orders_to_print
    slip = paper.order_paper(number, DocumentKind.ORDER_SLIP)
    assert "BON DE COMMANDE" in _text(slip)  # "": the window's language (French here)
    settings.set_setting("document_language", "ar")
    arabic = paper.order_paper(number, DocumentKind.ORDER_SLIP)
    assert ARABIC["Order slip"] in _text(arabic) and "BON DE COMMANDE" not in _text(arabic)
    settings.set_setting("document_language", "en")
    assert "ORDER SLIP" in _text(paper.order_paper(number, DocumentKind.ORDER_SLIP))


ARABIC_NAME = "محمد العلوي"


def test_an_arabic_client_on_a_french_document(papers) -> None:
    client = replace(papers["invoice"].client, name=ARABIC_NAME)
    value = replace(papers["invoice"], language="fr", client=client)
    data = pdf_bytes(value)
    assert any("NotoSansArabic" in name for name in _embedded_fonts(data))
    document = _document(value)
    raw = document.toPlainText()
    assert f"{bidi.FSI}{ARABIC_NAME}{bidi.PDI}" in raw
    # The client's box stays left to right though it opens on an Arabic name: its phone
    # written from the left, as on any French document.
    (box,) = [b for b in _blocks(document) if ARABIC_NAME in b.text()]
    assert box.textDirection() == LTR
    assert _x_of(document, "06 12") < _x_of(document, "56 78")


def test_a_number_after_an_arabic_name_keeps_its_place() -> None:
    """The isolate keeps "06 12 34 56 78" after the name in a French line; without it the
    bidirectional algorithm would pull the number into the name's run, on its left."""

    def place(name: str) -> tuple[float, float]:
        document = QTextDocument()
        font = QFont()
        font.setFamilies(fonts.document_families())
        document.setDefaultFont(font)
        document.setPlainText(f"Client : {name} 06 12 34 56 78")
        document.setTextWidth(800)
        document.size()
        return _x_of(document, ARABIC_NAME[1:]), _x_of(document, "06 12")

    name_x, number_x = place(Speech("fr").name(ARABIC_NAME))
    assert number_x > name_x
    bare_name_x, bare_number_x = place(ARABIC_NAME)
    assert bare_number_x < bare_name_x  # what the isolate is for
