"""The shop the concurrent-writer tests start from: clients, and products with a million
units on hand each, so no writer is ever refused for stock."""

from __future__ import annotations

from gestco.domain.money import MAX_QUANTITY
from gestco.domain.records import ClientInput, ProductInput
from gestco.services import clients, stock


def stock_a_shop(*, clients_count: int, products_count: int) -> None:
    """Fill the open database: clients 0612345600…, products P0…, 1,000,000 units each."""
    for i in range(clients_count):
        clients.create_client(ClientInput(phone=f"06123456{i:02d}", last_name=f"C{i}"))
    for i in range(products_count):
        product = stock.create_product(
            ProductInput(sku=f"P{i}", name=f"P{i}", unit_price="10"),
            actor="t",
            initial_stock=MAX_QUANTITY,
        )
        for _ in range(9):  # 1,000,000 on hand: a movement holds at most MAX_QUANTITY
            stock.receive_stock(product.id, MAX_QUANTITY, actor="t")
