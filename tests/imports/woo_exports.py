"""WooCommerce's order-export plugin CSV, in the three item layouts (one row per item;
numbered columns re-saved by a French Excel: cp1252, ';', decimal commas; coded cells)."""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta

from tests.imports.shop_people import (
    CATALOGUE,
    SHIPPING,
    WOO_ORDERS,
    Customer,
    Line,
    Truth,
    _customers,
    _pick_lines,
    _weighted,
    included_tax,
    money,
)

WOO_ORDER_COLUMNS = [
    "order_id",
    "order_number",
    "order_number_formatted",
    "order_date",
    "status",
    "shipping_total",
    "shipping_tax_total",
    "fee_total",
    "fee_tax_total",
    "tax_total",
    "cart_discount",
    "order_discount",
    "discount_total",
    "order_total",
    "refunded_total",
    "order_currency",
    "payment_method",
    "shipping_method",
    "customer_id",
    "billing_first_name",
    "billing_last_name",
    "billing_full_name",
    "billing_company",
    "billing_email",
    "billing_phone",
    "billing_address_1",
    "billing_address_2",
    "billing_postcode",
    "billing_city",
    "billing_state",
    "billing_state_code",
    "billing_country",
    "shipping_first_name",
    "shipping_last_name",
    "shipping_full_name",
    "shipping_address_1",
    "shipping_address_2",
    "shipping_postcode",
    "shipping_city",
    "shipping_state",
    "shipping_state_code",
    "shipping_country",
    "shipping_company",
    "customer_note",
]
WOO_ITEM_COLUMNS = [
    "item_id",
    "item_product_id",
    "item_name",
    "item_sku",
    "item_quantity",
    "item_subtotal",
    "item_subtotal_tax",
    "item_total",
    "item_total_tax",
    "item_refunded",
    "item_meta",
]
WOO_TAIL = ["shipping_items", "fee_items", "tax_items", "coupon_items", "order_notes"]
# status slug, GESTCO status, payment, weight
WOO_CASES = (
    (30, "processing", "processing", "paid"),
    (30, "completed", "shipped", "paid"),
    (10, "on-hold", "on_hold", "unpaid"),
    (10, "pending", "pending", "unpaid"),
    (6, "cancelled", "cancelled", "unpaid"),
    (6, "refunded", "cancelled", "refunded"),
    (4, "failed", "cancelled", "failed"),
)


def woo_amounts(item: Line) -> dict[str, int]:
    """WooCommerce keeps a line without tax: subtotal before the coupon, total after."""
    gross = item.unit_cents * item.quantity
    after = gross - item.discount_cents
    sub_tax, tax = included_tax(gross, item.rate_bp), included_tax(after, item.rate_bp)
    return {
        "subtotal": gross - sub_tax,
        "subtotal_tax": sub_tax,
        "total": after - tax,
        "total_tax": tax,
    }


def woo_order_amounts(truth: Truth) -> tuple[list[dict[str, int]], int, int]:
    """(each line's amounts, the shipping's tax, the order's total with tax)."""
    items = [woo_amounts(item) for item in truth.lines]
    lines = sum(i.unit_cents * i.quantity - i.discount_cents for i in truth.lines)
    return items, included_tax(truth.shipping_cents, 2000), lines + truth.shipping_cents


def woo_orders(seed: int, count: int, first_id: int) -> list[tuple[Truth, Customer]]:
    rng = random.Random(seed)
    people = _customers(rng, 60)
    found = []
    for index in range(count):
        person = rng.choice(people)
        _, slug, status, payment = _weighted(rng, WOO_CASES)
        lines = _pick_lines(rng, rng.choice((1, 2, 2, 3, 4)), 10 if rng.random() < 0.15 else 0)
        created = datetime(2025, 10, 1, 9, 0) + timedelta(minutes=index * 417)
        phone, expected = (person.phone, person.e164) if rng.random() > 0.1 else ("", "")
        truth = Truth(
            str(first_id + index),
            str(first_id + index),
            created,
            status,
            payment,
            expected,
            person.email,
            lines,
            SHIPPING if rng.random() < 0.7 else 0,
        )
        truth.source_status = slug
        truth.extra["phone_typed"] = phone
        found.append((truth, person))
    return found


