"""The stock tab: the scripted sequence on screen, forms with bad input, the ledger, the
reorder list, and changes made by another process showing up by themselves."""

from __future__ import annotations

import csv
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gestco.domain.change_areas import Changes
from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, stock
from gestco.storage import binding
from tests.support.keyboard import show
from ui.models.movements import MovementsModel
from ui.models.products import Column, ProductsModel

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def stock_tab(qtbot, window):
    show(qtbot, window)
    window.tabs.setCurrentWidget(window.stock_tab)
    return window.stock_tab


def _row(tab, sku: str) -> dict[str, str]:
    model = tab.products
    row = next(r for r in range(model.rowCount()) if model.row_at(r).sku == sku)
    return {c.name: model.index(row, c).data() for c in Column}


def _select(tab, sku: str) -> None:
    model = tab.products
    tab.products_view.selectRow(
        next(r for r in range(model.rowCount()) if model.row_at(r).sku == sku)
    )


def test_a_new_product_starts_at_the_shops_default_vat(qtbot, stock_tab) -> None:
    from gestco.domain.records import DEFAULT_TAX_BP

    tab = stock_tab
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert tab.tax_edit.text() == "20"
    tab.sku_edit.setFocus()
    qtbot.keyClicks(tab.sku_edit, "THE-100")
    qtbot.keyClicks(tab.name_edit, "Green tea")
    qtbot.keyClicks(tab.price_edit, "25")
    tab.save_product()
    assert stock.list_products()[0].tax_rate_bp == DEFAULT_TAX_BP == 2000


def test_the_form_before_any_product_is_chosen_is_a_new_products(qtbot, stock_tab) -> None:
    """Seen under Xvfb: with no product chosen the form read 'Product', a reorder level of 0,
    no VAT and 'On sale' unticked, as if it showed some product; Ctrl+S then made one."""
    from gestco.domain.records import DEFAULT_TAX_BP
    from tests.support.keyboard import Keyboard

    tab = stock_tab
    assert tab.product is None
    assert tab.form_box.title() == "New product"
    assert tab.tax_edit.text() == "20" and tab.active_check.isChecked()
    keys = Keyboard(qtbot, tab.window())
    tab.sku_edit.setFocus()  # S&KU
    keys.type("THE-100")
    keys.press(Qt.Key.Key_Tab)
    keys.type("Green tea")
    keys.press(Qt.Key.Key_Tab)
    keys.type("25")
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    made = stock.list_products()[0]
    assert (made.sku, made.active, made.tax_rate_bp) == ("THE-100", True, DEFAULT_TAX_BP)


def test_create_a_product_then_the_scripted_sequence_on_screen(qtbot, window, stock_tab) -> None:
    tab = stock_tab
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    tab.sku_edit.setText("caf-250")
    tab.name_edit.setText("Café arabica 250 g")
    tab.price_edit.setText("45,00")
    tab.tax_edit.setText("20")
    tab.reorder_spin.setValue(2)
    tab.save_product()
    product = stock.list_products()[0]
    assert (product.sku, product.unit_price_cents, product.tax_rate_bp) == ("CAF-250", 4500, 2000)
    assert tab.product is not None and tab.product.id == product.id
    # the save's change notice refreshes the list and the tab's title
    qtbot.waitUntil(lambda: "to reorder" in window.tabs.tabText(window.tabs.indexOf(tab)))  # 0 ≤ 2
    # receive 10 through the form
    tab.receipt_spin.setValue(10)
    tab.receipt_reference_edit.setText("BL-118")
    qtbot.mouseClick(tab.receive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _row(tab, "CAF-250")["ON_HAND"] == "10")
    # orders elsewhere in the application: validate 3, cancel 2, ship the first
    client = clients.create_client(ClientInput(phone="0612345678", last_name="B"))
    first = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=3)]
    )
    second = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=product.id, quantity=2)]
    )
    window.signals.changed.emit(Changes.of("stock"))
    assert _row(tab, "CAF-250")["RESERVED"] == "5"
    orders.change_status(
        order_id=second.id,
        to_status="cancelled",
        expected_version=second.version,
        note="Doublon",
    )
    first = orders.change_status(
        order_id=first.id, to_status="processing", expected_version=first.version
    )
    orders.change_status(order_id=first.id, to_status="shipped", expected_version=first.version)
    window.signals.changed.emit(Changes.of("stock"))
    # correct -1 through the form
    tab.correction_spin.setValue(-1)
    tab.correction_reason_edit.setText("Casse")
    qtbot.mouseClick(tab.correct_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _row(tab, "CAF-250")["ON_HAND"] == "6")
    row = _row(tab, "CAF-250")
    assert (row["ON_HAND"], row["RESERVED"], row["AVAILABLE"]) == ("6", "0", "6")
    kinds = [tab.movements.index(r, 1).data() for r in range(tab.movements.rowCount())]
    assert kinds == ["Correction", "Shipment", "Release", "Reservation", "Reservation", "Receipt"]
    changes = [tab.movements.index(r, 2).data() for r in range(tab.movements.rowCount())]
    assert changes == ["-1", "-3", "", "", "", "+10"]
    assert "Casse" in tab.movements.index(0, 4).data()
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "&Stock"  # 6 > 2: nothing to reorder


