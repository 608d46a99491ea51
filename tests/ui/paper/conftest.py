"""A small Moroccan shop with two orders to print (ui.tools.paper_screenshots.sample_shop:
the same the screenshots show), and the French labels."""

from __future__ import annotations

import pytest

from gestco.services import session


@pytest.fixture
def orders_to_print(db_path) -> tuple[str, str]:
    """(an order of 5 lines with 250.00 paid, an order of 80 lines), in the open database,
    the shop's identity complete; the operator who takes them is amina.c."""
    from ui.tools.paper_screenshots import sample_shop

    session.sign_in_owner("amina.c")
    numbers = sample_shop(long_lines=80)
    session.sign_in_owner("tester")
    return numbers


@pytest.fixture
def french(qapp):
    from ui.runtime.languages import install_translator

    translator = install_translator(qapp, "fr")
    assert translator is not None, "gestco_fr.qm missing: `make translations` builds it"
    yield
    qapp.removeTranslator(translator)
