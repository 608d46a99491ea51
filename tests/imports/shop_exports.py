"""Builds the shops' exports in tests/imports/files/ and says what each order truly is.

`python -m tests.imports.shop_exports` rewrites the files; the tests build them again in
memory and check the committed ones did not drift (test_shop_exports)."""

from __future__ import annotations

from tests.imports.shop_people import FILES, Truth
from tests.imports.shopify_export import SHOPIFY_HEADER, shopify
from tests.imports.woo_exports import WOO_ITEM_COLUMNS, WOO_ORDER_COLUMNS, woocommerce_files
from tests.imports.woo_rest_export import rest_json

__all__ = [
    "FILES", "SHOPIFY_HEADER", "WOO_ITEM_COLUMNS", "WOO_ORDER_COLUMNS", "Truth", "rest_json",
    "shopify", "woocommerce_files", "write_all",
]  # fmt: skip


def write_all() -> None:
    FILES.mkdir(exist_ok=True)
    text, _ = shopify()
    (FILES / "shopify_orders.csv").write_text(text, encoding="utf-8", newline="")
    per_item, numbered, coded, _ = woocommerce_files()
    (FILES / "woo_one_row_per_item.csv").write_text(per_item, encoding="utf-8", newline="")
    (FILES / "woo_numbered_excel.csv").write_bytes(numbered)
    (FILES / "woo_line_items.csv").write_text(coded, encoding="utf-8", newline="")
    rest, _ = rest_json()
    (FILES / "woo_rest_orders.json").write_text(rest, encoding="utf-8", newline="")


if __name__ == "__main__":
    write_all()
