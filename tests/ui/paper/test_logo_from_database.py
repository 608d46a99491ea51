"""The documents print the logo kept in the database (Tools › Shop details…), so a
workstation without the image file prints it too; else the file the details name."""

from __future__ import annotations

from pathlib import Path

from gestco.domain.legal_identity import DocumentKind
from gestco.services import paper, shop_logo
from ui.printing.layout import logo_image

ICON = Path(__file__).resolve().parents[3] / "resources" / "icons" / "gestco.png"


def test_the_logo_comes_from_the_database(orders_to_print) -> None:
    number, _long = orders_to_print
    slip = paper.order_paper(number, DocumentKind.ORDER_SLIP)
    assert slip.shop.logo_path == "" and logo_image(slip) is None  # no file, nothing kept
    shop_logo.set_shop_logo(ICON.read_bytes())
    image = logo_image(slip)
    assert image is not None and image.width() > 0
