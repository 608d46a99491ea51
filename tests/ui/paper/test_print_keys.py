"""Printing from the window: Ctrl+P prints the slip of the order in front of the clerk (the
order view's, or the one just validated at the counter), Ctrl+Shift+P its invoice, issued
after a confirmation when it has none; the order view's Print menu saves a PDF. The print
dialog is closed by the test (no printer here): what reached it is the paper the actions'
`started` signal carried; the rendering itself is read back from the PDF saved."""

from __future__ import annotations

import io

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMessageBox

from gestco.services import invoices, paper
from tests.support.keyboard import Keyboard, show
from tests.ui.test_operators_screen import when_shown

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def _started(window) -> list[tuple[str, str, str]]:
    seen: list[tuple[str, str, str]] = []
    window.print_menu.paper.started.connect(
        lambda value, how: seen.append((value.kind.value, value.number, how))
    )
    return seen


def _open_in_order_view(qtbot, window, number: str) -> Keyboard:
    show(qtbot, window)
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F4)
    assert keys.focused() is window.search_tab.order_view.number_edit
    keys.type(number)
    keys.press(Key.Key_Return)
    assert window.search_tab.order_view.order.number == number
    return keys


def _reject(dialog, _keys) -> None:
    dialog.reject()


def test_ctrl_p_prints_the_slip_of_the_order_shown(qtbot, window, orders_to_print) -> None:
    number, _long = orders_to_print
    seen = _started(window)
    keys = _open_in_order_view(qtbot, window, number)
    closed = when_shown(qtbot, "printDialog", _reject)
    keys.press(Key.Key_P, CTRL)
    closed.check()
    assert seen == [("slip", number, "print")]


def test_ctrl_shift_p_issues_the_invoice_once_confirmed(qtbot, window, orders_to_print) -> None:
    number, _long = orders_to_print
    seen = _started(window)
    keys = _open_in_order_view(qtbot, window, number)
    declined = when_shown(
        qtbot, "issueInvoiceBox", lambda box, _k: box.button(QMessageBox.StandardButton.No).click()
    )
    keys.press(Key.Key_P, CTRL_SHIFT)
    declined.check()
    assert seen == [] and paper.standing_invoice(number) is None  # nothing issued
    with qtbot.waitSignal(window.signals.changed):  # the orders' change notice
        confirmed = when_shown(
            qtbot,
            "issueInvoiceBox",
            lambda box, _k: box.button(QMessageBox.StandardButton.Yes).click(),
        )
        printed = when_shown(qtbot, "printDialog", _reject)
        keys.press(Key.Key_P, CTRL_SHIFT)
        confirmed.check()
        printed.check()
    issued = paper.standing_invoice(number)
    assert issued is not None and seen == [("invoice", issued, "print")]
    # Pressed again: the same invoice, printed without asking.
    again = when_shown(qtbot, "printDialog", _reject)
    keys.press(Key.Key_P, CTRL_SHIFT)
    again.check()
    assert seen[-1] == ("invoice", issued, "print")
    assert invoices.left_to_credit(issued)  # one invoice, standing


def test_ctrl_p_after_validating_prints_that_order(qtbot, window, orders_to_print) -> None:
    from gestco.services import clients

    show(qtbot, window)
    seen = _started(window)
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_P, CTRL)  # no order in front of the clerk yet
    assert seen == [] and "Open an order first" in window.statusBar().currentMessage()
    window.new_order_tab.set_client(clients.identify("0612345678"))
    keys.press(Key.Key_F3)
    assert keys.focused() is window.new_order_tab.product_edit
    keys.type("CAF-250")
    keys.press(Key.Key_Return)
    with qtbot.waitSignal(window.signals.changed):
        keys.press(Key.Key_Return, CTRL)
    number = window.new_order_tab.last_number
    assert number
    closed = when_shown(qtbot, "printDialog", _reject)
    keys.press(Key.Key_P, CTRL)
    closed.check()
    assert seen == [("slip", number, "print")]


