"""Invoices and credit notes: issued in one transaction with their number, kept as issued
(the values: gestco.domain.documents; the list and export: services.invoice_list).

    issue_invoice(order_id=) -> Document                  FAC-YYYY-NNNNNN
    issue_credit_note(invoice_number=, lines=None) -> Document   AV-YYYY-NNNNNN
    get_document(number) -> Document                      as it was issued
    left_to_credit(invoice_number) -> dict[int, int]      invoice line position -> units

An invoice is issued from an order that is not cancelled and has no invoice still standing
(one credited in full may be issued again: the correction of an invoice is a credit note
for all of it, then a new invoice). It holds a snapshot of the shop's identity, the client,
the lines, the VAT summary, the totals, the payments received and the balance due at that
moment: nothing done later to the order, the client, the products or the shop's settings
changes it, and the database refuses to UPDATE or DELETE it (storage.append_only). A
document the law says needs an identifier the shop's settings lack is refused, naming it
(settings.require_identifiers). Every issue locks the order first (a second workstation
invoicing or crediting the same order waits, then sees the first one's result), then takes
the number from its kind's yearly counter last (services.numbering: gap-free, never twice).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from gestco.domain.change_areas import reports_changes
from gestco.domain.documents import (
    CREDIT_NOTE,
    INVOICE,
    Document,
    DocumentLine,
    PaymentSeen,
    closing_sentence,
    credit_share,
    parse_document_number,
    totals_of,
    vat_summary,
)
from gestco.domain.errors import NotFoundError, ValidationError
from gestco.domain.legal_identity import DocumentKind, ShopIdentity
from gestco.domain.money import check_quantity
from gestco.domain.permissions import Permission
from gestco.domain.records import is_row_id
from gestco.domain.text import clean
from gestco.domain.timestamps import now, to_text
from gestco.services import payments, session, settings
from gestco.services.audit_trail import record_changes
from gestco.services.clients import get_client
from gestco.services.numbering import next_document_number
from gestco.services.orders import get_order_by_id
from gestco.storage import builder, transactions, write_rules
from gestco.storage.builder import fn
from gestco.storage.change_notices import bump
from gestco.storage.models import Orders
from gestco.storage.money_models import InvoiceLines, Invoices

_LINE_FIELDS = (
    InvoiceLines.position,
    InvoiceLines.source_position,
    InvoiceLines.sku,
    InvoiceLines.description,
    InvoiceLines.quantity,
    InvoiceLines.unit_price_cents,
    InvoiceLines.discount_bp,
    InvoiceLines.tax_rate_bp,
    InvoiceLines.total_cents,
    InvoiceLines.tax_cents,
)  # in DocumentLine's order
# An order's line as an invoice's, after its two positions (domain.records.OrderLine).
_ORDER_LINE_FIELDS = (
    "sku",
    "description",
    "quantity",
    "unit_price_cents",
    "discount_bp",
    "tax_rate_bp",
    "total_cents",
    "tax_cents",
)


def _lines_of(invoice_id: int) -> tuple[DocumentLine, ...]:
    query = (
        InvoiceLines.select(*_LINE_FIELDS)
        .where(InvoiceLines.invoice == invoice_id)
        .order_by(InvoiceLines.position)
    )
    return tuple(DocumentLine(*row) for row in builder.rows(query))


def _row_by_number(number: str) -> Any:
    return Invoices.get_or_none(Invoices.number == number)


def get_document(number: str) -> Document:
    """The invoice or credit note with this number ('FAC-2026-42' is taken), as issued."""
    _kind, canonical = parse_document_number(number)
    row = _row_by_number(canonical)
    if row is None:
        raise NotFoundError("No invoice or credit note {number}.", number=canonical)
    return _document(row)


def _document(row: Any) -> Document:
    kept = json.loads(row.snapshot)
    lines = _lines_of(int(row.id))
    return Document(
        id=int(row.id),
        number=row.number,
        kind=row.kind,
        order_number=kept["order"],
        credited_number=kept.get("credited", ""),
        issued_at=datetime.fromisoformat(row.issued_at),
        issued_by=row.issued_by,
        shop=ShopIdentity(**kept["shop"]),
        client=kept["client"],
        lines=lines,
        vat=vat_summary(lines),
        total_excl_cents=int(row.total_excl_cents),
        total_tax_cents=int(row.total_tax_cents),
        total_cents=int(row.total_cents),
        currency=kept["currency"],
        payments=tuple(PaymentSeen(**p) for p in kept.get("payments", ())),
        received_cents=int(kept.get("received", 0)),
        balance_cents=int(kept.get("balance", 0)),
        words=kept["words"],
    )


def _shop_fields(identity: ShopIdentity) -> dict[str, str]:
    kept = asdict(identity)
    kept.pop("changes", None)
    return kept


def _insert(
    *,
    kind: str,
    number: str,
    order_id: int,
    client_id: int,
    credited_id: int | None,
    lines: list[DocumentLine],
    snapshot: dict[str, Any],
    stamp: str,
    actor: Any,
    note: str = "",
) -> int:
    excl, tax, total = totals_of(lines)
    currency = settings.get_setting("currency")
    snapshot = {**snapshot, "currency": currency, "words": closing_sentence(kind, total, currency)}
    document_id = int(
        Invoices.insert(
            number=number,
            kind=kind,
            order=order_id,
            credited_invoice=credited_id,
            client=client_id,
            issued_at=stamp,
            issued_by=actor.username,
            total_excl_cents=excl,
            total_tax_cents=tax,
            total_cents=total,
            snapshot=json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
        ).execute()
    )
    InvoiceLines.insert_many(
        [
            (
                document_id,
                line.position,
                line.source_position,
                line.sku,
                line.description,
                line.quantity,
                line.unit_price_cents,
                line.discount_bp,
                line.tax_rate_bp,
                line.total_cents,
                line.tax_cents,
            )
            for line in lines
        ],
        fields=[InvoiceLines.invoice, *_LINE_FIELDS],
    ).execute()
    bump("orders")
    record_changes(
        actor,
        kind="order",
        entity="invoices",
        record_id=document_id,
        label=number,
        before=None,
        after={
            "number": number,
            "kind": kind,
            "order": snapshot["order"],
            "credited": snapshot.get("credited", ""),
            "total_cents": total,
        },
        note=note,
    )
    return document_id


def _standing_invoice(order_id: int) -> str | None:
    """The number of the order's invoice that is not credited in full, if any."""
    query = Invoices.select(Invoices.number).where(
        (Invoices.order == order_id) & (Invoices.kind == INVOICE)
    )
    for (number,) in builder.rows(query.order_by(Invoices.id)):
        if any(left_to_credit(number).values()):
            return str(number)
    return None


