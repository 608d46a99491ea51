"""Shopify's orders export as the shop would download it: 360 orders, one row per line
item, the order's cells on its first row, every status Shopify writes."""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta

from gestco.domain.money import divide_rounded
from tests.imports.shop_people import (
    SHIPPING,
    SHOPIFY_CASES,
    SHOPIFY_ORDERS,
    Line,
    Truth,
    _customers,
    _pick_lines,
    _weighted,
    included_tax,
    money,
)

SHOPIFY_HEADER = [
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Shipping Method",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Billing Name",
    "Billing Street",
    "Billing Address1",
    "Billing Address2",
    "Billing Company",
    "Billing City",
    "Billing Zip",
    "Billing Province",
    "Billing Country",
    "Billing Phone",
    "Shipping Name",
    "Shipping Street",
    "Shipping Address1",
    "Shipping Address2",
    "Shipping Company",
    "Shipping City",
    "Shipping Zip",
    "Shipping Province",
    "Shipping Country",
    "Shipping Phone",
    "Notes",
    "Note Attributes",
    "Cancelled at",
    "Payment Method",
    "Payment Reference",
    "Refunded Amount",
    "Vendor",
    "Outstanding Balance",
    "Employee",
    "Location",
    "Device ID",
    "Id",
    "Tags",
    "Risk Level",
    "Source",
    "Lineitem discount",
    "Tax 1 Name",
    "Tax 1 Value",
    "Tax 2 Name",
    "Tax 2 Value",
    "Tax 3 Name",
    "Tax 3 Value",
    "Tax 4 Name",
    "Tax 4 Value",
    "Tax 5 Name",
    "Tax 5 Value",
    "Phone",
    "Receipt Number",
    "Duties",
    "Billing Province Name",
    "Shipping Province Name",
    "Payment ID",
    "Payment Terms Name",
    "Next Payment Due At",
    "Payment References",
]


def shopify(seed: int = 18) -> tuple[str, list[Truth]]:
    rng = random.Random(seed)
    people = _customers(rng, 150)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SHOPIFY_HEADER)
    truths: list[Truth] = []
    start = datetime(2025, 9, 1, 8, 0)
    for index in range(SHOPIFY_ORDERS):
        person = rng.choice(people)
        _, financial, fulfillment, cancelled, status, payment = _weighted(rng, SHOPIFY_CASES)
        discount_pct = 10 if rng.random() < 0.12 else 0
        lines = _pick_lines(rng, rng.choice((1, 1, 2, 2, 3, 4, 5)), discount_pct)
        shipping = SHIPPING if rng.random() < 0.6 else 0
        created = start + timedelta(minutes=index * 353 + rng.randint(0, 300))
        billing_phone, shipping_phone, expected_phone = person.phone, "", person.e164
        roll = rng.random()
        if roll < 0.10:  # no phone at all: found by e-mail
            billing_phone, expected_phone = "", ""
        elif roll < 0.18:  # only on the shipping address
            billing_phone, shipping_phone = "", person.phone
        elif roll < 0.22:  # Shopify's apostrophe
            billing_phone = "'" + person.e164
        number = f"#{1001 + index}"
        ident = str(5_600_000_000_000 + index * 7919)
        truth = Truth(
            number, number, created, status, payment, expected_phone, person.email, lines, shipping
        )
        truth.source_status = financial
        if index in (57, 211):  # a custom item typed at the shop: no SKU
            lines.append(Line("", "Emballage cadeau", 1, 1500, 2000, True))
            truth.error = "Lineitem sku"
        if index == 133:
            billing_phone, shipping_phone = "N/A", ""
            truth.error = "Billing Phone"
        subtotal = sum(item.unit_cents * item.quantity - item.discount_cents for item in lines)
        taxes: dict[int, int] = {}
        for item in lines:
            if item.taxable:
                base = item.unit_cents * item.quantity - item.discount_cents
                taxes[item.rate_bp] = taxes.get(item.rate_bp, 0) + included_tax(base, item.rate_bp)
        if shipping:
            taxes[2000] = taxes.get(2000, 0) + included_tax(shipping, 2000)
        total = subtotal + shipping
        refunded = (
            total
            if financial == "refunded"
            else divide_rounded(total, 3)
            if financial == "partially_refunded"
            else 0
        )
        truth.refunded_cents = refunded
        tax_cells: list[str] = []
        for rate, amount in sorted(taxes.items(), key=lambda t: -t[0]):
            tax_cells += [f"TVA {rate // 100}%", money(amount)]
        stamp = created.strftime("%Y-%m-%d %H:%M:%S") + " +0100"
        for position, item in enumerate(lines):
            row = dict.fromkeys(SHOPIFY_HEADER, "")
            row.update(
                {
                    "Name": number,
                    "Lineitem quantity": str(item.quantity),
                    "Lineitem name": item.name,
                    "Lineitem price": money(item.unit_cents),
                    "Lineitem sku": item.sku,
                    "Lineitem requires shipping": "true" if item.taxable else "false",
                    "Lineitem taxable": "true" if item.taxable else "false",
                    "Lineitem fulfillment status": "fulfilled"
                    if fulfillment == "fulfilled"
                    else "pending",
                    "Lineitem discount": money(item.discount_cents),
                    "Vendor": "Épicerie Atlas",
                }
            )
            if position == 0:
                full = f"{person.first} {person.last}"
                row.update(
                    {
                        "Email": person.email,
                        "Financial Status": financial,
                        "Paid at": stamp
                        if payment in ("paid", "refunded", "partially_refunded")
                        else "",
                        "Fulfillment Status": fulfillment or "unfulfilled",
                        "Accepts Marketing": rng.choice(("yes", "no")),
                        "Currency": "MAD",
                        "Subtotal": money(subtotal),
                        "Shipping": money(shipping),
                        "Taxes": money(sum(taxes.values())),
                        "Total": money(total),
                        "Discount Code": "RENTREE10" if discount_pct else "",
                        "Discount Amount": money(sum(i.discount_cents for i in lines)),
                        "Shipping Method": "Livraison standard"
                        if shipping
                        else "Retrait en boutique",
                        "Created at": stamp,
                        "Billing Name": full,
                        "Billing Street": person.street,
                        "Billing Address1": person.street,
                        "Billing City": person.city,
                        "Billing Zip": "'" + person.zip_code,
                        "Billing Country": person.country,
                        "Billing Phone": billing_phone,
                        "Shipping Name": full,
                        "Shipping Street": person.street,
                        "Shipping Address1": person.street,
                        "Shipping City": person.city,
                        "Shipping Zip": "'" + person.zip_code,
                        "Shipping Country": person.country,
                        "Shipping Phone": shipping_phone,
                        "Notes": 'Livrer après 18h, sonner "2"\nMerci' if index % 37 == 5 else "",
                        "Cancelled at": stamp if cancelled else "",
                        "Payment Method": "Cash on Delivery (COD)"
                        if financial == "pending"
                        else "Shopify Payments",
                        "Refunded Amount": money(refunded),
                        "Outstanding Balance": "0.00",
                        "Id": ident,
                        "Risk Level": "Low",
                        "Source": "web",
                        "Payment ID": f"c{ident}.1",
                    }
                )
                row.update(
                    zip(
                        (f"Tax {n} {part}" for n in range(1, 6) for part in ("Name", "Value")),
                        tax_cells,
                        strict=False,
                    )
                )
            writer.writerow(row.values())
        truths.append(truth)
    return out.getvalue(), truths
