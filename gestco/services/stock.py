"""Products and stock. Every change of on-hand or reserved is a movement row written in
the same transaction as its cause, so on-hand always equals the sum of its movements."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gestco.domain.change_areas import reports_changes
from gestco.domain.errors import NotFoundError, StockError, ValidationError
from gestco.domain.money import MAX_ON_HAND, MAX_QUANTITY, check_quantity, parse_cents, parse_rate
from gestco.domain.permissions import Permission
from gestco.domain.records import Movement, Product, ProductInput, is_row_id
from gestco.domain.staff import Actor
from gestco.domain.stock_moves import INITIAL_STOCK
from gestco.domain.text import (
    PREFIX_END,
    clean,
    search_key,
    search_text,
    without_direction_marks,
)
from gestco.domain.timestamps import now, to_text
from gestco.services import session
from gestco.services.audit_trail import record_changes
from gestco.storage import binding, builder, transactions, write_rules
from gestco.storage.builder import JOIN, SQL, fn
from gestco.storage.change_notices import bump
from gestco.storage.models import Orders, Products, StockMovements
from gestco.storage.names import table
from gestco.storage.prepared import Prepared

PRODUCT_FIELDS = (
    Products.id,
    Products.sku,
    Products.name,
    Products.unit_price_cents,
    Products.tax_rate_bp,
    Products.on_hand,
    Products.reserved,
    Products.reorder_level,
    Products.active,
)  # in the order of the Product record's fields
# gestco.domain.records.Product.needs_reorder as a filter (active, available at or below the
# reorder level), so the stock screen's filter and the count find the products the screen
# colours (tests/domain/test_domain_rules.py compares).
_TO_REORDER = (Products.active == 1) & (
    Products.on_hand - Products.reserved <= Products.reorder_level
)


def _product(row: tuple[Any, ...]) -> Product:
    values = list(row)
    values[8] = bool(values[8])
    return Product(*values)


def get_product(product_id: int) -> Product:
    if not is_row_id(product_id):
        raise NotFoundError("This product does not exist.")
    row = builder.first_row(Products.select(*PRODUCT_FIELDS).where(Products.id == product_id))
    if row is None:
        raise NotFoundError("This product does not exist.")
    return _product(row)


def get_products(product_ids: list[int], *, lock: bool = False) -> dict[int, Product]:
    """Products by id; `lock` inside a write: their stock cannot change until it commits
    (locked in id order, gestco.storage.write_rules)."""
    product_ids = [i for i in product_ids if is_row_id(i)]  # others cannot exist
    if not product_ids:
        return {}
    query = Products.select(*PRODUCT_FIELDS).where(Products.id.in_(product_ids))
    rows = builder.rows(builder.locked(query, product_ids) if lock else query)
    return {row[0]: _product(row) for row in rows}


def search_products(text: str = "", *, limit: int = 50, active_only: bool = True) -> list[Product]:
    """Products whose SKU or name starts with `text` (case and accents ignored for names)."""
    limit = max(0, min(limit, MAX_PAGE))
    typed = search_text(text) if text else ""
    if typed is None:
        return []  # a character no product can hold: nothing matches
    query = Products.select(*PRODUCT_FIELDS)
    if typed:
        query = query.where(_starting_with(typed))
    if active_only:
        query = query.where(Products.active == 1)
    return [_product(r) for r in builder.rows(query.order_by(Products.sku).limit(limit))]


MAX_PAGE = 100_000  # rows a search returns at most, whatever the caller asks


def _starting_with(typed: str) -> builder.Expression:
    """SKU prefix or name prefix. A text of only combining marks ('\u0301') has an empty
    name key, which as a range would match every name: then only the SKU is compared."""
    sku, key = typed.upper(), search_key(typed)
    by_sku = (Products.sku >= sku) & (Products.sku < sku + PREFIX_END)
    if not key:
        return by_sku
    return by_sku | ((Products.name_key >= key) & (Products.name_key < key + PREFIX_END))


def list_products(
    text: str = "", *, to_reorder: bool = False, include_inactive: bool = True
) -> list[Product]:
    """The catalogue for the stock screen, by SKU: all of it (a shop has hundreds or a few
    thousand products), or those matching `text`, or those at or below their reorder level."""
    typed = search_text(text) if text else ""
    if typed is None:
        return []  # a character no product can hold: nothing matches
    query = Products.select(*PRODUCT_FIELDS)
    if typed:
        query = query.where(_starting_with(typed))
    if to_reorder:
        query = query.where(_TO_REORDER)
    if not include_inactive:
        query = query.where(Products.active == 1)
    return [_product(r) for r in builder.rows(query.order_by(Products.sku))]


def reorder_count() -> int:
    """Active products whose available stock is at or below their reorder level."""
    return int(builder.value(Products.select(fn.COUNT(SQL("*"))).where(_TO_REORDER)))


def product_movements(product_id: int, *, limit: int = 1000) -> list[Movement]:
    """A product's ledger, newest first: each change of on-hand or reserved and its cause."""
    if not is_row_id(product_id):
        return []
    limit = max(0, min(limit, MAX_PAGE))
    m = StockMovements
    ledger = (
        m.select(
            m.id,
            m.created_at,
            m.kind,
            m.on_hand_delta,
            m.reserved_delta,
            m.reason,
            fn.COALESCE(Orders.number, ""),
            m.created_by,
        )
        .join(Orders, JOIN.LEFT_OUTER, on=(Orders.id == m.order))
        .where(m.product == product_id)
        .order_by(m.id.desc())
        .limit(limit)
    )
    return [Movement(r[0], datetime.fromisoformat(r[1]), *r[2:]) for r in builder.rows(ledger)]


