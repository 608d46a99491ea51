"""Amounts beyond 32 bits, as validation allows them, on both engines (the server's columns
were 32-bit INTEGER: "integer out of range"); and the schema step that widens an existing
server database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from gestco.domain.errors import DatabaseError
from gestco.domain.money import MAX_PRICE_CENTS, cents_to_decimal
from gestco.domain.records import ProductInput
from gestco.maintenance.checks import run_checks
from gestco.services import clients, orders, stock
from gestco.services.order_table import count_and_sum
from gestco.storage import binding, migrations, opening, raw_sql, write_rules
from tests.support.databases import ON_POSTGRES, fresh_database, postgres_only, sql
from tests.support.shop import Shop, advance, big_order


def test_amounts_beyond_32_bits_are_stored_and_add_up(shop: Shop) -> None:
    order = big_order(shop)
    expected = 200 * 15_000_000 + 1_000_000_000
    stored = orders.get_order(order.number)
    assert stored.total_cents == expected == 4_000_000_000
    assert [line.total_cents for line in stored.lines] == [3_000_000_000, 1_000_000_000]
    assert stock.search_products("LUX-1")[0].unit_price_cents == MAX_PRICE_CENTS
    shipped = advance(stored, "processing", "shipped", "delivered")
    assert shipped.status == "delivered"
    assert count_and_sum() == (1, expected)
    assert clients.client_stats(order.client_id).total_spent_cents == expected
    assert run_checks() == []


def test_the_highest_price_validation_allows_is_stored(shop: Shop) -> None:
    top = cents_to_decimal(MAX_PRICE_CENTS)
    product = stock.create_product(
        ProductInput(sku="TOP", name="Top", unit_price=top), initial_stock=10
    )
    assert stock.get_product(product.id).unit_price_cents == MAX_PRICE_CENTS
    order = shop.order(shop.client().id, (product.id, 10))
    assert orders.get_order(order.number).total_cents == 10 * MAX_PRICE_CENTS
    stock.update_product(
        product.id,
        ProductInput(sku="TOP", name="Top", unit_price=top - Decimal("0.01")),
    )
    assert stock.get_product(product.id).unit_price_cents == MAX_PRICE_CENTS - 1


def _open_at(target: str, version: int) -> None:
    opening.open_database(target, migrate=False)
    migrations.migrate(binding.database.obj, target=version)


def test_a_database_of_the_previous_version_takes_64_bit_amounts(tmp_path: Path) -> None:
    """The schema step of existing databases: the server's columns are widened in place
    (its rows kept); a file only moves its version (SQLite's INTEGER is 64-bit already)."""
    target = fresh_database(tmp_path / "v4.sqlite3")
    _open_at(target, 4)
    # As that version wrote it (today's services also write the audit trail of v6).
    raw_sql.execute(
        "INSERT INTO clients (phone, last_name, search_last, created_at, updated_at)"
        " VALUES ('+212611111111', 'Ancien', 'ancien', '2026-01-01 10:00:00',"
        " '2026-01-01 10:00:00')"
    )
    binding.close_database()
    opening.open_database(target)  # migrates
    try:
        assert migrations.schema_version(binding.database.obj) == migrations.SCHEMA_VERSION
        if ON_POSTGRES:
            narrow = sql(
                target,
                "SELECT table_name, column_name FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND data_type = 'integer'",
            )
            assert narrow == []
        assert clients.identify("0611111111").last_name == "Ancien"
        order = big_order(Shop())
        assert orders.get_order(order.number).total_cents == 4_000_000_000
        assert run_checks() == []
    finally:
        binding.close_database()


@postgres_only
def test_new_server_ids_run_past_32_bits(tmp_path: Path) -> None:
    """The identity sequences widened with their columns: an id past 2,147,483,647 is taken."""
    target = fresh_database(tmp_path / "unused")
    opening.open_database(target)
    try:
        sql(target, "SELECT setval(pg_get_serial_sequence('clients', 'id'), 3000000000)")
        client = Shop().client()
        assert client.id == 3_000_000_001
        assert clients.get_client(client.id).last_name == "Benali"
    finally:
        binding.close_database()


@postgres_only
def test_the_schema_step_waits_for_other_workstations_a_bounded_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another workstation is in the middle of reading the clients while this one widens
    the columns: the step says so after the lock timeout, the database stays as it was, and
    the next start migrates."""
    import psycopg

    monkeypatch.setenv(write_rules.LOCK_TIMEOUT_ENV, "2")
    target = fresh_database(tmp_path / "unused")
    _open_at(target, 4)
    binding.close_database()
    with psycopg.connect(target) as other:
        other.execute("SELECT count(*) FROM clients")  # its transaction stays open
        with pytest.raises(DatabaseError, match="has held the data this change needs"):
            opening.open_database(target)
        other.rollback()
    assert sql(target, "SELECT value FROM gestco_meta WHERE key = 'schema_version'") == [(4,)]
    opening.open_database(target)
    try:
        assert migrations.schema_version(binding.database.obj) == migrations.SCHEMA_VERSION
    finally:
        binding.close_database()