def standing_invoice_of(order_id: int) -> str | None:
    """The order's invoice still standing (not credited in full), None when it has none."""
    return _standing_invoice(order_id) if is_row_id(order_id) else None


@write_rules.retried
@reports_changes
def issue_invoice(*, order_id: int) -> Document:
    """Issue the invoice of an order (the counter and up): numbered, kept as it is now."""
    actor = session.require(Permission.INVOICE_ISSUE)
    moment = now()
    with transactions.atomic():
        if not is_row_id(order_id):
            raise NotFoundError("This order no longer exists.")
        builder.lock(Orders, [order_id])
        order = get_order_by_id(order_id)
        if order.status == "cancelled":
            raise ValidationError(
                "order", "{number} is cancelled: it cannot be invoiced.", number=order.number
            )
        standing = _standing_invoice(order_id)
        if standing is not None:
            raise ValidationError(
                "order",
                "{number} is invoiced already ({invoice}): credit that invoice in full to"
                " issue another.",
                number=order.number,
                invoice=standing,
            )
        shop = settings.require_identifiers(DocumentKind.INVOICE)
        client = get_client(order.client_id)
        lines = [
            DocumentLine(i, i, *(getattr(line, f) for f in _ORDER_LINE_FIELDS))
            for i, line in enumerate(order.lines, start=1)
        ]
        paid = payments.list_payments(order_id)
        money = payments.balance(order_id)
        snapshot = {
            "order": order.number,
            "order_date": order.created_at.date().isoformat(),
            "shop": _shop_fields(shop),
            "client": {
                "name": client.display_name,
                "phone": client.phone,
                "email": client.email,
                "address": client.postal_address,
            },
            "payments": [
                {
                    "paid_on": p.paid_on.isoformat(),
                    "amount_cents": p.amount_cents,
                    "method": p.method,
                    "reference": p.reference,
                }
                for p in paid
            ],
            "received": money.received_cents,
            "balance": money.due_cents,
        }
        number = next_document_number(INVOICE, moment.year)
        _insert(
            kind=INVOICE,
            number=number,
            order_id=order_id,
            client_id=order.client_id,
            credited_id=None,
            lines=lines,
            snapshot=snapshot,
            stamp=to_text(moment),
            actor=actor,
        )
        issued = get_document(number)
    return issued


