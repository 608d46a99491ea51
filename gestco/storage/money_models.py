"""Money on paper, v9: payments on an order and the invoices and credit notes issued from it.
Part of the schema (gestco.storage.schema's DATA_MODELS include them), written apart from the
shop's other tables as the staff's are (storage.staff_models). All three are append-only."""

from __future__ import annotations

import peewee

from gestco.storage.columns import BaseModel, RowId, integer, refers_to, text
from gestco.storage.models import Clients, Orders


class Payments(BaseModel):
    """Money received on an order (a deposit, a payment) or given back (a refund: a negative
    amount, with its reason), v9. Only ever inserted: a mistake is corrected by another
    payment (the database refuses UPDATE and DELETE: storage.append_only)."""

    id = RowId()
    order = refers_to(Orders)
    amount_cents = integer(check="amount_cents <> 0")
    method = text()  # cash, card, transfer, cheque, other (domain.payments.METHODS)
    paid_on = text()  # YYYY-MM-DD: the day the money changed hands
    reference = text("")  # a cheque's or a transfer's number
    reason = text("")  # a refund's, required there
    created_at = text()
    created_by = text()

    class Meta:
        table_name = "payments"


class Invoices(BaseModel):
    """An invoice (FAC-YYYY-NNNNNN) or a credit note (AV-YYYY-NNNNNN) as issued, v9: its
    totals, and in `snapshot` (JSON) the shop, the client, the VAT summary, the payments and
    the balance as they were then. Only ever inserted (storage.append_only): nothing that
    happens later to the order, the client, the products or the shop changes it. A credit
    note names the invoice it corrects; its amounts are positive (what is credited)."""

    id = RowId()
    number = text()
    kind = text()  # invoice, credit_note
    order = refers_to(Orders)
    credited_invoice = refers_to("self", null=True)  # type: ignore[arg-type]
    client = refers_to(Clients)
    issued_at = text()
    issued_by = text()
    total_excl_cents = integer()
    total_tax_cents = integer()
    total_cents = integer()
    snapshot = text()

    class Meta:
        table_name = "invoices"


class InvoiceLines(BaseModel):
    """A line of an invoice or a credit note, as issued; `source_position` is the position of
    the order's line it bills, which a credit note's line credits."""

    id = RowId()
    invoice = refers_to(Invoices)
    position = integer()
    source_position = integer()
    sku = text()
    description = text()
    quantity = integer(check="quantity > 0")
    unit_price_cents = integer()
    discount_bp = integer(0)
    tax_rate_bp = integer()
    total_cents = integer()
    tax_cents = integer()

    class Meta:
        table_name = "invoice_lines"


def _index(model: type[BaseModel], name: str, *fields: peewee.Field, unique: bool = False) -> None:
    model.add_index(peewee.ModelIndex(model, fields, unique=unique, name=name))


_index(Payments, "payments_order", Payments.order, Payments.id)
_index(Invoices, "invoices_number", Invoices.number, unique=True)
_index(Invoices, "invoices_issued", Invoices.issued_at, Invoices.id)
_index(Invoices, "invoices_order", Invoices.order)
_index(Invoices, "invoices_client", Invoices.client, Invoices.issued_at)
_index(Invoices, "invoices_credited", Invoices.credited_invoice)
_index(InvoiceLines, "invoice_lines_invoice", InvoiceLines.invoice, InvoiceLines.position)
