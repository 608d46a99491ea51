"""A prepared query runs the builder's SQL with each call's values in their places."""

from __future__ import annotations

import pytest

from gestco.storage.models import Products
from gestco.storage.prepared import Prepared
from tests.support.shop import Shop


def test_each_value_goes_where_its_argument_stands(shop: Shop) -> None:
    for sku in ("CAF-1", "CAF-2", "THE-1"):
        shop.product(sku=sku, name=f"Produit {sku}", stock_qty=0)
    # the arguments in another order than the SQL's, a constant between them
    by_prefix = Prepared(
        lambda limit_name, first: (
            Products.select(Products.sku)
            .where((Products.sku >= first) & (Products.active == 1) & (Products.name != limit_name))
            .order_by(Products.sku)
        )
    )
    assert by_prefix.rows("Produit CAF-2", "CAF") == [("CAF-1",), ("THE-1",)]
    assert by_prefix.rows("", "THE") == [("THE-1",)]  # the same SQL, written once
    assert by_prefix.first_row("", "ZZZ") is None


def test_an_argument_the_query_leaves_out_is_refused(shop: Shop) -> None:
    unused = Prepared(lambda sku, other: Products.select().where(Products.sku == sku))
    with pytest.raises(ValueError, match="each argument"):
        unused.rows("CAF", "x")
