"""The shop's vocabulary: codes, the status machine (as data) and the frozen records
that services return to screens and commands. No peewee row ever leaves the core.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise
from typing import NamedTuple, TypeGuard

from gestco.domain.change_areas import NOTHING, Changes

CHANNELS: tuple[str, ...] = ("counter", "phone", "online", "email", "other")

STATUSES: tuple[str, ...] = (
    "pending",
    "processing",
    "on_hold",
    "shipped",
    "delivered",
    "cancelled",
)

# The status machine: current status -> the statuses it may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "pending": ("processing", "on_hold", "cancelled"),
    "on_hold": ("pending", "cancelled"),
    "processing": ("shipped", "on_hold", "cancelled"),
    "shipped": ("delivered",),
    "delivered": (),
    "cancelled": (),
}

# Every order starts here; its lines (products, quantities, prices) can change only while
# it is still here: once processing starts, what was agreed is being prepared.
NEW_STATUS = "pending"
LINES_EDITABLE_STATUSES: frozenset[str] = frozenset({NEW_STATUS})

# Orders in these statuses hold a reservation on their products' stock.
RESERVING_STATUSES: frozenset[str] = frozenset({"pending", "on_hold", "processing"})

# The moment an order reaches these statuses is kept on the order (Order's field).
STATUS_MOMENTS: dict[str, str] = {"shipped": "shipped_at", "delivered": "delivered_at"}

DEFAULT_REGION = "MA"
# The VAT rate a new product starts with (Morocco's standard rate), in basis points.
DEFAULT_TAX_BP = 2000

# Row ids are 64-bit signed integers on both engines: a larger Python int cannot even be
# sent to the database (sqlite3 raises OverflowError), so no such row exists.
MAX_ID = 2**63 - 1


def is_row_id(value: object) -> TypeGuard[int]:
    """Whether `value` can be the id of a stored row (an int the database can compare)."""
    return isinstance(value, int) and not isinstance(value, bool) and -MAX_ID <= value <= MAX_ID


def postal_address(address: str, postal_code: str, city: str, country: str) -> str:
    """The address as it goes on a parcel: street, then postal code and city, then country."""
    town = " ".join(p for p in (postal_code, city) if p)
    if not (address or town):
        return ""  # a country alone is no address: the order's address stays empty
    return "\n".join(p for p in (address, town, country) if p)


@dataclass(frozen=True, slots=True)
class ClientInput:
    """What a screen or command submits for a client. Validated by the service."""

    phone: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    address: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Client:
    id: int
    phone: str
    first_name: str
    last_name: str
    email: str
    address: str
    postal_code: str
    city: str
    country: str
    notes: str
    created_at: datetime
    updated_at: datetime
    version: int
    # Set on what a write service returns: the areas it changed (gestco.domain.change_areas).
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def postal_address(self) -> str:
        return postal_address(self.address, self.postal_code, self.city, self.country)


@dataclass(frozen=True, slots=True)
class ClientMatch:
    """One suggestion while staff type a phone prefix or a name."""

    id: int
    phone: str
    first_name: str
    last_name: str
    city: str

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


@dataclass(frozen=True, slots=True)
class UsualProduct:
    """A product a client buys most: its SKU, name and the quantity over their orders."""

    sku: str
    name: str
    quantity: int


@dataclass(frozen=True, slots=True)
class ClientStats:
    """A client's figures. Cancelled orders are counted in `orders_count` and summed in
    nothing: `total_spent_cents`, the average basket (spent / the orders summed) and the
    usual products (the three bought in the largest quantities) leave them out."""

    orders_count: int
    total_spent_cents: int
    last_order_at: datetime | None
    average_basket_cents: int = 0
    usual_products: tuple[UsualProduct, ...] = ()


@dataclass(frozen=True, slots=True)
class ProductInput:
    sku: str
    name: str
    unit_price: Decimal | str | int
    tax_rate: Decimal | str | int = Decimal(DEFAULT_TAX_BP) / 100
    reorder_level: int = 0
    active: bool = True


@dataclass(frozen=True, slots=True)
class Product:
    id: int
    sku: str
    name: str
    unit_price_cents: int
    tax_rate_bp: int
    on_hand: int
    reserved: int
    reorder_level: int
    active: bool
    # Set on what a write service returns: the areas it changed (gestco.domain.change_areas).
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved

    @property
    def needs_reorder(self) -> bool:
        """Sold, and what is free to sell is at or below its reorder level (the stock
        screen's colour, its "to reorder" filter, the reorder export and the count)."""
        return self.active and self.available <= self.reorder_level

    @property
    def reorder_shortfall(self) -> int:
        """Units missing to be back at the reorder level (0 when it is reached)."""
        return max(self.reorder_level - self.available, 0)


@dataclass(frozen=True, slots=True)
class Movement:
    """One line of a product's stock ledger."""

    id: int
    created_at: datetime
    kind: str  # receipt, correction, or one of a StockMove's kinds (gestco.stock_moves)
    on_hand_delta: int
    reserved_delta: int
    reason: str
    order_number: str  # '' when the movement has no order
    created_by: str


@dataclass(frozen=True, slots=True)
class LineInput:
    """One line as keyed: a product, a quantity, optionally a price override and a discount %."""

    product_id: int
    quantity: int
    discount: Decimal | str | int = 0
    unit_price: Decimal | str | int | None = None


@dataclass(frozen=True, slots=True)
class OrderLine:
    product_id: int
    sku: str
    description: str
    quantity: int
    unit_price_cents: int
    discount_bp: int
    tax_rate_bp: int
    total_cents: int
    tax_cents: int


@dataclass(frozen=True, slots=True)
class StatusChange:
    changed_at: datetime
    from_status: str | None
    to_status: str
    changed_by: str  # the operator's username (an older row: the OS login it had)
    note: str
    approved_by: str = ""  # the manager whose PIN allowed a clerk's change, if one had to


@dataclass(frozen=True, slots=True)
class Order:
    id: int
    number: str
    client_id: int
    client_name: str
    client_phone: str
    channel: str
    status: str
    created_at: datetime
    validated_at: datetime
    shipping_date: date
    shipped_at: datetime | None
    delivered_at: datetime | None
    shipping_address: str
    notes: str
    total_excl_cents: int
    total_tax_cents: int
    total_cents: int
    version: int
    # An imported order's source (shopify, woocommerce, file; '' for the counter's own), the
    # number the source gives it ('#1001') and its payment state there ('' when unknown).
    source: str = ""
    external_number: str = ""
    payment_status: str = ""
    lines: tuple[OrderLine, ...] = ()
    history: tuple[StatusChange, ...] = field(default=())
    # Set on what a write service returns: the areas it changed (gestco.domain.change_areas).
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    @property
    def allowed_statuses(self) -> tuple[str, ...]:
        return TRANSITIONS[self.status]

    @property
    def lines_editable(self) -> bool:
        return self.status in LINES_EDITABLE_STATUSES

    @property
    def held_stock(self) -> dict[int, int]:
        """Units this order reserves, per product: all its lines while it is open, nothing
        once shipped or cancelled. They count as available to the order itself."""
        if self.status not in RESERVING_STATUSES:
            return {}
        return dict(units_by_product((line.product_id, line.quantity) for line in self.lines))


class OrderRow(NamedTuple):
    """One row of an orders table (no lines, no history).

    A NamedTuple rather than a frozen dataclass: pages build 200 at a time on the table's
    hot path, and a frozen dataclass's __init__ costs 2.2 µs against 0.3 µs here.
    """

    id: int
    number: str
    created_at: datetime
    client_id: int
    client_name: str
    client_phone: str
    channel: str
    status: str
    shipping_date: date
    total_cents: int
    source: str = ""  # an imported order's (shopify, woocommerce, file); '' for the counter's
    external_number: str = ""  # what the source calls it ('#1001')
    paid_cents: int = 0  # received net of refunds (domain.payments)

    @property
    def balance_due_cents(self) -> int:
        """What the client still owes (a cancelled order owes nothing; negative: to refund)."""
        return (0 if self.status == "cancelled" else self.total_cents) - self.paid_cents


def status_path(*stops: str) -> tuple[str, ...]:
    """The statuses an order goes through from NEW_STATUS to each stop in turn, each step
    one TRANSITIONS allows (the shortest way). `status_path("delivered")` is pending,
    processing, shipped, delivered. ValueError if a stop cannot be reached."""
    path = [NEW_STATUS]
    for stop in stops:
        ways = {path[-1]: [path[-1]]}  # status -> the shortest way to it from the last stop
        frontier = [path[-1]]
        while frontier and stop not in ways:
            reached = []
            for status in frontier:
                for following in TRANSITIONS[status]:
                    if following not in ways:
                        ways[following] = [*ways[status], following]
                        reached.append(following)
            frontier = reached
        if stop not in ways:
            raise ValueError(f"no way from {path[-1]} to {stop}")
        path += ways[stop][1:]
    return tuple(path)


def follows_transitions(statuses: Sequence[str]) -> bool:
    """Whether a history (its statuses in order) starts new and takes only allowed steps."""
    if not statuses or statuses[0] != NEW_STATUS:
        return False
    return all(after in TRANSITIONS.get(before, ()) for before, after in pairwise(statuses))


def units_by_product(lines: Iterable[tuple[int, int]]) -> Counter[int]:
    """(product id, quantity) pairs -> units per product: an order may list a product on
    several lines, and stock rules count them together."""
    units: Counter[int] = Counter()
    for product_id, quantity in lines:
        units[product_id] += quantity
    return units


def available_to_order(product: Product, held: Mapping[int, int] | None = None) -> int:
    """What an order may take of `product`: what is free, plus what this order already
    holds (`held`, its Order.held_stock) when it is being edited."""
    return product.available + (held or {}).get(product.id, 0)


def short_lines(
    lines: Sequence[tuple[Product, int]], held: Mapping[int, int] | None = None
) -> list[int]:
    """Indexes of the lines (product, quantity) asking for more than is available to the
    order, all lines of a product counted together."""
    asked = units_by_product((product.id, quantity) for product, quantity in lines)
    return [
        index
        for index, (product, _quantity) in enumerate(lines)
        if asked[product.id] > available_to_order(product, held)
    ]