@pytest.fixture
def with_product(window):
    """A product in the window's database, and the stock tab showing it."""
    product = stock.create_product(
        ProductInput(sku="CAF-250", name="Café", unit_price=Decimal("45")),
        initial_stock=5,
    )
    window.stock_tab.refresh()
    return product


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("sku", "", "productSkuError"),
        ("name", "", "productNameError"),
        ("price", "-3", "productPriceError"),
        ("price", "abc", "productPriceError"),
        ("tax", "150", "productTaxError"),
    ],
)
def test_bad_product_input(qtbot, window, with_product, field, value, label) -> None:
    show(qtbot, window)
    tab = window.stock_tab
    tab.new_product()
    tab.sku_edit.setText("THE-100")
    tab.name_edit.setText("Thé")
    tab.price_edit.setText("25")
    getattr(tab, f"{field}_edit").setText(value)
    tab.save_product()
    error = tab.findChild(type(tab.banner), label)
    assert error is not None and not error.isHidden() and error.text()
    assert [p.sku for p in stock.list_products()] == ["CAF-250"]


def test_duplicate_sku_and_bad_movements_write_nothing(qtbot, window, with_product) -> None:
    client = clients.create_client(ClientInput(phone="0612345678", last_name="B"))
    orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=with_product.id, quantity=4)]
    )
    show(qtbot, window)
    tab = window.stock_tab
    tab.refresh()
    tab.new_product()
    tab.sku_edit.setText("caf-250")
    tab.name_edit.setText("Autre")
    tab.price_edit.setText("1")
    tab.save_product()
    assert "already used" in tab.findChild(type(tab.banner), "productSkuError").text()
    _select(tab, "CAF-250")
    ledger = len(stock.product_movements(with_product.id))
    for delta, reason in [
        (0, "Inventaire"),
        (-1, ""),
        (-2, "Inventaire"),
    ]:  # zero, no reason, < reserved
        tab.correction_spin.setValue(delta)
        tab.correction_reason_edit.setText(reason)
        tab.correct()
        error = tab.findChild(type(tab.banner), "correctionError")
        assert not error.isHidden() and error.text(), (delta, reason)
    tab.receipt_reference_edit.setText("x" * 101)
    tab.receive()
    assert not tab.findChild(type(tab.banner), "stockOperationMessage").isHidden()
    assert len(stock.product_movements(with_product.id)) == ledger
    assert stock.get_product(with_product.id).on_hand == 5


def test_deactivate_instead_of_delete(qtbot, window, with_product) -> None:
    show(qtbot, window)
    tab = window.stock_tab
    _select(tab, "CAF-250")
    tab.active_check.setChecked(False)
    tab.save_product()
    assert not stock.get_product(with_product.id).active
    qtbot.waitUntil(lambda: "(inactive)" in _row(tab, "CAF-250")["NAME"])
    assert stock.search_products("caf") == []  # no longer offered at the counter


def test_reorder_filter_and_export(qtbot, window, with_product, tmp_path) -> None:
    stock.create_product(
        ProductInput(sku="THE-100", name="Thé", unit_price="25", reorder_level=10),
        initial_stock=3,
    )
    show(qtbot, window)
    tab = window.stock_tab
    tab.refresh()
    assert "(1 " in window.tabs.tabText(window.tabs.indexOf(tab))
    tab.reorder_check.setChecked(True)
    assert [tab.products.row_at(r).sku for r in range(tab.products.rowCount())] == ["THE-100"]
    target = tmp_path / "reorder.csv"
    assert tab.export_reorder(str(target))
    # A CSV for a spreadsheet: a BOM, the UI language's headers (English here).
    rows = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    assert [(r["Reference"], r["Available"], r["To order"]) for r in rows] == [
        ("THE-100", "3", "7")
    ]


def test_models_pass_the_model_tester(qtmodeltester, window, with_product) -> None:
    products = ProductsModel()
    products.set_rows(stock.list_products())
    qtmodeltester.check(products)
    movements = MovementsModel()
    movements.set_rows(stock.product_movements(with_product.id))
    qtmodeltester.check(movements)


def test_a_movement_from_another_process_shows_within_2_seconds(
    qtbot, window, with_product
) -> None:
    show(qtbot, window)
    tab = window.stock_tab
    _select(tab, "CAF-250")
    path = binding.database_path()
    code = (
        "from gestco.storage import binding, opening; from gestco.services import stock;"
        "from gestco.services import session; session.sign_in_owner('poste-2');"
        f"opening.open_database({path!r});"
        f"stock.receive_stock({with_product.id}, 7, reference='BL-2');"
        "binding.close_database()"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=30)
    qtbot.waitUntil(lambda: _row(tab, "CAF-250")["ON_HAND"] == "12", timeout=2000)
    assert tab.movements.index(0, 6).data() == "poste-2"


def test_an_order_from_another_process_reaches_the_orders_table(
    qtbot, window, with_product
) -> None:
    client = clients.create_client(ClientInput(phone="0612345678", last_name="B"))
    show(qtbot, window)
    window.show_orders_table()
    table = window.orders_tab.model
    qtbot.waitUntil(lambda: table.complete)
    path = binding.database_path()
    code = (
        "from gestco.storage import binding, opening; from gestco.domain.records import LineInput;"
        "from gestco.services import orders;"
        "from gestco.services import session; session.sign_in_owner('poste-2');"
        f"opening.open_database({path!r});"
        f"orders.create_order(client_id={client.id},"
        f" lines=[LineInput(product_id={with_product.id}, quantity=1)]);"
        "binding.close_database()"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=30)
    qtbot.waitUntil(lambda: table.complete and table.rowCount() == 1, timeout=2000)
    assert window.counts_label.text().startswith("1 ")
