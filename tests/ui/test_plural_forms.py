"""Issue 13 item 20 (part): the draft banner counts lines with Qt's plural forms, in English
("1 line", "2 lines") and in French ("1 ligne", "2 lignes"), never "(1 lines)"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gestco.domain.records import ClientInput, ProductInput
from gestco.services import clients, stock
from gestco.storage import binding


@pytest.fixture(params=["en", "fr"])
def language(request, qapp):
    from ui.runtime.languages import install_translator

    translator = install_translator(qapp, request.param)
    assert translator is not None, f"gestco_{request.param}.qm missing: `make translations`"
    yield request.param
    qapp.removeTranslator(translator)


@pytest.mark.parametrize("count", [1, 2])
def test_the_draft_banner_counts_lines_in_the_language(qtbot, tmp_path, language, count) -> None:
    from tests.support.staff import signed_window

    path = str(tmp_path / "drafts.sqlite3")
    first = signed_window(path)
    qtbot.addWidget(first)
    first.backup_on_close = False
    client = clients.create_client(ClientInput(phone="0612345678", last_name="Benali"))
    tab = first.new_order_tab
    tab.set_client(client)
    for n in range(count):
        sku = f"CAF-{n}"
        stock.create_product(ProductInput(sku=sku, name=f"Café {n}", unit_price=Decimal("4")))
        qtbot.keyClicks(tab.product_edit, sku)
        tab.lines.add_line()  # what Return does
    tab.save_draft()  # what the 300 ms timer does; then the process dies
    second = signed_window(path)
    qtbot.addWidget(second)
    second.backup_on_close = False
    banner = second.new_order_tab.draft_banner.text()
    expected = {
        ("en", 1): "(1 line)",
        ("en", 2): "(2 lines)",
        ("fr", 1): "(1 ligne)",
        ("fr", 2): "(2 lignes)",
    }[language, count]
    assert expected in banner and "Benali" in banner
    binding.close_database()