def _validated(data: ProductInput) -> dict[str, Any]:
    if not isinstance(data, ProductInput):
        raise ValidationError("product", "Product details are missing.")
    sku = without_direction_marks(clean(data.sku, field="sku", max_length=40)).upper()
    if not sku or " " in sku:
        raise ValidationError("sku", "Enter a SKU without spaces, such as CAF-250.")
    name = clean(data.name, field="name", max_length=200)
    if not name:
        raise ValidationError("name", "Enter the product's name.")
    return {
        "sku": sku,
        "name": name,
        "name_key": search_key(name),
        "unit_price_cents": parse_cents(data.unit_price, field="unit_price"),
        "tax_rate_bp": parse_rate(data.tax_rate, field="tax_rate"),
        "reorder_level": check_quantity(data.reorder_level, field="reorder_level", allow_zero=True),
        "active": 1 if data.active else 0,
    }


def _check_product_id(product_id: object) -> int:
    if not is_row_id(product_id):  # not an int, or past 64 bits: no such row
        raise ValidationError("product", "Choose a product.")
    return product_id


# The fields of a product the audit trail follows: its details (kind "product") and its
# stock (kind "stock", written by record_movement). A replay of them gives the row.
AUDITED = ("sku", "name", "unit_price_cents", "tax_rate_bp", "reorder_level", "active")
STOCK_AUDITED = ("on_hand", "reserved")


def _audit(actor: Actor, before: Product | None, after: Product) -> None:
    fields = AUDITED if before is not None else AUDITED + STOCK_AUDITED
    record_changes(
        actor,
        kind="product",
        entity="products",
        record_id=after.id,
        label=after.sku,
        before=None if before is None else {name: getattr(before, name) for name in fields},
        after={name: getattr(after, name) for name in fields},
    )


@write_rules.retried
@reports_changes
def create_product(data: ProductInput, *, initial_stock: int = 0) -> Product:
    """A new product (managers and up); an initial stock is a receipt."""
    actor = session.require(Permission.PRODUCT_EDIT)
    values = _validated(data)
    initial = check_quantity(initial_stock, field="initial_stock", allow_zero=True)
    if initial:
        session.require(Permission.STOCK_RECEIVE)
    stamp = to_text(now())
    with transactions.atomic():
        if builder.first_row(Products.select(Products.id).where(Products.sku == values["sku"])):
            raise ValidationError("sku", "The SKU {sku} is already used.", sku=values["sku"])
        bump("stock")
        new_id = Products.insert(**values, created_at=stamp, updated_at=stamp).execute()
        builder.lock(Products, [new_id])
        _audit(actor, None, get_product(new_id))
        if initial:
            record_movement(new_id, "receipt", initial, 0, actor=actor, reason=INITIAL_STOCK)
    return get_product(new_id)


@write_rules.retried
@reports_changes
def update_product(product_id: int, data: ProductInput) -> Product:
    """Change a product's details or price (managers and up)."""
    actor = session.require(Permission.PRODUCT_EDIT)
    _check_product_id(product_id)
    values = _validated(data)
    with transactions.atomic():
        builder.lock(Products, [product_id])
        before = get_product(product_id)
        same_sku = (Products.sku == values["sku"]) & (Products.id != product_id)
        if builder.first_row(Products.select(Products.id).where(same_sku)):
            raise ValidationError("sku", "The SKU {sku} is already used.", sku=values["sku"])
        bump("stock")
        changed = Products.update(**values, updated_at=to_text(now()))
        changed.where(Products.id == product_id).execute()
        after = get_product(product_id)
        _audit(actor, before, after)
    return after


