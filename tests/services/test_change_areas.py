"""Every write service reports the areas it changed, and the change feed reports another
process's writes as the same areas (Anki's OpChanges; issue 13, item 7)."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from gestco.domain.change_areas import EVERYTHING, NOTHING, Area, Changes, reported
from gestco.domain.errors import ValidationError
from gestco.domain.records import ClientInput, ProductInput
from gestco.services import clients, orders, settings, stock
from gestco.storage import change_notices
from tests.support.databases import ON_POSTGRES, TEST_DB
from tests.support.shop import Shop

ROOT = Path(__file__).resolve().parents[2]


def test_each_write_reports_exactly_what_it_changed(shop: Shop) -> None:
    client = shop.client()
    assert client.changes == {Area.CLIENTS}
    product = shop.product(stock_qty=5)  # the initial stock is a movement
    assert product.changes == {Area.STOCK}
    order = shop.order(client.id, (product.id, 2))  # reserves stock
    assert order.changes == {Area.ORDERS, Area.STOCK}
    noted = orders.update_order(order_id=order.id, expected_version=order.version, notes="Le matin")
    assert noted.changes == {Area.ORDERS}  # no line changed: the stock did not
    cancelled = orders.save_order_changes(
        order_id=order.id,
        expected_version=noted.version,
        to_status="cancelled",
        note="Doublon",
    )
    assert cancelled.changes == {Area.ORDERS, Area.STOCK}  # the reservation released
    assert stock.receive_stock(product.id, 3).changes == {Area.STOCK}
    assert stock.adjust_stock(product.id, -1, reason="casse").changes == {Area.STOCK}
    renamed = clients.update_client(client.id, ClientInput(phone=client.phone, last_name="Idrissi"))
    assert renamed.changes == {Area.CLIENTS}
    assert settings.set_setting("currency", "EUR") == {Area.SETTINGS}


def test_a_record_keeps_its_value_and_reads_report_nothing(shop: Shop) -> None:
    client = shop.client()
    read = clients.get_client(client.id)
    assert read == client  # `changes` is not part of the record's value
    assert read.changes == NOTHING and reported(read) == NOTHING
    assert reported([client]) == NOTHING and reported(None) == NOTHING
    assert reported(client) == {Area.CLIENTS}


def test_a_refused_write_reports_nothing_and_leaves_no_stale_area(shop: Shop) -> None:
    client = shop.client()
    with pytest.raises(ValidationError):
        clients.update_client(client.id, ClientInput(phone="not a phone"))
    product = stock.create_product(ProductInput(sku="THE-1", name="Thé", unit_price=Decimal(1)))
    assert product.changes == {Area.STOCK}  # not the refused client write's


def test_the_type_of_changes() -> None:
    both = Changes.of("orders") | Changes.of(Area.CLIENTS)
    assert isinstance(both, Changes) and both == {"orders", "clients"}
    assert both.touches([Area.CLIENTS, Area.STOCK]) and not both.touches([Area.STOCK])
    assert not NOTHING and set(EVERYTHING) == set(Area)
    assert Changes.known(["stock", "a-newer-area"]) == {Area.STOCK}
    with pytest.raises(ValueError):
        Changes.of("typo")
    assert repr(both) == "Changes(clients, orders)"


def test_another_process_writes_arrive_as_the_same_areas(shop: Shop, db_path) -> None:
    """The feed's notice for another process's write equals what that write reported."""
    import subprocess

    from gestco.storage import binding

    client = shop.client()
    feed = change_notices.ChangeFeed()
    assert feed.poll() == NOTHING
    target = TEST_DB if ON_POSTGRES else str(binding.database_path())
    code = (
        "from gestco.storage import binding, opening;"
        "from gestco.domain.records import ClientInput;"
        "from gestco.services import clients, settings;"
        "from gestco.services import session; session.sign_in_owner('poste-2');"
        f"opening.open_database({target!r});"
        f"c = clients.update_client({client.id}, ClientInput(phone={client.phone!r},"
        " last_name='Idrissi'));"
        "s = settings.set_setting('currency', 'EUR');"
        "print(','.join(sorted(c.changes | s)));"
        "binding.close_database()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        check=True,
        timeout=60,
        capture_output=True,
        text=True,
    )
    reported_there = Changes(done.stdout.strip().split(","))
    assert reported_there == {Area.CLIENTS, Area.SETTINGS}
    seen = feed.poll()
    if ON_POSTGRES:  # notices are delivered on the listener connection a moment later
        import time

        deadline = time.monotonic() + 5
        while seen != reported_there and time.monotonic() < deadline:
            time.sleep(0.05)
            seen = seen | feed.poll()
    assert isinstance(seen, Changes) and seen == reported_there
    feed.close()
