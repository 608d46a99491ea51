"""The shop's details, issuing an invoice and a credit note from the order view, and the
invoices list, all with the keyboard; read back through the core. A clerk sees neither the
shop's details nor the invoices list, and is not offered a credit note."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from gestco.domain.legal_identity import ShopIdentity
from gestco.domain.permissions import Role
from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, invoices, orders, settings, shop_logo, stock
from gestco.services.invoice_list import InvoiceFilter, list_invoices
from gestco.storage import binding
from tests.support.keyboard import Keyboard, show
from tests.support.staff import signed_window
from tests.ui.test_operators_screen import when_shown
from ui.dialogs.invoices import InvoicesDialog
from ui.dialogs.shop_details import ShopDetailsDialog

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
PNG = Path(__file__).resolve().parents[2] / "resources" / "icons"
MOROCCAN = ShopIdentity(
    name="Épicerie Benali",
    address="12 rue Souika\nRabat",
    ice="001561191000066",
    tax_id="12345678",
    rc="98765",
    rc_court="Rabat",
    patente="25123456",
)


@pytest.fixture
def an_order(db_path):
    product = stock.create_product(
        ProductInput(sku="CAF-250", name="Cafe", unit_price=Decimal("45")), initial_stock=10
    )
    client = clients.create_client(
        ClientInput(phone="0612345678", first_name="Amina", last_name="Benali")
    )
    return orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=3)]
    )


def _shown(qtbot, widget) -> Keyboard:
    qtbot.addWidget(widget)
    show(qtbot, widget)
    return Keyboard(qtbot, widget)


def test_the_shop_details_typed_checked_and_saved(qtbot, window, tmp_path) -> None:
    dialog = ShopDetailsDialog(shop=window.services.shop)
    keys = _shown(qtbot, dialog)
    keys.press(Key.Key_N, ALT)
    assert keys.focused() is dialog.edits["name"]
    keys.type("Epicerie Benali")
    keys.press(Key.Key_Tab)
    keys.type("12 rue Souika")
    keys.press(Key.Key_Return)
    keys.type("Rabat")
    keys.press(Key.Key_I, ALT)
    keys.type("001561191000067")  # a wrong check digit
    keys.press(Key.Key_F, ALT)  # IF
    keys.type("12a")
    keys.press(Key.Key_Return)  # Save
    assert dialog.isVisible()
    assert dialog.errors["ice"].isVisible() and "check digits" in dialog.errors["ice"].text()
    assert dialog.errors["tax_id"].isVisible()
    assert keys.focused() is dialog.edits["ice"]
    assert settings.shop_identity() == ShopIdentity()  # nothing saved
    keys.type("001 561 191 000 066")
    assert not dialog.errors["ice"].isVisible()
    keys.press(Key.Key_F, ALT)
    keys.press(Key.Key_A, CTRL)
    keys.type("12345678")
    logo = next(PNG.glob("*.png"))
    assert dialog.choose_logo(str(logo))
    keys.press(Key.Key_D, ALT)  # the footer: Return there starts a new line, Ctrl+S saves
    keys.type("Merci")
    keys.press(Key.Key_Return)
    keys.type("de votre visite")
    keys.press(Key.Key_S, CTRL)
    shown = [label.text() for label in dialog.errors.values() if label.isVisible()]
    assert not dialog.isVisible(), (shown, dialog.banner.text())
    stored = settings.shop_identity()
    assert (stored.name, stored.address, stored.ice, stored.tax_id) == (
        "Epicerie Benali",
        "12 rue Souika\nRabat",
        "001561191000066",
        "12345678",
    )
    assert stored.footer == "Merci\nde votre visite"
    assert shop_logo.shop_logo() == logo.read_bytes()


def test_france_shows_its_own_identifiers(qtbot, window) -> None:
    dialog = ShopDetailsDialog(shop=window.services.shop)
    keys = _shown(qtbot, dialog)
    assert dialog.morocco_box.isVisible() and not dialog.france_box.isVisible()
    keys.press(Key.Key_C, ALT)
    assert keys.focused() is dialog.country_combo
    keys.press(Key.Key_Down)
    assert dialog.france_box.isVisible() and not dialog.morocco_box.isVisible()
    keys.press(Key.Key_N, ALT)
    keys.type("Boutique")
    dialog.edits["siren"].setFocus()
    keys.type("732 829 321")
    keys.press(Key.Key_Return)
    assert dialog.errors["siren"].isVisible() and settings.shop_identity().name == ""
    keys.press(Key.Key_A, CTRL)
    keys.type("732 829 320")
    keys.press(Key.Key_Return)
    assert (settings.shop_identity().country, settings.shop_identity().siren) == (
        "FR",
        "732829320",
    )


def _answer_yes(box, keys) -> None:
    """Yes, from the keyboard: the box opens on No (its default); Yes focused, then Space."""
    yes = box.button(QMessageBox.StandardButton.Yes)
    yes.setFocus()
    keys.press(Key.Key_Space)


def test_an_invoice_refused_names_the_missing_fields_then_issued_and_credited(
    qtbot, an_order
) -> None:
    window = signed_window(str(binding.database_path()), "gerant", Role.MANAGER)
    keys = _shown(qtbot, window)
    window.show_order_search()
    view = window.search_tab.order_view
    keys.type(an_order.number)
    keys.press(Key.Key_Return)
    part = view.invoicing
    assert part.documents_label.text() == "Not invoiced" and not part.credit_button.isVisible()
    settings.set_shop_identity(ShopIdentity(name="Épicerie", ice=MOROCCAN.ice))
    yes = when_shown(qtbot, "issueInvoiceBox", _answer_yes)
    part.issue_button.setFocus()
    assert part.issue_button.isVisible() and part.issue_button.isEnabled()
    assert keys.focused() is part.issue_button
    keys.press(Key.Key_Space)
    yes.check()
    banner = view.banner.text()
    assert "the shop's address" in banner and "the RC's court" in banner
    assert invoices.documents_of_order(an_order.id) == ()

    settings.set_shop_identity(MOROCCAN)
    yes = when_shown(qtbot, "issueInvoiceBox", _answer_yes)
    keys.press(Key.Key_M, ALT)
    yes.check()
    (number, kind), *_ = invoices.documents_of_order(an_order.id)
    assert kind == "invoice" and number in part.documents_label.text()
    assert number in view.banner.text()
    assert not part.issue_button.isEnabled() and part.credit_button.isEnabled()

    def credit_one(dialog, k: Keyboard) -> None:
        k.press(Key.Key_Space)  # "Whole invoice" off
        k.press(Key.Key_Tab)
        k.press(Key.Key_A, CTRL)
        k.type("1")
        dialog.reason_edit.setFocus()
        k.type("Article abime")
        k.press(Key.Key_Return)

    ran = when_shown(qtbot, "creditNoteDialog", credit_one)
    keys.press(Key.Key_W, ALT)
    ran.check()
    assert invoices.left_to_credit(number) == {1: 2}
    credits = [n for n, k in invoices.documents_of_order(an_order.id) if k == "credit_note"]
    assert len(credits) == 1 and credits[0] in part.documents_label.text()
    assert invoices.get_document(credits[0]).lines[0].quantity == 1
    window.watcher.stop()


def test_the_invoices_list_filters_and_exports(qtbot, an_order, tmp_path) -> None:
    settings.set_shop_identity(MOROCCAN)
    invoice = invoices.issue_invoice(order_id=an_order.id)
    credit = invoices.issue_credit_note(invoice_number=invoice.number)
    window = signed_window(str(binding.database_path()), "gerant", Role.MANAGER)
    qtbot.addWidget(window)
    dialog = InvoicesDialog(services=window.services)
    keys = _shown(qtbot, dialog)
    assert [dialog.model.row_at(r).number for r in range(2)] == [credit.number, invoice.number]
    keys.press(Key.Key_K, ALT)
    keys.press(Key.Key_Down)  # invoices only
    keys.press(Key.Key_Return)
    assert [dialog.model.row_at(r).number for r in range(dialog.model.rowCount())] == [
        invoice.number
    ]
    keys.press(Key.Key_K, ALT)
    keys.press(Key.Key_Up)
    keys.press(Key.Key_N, ALT)
    keys.type("benali")
    keys.press(Key.Key_Return)
    assert dialog.model.rowCount() == 2
    keys.press(Key.Key_F, ALT)
    keys.type("32/13/2026")
    keys.press(Key.Key_Return)
    assert dialog.since.error.isVisible() and dialog.model.rowCount() == 2
    keys.press(Key.Key_A, CTRL)
    keys.press(Key.Key_Delete)
    keys.press(Key.Key_Return)
    target = tmp_path / "factures.csv"
    job = dialog.export_to(str(target))
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled())
    text = target.read_text(encoding="utf-8-sig")
    assert invoice.number in text and credit.number in text
    assert len(list_invoices(InvoiceFilter(typed="benali"))) == 2
    window.watcher.stop()


def test_a_clerk_has_no_shop_details_no_invoices_list_no_credit(qtbot, an_order) -> None:
    settings.set_shop_identity(MOROCCAN)
    invoices.issue_invoice(order_id=an_order.id)
    window = signed_window(str(binding.database_path()), "comptoir", Role.COUNTER)
    keys = _shown(qtbot, window)
    tools = window.tools
    assert not tools.shop_action.isVisible() and not tools.invoices_action.isVisible()
    window.show_order_search()
    keys.type(an_order.number)
    keys.press(Key.Key_Return)
    part = window.search_tab.order_view.invoicing
    assert part.issue_button.isVisible() and not part.issue_button.isEnabled()
    assert not part.credit_button.isVisible()
    assert QApplication.activeModalWidget() is None
    window.watcher.stop()


def test_the_shops_fields_in_the_audit_trail_are_named() -> None:
    from ui.display.audit_words import field_label

    assert field_label("ice") == "ICE"
    assert field_label("rc_court") == "RC's court"
    assert field_label("logo") == "Logo"
    assert field_label("name") == "Name"  # the fields other records share keep their word


def test_the_missing_identifiers_read_in_french(qapp) -> None:
    from gestco.domain.errors import MissingIdentifiers
    from gestco.domain.legal_identity import describe_missing
    from ui.display.errors import describe
    from ui.runtime.languages import install_translator

    missing = ("address", "rc_court", "patente")
    refusal = MissingIdentifiers(
        "This invoice cannot be issued: the shop's settings lack {lacking}.",
        missing,
        lacking=describe_missing(missing),
    )
    assert describe(refusal).endswith(
        "lack the shop's address, the RC's court, the taxe professionnelle (patente)."
    )
    translator = install_translator(qapp, "fr")
    assert translator is not None, "gestco_fr.qm missing: `make translations`"
    try:
        said = describe(refusal)
    finally:
        qapp.removeTranslator(translator)
    assert "l'adresse de la boutique, le tribunal du RC, la taxe professionnelle" in said
    assert "address" not in said


def test_the_invoices_model_passes_the_model_tester(qtmodeltester, an_order) -> None:
    from ui.models.invoices import Column, InvoicesModel

    settings.set_shop_identity(MOROCCAN)
    invoice = invoices.issue_invoice(order_id=an_order.id)
    invoices.issue_credit_note(invoice_number=invoice.number)
    model = InvoicesModel()
    model.set_rows(list_invoices())
    qtmodeltester.check(model)
    model.sort(Column.TOTAL, Qt.SortOrder.AscendingOrder)
    assert [model.row_at(r).kind for r in range(2)] == ["credit_note", "invoice"]
    assert model.index(0, Column.KIND).data() == "Credit note"