def woo_rows(orders: list[tuple[Truth, Customer]]) -> list[dict[str, str]]:
    """One dict per item row (the order's cells repeated, as the plugin writes them)."""
    rows = []
    for truth, person in orders:
        items, ship_tax, total = woo_order_amounts(truth)
        order = {
            "order_id": truth.external_id,
            "order_number": truth.number,
            "order_number_formatted": truth.number,
            "order_date": truth.created_at.strftime("%Y-%m-%d %H:%M:%S"),
            "status": truth.source_status,
            "shipping_total": truth.shipping_cents - ship_tax,
            "shipping_tax_total": ship_tax,
            "fee_total": 0,
            "fee_tax_total": 0,
            "tax_total": sum(i["total_tax"] for i in items) + ship_tax,
            "cart_discount": sum(t.discount_cents for t in truth.lines),
            "order_discount": 0,
            "discount_total": sum(t.discount_cents for t in truth.lines),
            "order_total": total,
            "refunded_total": total if truth.source_status == "refunded" else 0,
            "order_currency": "MAD",
            "payment_method": "cod",
            "shipping_method": "flat_rate",
            "customer_id": "0",
            "billing_first_name": person.first,
            "billing_last_name": person.last,
            "billing_full_name": f"{person.first} {person.last}",
            "billing_company": "",
            "billing_email": person.email,
            "billing_phone": str(truth.extra["phone_typed"]),
            "billing_address_1": person.street,
            "billing_address_2": "",
            "billing_postcode": person.zip_code,
            "billing_city": person.city,
            "billing_state": "",
            "billing_state_code": "",
            "billing_country": person.country,
            "shipping_first_name": person.first,
            "shipping_last_name": person.last,
            "shipping_full_name": f"{person.first} {person.last}",
            "shipping_address_1": person.street,
            "shipping_address_2": "",
            "shipping_postcode": person.zip_code,
            "shipping_city": person.city,
            "shipping_state": "",
            "shipping_state_code": "",
            "shipping_country": person.country,
            "shipping_company": "",
            "customer_note": "",
        }
        truth.refunded_cents = int(order["refunded_total"])  # type: ignore[call-overload]
        for n, (item, amounts) in enumerate(zip(truth.lines, items, strict=True)):
            row = {
                k: (money(v) if isinstance(v, int) and k not in ("order_id",) else v)
                for k, v in order.items()
            }
            row.update(
                {
                    "item_id": str(900 + n),
                    "item_product_id": str(
                        100 + CATALOGUE.index(next(c for c in CATALOGUE if c[0] == item.sku))
                    ),
                    "item_name": item.name,
                    "item_sku": item.sku,
                    "item_quantity": str(item.quantity),
                    **{f"item_{k}": money(v) for k, v in amounts.items()},
                    "item_refunded": "0.00",
                    "item_meta": "",
                }
            )
            rows.append(row)
    return rows


def woocommerce_files(seed: int = 19) -> tuple[str, bytes, str, list[Truth]]:
    """(one row per item, UTF-8 with BOM; numbered columns, cp1252 ';' ',' as a French Excel
    saves it; coded line_items; the truth)."""
    orders = woo_orders(seed, WOO_ORDERS, 4100)
    rows = woo_rows(orders)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*WOO_ORDER_COLUMNS, *WOO_ITEM_COLUMNS, *WOO_TAIL])
    for row in rows:
        writer.writerow(
            [row.get(k, "") for k in (*WOO_ORDER_COLUMNS, *WOO_ITEM_COLUMNS, *WOO_TAIL)]
        )
    per_item = "\ufeff" + out.getvalue()
    # Numbered: the order's one row, items side by side, as many as the biggest order has.
    width = max(len(t.lines) for t, _ in orders)
    fields = ("name", "sku", "quantity", "subtotal", "subtotal_tax", "total", "total_tax")
    header = [*WOO_ORDER_COLUMNS] + [f"item_{n}_{f}" for n in range(1, width + 1) for f in fields]
    numbered = io.StringIO()
    writer = csv.writer(numbered, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    by_order: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_order.setdefault(row["order_id"], []).append(row)
    for items in by_order.values():
        cells = [
            items[0][k].replace(".", ",")
            if k not in ("order_date",) and _is_money(items[0][k])
            else items[0][k]
            for k in WOO_ORDER_COLUMNS
        ]
        for item in items:
            cells += [
                item[f"item_{f}"].replace(".", ",")
                if _is_money(item[f"item_{f}"])
                else item[f"item_{f}"]
                for f in fields
            ]
        cells += [""] * (len(header) - len(cells))
        writer.writerow(cells)
    coded = io.StringIO()
    writer = csv.writer(coded, lineterminator="\n")
    writer.writerow([*WOO_ORDER_COLUMNS, "line_items"])
    for items in list(by_order.values())[:12]:
        parts = [
            f"name:{i['item_name']}|sku:{i['item_sku']}|quantity:{i['item_quantity']}|"
            f"subtotal:{i['item_subtotal']}|subtotal_tax:{i['item_subtotal_tax']}|"
            f"total:{i['item_total']}|tax:{i['item_total_tax']}"
            for i in items
        ]
        writer.writerow([items[0][k] for k in WOO_ORDER_COLUMNS] + [";".join(parts)])
    return per_item, numbered.getvalue().encode("cp1252"), coded.getvalue(), [t for t, _ in orders]


def _is_money(text: str) -> bool:
    head, dot, tail = text.partition(".")
    return bool(dot) and head.lstrip("-").isdigit() and len(tail) == 2 and tail.isdigit()
