"""The audit trail: written in the transaction of each change, replayable field by field into
the records as stored, append-only on both engines, read back filtered and exported."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest

from gestco.domain.errors import DatabaseError, ValidationError
from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import audit, audit_trail, clients, operators, orders, session, settings, stock
from gestco.services.audit_trail import stored
from gestco.services.export import write_csv
from gestco.services.order_checks import audited
from gestco.storage import binding, raw_sql, transactions
from gestco.storage.staff_models import AuditRow
from tests.support.databases import sql
from tests.support.shop import ACTOR, Shop
from tests.support.staff import act_as, add_people, cheap_hashes


def _busy_day(shop: Shop) -> dict[str, object]:
    """A bit of everything, by a clerk, a manager and the owner."""
    client = shop.client()
    coffee = shop.product(sku="CAF-250", price="45.00", stock_qty=10)
    tea = shop.product(sku="THE-100", name="Thé", price="25.50", stock_qty=5)
    add_people()
    act_as(operators.Role.COUNTER)
    client = clients.update_client(
        client.id, ClientInput(phone=client.phone, first_name="Amina", last_name="Idrissi")
    )
    order = orders.create_order(
        client_id=client.id, lines=[LineInput(product_id=coffee.id, quantity=2)]
    )
    order = orders.update_order(
        order_id=order.id,
        expected_version=order.version,
        lines=[LineInput(product_id=coffee.id, quantity=1), LineInput(tea.id, 2)],
        notes="Sonner",
    )
    order = orders.change_status(
        order_id=order.id, to_status="processing", expected_version=order.version
    )
    act_as(operators.Role.MANAGER)
    stock.receive_stock(tea.id, 7, reference="BL-9")
    stock.adjust_stock(coffee.id, -1, reason="casse")
    stock.update_product(
        tea.id, ProductInput(sku="THE-100", name="Thé vert", unit_price=Decimal("27"))
    )
    order = orders.change_status(
        order_id=order.id, to_status="shipped", expected_version=order.version
    )
    settings.set_setting("currency", "EUR")
    settings.set_setting("currency", "MAD")
    act_as(operators.Role.ADMIN)
    operators.set_role("comptoir", "manager")
    operators.set_display_name("comptoir", "Samira")
    session.sign_in_owner(ACTOR)
    return {"client": client, "order": order, "products": (coffee, tea)}


def _replay(entity: str, record_id: object) -> dict[str, str | None]:
    """From each field's first value, every later row applied in order; each row's old
    value must be what the replay holds at that point."""
    values: dict[str, str | None] = {}
    for event in audit.record_trail(entity, record_id):
        if not event.field or event.field in ("password", "pin"):
            continue
        if event.field in values:
            assert values[event.field] == event.old_value, (entity, event)
        values[event.field] = event.new_value
    return values


def test_the_trail_replays_into_every_record(shop: Shop, monkeypatch) -> None:
    cheap_hashes(monkeypatch)
    day = _busy_day(shop)
    client = clients.get_client(day["client"].id)  # type: ignore[attr-defined]
    assert _replay("clients", client.id) == {
        name: stored(getattr(client, name)) for name in clients.AUDITED
    }
    order = orders.get_order_by_id(day["order"].id)  # type: ignore[attr-defined]
    assert _replay("orders", order.id) == {k: stored(v) for k, v in audited(order).items()}
    for product in day["products"]:  # type: ignore[attr-defined]
        now = stock.get_product(product.id)
        fields = stock.AUDITED + stock.STOCK_AUDITED
        assert _replay("products", now.id) == {n: stored(getattr(now, n)) for n in fields}
    assert _replay("settings", "currency") == {"value": settings.get_setting("currency")}
    for who in operators.list_operators():
        row = raw_sql.fetch_one(
            "SELECT username, display_name, role, active FROM operators WHERE id = ?", (who.id,)
        )
        assert _replay("operators", who.id) == dict(
            zip(operators.AUDITED, (stored(v) for v in row), strict=True)
        )


def test_an_upgraded_shops_records_replay_from_their_first_change(shop: Shop) -> None:
    """A client from before the audit trail: its first row's old value is where it starts,
    and its history rows keep the names they had."""
    raw_sql.execute(
        "INSERT INTO clients (phone, last_name, search_last, created_at, updated_at)"
        " VALUES ('+212611111111', 'Ancien', 'ancien', '2025-01-01 10:00:00',"
        " '2025-01-01 10:00:00')"
    )
    client = clients.identify("0611111111")
    saved = clients.update_client(client.id, ClientInput(phone="0611111111", last_name="Nouveau"))
    changes = {
        e.field: (e.old_value, e.new_value) for e in audit.record_trail("clients", client.id)
    }
    assert changes["last_name"] == ("Ancien", "Nouveau")
    assert changes["country"] == ("", "MA")  # a blank country became the phone's
    assert "phone" not in changes  # unchanged fields leave no row
    assert _replay("clients", client.id)["last_name"] == saved.last_name


def test_who_where_and_the_approver_are_recorded(shop: Shop, monkeypatch) -> None:
    cheap_hashes(monkeypatch)
    _busy_day(shop)
    events = audit.list_events(limit=10_000)
    assert {e.workstation for e in events} == {events[0].workstation} != {""}
    clerk = audit.list_events(audit.AuditFilter(operator="COMPTOIR"), limit=10_000)
    assert clerk and {e.operator for e in clerk} == {"comptoir"}
    assert {e.kind for e in clerk} >= {"client", "order", "stock", "sign_in"}
    movements = stock.product_movements(_busy_day_products(events)[0])
    assert {m.created_by for m in movements} >= {"comptoir", "gerant", ACTOR}


def _busy_day_products(events):
    return sorted({int(e.record_id) for e in events if e.entity == "products"})


def test_the_filters_and_pages(shop: Shop, monkeypatch) -> None:
    cheap_hashes(monkeypatch)
    _busy_day(shop)
    everything = audit.list_events(limit=10_000)
    assert [e.id for e in everything] == sorted((e.id for e in everything), reverse=True)
    first_page = audit.list_events(limit=5)
    second = audit.list_events(limit=5, before_id=first_page[-1].id)
    assert [e.id for e in first_page + second] == [e.id for e in everything[:10]]
    stock_only = audit.list_events(audit.AuditFilter(kinds=("stock",)), limit=10_000)
    assert stock_only and {e.kind for e in stock_only} == {"stock"}
    today = date.today()
    assert audit.list_events(audit.AuditFilter(since=today + timedelta(days=1))) == []
    assert len(audit.list_events(audit.AuditFilter(since=today, until=today), limit=10_000)) == len(
        everything
    )
    total, rows = audit.audit_rows(audit.AuditFilter(operator="gerant"))
    out = io.StringIO()
    assert write_csv(out, audit.AUDIT_COLUMNS, (total, rows)) == total > 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("id,at,operator,workstation,kind")
    assert all(",gerant," in line for line in lines[1:])


def test_a_change_and_its_audit_rows_commit_together(shop: Shop, monkeypatch) -> None:
    client = shop.client()
    before = raw_sql.fetch_one("SELECT count(*) FROM audit_events")

    def broken(*_args, **_kwargs):
        raise RuntimeError("the disk said no")

    monkeypatch.setattr(audit_trail, "insert_audit_rows", broken)
    with pytest.raises(RuntimeError):
        clients.update_client(client.id, ClientInput(phone=client.phone, last_name="Jamais"))
    assert clients.get_client(client.id).last_name == client.last_name  # not saved either
    assert raw_sql.fetch_one("SELECT count(*) FROM audit_events") == before
    monkeypatch.undo()
    with pytest.raises(ValidationError):  # a refused change leaves no row
        clients.update_client(client.id, ClientInput(phone="not a phone"))
    assert raw_sql.fetch_one("SELECT count(*) FROM audit_events") == before


def test_the_trail_is_append_only_from_outside(shop: Shop, db_path) -> None:
    shop.client()
    target = binding.database_path()
    for statement in (
        "UPDATE audit_events SET note = 'changed'",
        "DELETE FROM audit_events",
    ):
        with pytest.raises(Exception, match="append-only"):
            sql(target, statement)
    if binding.is_postgres():
        with pytest.raises(Exception, match="append-only"):
            sql(target, "TRUNCATE audit_events")
    assert raw_sql.fetch_one("SELECT count(*) FROM audit_events")[0] > 0


def test_the_trail_is_append_only_through_gestco(shop: Shop) -> None:
    shop.client()
    with pytest.raises(DatabaseError, match="append-only"), transactions.atomic():
        raw_sql.execute("DELETE FROM audit_events")
    with pytest.raises(DatabaseError, match="append-only"), transactions.atomic():
        AuditRow.update(note="x").execute()