def _credited_units(invoice_id: int) -> dict[int, int]:
    """Units of each invoice line (by position) its credit notes took so far."""
    notes = Invoices.select(Invoices.id).where(Invoices.credited_invoice == invoice_id)
    query = (
        InvoiceLines.select(InvoiceLines.source_position, fn.SUM(InvoiceLines.quantity))
        .where(InvoiceLines.invoice.in_(notes))
        .group_by(InvoiceLines.source_position)
    )
    return {int(position): int(units) for position, units in builder.rows(query)}


def left_to_credit(invoice_number: str) -> dict[int, int]:
    """Units of each line of the invoice no credit note took yet (position -> units)."""
    kind, number = parse_document_number(invoice_number)
    row = _row_by_number(number)
    if row is None or kind != INVOICE:
        raise NotFoundError("No invoice {number}.", number=number)
    taken = _credited_units(int(row.id))
    return {
        line.position: line.quantity - taken.get(line.position, 0)
        for line in _lines_of(int(row.id))
    }


def _wanted_units(
    lines: tuple[DocumentLine, ...], left: dict[int, int], asked: Mapping[str, object] | None
) -> dict[int, int]:
    """Units to credit per invoice line: all that is left, or `asked` (SKU -> units) spread
    over that SKU's lines in order; more than is left is refused."""
    if asked is None:
        return {position: units for position, units in left.items() if units}
    wanted: dict[int, int] = {}
    for sku, typed in asked.items():
        units = check_quantity(typed, field="lines")
        of_sku = [line for line in lines if line.sku == sku]
        if not of_sku:
            raise ValidationError("lines", "The invoice has no line {sku}.", sku=sku)
        available = sum(left[line.position] for line in of_sku)
        if units > available:
            raise ValidationError(
                "lines",
                "Only {left} of {sku} are left to credit on this invoice, not {asked}.",
                left=available,
                sku=sku,
                asked=units,
            )
        for line in of_sku:
            take = min(units, left[line.position])
            if take:
                wanted[line.position] = take
                units -= take
    return wanted


@write_rules.retried
@reports_changes
def issue_credit_note(
    *, invoice_number: str, lines: Mapping[str, object] | None = None, reason: str = ""
) -> Document:
    """A credit note for all of an invoice that is left to credit, or for `lines` (SKU ->
    units); never more than what is left (managers). `reason` (why the invoice is
    corrected) is kept in its snapshot and its line of the audit trail."""
    actor = session.require(Permission.CREDIT_NOTE_ISSUE)
    why = clean(reason, field="reason", max_length=500)
    kind, number = parse_document_number(invoice_number)
    moment = now()
    with transactions.atomic():
        row = _row_by_number(number)
        if row is None or kind != INVOICE:
            raise NotFoundError("No invoice {number}.", number=number)
        order_id = int(row.order_id)
        builder.lock(Orders, [order_id])  # one credit of this invoice at a time
        invoiced = _lines_of(int(row.id))
        left = left_to_credit(number)
        if not any(left.values()):
            raise ValidationError("lines", "{number} is credited in full already.", number=number)
        wanted = _wanted_units(invoiced, left, lines)
        shop = settings.require_identifiers(DocumentKind.CREDIT_NOTE)
        taken = _credited_units(int(row.id))
        credit_lines: list[DocumentLine] = []
        for line in invoiced:
            units = wanted.get(line.position, 0)
            if not units:
                continue
            total, tax = credit_share(line, taken.get(line.position, 0), units)
            credit_lines.append(
                DocumentLine(
                    len(credit_lines) + 1,
                    line.position,
                    line.sku,
                    line.description,
                    units,
                    line.unit_price_cents,
                    line.discount_bp,
                    line.tax_rate_bp,
                    total,
                    tax,
                )
            )
        kept = json.loads(row.snapshot)
        snapshot = {
            "order": kept["order"],
            "credited": number,
            "shop": _shop_fields(shop),
            "client": kept["client"],
            **({"reason": why} if why else {}),
        }
        credit_number = next_document_number(CREDIT_NOTE, moment.year)
        _insert(
            kind=CREDIT_NOTE,
            number=credit_number,
            order_id=order_id,
            client_id=int(row.client_id),
            credited_id=int(row.id),
            lines=credit_lines,
            snapshot=snapshot,
            stamp=to_text(moment),
            actor=actor,
            note=why,
        )
        issued = get_document(credit_number)
    return issued


def documents_of_order(order_id: int) -> tuple[tuple[str, str], ...]:
    """The order's invoices and credit notes as (number, kind), in the order issued (what
    the order view shows; a credit note's kind is credit_note)."""
    if not is_row_id(order_id):
        return ()
    query = (
        Invoices.select(Invoices.number, Invoices.kind)
        .where(Invoices.order == order_id)
        .order_by(Invoices.id)
    )
    return tuple((str(number), str(kind)) for number, kind in builder.rows(query))