def test_the_print_menu_saves_a_pdf(qtbot, window, orders_to_print, tmp_path) -> None:
    number, _long = orders_to_print
    _open_in_order_view(qtbot, window, number)
    target = tmp_path / "livraison.pdf"

    def save(dialog, keys) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")  # Qt's own dialog, offscreen
        assert name.text() == f"{number}-delivery.pdf"  # the name offered
        name.selectAll()
        keys.type(str(target))
        keys.press(Key.Key_Return)

    saved = when_shown(qtbot, "fileDialog", save)
    view = window.search_tab.order_view
    view.print_button.findChild(QAction, "printDeliveryPdfAction").trigger()
    saved.check()
    assert not view.banner.isVisible(), view.banner.text()
    reader = pypdf.PdfReader(io.BytesIO(target.read_bytes()))
    text = " ".join(reader.pages[0].extract_text().split())
    assert "DELIVERY NOTE" in text and number in text and "Received in good order" in text


def test_the_preview_shows_every_page(qtbot, window, orders_to_print) -> None:
    """The preview paints the real pages: the long order's invoice in three."""
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    _number, long = orders_to_print
    paper.invoice_paper_for_order(long)  # issued already: the preview asks nothing
    _open_in_order_view(qtbot, window, long)
    pages: list[int] = []

    def look(dialog, _keys) -> None:
        preview = dialog.findChild(QPrintPreviewWidget)
        qtbot.waitUntil(lambda: preview.pageCount() > 0)
        pages.append(preview.pageCount())
        dialog.reject()

    shown = when_shown(qtbot, "printPreviewDialog", look)
    window.search_tab.order_view.print_button.findChild(
        QAction, "printInvoicePreviewAction"
    ).trigger()
    shown.check()
    assert pages == [3]


def test_a_scanner_opens_an_order_and_adds_a_line(qtbot, window, orders_to_print) -> None:
    """A USB scanner types the whole code at once, then Return: the order search opens the
    order; the new order's product field adds the product whose SKU it read."""
    from PySide6.QtTest import QTest

    from gestco.services import clients

    number, _long = orders_to_print
    show(qtbot, window)
    keys = Keyboard(qtbot, window)
    keys.press(Key.Key_F4)
    QTest.keyClicks(keys.focused(), number)  # no pause between the characters
    QTest.keyClick(keys.focused(), Key.Key_Return)
    assert window.search_tab.order_view.order.number == number
    window.new_order_tab.set_client(clients.identify("0612345678"))
    keys.press(Key.Key_F3)
    QTest.keyClicks(keys.focused(), "DAT-500")
    QTest.keyClick(keys.focused(), Key.Key_Return)
    lines = window.new_order_tab.lines_model.lines()
    assert [(line.product.sku, line.quantity) for line in lines] == [("DAT-500", 1)]


def test_a_paper_the_shop_cannot_print_says_why_in_the_order_view(
    qtbot, window, orders_to_print
) -> None:
    from dataclasses import replace

    from gestco.services import settings

    number, _long = orders_to_print
    settings.set_shop_identity(replace(settings.shop_identity(), ice=""))
    _open_in_order_view(qtbot, window, number)
    view = window.search_tab.order_view
    seen: list[object] = []
    view.print_button.actions_.started.connect(lambda value, how: seen.append(value))
    view.print_button.findChild(QAction, "printSlipPrintAction").trigger()
    assert seen == [] and view.banner.isVisible()
    assert "ICE" in view.banner.text(), view.banner.text()


def test_the_preview_fits_the_screen(qtbot, window, orders_to_print) -> None:
    """The preview opened 1000 pixels high: on a 1366×768 screen its foot was below the
    screen's edge (seen under Xvfb)."""
    number, _long = orders_to_print
    _open_in_order_view(qtbot, window, number)
    sizes = []

    def look(dialog, _keys) -> None:
        sizes.append((dialog.frameGeometry(), dialog.screen().availableGeometry()))
        dialog.reject()

    shown = when_shown(qtbot, "printPreviewDialog", look)
    window.search_tab.order_view.print_button.findChild(QAction, "printSlipPreviewAction").trigger()
    shown.check()
    [(frame, screen)] = sizes
    assert frame.height() <= screen.height() and frame.width() <= screen.width(), (frame, screen)