# Every order line writes one movement: its SQL is written once (gestco.storage.prepared).
_INSERT_MOVEMENT = Prepared(
    lambda product, kind, on_hand, reserved, order, reason, at, by: StockMovements.insert(
        product=product,
        kind=kind,
        on_hand_delta=on_hand,
        reserved_delta=reserved,
        order=order,
        reason=reason,
        created_at=at,
        created_by=by,
    )
)
_STOCK_OF = Prepared(
    lambda product_id: Products.select(Products.sku, Products.on_hand, Products.reserved).where(
        Products.id == product_id
    )
)
_MOVE_STOCK = Prepared(
    lambda on_hand, reserved, product_id: Products.update(
        on_hand=Products.on_hand + on_hand, reserved=Products.reserved + reserved
    ).where(Products.id == product_id)
)


def record_movement(
    product_id: int,
    kind: str,
    on_hand_delta: int,
    reserved_delta: int,
    *,
    actor: Actor,
    reason: str = "",
    order_id: int | None = None,
    stamp: str | None = None,
    label: str = "",
) -> None:
    """Write one movement and apply it to the product, with its audit rows (kind "stock").
    Caller holds the transaction and has locked the product (with every other product it
    changes, in id order: write_rules). `label`: what the audit names the product by (its
    SKU, read here when not given)."""
    if binding.database.transaction_depth() == 0:
        raise RuntimeError("a stock movement must be written inside its cause's transaction")
    if not write_rules.holds(table(Products), product_id):
        raise RuntimeError(f"lock order: product {product_id} changed without its lock")
    stamp = stamp or to_text(now())
    bump("stock")
    _INSERT_MOVEMENT.execute(
        product_id, kind, on_hand_delta, reserved_delta, order_id, reason, stamp, actor.username
    )
    before = _STOCK_OF.first_row(product_id)
    assert before is not None  # locked above: it exists
    _MOVE_STOCK.execute(on_hand_delta, reserved_delta, product_id)
    record_changes(
        actor,
        kind="stock",
        entity="products",
        record_id=product_id,
        label=label or before[0],
        before={"on_hand": before[1], "reserved": before[2]},
        after={"on_hand": before[1] + on_hand_delta, "reserved": before[2] + reserved_delta},
        note=f"{kind} {reason}".strip(),
    )


@write_rules.retried
@reports_changes
def receive_stock(product_id: int, quantity: object, *, reference: str = "") -> Product:
    """Goods in (managers and up): on-hand goes up by `quantity`."""
    actor = session.require(Permission.STOCK_RECEIVE)
    _check_product_id(product_id)
    qty = check_quantity(quantity)
    ref = clean(reference, field="reference", max_length=100)
    with transactions.atomic():
        product = get_products([product_id], lock=True).get(product_id)
        if product is None:
            raise NotFoundError("This product does not exist.")
        _check_on_hand_limit(product, qty)
        record_movement(product_id, "receipt", qty, 0, actor=actor, reason=ref)
    return get_product(product_id)


def _check_on_hand_limit(product: Product, delta: int) -> None:
    if product.on_hand + delta > MAX_ON_HAND:
        raise StockError(
            "quantity",
            "{product} would have more than {n} units on hand: check the quantity.",
            product=product.name,
            n=MAX_ON_HAND,
        )


@write_rules.retried
@reports_changes
def adjust_stock(product_id: object, delta: object, *, reason: object) -> Product:
    """A correction after a count (managers and up): on-hand up or down, with a mandatory
    reason."""
    actor = session.require(Permission.STOCK_CORRECT)
    product_id = _check_product_id(product_id)
    if isinstance(delta, bool) or not isinstance(delta, int) or delta == 0:
        raise ValidationError("delta", "Enter a non-zero whole number (negative to remove).")
    if abs(delta) > MAX_QUANTITY:
        raise ValidationError("delta", "A quantity is at most {n}: check it.", n=MAX_QUANTITY)
    why = clean(reason, field="reason", max_length=200)
    if not why:
        raise ValidationError("reason", "Say why the stock is corrected (count, breakage, ...).")
    with transactions.atomic():
        product = get_products([product_id], lock=True).get(product_id)
        if product is None:
            raise NotFoundError("This product does not exist.")
        _check_on_hand_limit(product, delta)
        # Only a correction downwards can break a rule: an upward one is always allowed,
        # even while the product is oversold (5 on hand, 10 reserved: +1 makes it better).
        if delta < 0 and product.on_hand + delta < 0:
            raise StockError(
                "delta",
                "Only {on_hand} on hand: cannot remove {n}.",
                on_hand=product.on_hand,
                n=-delta,
            )
        if delta < 0 and product.on_hand + delta < product.reserved:
            raise StockError(
                "delta",
                "{reserved} units are reserved by open orders: on-hand cannot go below "
                "that (it would become {result}).",
                reserved=product.reserved,
                result=product.on_hand + delta,
            )
        record_movement(product_id, "correction", delta, 0, actor=actor, reason=why)
    return get_product(product_id)
