"""What each paper GESTCO hands a client says, as one plain value (`Paper`): the order slip, the
delivery note, the receipt, the invoice and the credit note. Qt-free; ui.printing lays it
out and paints it (A4 or the 80 mm receipt), in the shop's language.

    order_paper(number, kind) -> Paper        slip | delivery | receipt of an order
    document_paper(number) -> Paper           an invoice or a credit note, as issued
    invoice_paper_for_order(number) -> Paper  the order's standing invoice, issued if none
    write_pdf(target, data)                   the bytes a renderer made, into a file

Reading needs someone signed in and nothing more. An order's paper that legally needs an
identifier the shop's settings lack is refused before anything is printed, naming it
(settings.require_identifiers: Morocco asks the ICE on every document a business hands
out). An invoice or a credit note prints its snapshot: the identifiers it was issued with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from gestco.domain.documents import (
    CREDIT_NOTE,
    INVOICE,
    DocumentLine,
    VatRow,
    parse_document_number,
    totals_of,
    vat_summary,
)
from gestco.domain.errors import ValidationError
from gestco.domain.legal_identity import DocumentKind, ShopIdentity
from gestco.services import invoices, orders, payments, session, settings
from gestco.services.clients import get_client
from gestco.services.export import refuse_data_file
from gestco.storage import binding
from gestco.workstation.atomic_file import write_beside

ORDER_KINDS = (DocumentKind.ORDER_SLIP, DocumentKind.DELIVERY_NOTE, DocumentKind.RECEIPT)
# The legal identifiers a document prints, by country, in the order a reader expects them
# (the labels are the printing's: ui.printing translates the codes).
IDENTIFIERS = {
    "MA": ("ice", "tax_id", "rc", "patente", "cnss"),
    "FR": ("siren", "vat_number", "rcs"),
}


@dataclass(frozen=True, slots=True)
class PaperPayment:
    paid_on: date
    amount_cents: int  # negative: a refund
    method: str  # gestco.domain.payments.METHODS
    reference: str


@dataclass(frozen=True, slots=True)
class PaperClient:
    name: str
    phone: str  # E.164 as stored; the printing formats it
    email: str
    address: str  # several lines


@dataclass(frozen=True, slots=True)
class Paper:
    """One document, everything it prints. Amounts are integer cents, tax included where a
    shop's prices are (domain.documents)."""

    kind: DocumentKind
    number: str  # the order's, the invoice's or the credit note's
    issued_at: datetime  # the order's creation; the invoice's issue
    operator: str  # who took the order / issued the document
    shop: ShopIdentity
    identifiers: tuple[tuple[str, str], ...]  # (field code, value), the given ones only
    client: PaperClient
    lines: tuple[DocumentLine, ...]
    vat: tuple[VatRow, ...]
    total_excl_cents: int
    total_tax_cents: int
    total_cents: int
    currency: str
    payments: tuple[PaperPayment, ...]
    received_cents: int
    balance_cents: int  # still due (negative: money to give back)
    order_number: str = ""  # an invoice's or a credit note's order
    credited_number: str = ""  # a credit note's invoice
    shipping_date: date | None = None  # an order's expected (shipping) date
    shipping_address: str = ""
    notes: str = ""
    words: str = ""  # an invoice's closing sentence, its total in French words
    qr_payload: str = ""  # what the slip's QR code holds: the order number
    region: str = "MA"  # how the client's phone is written
    # The labels' language (the shop's setting document_language): "" the window's, "fr",
    # "en", "ar" or "fr+ar". The issued invoice's snapshot keeps no language: it is printed
    # in the one chosen when it is printed (its French sentence in words stays as issued).
    language: str = ""

    @property
    def is_invoice(self) -> bool:
        return self.kind in (DocumentKind.INVOICE, DocumentKind.CREDIT_NOTE)


def _identifiers(shop: ShopIdentity) -> tuple[tuple[str, str], ...]:
    given = []
    for name in IDENTIFIERS.get(shop.country, ()):
        value = getattr(shop, name)
        if name == "rc" and value and shop.rc_court:
            value = f"{value} ({shop.rc_court})"
        if value:
            given.append((name, value))
    return tuple(given)


