"""`python -m ui.tools.paper_screenshots [FOLDER] [LANGUAGE]`: each document GESTCO prints,
for a small Moroccan shop's order, rendered to PNG at 110 dpi (offscreen):
FOLDER/<folder>/<kind>[-<page>].png (default docs/screenshots, every language of FOLDERS:
paper-fr, paper-en, ar/paper for Arabic, ar/paper-fr-ar for French with Arabic). The
invoice of a long order (80 lines) shows its second page: the header row repeated, the page
x/y footer. The Arabic documents are a client's with an Arabic name, printed as the shop's
setting document_language asks (the window in French for the bilingual ones)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from gestco.storage import binding, opening

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
FOLDERS = {"fr": "paper-fr", "en": "paper-en", "ar": "ar/paper", "fr+ar": "ar/paper-fr-ar"}
LANGUAGES = tuple(FOLDERS)


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots")
    if len(argv) > 1:
        return render(out, argv[1])
    for language in LANGUAGES:
        command = [sys.executable, "-m", "ui.tools.paper_screenshots", str(out), language]
        if subprocess.run(command).returncode:
            return 1
    return 0


def sample_shop(*, long_lines: int = 80, logo: str = "", arabic: bool = False) -> tuple[str, str]:
    """In the open database: the shop's identity, a client's order with a deposit, and a long
    order; returns their numbers. `arabic`: the client's name and address in Arabic."""
    from gestco.domain.legal_identity import ShopIdentity
    from gestco.domain.records import ClientInput, LineInput, ProductInput
    from gestco.services import clients, orders, payments, settings, stock

    settings.set_shop_identity(
        ShopIdentity(
            name="Épicerie Fine Benali",
            address="12 rue Souika\n10000 Rabat",
            phone="0537123456",
            email="contact@benali.ma",
            ice="001561191000066",
            tax_id="12345678",
            rc="98765",
            rc_court="Rabat",
            patente="25123456",
            cnss="1234567",
            logo_path=logo,
            footer="Merci de votre visite · Ouvert du lundi au samedi, 9 h – 20 h",
            terms="Marchandise vendue ni reprise ni échangée après 7 jours. Paiement à la"
            " livraison pour le solde.",
        )
    )
    first, last, street, city = (
        ("محمد", "العلوي", "4 شارع الحسن الثاني، الشقة 7", "الرباط")
        if arabic
        else ("Amina", "El Idrissi", "4 avenue Hassan II, appt 7", "Rabat")
    )
    client = clients.create_client(
        ClientInput(
            phone="0612345678",
            first_name=first,
            last_name=last,
            address=street,
            postal_code="10020",
            city=city,
            email="amina@example.ma",
        )
    )
    rows = [
        ("CAF-250", "Café arabica moulu 250 g", "45.00", "20", 3),
        ("THE-100", "Thé vert à la menthe 100 g", "12.35", "10", 2),
        ("HUI-1L", "Huile d'olive vierge extra 1 L", "89.90", "14", 1),
        ("AMB-SAV", "Savon noir à l'eucalyptus", "25.00", "20", 4),
        ("DAT-500", "Dattes Medjool 500 g", "60.00", "0", 2),
    ]
    made = [
        stock.create_product(
            ProductInput(sku=sku, name=name, unit_price=price, tax_rate=rate), initial_stock=500
        )
        for sku, name, price, rate, _ in rows
    ]
    order = orders.create_order(
        client_id=client.id,
        lines=[
            LineInput(product_id=p.id, quantity=q, discount="5" if p.sku == "HUI-1L" else 0)
            for p, (*_, q) in zip(made, rows, strict=True)
        ],
        shipping_date=date.today() + timedelta(days=3),
        notes="Livrer après 17 h, sonner deux fois.",
    )
    payments.record_payment(order_id=order.id, amount="150", method="cash")
    payments.record_payment(order_id=order.id, amount="100", method="card", reference="TPE 4471")
    long = orders.create_order(
        client_id=client.id,
        lines=[
            LineInput(product_id=made[i % len(made)].id, quantity=1 + i % 3)
            for i in range(long_lines)
        ],
    )
    return order.number, long.number


def _draw_logo(path: Path) -> str:
    """A shop's logo as a shop would have one: a round badge with its initials."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(240, 240, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#7a4b2a"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(8, 8, 224, 224))
    painter.setPen(QColor("white"))
    font = QFont("DejaVu Serif")
    font.setPixelSize(96)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, 240, 240), Qt.AlignmentFlag.AlignCenter, "EB")
    painter.end()
    image.save(str(path))
    return str(path)


def render(out: Path, language: str) -> int:
    from PySide6.QtCore import QSettings

    from gestco.domain.legal_identity import DocumentKind
    from gestco.services import invoices, paper, session, settings
    from ui.app import make_application
    from ui.printing.pages import page_images
    from ui.runtime.languages import install_qt_locale, install_translator

    with tempfile.TemporaryDirectory() as scratch:
        os.environ["GESTCO_DATA_DIR"] = scratch
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        app = make_application(["gestco"])
        window = language.split("+")[0]  # the bilingual documents from a French window
        install_translator(app, window)
        install_qt_locale(window)
        opening.open_database(Path(scratch) / "paper.sqlite3")
        session.sign_in_owner("amina.c")
        try:
            logo = _draw_logo(Path(scratch) / "logo.png")
            number, long = sample_shop(logo=logo, arabic="ar" in language)
            settings.set_setting("document_language", language)
            invoice = paper.invoice_paper_for_order(number)
            credit = invoices.issue_credit_note(invoice_number=invoice.number, lines={"THE-100": 1})
            papers = {
                "slip": paper.order_paper(number, DocumentKind.ORDER_SLIP),
                "delivery": paper.order_paper(number, DocumentKind.DELIVERY_NOTE),
                "receipt": paper.order_paper(number, DocumentKind.RECEIPT),
                "invoice": invoice,
                "credit": paper.document_paper(credit.number),
                "invoice-long": paper.invoice_paper_for_order(long),
            }
            folder = out / FOLDERS[language]
            folder.mkdir(parents=True, exist_ok=True)
            for name, value in papers.items():
                images = page_images(value)
                for index, image in enumerate(images):
                    suffix = f"-{index + 1}" if len(images) > 1 else ""
                    image.save(str(folder / f"{name}{suffix}.png"))
                print(folder / name, len(images), "page(s)")
        finally:
            binding.close_database()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
