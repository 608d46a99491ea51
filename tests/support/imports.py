"""For the import tests: the catalogue the shops' test exports sell (tests/imports), a shop's
data as rows (to prove a dry run or a refusal wrote nothing), files cut out of the exports."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from gestco.domain.money import MAX_QUANTITY
from gestco.domain.records import ProductInput
from gestco.services import stock
from gestco.storage import migrations, raw_sql
from tests.imports.shop_people import CATALOGUE, FILES

__all__ = ["FILES", "catalogue", "imports_listed", "shop_data", "shopify_part"]


def catalogue(stock_qty: int = MAX_QUANTITY) -> dict[str, int]:
    """The exports' products (tests/imports/shop_people.py), each with `stock_qty` on hand;
    SKU -> product id."""
    ids = {}
    for sku, name, price, rate, _taxable in CATALOGUE:
        product = stock.create_product(
            ProductInput(
                sku=sku,
                name=name,
                unit_price=Decimal(price) / 100,
                tax_rate=Decimal(rate) / 100,
            ),
            initial_stock=stock_qty,
        )
        ids[sku] = product.id
    return ids


def shop_data() -> dict[str, list[tuple[object, ...]]]:
    """Every row of the shop's data: every table but the imports list (a dry run adds its
    line there) and the sign-in delays."""
    return {
        table: raw_sql.fetch_all(f"SELECT * FROM {table} ORDER BY 1")
        for table in migrations.DATA_TABLES
        if table not in ("imports", "sign_in_failures")
    }


def imports_listed() -> list[tuple[object, ...]]:
    return raw_sql.fetch_all(
        "SELECT kind, file_name, dry_run, applied, new_count, updated_count, unchanged_count,"
        " conflict_count, error_count FROM imports ORDER BY id"
    )


def shopify_part(
    target: Path, names: range, *, edit: dict[str, dict[str, str]] | None = None
) -> Path:
    """The rows of Shopify's export whose order is #1001 + i for i in `names`, as a file of
    its own; `edit`: cells to change on an order's first row ({'#1001': {'Fulfillment
    Status': 'fulfilled'}})."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO((FILES / "shopify_orders.csv").read_text("utf-8"))))
    header, body = rows[0], rows[1:]
    wanted = {f"#{1001 + i}" for i in names}
    seen: set[str] = set()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in body:
        name = row[0]
        if name not in wanted:
            continue
        if name not in seen and edit and name in edit:
            row = [edit[name].get(column, cell) for column, cell in zip(header, row, strict=True)]
        seen.add(name)
        writer.writerow(row)
    target.write_text(out.getvalue(), encoding="utf-8")
    return target
