"""WooCommerce's REST API orders (GET /wp-json/wc/v3/orders) saved as a JSON list."""

from __future__ import annotations

import json
from datetime import timedelta

from tests.imports.shop_people import REST_ORDERS, Truth, money
from tests.imports.woo_exports import woo_order_amounts, woo_orders


def rest_json(seed: int = 20) -> tuple[str, list[Truth]]:
    orders = woo_orders(seed, REST_ORDERS, 5200)
    documents = []
    for truth, person in orders:
        items, ship_tax, total = woo_order_amounts(truth)
        refunds = (
            [{"id": 77, "reason": "Rupture", "total": "-" + money(total)}]
            if truth.source_status == "refunded"
            else []
        )
        truth.refunded_cents = total if refunds else 0
        gmt = truth.created_at - timedelta(hours=1)
        rates = {2000: 1, 1000: 2, 0: 3}
        billing = {
            "first_name": person.first,
            "last_name": person.last,
            "company": "",
            "address_1": person.street,
            "address_2": "",
            "city": person.city,
            "state": "",
            "postcode": person.zip_code,
            "country": person.country,
            "email": person.email,
            "phone": truth.extra["phone_typed"],
        }
        documents.append(
            {
                "id": int(truth.external_id),
                "parent_id": 0,
                "number": truth.number,
                "order_key": f"wc_order_{truth.external_id}abc",
                "created_via": "checkout",
                "version": "8.2.1",
                "status": truth.source_status,
                "currency": "MAD",
                "date_created": truth.created_at.strftime("%Y-%m-%dT%H:%M:%S"),
                "date_created_gmt": gmt.strftime("%Y-%m-%dT%H:%M:%S"),
                "discount_total": money(sum(a["subtotal"] - a["total"] for a in items)),
                "shipping_total": money(truth.shipping_cents - ship_tax),
                "shipping_tax": money(ship_tax),
                "total": money(total),
                "total_tax": money(sum(a["total_tax"] for a in items) + ship_tax),
                "prices_include_tax": True,
                "customer_id": 0,
                "customer_note": "",
                "billing": billing,
                "shipping": {k: v for k, v in billing.items() if k not in ("email",)},
                "payment_method": "cod",
                "payment_method_title": "Paiement à la livraison",
                "line_items": [
                    {
                        "id": 300 + n,
                        "name": item.name,
                        "product_id": 100 + n,
                        "variation_id": 0,
                        "quantity": item.quantity,
                        "tax_class": "" if item.rate_bp == 2000 else "reduced-rate",
                        **{k: money(v) for k, v in amounts.items()},
                        "taxes": [
                            {
                                "id": rates[item.rate_bp],
                                "total": money(amounts["total_tax"]),
                                "subtotal": money(amounts["subtotal_tax"]),
                            }
                        ],
                        "meta_data": [],
                        "sku": item.sku,
                        "price": float(amounts["total"]) / 100 / item.quantity,
                    }
                    for n, (item, amounts) in enumerate(zip(truth.lines, items, strict=True))
                ],
                "tax_lines": [
                    {
                        "id": 50 + rate_id,
                        "rate_code": f"MA-TVA-{rate // 100}-1",
                        "rate_id": rate_id,
                        "label": f"TVA {rate // 100}%",
                        "compound": False,
                        "tax_total": money(
                            sum(
                                a["total_tax"]
                                for a, i in zip(items, truth.lines, strict=True)
                                if i.rate_bp == rate
                            )
                        ),
                        "shipping_tax_total": money(ship_tax if rate == 2000 else 0),
                        "rate_percent": rate // 100,
                    }
                    for rate, rate_id in rates.items()
                    if any(i.rate_bp == rate for i in truth.lines) and rate
                ],
                "shipping_lines": [
                    {
                        "id": 60,
                        "method_title": "Forfait",
                        "method_id": "flat_rate",
                        "total": money(truth.shipping_cents - ship_tax),
                        "total_tax": money(ship_tax),
                    }
                ]
                if truth.shipping_cents
                else [],
                "fee_lines": [],
                "coupon_lines": [],
                "refunds": refunds,
                "_links": {
                    "self": [
                        {
                            "href": f"https://epicerie-atlas.ma/wp-json/wc/v3/orders/{truth.external_id}"
                        }
                    ]
                },
            }
        )
    return json.dumps(documents, ensure_ascii=False, indent=2) + "\n", [t for t, _ in orders]
