"""The shop's vocabulary: codes, the status machine (as data) and the frozen records
that services return to screens and commands. No peewee row ever leaves the core.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
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

# Orders in these statuses hold a reservation on their products' stock.
RESERVING_STATUSES: frozenset[str] = frozenset({"pending", "on_hold", "processing"})

# Stock movement kinds; each records its effect on on-hand and on reserved.
MOVEMENT_KINDS: tuple[str, ...] = (
    "receipt",
    "correction",
    "reserve",
    "release",
    "shipment",
)

DEFAULT_TAX_BP = 2000
DEFAULT_REGION = "MA"

# Row ids are 64-bit signed integers on both engines: a larger Python int cannot even be
# sent to the database (sqlite3 raises OverflowError), so no such row exists.
MAX_ID = 2**63 - 1


def is_row_id(value: object) -> TypeGuard[int]:
    """Whether `value` can be the id of a stored row (an int the database can compare)."""
    return isinstance(value, int) and not isinstance(value, bool) and -MAX_ID <= value <= MAX_ID


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
        """The address as it goes on a parcel: street, then postal code and city, then country."""
        town = " ".join(p for p in (self.postal_code, self.city) if p)
        if not (self.address or town):
            return ""  # a country alone is no address: the order's address stays empty
        return "\n".join(p for p in (self.address, town, self.country) if p)


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
class ClientStats:
    orders_count: int
    total_spent_cents: int
    last_order_at: datetime | None


@dataclass(frozen=True, slots=True)
class ProductInput:
    sku: str
    name: str
    unit_price: Decimal | str | int
    tax_rate: Decimal | str | int = Decimal(20)
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


@dataclass(frozen=True, slots=True)
class Movement:
    """One line of a product's stock ledger."""

    id: int
    created_at: datetime
    kind: str  # one of MOVEMENT_KINDS
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
    changed_by: str
    note: str


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
    lines: tuple[OrderLine, ...] = ()
    history: tuple[StatusChange, ...] = field(default=())
    # Set on what a write service returns: the areas it changed (gestco.domain.change_areas).
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    @property
    def allowed_statuses(self) -> tuple[str, ...]:
        return TRANSITIONS[self.status]


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