def order_paper(number: str, kind: DocumentKind | str) -> Paper:
    """The slip, the delivery note or the receipt of the order `number` (any tolerant form)."""
    session.require()  # someone signed in: reading asks nothing more
    kind = DocumentKind(kind)
    if kind not in ORDER_KINDS:
        raise ValueError(kind)
    order = orders.get_order(number)
    shop = settings.require_identifiers(kind)
    client = get_client(order.client_id)
    lines = tuple(
        DocumentLine(
            i,
            i,
            line.sku,
            line.description,
            line.quantity,
            line.unit_price_cents,
            line.discount_bp,
            line.tax_rate_bp,
            line.total_cents,
            line.tax_cents,
        )
        for i, line in enumerate(order.lines, start=1)
    )
    money = payments.balance(order.id)
    paid = tuple(
        PaperPayment(p.paid_on, p.amount_cents, p.method, p.reference)
        for p in payments.list_payments(order.id)
    )
    excl, tax, total = totals_of(lines)
    taker = order.history[0].changed_by if order.history else ""
    return Paper(
        kind=kind,
        number=order.number,
        issued_at=order.created_at,
        operator=taker,
        shop=shop,
        identifiers=_identifiers(shop),
        client=PaperClient(client.display_name, client.phone, client.email, client.postal_address),
        lines=lines,
        vat=vat_summary(lines),
        total_excl_cents=excl,
        total_tax_cents=tax,
        total_cents=total,
        currency=settings.get_setting("currency"),
        payments=paid,
        received_cents=money.received_cents,
        balance_cents=money.due_cents,
        order_number=order.number,
        shipping_date=order.shipping_date,
        shipping_address=order.shipping_address or client.postal_address,
        notes=order.notes,
        qr_payload=order.number,
        region=settings.region(),
        language=settings.document_language(),
    )


def document_paper(number: str) -> Paper:
    """The invoice or the credit note `number`, as it was issued."""
    session.require()
    document = invoices.get_document(number)
    kind = DocumentKind.INVOICE if document.kind == INVOICE else DocumentKind.CREDIT_NOTE
    client = document.client
    return Paper(
        kind=kind,
        number=document.number,
        issued_at=document.issued_at,
        operator=document.issued_by,
        shop=document.shop,
        identifiers=_identifiers(document.shop),
        client=PaperClient(
            client.get("name", ""),
            client.get("phone", ""),
            client.get("email", ""),
            client.get("address", ""),
        ),
        lines=document.lines,
        vat=document.vat,
        total_excl_cents=document.total_excl_cents,
        total_tax_cents=document.total_tax_cents,
        total_cents=document.total_cents,
        currency=document.currency,
        payments=tuple(
            PaperPayment(date.fromisoformat(p.paid_on), p.amount_cents, p.method, p.reference)
            for p in document.payments
        ),
        received_cents=document.received_cents,
        balance_cents=document.balance_cents,
        order_number=document.order_number,
        credited_number=document.credited_number,
        words=document.words,
        region=settings.region(),
        language=settings.document_language(),
    )


def standing_invoice(order_number: str) -> str | None:
    """The number of the order's invoice not credited in full, None when it has none."""
    session.require()
    order = orders.get_order(order_number)
    return invoices.standing_invoice_of(order.id)


def invoice_paper_for_order(order_number: str) -> Paper:
    """The order's standing invoice; issued first when it has none (the invoice service's
    permission and checks: a cancelled order, identifiers the shop lacks)."""
    order = orders.get_order(order_number)
    number = invoices.standing_invoice_of(order.id)
    if number is None:
        number = invoices.issue_invoice(order_id=order.id).number
    return document_paper(number)


def paper_for(kind: DocumentKind | str, number: str) -> Paper:
    """What `gestco document KIND NUMBER` prints: an order's paper for slip, delivery and
    receipt; for invoice an invoice's number, or an order's (its invoice, issued if it has
    none); for credit a credit note's number."""
    kind = DocumentKind(kind)
    if kind in ORDER_KINDS:
        return order_paper(number, kind)
    looks_like_document = number.strip().upper().startswith(("FAC", "AV"))
    if kind == DocumentKind.INVOICE and not looks_like_document:
        return invoice_paper_for_order(number)
    found, _canonical = parse_document_number(number)
    wanted = INVOICE if kind == DocumentKind.INVOICE else CREDIT_NOTE
    if found != wanted and wanted == INVOICE:
        raise ValidationError(
            "number",
            "{number} is not an invoice: give a FAC-… number, or the order's.",
            number=number.strip(),
        )
    if found != wanted:
        raise ValidationError(
            "number", "{number} is not a credit note: give an AV-… number.", number=number.strip()
        )
    return document_paper(number)


PDF_MAGIC = b"%PDF-"


def refuse_pdf_target(target: str | Path) -> None:
    """A document is written over nothing but a PDF: never the shop's database or one of its
    files (the exports' rule, services.export.refuse_data_file), never another program's
    file that a mistyped name would destroy."""
    path = Path(target)
    if path.suffix.lower() != ".pdf":
        raise ValidationError(
            "output", "Name a PDF file: {path} does not end in .pdf.", path=str(path)
        )
    refuse_data_file(path, binding.database_path())
    if path.is_dir():
        raise ValidationError("output", "{path} is a folder: name a PDF file.", path=str(path))
    try:
        with open(path, "rb") as existing:
            start = existing.read(len(PDF_MAGIC))
    except OSError:
        return  # nothing there yet (or unreadable: the write says so)
    if start and start != PDF_MAGIC:
        raise ValidationError(
            "output",
            "{path} exists and is not a PDF: choose another name.",
            path=str(path),
        )


def write_pdf(target: str | Path, data: bytes) -> None:
    """The PDF a renderer made, into `target` (checked first; written beside it and renamed,
    so a failed write leaves the previous file or none)."""
    refuse_pdf_target(target)
    with write_beside(target) as side:
        side.write_bytes(data)
