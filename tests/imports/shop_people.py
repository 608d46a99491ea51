"""The shop behind the exports made for the tests: a Moroccan shop (prices with tax, TVA
20 % and 10 %, a gift card without tax, shipping at 29 MAD taxed 20 %), customers who come
back, some without a phone, a few French ones; and what each order truly is (Truth)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from gestco.domain.money import divide_rounded
from gestco.domain.phones import parse_phone

FILES = Path(__file__).resolve().parent / "files"
SHOPIFY_ORDERS = 360
WOO_ORDERS = 80
REST_ORDERS = 45

# sku, name, price with tax (cents), rate (bp), taxable
CATALOGUE = (
    ("CAF-250", "Café moulu 250 g", 4590, 2000, True),
    ("HUI-ARG-1L", "Huile d'argan 1 L", 17900, 2000, True),
    ("SAV-NOIR", "Savon noir 250 g", 2450, 2000, True),
    ("THE-VERT", "Thé vert, menthe 100 g", 3250, 1000, True),
    ("MIEL-500", "Miel d'eucalyptus 500 g", 9490, 1000, True),
    ("AMLOU-250", "Amlou 250 g", 7450, 1000, True),
    ("RAS-100", 'Ras el hanout "maison" 100 g', 2890, 1000, True),
    ("CARTE-200", "Carte cadeau 200 MAD", 20000, 0, False),
)
SHIPPING = 2900  # taxed at 20 %

# (Financial Status, Fulfillment Status, cancelled, what GESTCO must read), with weights.
SHOPIFY_CASES = (
    (40, "paid", "fulfilled", False, "shipped", "paid"),
    (18, "paid", "", False, "processing", "paid"),
    (10, "pending", "", False, "pending", "unpaid"),
    (5, "authorized", "", False, "processing", "authorized"),
    (4, "paid", "partial", False, "processing", "paid"),
    (6, "refunded", "", True, "cancelled", "refunded"),
    (3, "refunded", "fulfilled", False, "shipped", "refunded"),
    (4, "partially_refunded", "fulfilled", False, "shipped", "partially_refunded"),
    (4, "voided", "", True, "cancelled", "voided"),
    (2, "paid", "restocked", True, "cancelled", "paid"),
    (2, "pending", "unfulfilled", True, "cancelled", "unpaid"),
    (2, "expired", "", False, "pending", "unpaid"),
)
FIRST = (
    "Amina",
    "Karim",
    "Youssef",
    "Salma",
    "Hicham",
    "Fatima Zahra",
    "Omar",
    "Nadia",
    "Mehdi",
    "Imane",
    "Rachid",
    "Khadija",
    "Élodie",
    "Jean-Pierre",
    "Zineb",
    "Anas",
)
LAST = (
    "Benali",
    "El Amrani",
    "Alaoui",
    "Bennani",
    "Tazi",
    "Berrada",
    "Chraibi",
    "Idrissi",
    "Lahlou",
    "Fassi-Fihri",
    "Martin",
    "de la Fontaine",
    "Ouazzani",
    "Naciri",
)
STREETS = ("Ibn Battouta", "Allal Ben Abdellah", "de la Liberté", "Oued Fès")
CITIES = (
    ("Casablanca", "20250"),
    ("Rabat", "10000"),
    ("Marrakech", "40000"),
    ("Fès", "30050"),
    ("Tanger", "90000"),
    ("Agadir", "80000"),
)


@dataclass
class Customer:
    first: str
    last: str
    email: str
    phone: str  # as the customer typed it ('' when none)
    e164: str
    city: str
    zip_code: str
    country: str
    street: str


@dataclass
class Line:
    sku: str
    name: str
    quantity: int
    unit_cents: int  # with tax
    rate_bp: int
    taxable: bool
    discount_cents: int = 0


@dataclass
class Truth:
    """What an order is, for the tests: the reader must give exactly this."""

    external_id: str
    number: str
    created_at: datetime  # local time (Africa/Casablanca, +01:00)
    status: str
    payment: str
    phone: str  # E.164 GESTCO must find ('' when none)
    email: str
    lines: list[Line]
    shipping_cents: int
    refunded_cents: int = 0
    error: str = ""  # the column of the problem expected, when the order must be refused
    source_status: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _customers(rng: random.Random, count: int) -> list[Customer]:
    people: list[Customer] = []
    while len(people) < count:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        french = rng.random() < 0.08
        if french:
            raw = "+33 6 " + " ".join(str(rng.randint(10, 99)) for _ in range(4))
            city, zip_code, country = "Paris", "75011", "FR"
        else:
            digits = f"0{rng.choice('67')}{rng.randint(10_000_000, 99_999_999)}"
            raw = rng.choice(
                (
                    digits,
                    " ".join([digits[:2], *[digits[i : i + 2] for i in range(2, 10, 2)]]),
                    "+212" + digits[1:],
                )
            )
            city, zip_code = rng.choice(CITIES)
            country = "MA"
        try:
            e164 = parse_phone(raw, "MA")
        except Exception:
            continue
        slug = f"{first}.{last}".lower().replace(" ", "").replace("é", "e").replace("'", "")
        email = f"{slug}{len(people)}@example.com"
        street = f"{rng.randint(1, 200)} rue {rng.choice(STREETS)}"
        people.append(Customer(first, last, email, raw, e164, city, zip_code, country, street))
    return people


def _pick_lines(rng: random.Random, count: int, discount_pct: int) -> list[Line]:
    lines = []
    for sku, name, price, rate, taxable in rng.sample(CATALOGUE[:7], count) + (
        [CATALOGUE[7]] if rng.random() < 0.04 else []
    ):
        quantity = rng.choice((1, 1, 1, 2, 2, 3, 4)) if taxable else 1
        discount = divide_rounded(price * quantity * discount_pct, 100) if taxable else 0
        lines.append(Line(sku, name, quantity, price, rate, taxable, discount))
    return lines


def included_tax(amount: int, rate: int) -> int:
    return amount - divide_rounded(amount * 10_000, 10_000 + rate)


def _weighted(rng: random.Random, cases: tuple[tuple, ...]) -> tuple:
    return rng.choices(cases, weights=[c[0] for c in cases])[0]


def money(cents: int, mark: str = ".") -> str:
    text = f"{cents // 100}.{cents % 100:02d}" if cents >= 0 else "-" + money(-cents)
    return text.replace(".", mark)
