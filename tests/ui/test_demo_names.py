"""What a clerk trying GESTCO on `gestco demo` reads: real names ("Ahmed El Amrani", not
"Ahmed El": the last names were once a string split on spaces) and products that differ
("Amlou aux amandes 250 g #2" stood beside "Amlou aux amandes 250 g"); the same demo each
time for a seed."""

from __future__ import annotations

from datetime import datetime

import pytest

from gestco.services import stock
from gestco.storage import binding, opening, raw_sql
from gestco.tools import demo
from gestco.tools.demo_data import LAST_NAMES
from tests.support.databases import fresh_database

NOW = datetime(2026, 12, 1, 12, 0)


def _names(path, **sizes) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    opening.open_database(fresh_database(path))
    try:
        demo.generate(now=NOW, **sizes)
        people = [tuple(r) for r in raw_sql.fetch_all("SELECT first_name, last_name FROM clients")]
        goods = [(p.sku, p.name) for p in stock.list_products()]
    finally:
        binding.close_database()
    return people, goods


@pytest.mark.parametrize("products", [48, 400])
def test_every_product_has_its_own_name(tmp_path, products: int) -> None:
    _, goods = _names(tmp_path / "demo.sqlite3", clients=20, orders=50, products=products)
    names = [name for _, name in goods]
    assert len(names) == products
    assert len(set(names)) == products
    assert not [name for name in names if "#" in name]
    assert ("CAF-0001", "Café arabica 250 g") in goods  # what the counter tests order
    assert ("THE-0002", "Thé vert à la menthe 100 g") in goods


def test_client_names_are_whole(tmp_path) -> None:
    people, _ = _names(tmp_path / "demo.sqlite3", clients=2000, orders=10, products=5)
    particles = {"El", "Ben", "Ait", "Le", "De"}
    assert not particles & set(LAST_NAMES)
    assert not [p for p in people if p[1] in particles or p[0] == p[1]]
    compound = {last for _, last in people if " " in last}
    assert {"El Amrani", "El Idrissi", "El Fassi"} <= compound


def test_the_demo_is_the_same_for_a_seed(tmp_path) -> None:
    first = _names(tmp_path / "a.sqlite3", clients=100, orders=100, products=60, seed=3)
    again = _names(tmp_path / "b.sqlite3", clients=100, orders=100, products=60, seed=3)
    assert first == again
