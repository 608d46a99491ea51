"""One order of a shop's file into GESTCO, inside the import's transaction (the driver is
gestco.services.order_imports): a new one becomes an order like any other, through the
writes every order goes through (gestco.services.order_writes: its number, lines,
reservations, history, then the steps to the status the shop gives); one imported before is
left, updated or reported as a conflict by gestco.domain.import_rules.decide.

Rows are taken in the lock order before the first order (`prepare`): the orders met again,
then every product the file or those orders name, in id order; the number counter last, as
each new order draws its number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from gestco.domain.errors import GestcoError, ValidationError
from gestco.domain.import_rules import CONFLICT, UNCHANGED, decide, discount_bp_for, spread
from gestco.domain.money import divide_rounded
from gestco.domain.records import (
    RESERVING_STATUSES,
    Client,
    Order,
    status_path,
)
from gestco.domain.staff import Actor
from gestco.domain.text import clean
from gestco.domain.timestamps import now, to_text
from gestco.imports.records import ImportedClient, ImportedOrder, ImportProblem
from gestco.services import clients
from gestco.services.client_imports import client_input
from gestco.services.import_reports import NEW, UPDATED, Attempt, RecordError, chunks
from gestco.services.order_checks import audit_order
from gestco.services.order_writes import bump_order, insert_order, move_status
from gestco.services.orders import get_order_by_id
from gestco.services.pricing import PricedLine, check_availability, check_order_size, priced_line
from gestco.services.stock import get_products
from gestco.storage import builder
from gestco.storage.builder import SQL, fn
from gestco.storage.models import Clients, OrderLines, Orders, Products

IMPORTED = SQL("source <> ''")  # as the partial indexes say it (orders_external)


class OrderImporter:
    """The orders of one file (one source), each turned into an attempt for run_import."""

    def __init__(self, orders: Sequence[ImportedOrder]) -> None:
        self.orders = orders

    def prepare(self, actor: Actor) -> None:
        """Read and lock what the orders need, in the lock order. Runs again when the
        transaction is run again (write_rules.retried): nothing is kept from a first run."""
        self.actor = actor
        moment = now()
        self.stamp, self.year = to_text(moment), moment.year
        self.existing: dict[tuple[str, str], tuple[int, str, str]] = {}
        for source in sorted({o.source for o in self.orders}):
            ids = [o.external_id for o in self.orders if o.source == source]
            for batch in chunks(ids):
                query = Orders.select(
                    Orders.id, Orders.external_id, Orders.imported_status, Orders.payment_status
                ).where(IMPORTED & (Orders.source == source) & Orders.external_id.in_(batch))
                for id_, external_id, status, payment in builder.rows(query):
                    self.existing[(source, external_id)] = (int(id_), status, payment)
        known = sorted(found[0] for found in self.existing.values())
        for batch in chunks(known):
            builder.lock(Orders, batch)  # type: ignore[arg-type]  # ints
        skus = sorted(
            {line.sku for o in self.orders if not self._met(o) for line in o.lines if line.sku}
        )
        self.sku_ids: dict[str, int] = {}
        for batch in chunks(skus):
            by_sku = Products.select(Products.id, Products.sku).where(Products.sku.in_(batch))
            self.sku_ids.update((sku, int(id_)) for id_, sku in builder.rows(by_sku))
        held: set[int] = set(self.sku_ids.values())
        for batch in chunks(known):
            lines = OrderLines.select(OrderLines.product).where(OrderLines.order.in_(batch))
            held.update(int(row[0]) for row in builder.rows(lines))
        for batch in chunks(sorted(held)):
            builder.lock(Products, batch)  # type: ignore[arg-type]  # ints
        self._read_emails()

    def _met(self, order: ImportedOrder) -> bool:
        return (order.source, order.external_id) in self.existing

    def _read_emails(self) -> None:
        """The clients the orders without a phone may be: GESTCO's by e-mail (case aside;
        the oldest client when several share one), and the file's own clients with a phone
        under the same e-mail. One pass over the clients, not one per order."""
        self.by_email: dict[str, int] = {}
        self.file_phones: dict[str, ImportedClient] = {}
        wanted: set[str] = set()
        for order in self.orders:
            person = order.client
            if person.email and person.phone:
                self.file_phones.setdefault(person.email.lower(), person)
            elif person.email:
                wanted.add(person.email.lower())
        lowered = fn.LOWER(Clients.email)
        for batch in chunks(sorted(wanted)):
            query = Clients.select(Clients.id, lowered).where(lowered.in_(batch))
            for id_, email in builder.rows(query.order_by(Clients.id)):
                self.by_email.setdefault(email, int(id_))

    def attempt(self, order: ImportedOrder) -> Attempt:
        return lambda: self.one(order)

    def one(self, order: ImportedOrder) -> str | ImportProblem:
        found = self.existing.get((order.source, order.external_id))
        if found is not None:
            return self._again(order, *found)
        return self._new(order)

    # --- an order GESTCO does not have yet --------------------------------------------------

    def _new(self, order: ImportedOrder) -> str:
        priced = self._priced(order)
        if order.status in RESERVING_STATUSES:
            check_availability(priced, {})  # a shipped or cancelled one holds nothing now
        client = self._client(order)
        notes = clean(order.notes, field="notes", max_length=2000, multiline=True)
        address = clean(
            order.shipping_address, field="shipping_address", max_length=500, multiline=True
        )
        label = f"{order.source} {order.external_number}"
        order_id = insert_order(
            client=client,
            priced=priced,
            channel=order.channel,
            stamp=self.stamp,
            year=self.year,
            shipping_date=order.created_at.date(),
            shipping_address=address or None,
            notes=notes,
            actor=self.actor,
            created_at=to_text(order.created_at),
            note=label,
            source={
                "source": order.source,
                "external_id": order.external_id,
                "external_number": order.external_number,
                "imported_status": order.status,
                "payment_status": order.payment_status,
            },
        )
        current = get_order_by_id(order_id)
        self._walk(current, status_path(order.status)[1:], order)
        audit_order(self.actor, None, get_order_by_id(order_id))
        if order.client.email:
            self.by_email.setdefault(order.client.email.lower(), client.id)
        return NEW

    def _walk(
        self,
        current: Order,
        path: Sequence[str],
        order: ImportedOrder,
        columns: dict[str, str] | None = None,
    ) -> None:
        """The steps to the shop's status, each as the status machine takes it (its stock
        effect, its history row naming the shop's own words)."""
        note = f"{order.source} {order.external_number}: {order.source_status or order.status}"
        for index, step in enumerate(path):
            last = index == len(path) - 1
            move_status(
                current,
                step,
                actor=self.actor,
                stamp=self.stamp,
                note=note,
                columns=columns if last else None,
            )
            current = replace(current, status=step)  # its lines and number stay

    def _priced(self, order: ImportedOrder) -> list[PricedLine]:
        """The file's lines as GESTCO prices them: the file's price and rate where it gives
        them, else the catalogue's; money off a line (and the order's own discount, shared
        over its lines) as the line's percentage."""
        for line in order.lines:
            if line.sku not in self.sku_ids:
                raise RecordError(
                    ValidationError(
                        "sku",
                        "No product has the SKU {sku}: add it to the catalogue first (an"
                        " import never creates a product).",
                        sku=line.sku,
                    ),
                    line.line_number,
                    column="sku",
                    value=line.sku,
                )
        products = get_products([self.sku_ids[line.sku] for line in order.lines], lock=True)
        units, gross = [], []
        for line in order.lines:
            product = products[self.sku_ids[line.sku]]
            unit = (
                product.unit_price_cents if line.unit_price_cents is None else line.unit_price_cents
            )
            units.append(unit)
            off = line.discount_cents + divide_rounded(
                line.quantity * unit * line.discount_bp, 10_000
            )
            gross.append(max(line.quantity * unit - off, 0))
        shared = spread(order.discount_cents, gross)
        priced = []
        for index, line in enumerate(order.lines):
            product = products[self.sku_ids[line.sku]]
            rate = product.tax_rate_bp if line.tax_rate_bp is None else line.tax_rate_bp
            unit = units[index]
            if line.discount_cents or shared[index]:
                money_off = line.quantity * unit - gross[index] + shared[index]
                discount = discount_bp_for(line.quantity, unit, money_off, rate)
            else:
                discount = line.discount_bp
            try:
                priced.append(
                    priced_line(
                        product,
                        line.quantity,
                        unit_price_cents=unit,
                        discount_bp=discount,
                        field=f"lines[{index}]",
                        tax_rate_bp=rate,
                        description=line.description,
                    )
                )
            except GestcoError as error:
                raise RecordError(error, line.line_number, column="sku", value=line.sku) from None
        check_order_size(priced)
        return priced

    def _client(self, order: ImportedOrder) -> Client:
        """Found by phone, else by e-mail (GESTCO's clients, then the file's own client with a
        phone under that e-mail), else recorded as the counter records one. Nothing of a
        client GESTCO has is changed by an order."""
        person = order.client
        if not person.phone and person.email:
            key = person.email.lower()
            if key in self.by_email:
                return clients.get_client(self.by_email[key])
            person = self.file_phones.get(key, person)
        if not person.phone:
            raise ValidationError(
                "phone",
                "This order gives no phone for its client, and no client has its e-mail"
                " ({email}): GESTCO knows its clients by phone. Add the phone at the shop, or"
                " record the client first.",
                email=person.email or "-",
            )
        found = clients.identify(person.phone)
        if found is not None:
            return found
        return clients.create_client(client_input(person))

    # --- an order imported before -----------------------------------------------------------

    def _again(
        self, order: ImportedOrder, order_id: int, imported: str, payment: str
    ) -> str | ImportProblem:
        current = get_order_by_id(order_id)  # locked by prepare
        decision = decide(
            status=current.status,
            imported_status=imported,
            imported_payment=payment,
            new_status=order.status,
            new_payment=order.payment_status,
        )
        if decision.outcome == UNCHANGED:
            return UNCHANGED
        if decision.outcome == CONFLICT:
            return _conflict(order, current, moved=decision.moved)
        columns = {"imported_status": order.status, "payment_status": order.payment_status}
        if decision.path:
            self._walk(current, decision.path, order, columns)
        else:
            bump_order(order_id, self.stamp, **columns)
        audit_order(self.actor, current, get_order_by_id(order_id))
        self.existing[(order.source, order.external_id)] = (
            order_id,
            order.status,
            order.payment_status,
        )
        return UPDATED


def _conflict(order: ImportedOrder, current: Order, *, moved: bool) -> ImportProblem:
    params = {
        "number": current.number,
        "external": order.external_number,
        "status": current.status,
        "source_status": order.source_status or order.status,
    }
    value = order.source_status or order.status
    if moved:
        return ImportProblem(
            order.line_number,
            "{external} ({number}) was moved to {status} in GESTCO since the last import, and"
            " the shop now says {source_status}: GESTCO's status is kept.",
            params,
            column="status",
            value=value,
            external_id=order.external_id,
        )
    return ImportProblem(
        order.line_number,
        "{external} ({number}) is {status}, and the shop now says {source_status}: an order"
        " cannot go back there, GESTCO's status is kept.",
        params,
        column="status",
        value=value,
        external_id=order.external_id,
    )
