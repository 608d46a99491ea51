"""Roles checked by the core: every write service x every role is allowed exactly when the
permissions table says so; a refusal raises PermissionDenied naming what is missing and
writes nothing; approvals by a manager's PIN."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from gestco.domain.errors import (
    GestcoError,
    NotFoundError,
    PermissionDenied,
    SignInDelayed,
    SignInError,
    ValidationError,
)
from gestco.domain.legal_identity import ShopIdentity
from gestco.domain.permissions import (
    APPROVABLE,
    ROLES_OF,
    STATUS_PERMISSION,
    Permission,
    Role,
    allowed,
    permissions_of,
)
from gestco.domain.records import STATUSES, ClientInput, LineInput, ProductInput
from gestco.maintenance import restore
from gestco.services import (
    audit,
    client_imports,
    client_rights,
    clients,
    connection,
    export,
    figures,
    import_reports,
    invoice_list,
    invoices,
    operators,
    order_imports,
    orders,
    payments,
    relationship,
    session,
    settings,
    stock,
)
from gestco.storage import binding, raw_sql
from tests.support.shop import Shop
from tests.support.staff import OF_ROLE, PINS, act_as, add_people, cheap_hashes, everything

P = Permission


def test_the_roles_are_the_issues_table() -> None:
    counter = {
        P.CLIENT_CREATE,
        P.CLIENT_EDIT,
        P.CLIENT_NOTE,
        P.CLIENT_TAG,
        P.CLIENT_CONSENT,
        P.ORDER_CREATE,
        P.ORDER_EDIT,
        P.ORDER_STATUS,
        P.PAYMENT_RECORD,
        P.INVOICE_ISSUE,
    }
    manager = counter | {
        P.CLIENT_ANONYMISE,
        P.ORDER_SHIP,
        P.ORDER_CANCEL,
        P.ORDER_DISCOUNT,
        P.ORDER_PRICE,
        P.PRODUCT_EDIT,
        P.STOCK_RECEIVE,
        P.STOCK_CORRECT,
        P.EXPORT,
        P.IMPORT,
        P.SETTINGS_EDIT,
        P.SHOP_IDENTITY_EDIT,
        P.PAYMENT_REFUND,
        P.CREDIT_NOTE_ISSUE,
        P.INVOICES_VIEW,
        P.AUDIT_VIEW,
        P.VIEW_FIGURES,
    }
    admin = set(Permission)
    assert permissions_of(Role.COUNTER) == counter
    assert permissions_of(Role.MANAGER) == manager
    assert permissions_of(Role.ADMIN) == admin
    assert set(ROLES_OF) == set(Permission)  # every permission is in the table
    assert set(STATUS_PERMISSION) == set(STATUSES)
    assert {P.ORDER_CANCEL, P.ORDER_DISCOUNT} == APPROVABLE
    # An import creates, prices, ships and cancels orders and records clients as the shop
    # did: whoever may import may do each of those.
    for needed in (P.ORDER_CREATE, P.ORDER_PRICE, P.ORDER_DISCOUNT, P.ORDER_SHIP):
        assert ROLES_OF[P.IMPORT] <= ROLES_OF[needed]
    assert ROLES_OF[P.IMPORT] <= ROLES_OF[P.ORDER_CANCEL] & ROLES_OF[P.CLIENT_CREATE]


@dataclass(frozen=True)
class Case:
    """One write service called on a prepared shop, and the permissions it needs."""

    needs: frozenset[Permission]
    run: Callable[[dict[str, object]], object]
    prepare: Callable[[Shop, dict[str, object]], None] = lambda _shop, _data: None
    writes: bool = True  # False: a read (exports, the audit trail) or a workstation file


def _order(status: str = "pending") -> Callable[[Shop, dict[str, object]], None]:
    path = {
        "pending": [],
        "processing": ["processing"],
        "on_hold": ["on_hold"],
        "shipped": ["processing", "shipped"],
    }[status]

    def prepare(shop: Shop, data: dict[str, object]) -> None:
        order = shop.order(data["client"].id, (data["product"].id, 2))  # type: ignore[attr-defined]
        for step in path:
            order = orders.change_status(
                order_id=order.id, to_status=step, expected_version=order.version
            )
        data["order"] = order

    return prepare


def _paid_order() -> Callable[[Shop, dict[str, object]], None]:
    def prepare(shop: Shop, data: dict[str, object]) -> None:
        _order()(shop, data)
        payments.record_payment(order_id=data["order"].id, amount="50", method="cash")  # type: ignore[attr-defined]

    return prepare


def _invoiceable_order(*, invoiced: bool) -> Callable[[Shop, dict[str, object]], None]:
    def prepare(shop: Shop, data: dict[str, object]) -> None:
        settings.set_shop_identity(_IDENTITY)
        _order()(shop, data)
        if invoiced:
            data["invoice"] = invoices.issue_invoice(order_id=data["order"].id)  # type: ignore[attr-defined]

    return prepare


_IDENTITY = ShopIdentity(
    name="Épicerie",
    address="1 rue",
    ice="001561191000066",
    tax_id="1",
    rc="2",
    rc_court="Rabat",
    patente="3",
)


def _move(to: str) -> Callable[[dict[str, object]], object]:
    def run(data: dict[str, object]) -> object:
        order = data["order"]
        return orders.change_status(
            order_id=order.id,  # type: ignore[attr-defined]
            to_status=to,
            expected_version=order.version,  # type: ignore[attr-defined]
            note="erreur" if to == "cancelled" else "",
        )

    return run


def _lines(**line: object) -> list[LineInput]:
    return [LineInput(**line)]  # type: ignore[arg-type]


def _new_order(data: dict[str, object], **line: object) -> object:
    return orders.create_order(
        client_id=data["client"].id,  # type: ignore[attr-defined]
        lines=_lines(product_id=data["product"].id, quantity=1, **line),  # type: ignore[attr-defined]
    )


def _edit(data: dict[str, object], **changes: object) -> object:
    order = data["order"]
    return orders.update_order(
        order_id=order.id,  # type: ignore[attr-defined]
        expected_version=order.version,  # type: ignore[attr-defined]
        **changes,  # type: ignore[arg-type]
    )


_FILES = Path(tempfile.mkdtemp(prefix="gestco-permissions-"))
# One order of the shop's CAF-250 shipped, in GESTCO's format; one new client.
(_FILES / "orders.csv").write_text(
    "order_ref,created_at,phone,last_name,sku,quantity,unit_price,status\n"
    "CC-1,2026-01-05 10:00,0633333333,Nouvelle,CAF-250,2,40.00,shipped\n",
    encoding="utf-8",
)
(_FILES / "clients.csv").write_text(
    "phone,first_name,last_name\n0644444444,Hind,Amrani\n", encoding="utf-8"
)


def _product_input(sku: str = "NEW-1") -> ProductInput:
    return ProductInput(sku=sku, name="Nouveau", unit_price=Decimal("9.90"))


CASES: dict[str, Case] = {
    "create client": Case(
        frozenset({P.CLIENT_CREATE}),
        lambda d: clients.create_client(ClientInput(phone="0622222222", last_name="Neuf")),
    ),
    "edit client": Case(
        frozenset({P.CLIENT_EDIT}),
        lambda d: clients.update_client(
            d["client"].id,  # type: ignore[attr-defined]
            ClientInput(phone="0612345678", last_name="Changé"),
        ),
    ),
    "add a note": Case(
        frozenset({P.CLIENT_NOTE}),
        lambda d: relationship.add_note(d["client"].id, "a appelé", kind="call"),  # type: ignore[attr-defined]
    ),
    "tag a client": Case(
        frozenset({P.CLIENT_TAG}),
        lambda d: relationship.add_tag(d["client"].id, "VIP"),  # type: ignore[attr-defined]
    ),
    "untag a client": Case(
        frozenset({P.CLIENT_TAG}),
        lambda d: relationship.remove_tag(d["client"].id, "vip"),  # type: ignore[attr-defined]
        lambda _shop, d: relationship.add_tag(d["client"].id, "VIP") and None,  # type: ignore[attr-defined]
    ),
    "record marketing consent": Case(
        frozenset({P.CLIENT_CONSENT}),
        lambda d: relationship.set_marketing_consent(d["client"].id, True),  # type: ignore[attr-defined]
    ),
    "anonymise a client": Case(
        frozenset({P.CLIENT_ANONYMISE}),
        lambda d: client_rights.anonymise_client(d["client"].id),  # type: ignore[attr-defined]
        _order(),
    ),
    "export a client's data": Case(
        frozenset({P.EXPORT}),
        lambda d: client_rights.client_data(d["client"].id),  # type: ignore[attr-defined]
        writes=False,
    ),
    "create order": Case(frozenset({P.ORDER_CREATE}), lambda d: _new_order(d)),
    "create order, discount at the threshold": Case(
        frozenset({P.ORDER_CREATE}), lambda d: _new_order(d, discount="10")
    ),
    "create order, discount above the threshold": Case(
        frozenset({P.ORDER_CREATE, P.ORDER_DISCOUNT}), lambda d: _new_order(d, discount="15")
    ),
    "create order, another price": Case(
        frozenset({P.ORDER_CREATE, P.ORDER_PRICE}), lambda d: _new_order(d, unit_price="1.00")
    ),
    "edit a pending order's lines": Case(
        frozenset({P.ORDER_EDIT}),
        lambda d: _edit(d, lines=_lines(product_id=d["product"].id, quantity=3)),  # type: ignore[attr-defined]
        _order(),
    ),
    "edit an order's notes": Case(
        frozenset({P.ORDER_EDIT}), lambda d: _edit(d, notes="Sonner deux fois"), _order()
    ),
    "pending to processing": Case(
        frozenset({P.ORDER_STATUS}), _move("processing"), _order("pending")
    ),
    "pending to on hold": Case(frozenset({P.ORDER_STATUS}), _move("on_hold"), _order("pending")),
    "on hold to pending": Case(frozenset({P.ORDER_STATUS}), _move("pending"), _order("on_hold")),
    "processing to on hold": Case(
        frozenset({P.ORDER_STATUS}), _move("on_hold"), _order("processing")
    ),
    "ship": Case(frozenset({P.ORDER_SHIP}), _move("shipped"), _order("processing")),
    "deliver": Case(frozenset({P.ORDER_SHIP}), _move("delivered"), _order("shipped")),
    "cancel": Case(frozenset({P.ORDER_CANCEL}), _move("cancelled"), _order("pending")),
    "save changes and cancel": Case(
        frozenset({P.ORDER_EDIT, P.ORDER_CANCEL}),
        lambda d: orders.save_order_changes(
            order_id=d["order"].id,  # type: ignore[attr-defined]
            expected_version=d["order"].version,  # type: ignore[attr-defined]
            notes="Annulée au téléphone",
            to_status="cancelled",
            note="doublon",
        ),
        _order(),
    ),
    "create product": Case(
        frozenset({P.PRODUCT_EDIT}), lambda d: stock.create_product(_product_input())
    ),
    "create product with stock": Case(
        frozenset({P.PRODUCT_EDIT, P.STOCK_RECEIVE}),
        lambda d: stock.create_product(_product_input(), initial_stock=4),
    ),
    "change a price": Case(
        frozenset({P.PRODUCT_EDIT}),
        lambda d: stock.update_product(
            d["product"].id,  # type: ignore[attr-defined]
            ProductInput(sku="CAF-250", name="Café", unit_price=Decimal("50")),
        ),
    ),
    "receive stock": Case(
        frozenset({P.STOCK_RECEIVE}),
        lambda d: stock.receive_stock(d["product"].id, 5, reference="BL-1"),  # type: ignore[attr-defined]
    ),
    "correct stock": Case(
        frozenset({P.STOCK_CORRECT}),
        lambda d: stock.adjust_stock(d["product"].id, -1, reason="casse"),  # type: ignore[attr-defined]
    ),
    "change a setting": Case(
        frozenset({P.SETTINGS_EDIT}), lambda d: settings.set_setting("currency", "EUR")
    ),
    "change the shop's identity": Case(
        frozenset({P.SHOP_IDENTITY_EDIT}),
        lambda d: settings.set_shop_identity(ShopIdentity(name="Épicerie", ice="001561191000066")),
    ),
    "record a payment": Case(
        frozenset({P.PAYMENT_RECORD}),
        lambda d: payments.record_payment(order_id=d["order"].id, amount="10", method="cash"),  # type: ignore[attr-defined]
        _order(),
    ),
    "refund a payment": Case(
        frozenset({P.PAYMENT_REFUND}),
        lambda d: payments.record_payment(
            order_id=d["order"].id,  # type: ignore[attr-defined]
            amount="-10",
            method="cash",
            reason="geste commercial",
        ),
        _paid_order(),
    ),
    "issue an invoice": Case(
        frozenset({P.INVOICE_ISSUE}),
        lambda d: invoices.issue_invoice(order_id=d["order"].id),  # type: ignore[attr-defined]
        _invoiceable_order(invoiced=False),
    ),
    "issue a credit note": Case(
        frozenset({P.CREDIT_NOTE_ISSUE}),
        lambda d: invoices.issue_credit_note(invoice_number=d["invoice"].number),  # type: ignore[attr-defined]
        _invoiceable_order(invoiced=True),
    ),
    "list the invoices": Case(
        frozenset({P.INVOICES_VIEW}), lambda d: invoice_list.list_invoices(), writes=False
    ),
    "export the invoices": Case(
        frozenset({P.INVOICES_VIEW}), lambda d: invoice_list.invoice_rows(), writes=False
    ),
    "see the figures": Case(
        frozenset({P.VIEW_FIGURES}),
        lambda d: figures.figures(figures.presets(dt.date.today())["30d"]),
        writes=False,
    ),
    "export orders": Case(frozenset({P.EXPORT}), lambda d: export.order_rows(), writes=False),
    "export clients": Case(frozenset({P.EXPORT}), lambda d: export.client_rows(), writes=False),
    "export the reorder list": Case(
        frozenset({P.EXPORT}), lambda d: export.reorder_rows(), writes=False
    ),
    "import orders": Case(
        frozenset({P.IMPORT}), lambda d: order_imports.run(_FILES / "orders.csv")
    ),
    "preview an import of orders": Case(
        frozenset({P.IMPORT}), lambda d: order_imports.preview(_FILES / "orders.csv"), writes=False
    ),
    "import clients": Case(
        frozenset({P.IMPORT}), lambda d: client_imports.run(_FILES / "clients.csv")
    ),
    "list the imports": Case(
        frozenset({P.IMPORT}), lambda d: import_reports.list_imports(), writes=False
    ),
    "read the audit trail": Case(
        frozenset({P.AUDIT_VIEW}), lambda d: audit.list_events(), writes=False
    ),
    "export the audit trail": Case(
        frozenset({P.AUDIT_VIEW}), lambda d: audit.audit_rows(), writes=False
    ),
    "add an operator": Case(
        frozenset({P.OPERATORS_MANAGE}),
        lambda d: operators.create_operator("nadia", role="counter", password="nadia-2026"),
    ),
    "set someone's password": Case(
        frozenset({P.OPERATORS_MANAGE}),
        lambda d: operators.set_password("comptoir", "nouveau-2026"),
    ),
    "set someone's PIN": Case(
        frozenset({P.OPERATORS_MANAGE}), lambda d: operators.set_pin("admin", "9876")
    ),
    "change a role": Case(
        frozenset({P.OPERATORS_MANAGE}), lambda d: operators.set_role("comptoir", "manager")
    ),
    "disable an operator": Case(
        frozenset({P.OPERATORS_MANAGE}), lambda d: operators.set_active("gerant", False)
    ),
    "rename an operator": Case(
        frozenset({P.OPERATORS_MANAGE}),
        lambda d: operators.set_display_name("comptoir", "Samira"),
    ),
    "edit an operator": Case(
        frozenset({P.OPERATORS_MANAGE}),
        lambda d: operators.update_operator(
            "comptoir", display_name="Samira", role="manager", active=True
        ),
    ),
    "clear an operator's wrong attempts": Case(
        frozenset({P.OPERATORS_MANAGE}), lambda d: operators.unlock("gerant")
    ),
    "point the workstation at its own file": Case(
        frozenset({P.DATABASE_CONNECTION}), lambda d: connection.use_own_file(), writes=False
    ),
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", list(CASES))
def test_every_write_service_for_every_role(
    shop: Shop, monkeypatch: pytest.MonkeyPatch, name: str, role: Role
) -> None:
    case = CASES[name]
    cheap_hashes(monkeypatch)
    data: dict[str, object] = {
        "client": shop.client(),
        "product": shop.product(sku="CAF-250", price="45.00", stock_qty=50),
    }
    case.prepare(shop, data)
    add_people()
    act_as(role)
    before = everything()
    expected = all(allowed(role, p) for p in case.needs)
    if expected:
        case.run(data)
        if case.writes:
            assert everything() != before
        return
    with pytest.raises(PermissionDenied) as refused:
        case.run(data)
    assert refused.value.permission in case.needs
    assert not allowed(role, Permission(refused.value.permission))
    assert OF_ROLE[role] in refused.value.message
    assert everything() == before  # nothing written, not even an audit row


@pytest.mark.parametrize("role", list(Role))
def test_a_restore_needs_an_admin(
    shop: Shop, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, role: Role
) -> None:
    cheap_hashes(monkeypatch)
    add_people()
    act_as(role)
    missing = tmp_path / "no-such-backup.sqlite3"
    if allowed(role, P.BACKUP_RESTORE):
        with pytest.raises(GestcoError) as error:  # past the check: the backup is missing
            restore.restore_database(missing, binding.database_path())
        assert not isinstance(error.value, PermissionDenied)
    else:
        with pytest.raises(PermissionDenied):
            restore.restore_database(missing, binding.database_path())


def test_nobody_signed_in_and_locked_write_nothing(shop: Shop, monkeypatch) -> None:
    cheap_hashes(monkeypatch)
    add_people()
    act_as(Role.MANAGER)
    session.lock()
    assert session.current() is None and session.locked_by().username == "gerant"
    with pytest.raises(PermissionDenied, match="locked"):
        clients.create_client(ClientInput(phone="0622222222", last_name="Neuf"))
    session.reset()
    with pytest.raises(PermissionDenied, match="sign in first"):
        clients.create_client(ClientInput(phone="0622222222", last_name="Neuf"))
    assert raw_sql.fetch_one("SELECT count(*) FROM clients") == (0,)


def test_a_disabled_operator_is_refused_at_once(shop: Shop, monkeypatch) -> None:
    """Disabled on another workstation: the next write here is refused (the role and the
    active flag are read again at each check)."""
    cheap_hashes(monkeypatch)
    add_people()
    act_as(Role.MANAGER)
    raw_sql.execute("UPDATE operators SET active = 0 WHERE username = 'gerant'")
    with pytest.raises(PermissionDenied, match="no longer sign in"):
        clients.create_client(ClientInput(phone="0622222222", last_name="Neuf"))
    assert session.current() is None


def test_a_demoted_operator_is_refused_at_once(shop: Shop, monkeypatch) -> None:
    cheap_hashes(monkeypatch)
    add_people()
    act_as(Role.MANAGER)
    raw_sql.execute("UPDATE operators SET role = 'counter' WHERE username = 'gerant'")
    with pytest.raises(PermissionDenied):
        stock.receive_stock(shop.product().id, 1)


@pytest.fixture
def counter_with_order(shop: Shop, monkeypatch):
    cheap_hashes(monkeypatch)
    client = shop.client()
    product = shop.product(stock_qty=20)
    order = shop.order(client.id, (product.id, 2))
    add_people()
    act_as(Role.COUNTER)
    return order, product


def test_a_clerk_cancels_with_a_managers_pin(counter_with_order) -> None:
    order, _ = counter_with_order
    with pytest.raises(PermissionDenied) as refused:
        orders.change_status(
            order_id=order.id, to_status="cancelled", expected_version=order.version, note="x"
        )
    assert refused.value.approvable and refused.value.permission == P.ORDER_CANCEL
    approval = session.approve("Gerant", PINS["gerant"])
    assert session.current().username == "comptoir"  # who is signed in stays
    cancelled = orders.change_status(
        order_id=order.id,
        to_status="cancelled",
        expected_version=order.version,
        note="doublon",
        approval=approval,
    )
    last = cancelled.history[-1]
    assert (last.changed_by, last.approved_by) == ("comptoir", "gerant")
    trail = audit.record_trail("orders", order.id)
    status_row = next(e for e in trail if e.field == "status" and e.new_value == "cancelled")
    assert (status_row.operator, status_row.approved_by) == ("comptoir", "gerant")
    events = [e.kind for e in _events_as_owner()]
    assert "approval" in events


def _events_as_owner():
    kept = session.current()
    session.sign_in_owner("tester")
    try:
        return audit.list_events()
    finally:
        if kept is not None:
            session.assume(kept.username)


def test_an_approval_is_good_for_one_change(counter_with_order, shop: Shop) -> None:
    order, product = counter_with_order
    approval = session.approve("gerant", PINS["gerant"])
    # A refusal for another reason keeps it: the clerk corrects and saves again.
    with pytest.raises(ValidationError):
        orders.change_status(
            order_id=order.id,
            to_status="cancelled",
            expected_version=order.version,
            approval=approval,
        )
    orders.change_status(
        order_id=order.id,
        to_status="cancelled",
        expected_version=order.version,
        note="doublon",
        approval=approval,
    )
    other = orders.create_order(
        client_id=order.client_id, lines=[LineInput(product_id=product.id, quantity=1)]
    )
    with pytest.raises(PermissionDenied, match="already used"):
        orders.change_status(
            order_id=other.id,
            to_status="cancelled",
            expected_version=other.version,
            note="x",
            approval=approval,
        )


def test_a_discount_above_the_threshold_with_approval(counter_with_order) -> None:
    order, product = counter_with_order
    lines = [LineInput(product_id=product.id, quantity=2, discount="20")]
    with pytest.raises(PermissionDenied) as refused:
        orders.update_order(order_id=order.id, expected_version=order.version, lines=lines)
    assert refused.value.permission == P.ORDER_DISCOUNT
    approval = session.approve("admin", PINS["admin"])
    saved = orders.update_order(
        order_id=order.id, expected_version=order.version, lines=lines, approval=approval
    )
    lines_row = [e for e in audit.record_trail("orders", order.id) if e.field == "lines"][-1]
    assert (lines_row.operator, lines_row.approved_by) == ("comptoir", "admin")
    # The clerk may then change the quantity of that discounted line alone.
    orders.update_order(
        order_id=order.id,
        expected_version=saved.version,
        lines=[LineInput(product_id=product.id, quantity=3, discount="20")],
    )


def test_a_clerks_pin_approves_nothing(counter_with_order) -> None:
    with pytest.raises(PermissionDenied, match="cannot approve"):
        session.approve("comptoir", PINS["comptoir"])
    with pytest.raises(SignInError):
        session.approve("gerant", "0000")


def test_a_refused_approval_is_recorded_as_refused(counter_with_order) -> None:
    """The clerk's own right PIN approves nothing: the trail says a failed approval, never
    an approval."""
    with pytest.raises(PermissionDenied, match="cannot approve"):
        session.approve("comptoir", PINS["comptoir"])
    events = [(e.operator, e.kind, e.note) for e in _events_as_owner() if "approval" in e.kind]
    assert events == [("comptoir", "approval_failed", "PIN; the role counter approves nothing")]


def _five_wrong_pins(name: str) -> None:
    for _ in range(4):
        with pytest.raises(SignInError):
            session.approve(name, "0000")
    with pytest.raises(SignInDelayed):
        session.approve(name, "0000")
    with pytest.raises(SignInDelayed):  # even the right PIN waits now
        session.approve(name, PINS[name])


@pytest.mark.parametrize(
    "clears",
    [
        lambda: operators.unlock("GERANT"),
        lambda: operators.set_password("gerant", "nouveau-2026"),
        lambda: operators.set_pin("gerant", "2222"),
        lambda: operators.set_active("gerant", True),
    ],
    ids=["unlock", "passwd", "pin", "enable"],
)
def test_an_admin_clears_a_managers_lockout(counter_with_order, clears) -> None:
    """Anyone at the counter can type five wrong PINs for a manager's name; an admin's
    unlock (or a new password, a new PIN, enabling them) clears it, recorded."""
    _five_wrong_pins("gerant")
    assert operators.wrong_attempts("gerant") == 5
    session.assume("admin")
    clears()
    assert operators.wrong_attempts("gerant") == 0
    session.assume("comptoir")
    assert session.approve("gerant", PINS["gerant"]).username == "gerant"
    cleared = [e for e in _events_as_owner() if e.kind == "failures_cleared"]
    assert [(e.operator, e.record_label, e.note.split(";")[0]) for e in cleared] == [
        ("admin", "gerant", "5 wrong attempts")
    ]


def test_unlocking_needs_an_admin_and_names_an_operator(counter_with_order) -> None:
    _five_wrong_pins("gerant")
    session.assume("gerant")  # a manager cannot clear anyone's, not even their own
    with pytest.raises(PermissionDenied):
        operators.unlock("gerant")
    session.assume("admin")
    with pytest.raises(NotFoundError):
        operators.unlock("personne")
    assert operators.wrong_attempts("gerant") == 5
    assert operators.unlock("gerant").username == "gerant"
    again = operators.unlock("gerant")  # nothing left: recorded all the same
    assert again.username == "gerant"
    notes = [e.note for e in _events_as_owner() if e.kind == "failures_cleared"]
    assert notes == ["0 wrong attempts; unlocked", "5 wrong attempts; unlocked"]


def test_an_approval_lapses(counter_with_order, monkeypatch) -> None:
    order, _ = counter_with_order
    monkeypatch.setattr(session, "APPROVAL_SECONDS", -1)
    approval = session.approve("gerant", PINS["gerant"])
    with pytest.raises(PermissionDenied, match="expired"):
        orders.change_status(
            order_id=order.id,
            to_status="cancelled",
            expected_version=order.version,
            note="x",
            approval=approval,
        )


def test_the_threshold_is_a_shop_setting(counter_with_order) -> None:
    order, product = counter_with_order
    session.sign_in_owner("tester")
    settings.set_setting("discount_approval_above", "25")
    session.assume("comptoir")
    orders.update_order(
        order_id=order.id,
        expected_version=order.version,
        lines=[LineInput(product_id=product.id, quantity=2, discount="20")],
    )
    with pytest.raises(ValidationError):
        settings._checked("discount_approval_above", "101")
