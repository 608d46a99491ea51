"""Factories for tests: a client, products with stock, an order; moving an order along; a shop
stocked for the concurrent writers."""

from __future__ import annotations

from decimal import Decimal

from gestco.domain.money import MAX_QUANTITY
from gestco.domain.records import ClientInput, LineInput, ProductInput
from gestco.services import clients, orders, stock

ACTOR = "tester"


class Shop:
    """Factories for tests: a client, products with stock, an order."""

    def client(
        self, phone: str = "0612345678", first: str = "Amina", last: str = "Benali", **extra: str
    ):
        return clients.create_client(
            ClientInput(phone=phone, first_name=first, last_name=last, city="Rabat", **extra),
        )

    def product(
        self,
        sku: str = "CAF-250",
        name: str = "Café arabica 250 g",
        price: str = "45.00",
        stock_qty: int = 10,
        tax: str = "20",
    ):
        return stock.create_product(
            ProductInput(sku=sku, name=name, unit_price=Decimal(price), tax_rate=Decimal(tax)),
            initial_stock=stock_qty,
        )

    def order(self, client_id: int, *lines: tuple[int, int], **kwargs):
        return orders.create_order(
            client_id=client_id,
            lines=[LineInput(product_id=p, quantity=q) for p, q in lines],
            **kwargs,
        )


def advance(order, *statuses: str, note: str = ""):
    for status in statuses:
        order = orders.change_status(
            order_id=order.id,
            to_status=status,
            expected_version=order.version,
            note=note,
        )
    return order


TOP_PRICE = "10000000.00"  # the highest unit price (gestco/domain/money.py): 1,000,000,000 cents
BIG_PRICE, BIG_QUANTITY = "150000.00", 200  # 3,000,000,000 cents in one line


def big_order(shop: Shop):
    """A client's order of 200 × 150,000.00 and one item at the highest price: 4,000,000,000
    cents, past what a 32-bit INTEGER holds (2,147,483,647)."""
    client = shop.client()
    over = shop.product(sku="LUX-1", name="Lustre", price=TOP_PRICE, stock_qty=5)
    big = shop.product(sku="LUX-2", name="Tapis", price=BIG_PRICE, stock_qty=1000)
    return shop.order(client.id, (big.id, BIG_QUANTITY), (over.id, 1))


def stock_a_shop(*, clients_count: int, products_count: int) -> None:
    """Fill the open database: clients 0612345600…, products P0…, 1,000,000 units each."""
    for i in range(clients_count):
        clients.create_client(ClientInput(phone=f"06123456{i:02d}", last_name=f"C{i}"))
    for i in range(products_count):
        product = stock.create_product(
            ProductInput(sku=f"P{i}", name=f"P{i}", unit_price="10"),
            initial_stock=MAX_QUANTITY,
        )
        for _ in range(9):  # 1,000,000 on hand: a movement holds at most MAX_QUANTITY
            stock.receive_stock(product.id, MAX_QUANTITY)
