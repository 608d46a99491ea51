"""Another workstation holding locks: a write waits a bounded time, then says so in plain
words, and works again once the lock is gone; an abandoned transaction is ended by the
server; two workstations saving the same new phone or SKU at once get the one-workstation
message. (The lock timeout is shortened through the environment to keep the tests short;
nothing here asserts on speed.)"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import pytest

from gestco.domain.errors import DatabaseError, GestcoError, ValidationError
from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, stock
from gestco.storage import binding, opening, postgres, raw_sql, write_rules
from tests.support.databases import TEST_DB, fresh_database, postgres_only, sql
from tests.support.shop import Shop

HELD = "has held the data this change needs for"


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Shop]:
    # 2 s: beyond the server's deadlock_timeout (1 s), after which it cancels an autovacuum
    # that holds a lock a session waits for, so only the other workstation's locks time out.
    monkeypatch.setenv(write_rules.LOCK_TIMEOUT_ENV, "2")
    opening.open_database(fresh_database(tmp_path / "unused"))
    yield Shop()
    binding.close_database()


def _other_workstation() -> psycopg.Connection[Any]:
    """A session of another program on the same database, in a transaction of its own."""
    return psycopg.connect(TEST_DB)


def _order(client_id: int, product_id: int):
    return orders.create_order(
        client_id=client_id, lines=[LineInput(product_id=product_id, quantity=1)]
    )


@postgres_only
def test_a_write_behind_a_held_lock_says_so_then_works_once_it_is_gone(server: Shop) -> None:
    client = server.client()
    held, free = server.product(sku="A"), server.product(sku="B")
    other = _other_workstation()
    # Another workstation's save stuck midway (up to 60 s): it holds product A's row.
    other.execute("SELECT id FROM products WHERE id = %s FOR UPDATE", (held.id,))
    timer = threading.Timer(60, other.rollback)
    timer.start()
    try:
        with pytest.raises(DatabaseError, match=HELD) as refused:
            _order(client.id, held.id)
        assert "nothing was saved" in refused.value.message
        assert sql(TEST_DB, "SELECT count(*) FROM orders") == [(0,)]
        # Nothing every writer shares is held with it: other products, clients, stock go on.
        assert _order(client.id, free.id).status == "pending"
        stock.receive_stock(free.id, 5)
        clients.update_client(client.id, ClientInput(phone=client.phone, last_name="Autre"))
    finally:
        timer.cancel()
        other.rollback()
        other.close()
    assert _order(client.id, held.id).lines[0].product_id == held.id  # works again
    assert stock.get_product(held.id).reserved == 1


@postgres_only
def test_the_order_counter_held_elsewhere_stops_only_new_orders(server: Shop) -> None:
    client = server.client()
    product = server.product()
    _order(client.id, product.id)  # the year's counter row exists
    other = _other_workstation()
    other.execute("SELECT * FROM sequences FOR UPDATE")
    try:
        with pytest.raises(DatabaseError, match=HELD):
            _order(client.id, product.id)
        stock.receive_stock(product.id, 5)  # not waiting on it
    finally:
        other.rollback()
        other.close()
    assert _order(client.id, product.id).number.endswith("000002")  # no gap left


def test_a_file_locked_by_another_writer_says_so_then_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same on a SQLite file: another connection holds the write lock; GESTCO waits its
    busy timeout, says so, and writes once the lock is gone."""
    import sqlite3

    path = tmp_path / "shop.sqlite3"
    monkeypatch.setattr(write_rules, "BUSY_TIMEOUT_S", 1)
    opening.open_database(path)
    try:
        client = Shop().client()
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(DatabaseError, match="busy with another workstation"):
                Shop().client(phone="0698765432")
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert clients.identify("0698765432") is None
        Shop().client(phone="0698765432")
        assert clients.get_client(client.id).last_name == "Benali"
    finally:
        binding.close_database()


