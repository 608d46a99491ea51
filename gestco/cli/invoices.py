"""`gestco invoice issue|credit|show`: invoices and credit notes from a terminal
(gestco.services.invoices; README, "Payments and invoices"). `gestco export invoices` is
with the other exports (gestco.cli).

    gestco invoice issue CMD-2026-000042
    gestco invoice credit FAC-2026-000007 [--line SKU:QTY]...    all that is left, or lines
    gestco invoice show FAC-2026-000007

Exit 0: issued (or shown); 2: refused (a cancelled or invoiced order, over-credit, a bad
--line, identifiers the shop's settings lack: each named); 1: no such order or invoice.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from gestco.domain.documents import Document
from gestco.domain.errors import ValidationError
from gestco.domain.money import format_cents, format_rate

EXIT_OK = 0


def add_commands(commands: Any) -> None:
    invoice = commands.add_parser("invoice", help="issue an invoice or a credit note; show one")
    actions = invoice.add_subparsers(dest="action", metavar="ACTION", required=True)
    issue = actions.add_parser("issue", help="the invoice of an order (FAC-YYYY-NNNNNN)")
    issue.add_argument("order", metavar="ORDER", help="CMD-2026-000042, or 2026-42")
    credit = actions.add_parser(
        "credit", help="a credit note (AV-YYYY-NNNNNN) for an invoice, whole or some lines"
    )
    credit.add_argument("invoice", metavar="INVOICE", help="FAC-2026-000007")
    credit.add_argument(
        "--line",
        action="append",
        default=[],
        metavar="SKU:QTY",
        help="credit QTY units of SKU (repeat for more lines); none: all that is left",
    )
    show = actions.add_parser("show", help="an invoice or a credit note as it was issued")
    show.add_argument("number", metavar="NUMBER")


def export_source(args: argparse.Namespace) -> tuple[Any, Any]:
    """The invoices' columns and rows function for the dates asked (--from, --to)."""
    from gestco.services import invoice_list

    def day(text: str | None, option: str) -> date | None:
        if text is None:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                option, "Give the day as YYYY-MM-DD, such as 2026-12-02."
            ) from None

    flt = invoice_list.InvoiceFilter(since=day(args.since, "--from"), until=day(args.until, "--to"))
    return invoice_list.INVOICE_COLUMNS, lambda: invoice_list.invoice_rows(flt)


def _asked_lines(typed: list[str]) -> dict[str, str] | None:
    if not typed:
        return None
    asked: dict[str, str] = {}
    for item in typed:
        sku, colon, units = item.rpartition(":")
        if not colon or not sku.strip() or not units.strip():
            raise ValidationError("--line", "Give a line as SKU:QTY, such as CAF-250:2.")
        if sku.strip() in asked:
            raise ValidationError("--line", "{sku} is given twice: give it once.", sku=sku)
        asked[sku.strip()] = units.strip()
    return asked


def document_lines(document: Document) -> list[str]:
    """A document as the command prints it: the header, one line per line, the VAT summary,
    the totals, the payments and the balance, the sentence in words."""
    what = "invoice" if document.kind == "invoice" else "credit note"
    out = [
        f"{what} {document.number} of {document.issued_at:%Y-%m-%d %H:%M} by"
        f" {document.issued_by}, order {document.order_number}"
        + (f", credits {document.credited_number}" if document.credited_number else ""),
        f"client: {document.client.get('name', '')} {document.client.get('phone', '')}".rstrip(),
    ]
    for line in document.lines:
        out.append(
            f"{line.position}\t{line.sku}\t{line.quantity}\t{format_cents(line.unit_price_cents)}"
            f"\t{format_rate(line.tax_rate_bp)}%\t{format_cents(line.total_cents)}"
        )
    for vat in document.vat:
        out.append(
            f"VAT {format_rate(vat.rate_bp)}%: base {format_cents(vat.base_cents)},"
            f" VAT {format_cents(vat.tax_cents)}, total {format_cents(vat.total_cents)}"
        )
    out.append(
        f"total HT {format_cents(document.total_excl_cents)}, TVA"
        f" {format_cents(document.total_tax_cents)}, TTC {format_cents(document.total_cents)}"
        f" {document.currency}"
    )
    if document.kind == "invoice":
        out.append(
            f"received {format_cents(document.received_cents)},"
            f" balance due {format_cents(document.balance_cents)}"
        )
    out.append(document.words)
    return out


def invoice_command(args: argparse.Namespace) -> int:
    from gestco.services import invoices, orders

    if args.action == "issue":
        order = orders.get_order(args.order)
        document = invoices.issue_invoice(order_id=order.id)
    elif args.action == "credit":
        document = invoices.issue_credit_note(
            invoice_number=args.invoice, lines=_asked_lines(args.line)
        )
    else:
        document = invoices.get_document(args.number)
    for line in document_lines(document):
        print(line)
    return EXIT_OK
