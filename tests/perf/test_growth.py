"""Growth guards, not stopwatches: SQLite's virtual-machine instruction count (exact and
repeatable) shows whether a deep page or a bigger file costs more than it should."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from gestco import db, demo
from gestco.queries import OrderFilter, OrderSort, list_orders, order_ids, orders_by_ids
from gestco.services import clients, orders


@contextmanager
def vm_steps() -> Iterator[list[int]]:
    """Counts SQLite VM instructions (in hundreds) run inside the block."""
    counter = [0]

    def tick() -> int:
        counter[0] += 1
        return 0

    connection = db.database.connection()
    connection.set_progress_handler(tick, 100)
    try:
        yield counter
    finally:
        connection.set_progress_handler(None, 0)


def cost(action: Callable[[], object]) -> int:
    with vm_steps() as counter:
        action()
    return counter[0]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("perf") / "perf.sqlite3"
    db.open_database(path)
    demo.generate(clients=2000, orders=20_000, products=24, seed=4)
    yield path
    db.close_database()


def test_the_last_page_of_the_table_costs_what_the_first_does(big: Path) -> None:
    ids = order_ids()
    first = cost(lambda: orders_by_ids(ids[:200]))
    last = cost(lambda: orders_by_ids(ids[-200:]))
    assert last <= 3 * first, (first, last)


@pytest.mark.parametrize("sort", [OrderSort.CREATED, OrderSort.TOTAL, OrderSort.SHIPPING])
def test_a_deep_keyset_page_costs_what_the_first_does(big: Path, sort: OrderSort) -> None:
    pages = [list_orders(sort=sort, limit=200)]
    while pages[-1].next_after is not None:
        pages.append(list_orders(sort=sort, after=pages[-1].next_after, limit=200))
    first = cost(lambda: list_orders(sort=sort, limit=200))
    deep = cost(lambda: list_orders(sort=sort, after=pages[-2].next_after, limit=200))
    assert deep <= 3 * first, (first, deep)


def test_first_rows_of_a_sort_or_filter_do_not_scan(big: Path) -> None:
    """The table's first page is an index range read, whatever the sort and filter."""
    everything = cost(lambda: order_ids(limit=None))
    for flt in (OrderFilter(), OrderFilter(status="delivered"), OrderFilter(channel="phone")):
        for sort in OrderSort:
            steps = cost(lambda f=flt, s=sort: order_ids(f, sort=s, limit=200))
            assert steps * 20 < everything, (flt, sort, steps, everything)


def test_lookups_do_not_grow_with_the_file(tmp_path: Path) -> None:
    """Finding an order or a client, or the top 20 of a search, at 100k orders costs no more
    than twice the same at 10k (both files have well over 20 matches)."""
    steps = {}
    for size in (10_000, 100_000):
        db.open_database(tmp_path / f"{size}.sqlite3")
        demo.generate(clients=size // 5, orders=size, products=12, seed=9)
        number = list_orders(limit=1).rows[0].number
        phone = clients.client_orders(1)[0].client_phone if clients.client_orders(1) else None
        lookup = cost(lambda n=number: orders.get_order(n))
        identify = cost(lambda p=phone: clients.identify(p)) if phone else 0
        search = cost(lambda: clients.search_clients("ben", limit=20))
        steps[size] = (lookup, identify, search)
        db.close_database()
    small, large = steps[10_000], steps[100_000]
    for name, a, b in zip(("lookup", "identify", "search"), small, large, strict=True):
        assert b <= 2 * max(a, 1), (name, a, b)