@postgres_only
def test_a_transaction_left_open_is_ended_by_the_server(
    server: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workstation frozen midway through a save (its transaction open, idle): the server
    ends it and its locks go with it."""
    client = server.client()
    product = server.product()
    monkeypatch.setenv(postgres.IDLE_TIMEOUT_ENV, "1")
    monkeypatch.setenv(write_rules.LOCK_TIMEOUT_ENV, "30")
    frozen = psycopg.connect(TEST_DB, **postgres.session_options())  # as GESTCO connects
    frozen.execute("SELECT id FROM products WHERE id = %s FOR UPDATE", (product.id,))
    # Waits for the frozen session's lock until the server ends that session.
    binding.close_database()
    opening.open_database(TEST_DB)
    assert _order(client.id, product.id).status == "pending"
    with pytest.raises(psycopg.Error, match="idle-in-transaction timeout"):
        frozen.execute("SELECT 1")
    frozen.close()


@postgres_only
def test_the_session_limits_and_keepalives_are_set(server: Shop) -> None:
    shown = {
        name: raw_sql.fetch_one(f"SHOW {name}")[0]  # type: ignore[index]
        for name in ("lock_timeout", "idle_in_transaction_session_timeout", "tcp_keepalives_idle")
    }
    assert shown == {
        "lock_timeout": "2s",  # the fixture's; 10 s by default
        "idle_in_transaction_session_timeout": "1min",
        "tcp_keepalives_idle": "10",
    }
    parameters = binding.database.connection().info.get_parameters()
    assert parameters["keepalives"] == "1" and parameters["keepalives_idle"] == "10"


def _racing(save: Callable[[], object], other: psycopg.Connection[Any]) -> BaseException:
    """Run `save` while `other` holds an uncommitted insert of the same key: `save` waits on
    the key, then `other` commits, as two workstations saving at the same instant."""
    errors = _racing_with(save, lambda: None, other)
    assert errors, "the second save went through"
    return errors[0]


def _racing_with(
    save: Callable[[], object], then: Callable[[], object], other: psycopg.Connection[Any]
) -> list[BaseException]:
    """Run `save` on a thread of its own (its own connection) until it waits for a lock of
    `other`; then run `then` and commit `other`. Returns what `save` raised, if anything."""
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            save()
        except GestcoError as error:
            outcome.append(error)
        finally:
            binding.close_database()  # this thread's own connection

    thread = threading.Thread(target=run)
    thread.start()
    watcher = psycopg.connect(TEST_DB, autocommit=True)
    while thread.is_alive():  # until GESTCO's write waits on the other's lock
        waiting = watcher.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        ).fetchone()
        if waiting and waiting[0]:
            break
        time.sleep(0.02)
    watcher.close()
    then()
    other.commit()
    thread.join(timeout=60)
    return outcome


@postgres_only
def test_the_same_new_phone_saved_at_once_names_its_holder(
    server: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(write_rules.LOCK_TIMEOUT_ENV, "30")
    binding.close_database()
    opening.open_database(TEST_DB)
    other = _other_workstation()
    other.execute(
        "INSERT INTO clients (phone, first_name, last_name, created_at, updated_at)"
        " VALUES ('+212612345678', 'Amina', 'Premier', 'now', 'now')"
    )
    error = _racing(lambda: server.client(phone="0612345678", last="Second"), other)
    other.close()
    assert isinstance(error, ValidationError) and error.field == "phone"
    assert error.message == "This number already belongs to Amina Premier."
    assert sql(TEST_DB, "SELECT last_name FROM clients") == [("Premier",)]


@postgres_only
def test_the_same_new_sku_saved_at_once_is_refused_plainly(
    server: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(write_rules.LOCK_TIMEOUT_ENV, "30")
    binding.close_database()
    opening.open_database(TEST_DB)
    other = _other_workstation()
    other.execute(
        "INSERT INTO products (sku, name, unit_price_cents, created_at, updated_at)"
        " VALUES ('CAF-250', 'Café', 100, 'now', 'now')"
    )
    data = ProductInput(sku="caf-250", name="Café moulu", unit_price=Decimal("4.50"))
    error = _racing(lambda: stock.create_product(data), other)
    other.close()
    assert isinstance(error, ValidationError) and error.field == "sku"
    assert error.message == "The SKU CAF-250 is already used."
    assert sql(TEST_DB, "SELECT name FROM products") == [("Café",)]


@postgres_only
def test_a_deadlock_is_run_again_and_never_reaches_the_clerk(server: Shop) -> None:
    """Another program locks against GESTCO's order (product B, then A, while GESTCO has A
    and waits for B): the server breaks GESTCO's transaction off (40P01), GESTCO runs it once
    more, and the order is saved; the clerk sees nothing of it."""
    from gestco.storage import write_rules

    client = server.client()
    a, b = server.product(sku="A"), server.product(sku="B")
    other = _other_workstation()
    other.execute("SET deadlock_timeout = '60s'")  # GESTCO's side is the one found waiting
    other.execute("SELECT id FROM products WHERE id = %s FOR UPDATE", (b.id,))
    before = write_rules.retries
    saved: list[object] = []

    def save() -> None:
        raw_sql.execute("SET deadlock_timeout = '2s'")  # on this thread's own connection,
        raw_sql.execute("SET lock_timeout = '30s'")  # found before its lock timeout
        lines = [LineInput(product_id=a.id, quantity=1), LineInput(product_id=b.id, quantity=1)]
        saved.append(orders.create_order(client_id=client.id, lines=lines))

    outcome = _racing_with(save, lambda: other.execute(
        "SELECT id FROM products WHERE id = %s FOR UPDATE", (a.id,)
    ), other)  # fmt: skip
    other.close()
    assert isinstance(outcome, list) and len(saved) == 1, outcome
    assert write_rules.retries == before + 1
    assert sql(TEST_DB, "SELECT count(*) FROM orders") == [(1,)]
