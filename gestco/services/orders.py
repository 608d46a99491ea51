"""Orders: create (numbered and reserved in one transaction), find, edit, move along the
status machine. Stock effects and history rows commit with the change that causes them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from gestco.domain.change_areas import reports_changes
from gestco.domain.errors import ConflictError, NotFoundError, ValidationError
from gestco.domain.money import format_cents
from gestco.domain.order_numbers import parse_number
from gestco.domain.payments import Deposit
from gestco.domain.permissions import STATUS_PERMISSION, Permission
from gestco.domain.records import (
    CHANNELS,
    STATUSES,
    LineInput,
    Order,
    OrderLine,
    StatusChange,
    is_row_id,
    units_by_product,
)
from gestco.domain.staff import Approval
from gestco.domain.stock_moves import edit_moves
from gestco.domain.text import clean
from gestco.domain.timestamps import from_text, now, to_text
from gestco.services import payments, session
from gestco.services.clients import get_client
from gestco.services.order_checks import audit_order, line_permissions
from gestco.services.order_writes import (
    bump_order,
    insert_order,
    lock_products,
    move_status,
    write_moves,
)
from gestco.services.pricing import check_availability, price_lines, totals, write_lines
from gestco.storage import builder, transactions, write_rules
from gestco.storage.models import Clients, OrderLines, Orders, Products, StatusChanges
from gestco.storage.prepared import Prepared

LINE_FIELDS = (
    OrderLines.product,
    Products.sku,
    OrderLines.description,
    OrderLines.quantity,
    OrderLines.unit_price_cents,
    OrderLines.discount_bp,
    OrderLines.tax_rate_bp,
    OrderLines.total_cents,
    OrderLines.tax_cents,
)  # in the order of the OrderLine record's fields
HISTORY_FIELDS = (
    StatusChanges.changed_at,
    StatusChanges.from_status,
    StatusChanges.to_status,
    StatusChanges.changed_by,
    StatusChanges.note,
    StatusChanges.approved_by,
)
ORDER_FIELDS = (
    Orders.id,
    Orders.number,
    Orders.client,
    Clients.first_name,
    Clients.last_name,
    Clients.phone,
    Orders.channel,
    Orders.status,
    Orders.created_at,
    Orders.validated_at,
    Orders.shipping_date,
    Orders.shipped_at,
    Orders.delivered_at,
    Orders.shipping_address,
    Orders.notes,
    Orders.total_excl_cents,
    Orders.total_tax_cents,
    Orders.total_cents,
    Orders.version,
    Orders.source,
    Orders.external_number,
    Orders.payment_status,
)


def lines_query(order_id: int) -> builder.ModelSelect[OrderLines]:
    return (
        OrderLines.select(*LINE_FIELDS)
        .join(Products, on=(Products.id == OrderLines.product))
        .where(OrderLines.order == order_id)
        .order_by(OrderLines.position)
    )


def history_query(order_id: int) -> builder.ModelSelect[StatusChanges]:
    return (
        StatusChanges.select(*HISTORY_FIELDS)
        .where(StatusChanges.order == order_id)
        .order_by(StatusChanges.id)
    )


def order_query(condition: builder.Expression) -> builder.ModelSelect[Orders]:
    """Orders with their client's name and phone: the Order record's first fields."""
    return (
        Orders.select(*ORDER_FIELDS)
        .join(Clients, on=(Clients.id == Orders.client))
        .where(condition)
    )


# Every order shown is read by these (gestco.storage.prepared: their SQL is written once).
_ORDER_BY_NUMBER = Prepared(lambda number: order_query(Orders.number == number))
_ORDER_BY_ID = Prepared(lambda order_id: order_query(Orders.id == order_id))
_LINES, _HISTORY = Prepared(lines_query), Prepared(history_query)


def _check_channel(channel: object) -> str:
    if channel not in CHANNELS:
        raise ValidationError(
            "channel", "Choose a channel among: {channels}.", channels=", ".join(CHANNELS)
        )
    return str(channel)


def _check_shipping_date(value: object, order_day: date) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError("shipping_date", "Choose a shipping date.")
    if value < order_day:
        raise ValidationError(
            "shipping_date",
            "The shipping date cannot be before the order date ({day}).",
            day=order_day.isoformat(),
        )
    return value


@write_rules.retried
@reports_changes
def create_order(
    *,
    client_id: int,
    lines: Sequence[LineInput],
    channel: str = "counter",
    shipping_date: date | None = None,
    shipping_address: str | None = None,
    notes: str = "",
    approval: Approval | None = None,
    deposit: Deposit | None = None,
) -> Order:
    """Validate and record an order: number, lines, totals, reservations and history together.
    A discount above the shop's threshold needs a manager, or a manager's `approval`; a price
    other than the catalogue's needs a manager. A `deposit` is recorded as the order's first
    payment in the same transaction: refused (more than the total...), nothing is written."""
    actor = session.require(
        Permission.ORDER_CREATE, *([Permission.PAYMENT_RECORD] if deposit is not None else [])
    )
    moment = now()
    taken = None if deposit is None else payments.check_deposit(deposit, moment.date())
    channel = _check_channel(channel)
    ship = (
        moment.date()
        if shipping_date is None
        else _check_shipping_date(shipping_date, moment.date())
    )
    note_text = clean(notes, field="notes", max_length=2000, multiline=True)
    address = (
        None
        if shipping_address is None
        else clean(shipping_address, field="shipping_address", max_length=500, multiline=True)
    )
    if not is_row_id(client_id):
        raise ValidationError("client", "Identify the client first.")
    stamp = to_text(moment)
    with transactions.atomic():
        client = get_client(client_id)
        # Locks the products in id order (write_rules): prices and stock are current.
        priced = price_lines(lines)
        check_availability(priced, {})
        actor = session.require(
            Permission.ORDER_CREATE, *line_permissions(priced), approval=approval
        )
        order_id = insert_order(
            client=client,
            priced=priced,
            channel=channel,
            stamp=stamp,
            year=moment.year,
            shipping_date=ship,
            shipping_address=address,
            notes=note_text,
            actor=actor,
        )
        created = get_order_by_id(order_id)
        audit_order(actor, None, created)
        if taken is not None:
            payments.check_deposit_total(taken, created.total_cents)
            payments.write_payment(actor, order_id, taken, moment, new_order=True)
    return created


def _order_from_row(row: tuple[Any, ...]) -> Order:
    lines = tuple(OrderLine(*r) for r in _LINES.rows(row[0]))
    history = tuple(
        StatusChange(datetime.fromisoformat(r[0]), r[1], r[2], r[3], r[4], r[5])
        for r in _HISTORY.rows(row[0])
    )
    return Order(
        id=row[0],
        number=row[1],
        client_id=row[2],
        client_name=f"{row[3]} {row[4]}".strip(),
        client_phone=row[5],
        channel=row[6],
        status=row[7],
        created_at=datetime.fromisoformat(row[8]),
        validated_at=datetime.fromisoformat(row[9]),
        shipping_date=date.fromisoformat(row[10]),
        shipped_at=from_text(row[11]),
        delivered_at=from_text(row[12]),
        shipping_address=row[13],
        notes=row[14],
        total_excl_cents=row[15],
        total_tax_cents=row[16],
        total_cents=row[17],
        version=row[18],
        source=row[19],
        external_number=row[20],
        payment_status=row[21],
        lines=lines,
        history=history,
    )


def get_order(number: str) -> Order:
    """The order with this number, typed in any tolerant form."""
    canonical = parse_number(number)
    row = _ORDER_BY_NUMBER.first_row(canonical)
    if row is None:
        raise NotFoundError("No order {number}.", number=canonical)
    return _order_from_row(row)


def get_order_by_id(order_id: int) -> Order:
    if not is_row_id(order_id):
        raise NotFoundError("This order no longer exists.")
    row = _ORDER_BY_ID.first_row(order_id)
    if row is None:
        raise NotFoundError("This order no longer exists.")
    return _order_from_row(row)


def _locked_current(order_id: object, expected_version: object) -> Order:
    """The order as stored, refusing if it changed since the caller read it."""
    if not is_row_id(order_id):
        raise ValidationError("order", "Open an order first.")
    builder.lock(Orders, [order_id])  # the first lock of every change of an order
    current = get_order_by_id(order_id)
    # Only an int is a version; anything else (Decimal('sNaN') raises when compared) is stale.
    if type(expected_version) is not int or current.version != expected_version:
        raise ConflictError(
            "{number} was changed by someone else in the meantime (now {status}): "
            "it has been reloaded, make your change again.",
            number=current.number,
            status=current.status,
        )
    return current


def _check_received(order_id: int, total: int) -> None:
    """New lines may not cost less than the order already received (payments): refund first."""
    received = int(builder.value(Orders.select(Orders.paid_cents).where(Orders.id == order_id)))
    if total < received:
        raise ValidationError(
            "lines",
            "The order has received {paid} in payments, more than these lines cost ({total}):"
            " refund the difference first.",
            paid=format_cents(received),
            total=format_cents(total),
        )


def _keyed_products(lines: object) -> list[object]:
    if isinstance(lines, str | bytes) or not isinstance(lines, Sequence):
        return []  # price_lines says what is wrong with them
    return [line.product_id for line in lines if isinstance(line, LineInput)]


@write_rules.retried
@reports_changes
def update_order(
    *,
    order_id: int,
    expected_version: int,
    lines: Sequence[LineInput] | None = None,
    channel: str | None = None,
    shipping_date: date | None = None,
    shipping_address: str | None = None,
    notes: str | None = None,
    approval: Approval | None = None,
) -> Order:
    """Change an order's details; `None` leaves a field as it is. Lines only while pending.
    New discounts above the threshold or prices need what create_order says."""
    actor = session.require(Permission.ORDER_EDIT)
    stamp = to_text(now())
    with transactions.atomic():
        current = _locked_current(order_id, expected_version)
        changes: dict[str, Any] = {}
        if channel is not None:
            changes["channel"] = _check_channel(channel)
        if shipping_date is not None:
            changes["shipping_date"] = _check_shipping_date(
                shipping_date, current.created_at.date()
            ).isoformat()
        if shipping_address is not None:
            changes["shipping_address"] = clean(
                shipping_address, field="shipping_address", max_length=500, multiline=True
            )
        if notes is not None:
            changes["notes"] = clean(notes, field="notes", max_length=2000, multiline=True)
        if lines is not None:
            if not current.lines_editable:
                raise ValidationError(
                    "lines", "Lines can only change while the order is still to process (pending)."
                )
            # The products of the old lines and of the new ones, before any changes.
            lock_products([line.product_id for line in current.lines] + _keyed_products(lines))
            priced = price_lines(lines)
            actor = session.require(
                Permission.ORDER_EDIT,
                *line_permissions(priced, current.lines),
                approval=approval,
            )
            held = current.held_stock
            check_availability(priced, held)
            wanted = units_by_product((line.product.id, line.quantity) for line in priced)
            write_moves(edit_moves(held, wanted), order_id=order_id, actor=actor, stamp=stamp)
            OrderLines.delete().where(OrderLines.order == order_id).execute()
            write_lines(order_id, priced)
            excl, tax, total = totals(priced)
            _check_received(order_id, total)
            changes.update(total_excl_cents=excl, total_tax_cents=tax, total_cents=total)
        if changes:
            bump_order(order_id, stamp, **changes)
        saved = get_order_by_id(order_id)
        audit_order(actor, current, saved)
    return saved


@write_rules.retried
@reports_changes
def change_status(
    *,
    order_id: int,
    to_status: str,
    expected_version: int,
    note: str = "",
    approval: Approval | None = None,
) -> Order:
    """Move an order along the status machine, with its stock effect and a history row.
    Cancelling needs a manager, or a manager's `approval` (the history names both)."""
    if to_status not in STATUSES:
        raise ValidationError("status", "Unknown status.")
    if approval is None:  # refused before anything is read or locked
        session.require(STATUS_PERMISSION[to_status])
    text = clean(note, field="note", max_length=500, multiline=True)
    moment = now()
    stamp = to_text(moment)
    with transactions.atomic():
        # Again inside: an approval is spent when this transaction commits.
        actor = session.require(STATUS_PERMISSION[to_status], approval=approval)
        current = _locked_current(order_id, expected_version)
        move_status(current, to_status, actor=actor, stamp=stamp, note=text)
        saved = get_order_by_id(order_id)
        audit_order(actor, current, saved)
    return saved


@write_rules.retried
@reports_changes
def save_order_changes(
    *,
    order_id: int,
    expected_version: int,
    to_status: str | None = None,
    note: str = "",
    lines: Sequence[LineInput] | None = None,
    channel: str | None = None,
    shipping_date: date | None = None,
    shipping_address: str | None = None,
    notes: str | None = None,
    approval: Approval | None = None,
) -> Order:
    """What the order screen saves: details, then a status change, in one transaction.
    Either all of it is stored or none of it. One `approval` covers both (a discount and a
    cancellation approved by the same manager)."""
    with transactions.atomic():
        order = update_order(
            order_id=order_id,
            expected_version=expected_version,
            approval=approval,
            lines=lines,
            channel=channel,
            shipping_date=shipping_date,
            shipping_address=shipping_address,
            notes=notes,
        )
        if to_status is not None and to_status != order.status:
            order = change_status(
                order_id=order_id,
                to_status=to_status,
                expected_version=order.version,
                note=note,
                approval=approval,
            )
    return order
