"""The order being keyed, kept for its operator (NewOrderTab's part that does it): written
to disk as it changes (ui.runtime.drafts), set aside when another operator signs in, offered
back one kept order after the other, restored or discarded at the clerk's word. None is ever
lost silently: restoring one puts the order on the screen aside, offered next."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, SignalInstance, Slot
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from gestco.domain.errors import GestcoError
from gestco.domain.records import Client
from ui.models.order_lines import DraftLine, OrderLinesModel
from ui.runtime.drafts import DraftStore
from ui.runtime.services import ClientServices, StockServices
from ui.widgets.date_field import DateField
from ui.widgets.draft_offer import DraftOffer
from ui.widgets.forms import InlineMessages
from ui.widgets.lines_editor import LinesEditor


class KeptOrders:
    """Mixed into NewOrderTab (a QWidget): what it uses of the screen is declared here."""

    # the screen's (NewOrderTab)
    offer_changed: SignalInstance
    client: Client | None
    drafts: DraftStore | None
    _restoring: bool
    clients: ClientServices
    stock: StockServices
    lines: LinesEditor
    lines_model: OrderLinesModel
    channel_combo: QComboBox
    shipping_date: DateField
    address_edit: QPlainTextEdit
    notes_edit: QLineEdit
    messages: InlineMessages

    if TYPE_CHECKING:

        def set_client(self, client: Client | None) -> None: ...
        def focus_entry(self) -> None: ...

    def build_kept_orders(self, layout: QVBoxLayout) -> None:
        """The offer above the form, and the timer that writes the order 300 ms after its
        last change."""
        owner = self if isinstance(self, QWidget) else None
        self._draft_timer = QTimer(owner)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(300)
        self._draft_timer.timeout.connect(self.save_draft)
        self.lines.changed.connect(self._draft_timer.start)
        self.channel_combo.currentIndexChanged.connect(self._draft_timer.start)
        self.shipping_date.changed.connect(self._draft_timer.start)
        self.address_edit.textChanged.connect(self._draft_timer.start)
        self.notes_edit.textChanged.connect(self._draft_timer.start)
        self.draft_offer = DraftOffer(owner)
        self.draft_banner = self.draft_offer.banner
        self.restore_draft_button = self.draft_offer.restore_button
        self.discard_draft_button = self.draft_offer.discard_button
        layout.insertWidget(0, self.draft_offer)
        self.draft_offer.restore_requested.connect(self.restore_draft)
        self.draft_offer.discard_requested.connect(self.discard_draft)

    @Slot()
    def save_draft(self) -> None:
        """The order being keyed, kept for its operator (the orders offered back are kept
        apart from it: keying a new one while one is offered loses neither)."""
        if self.drafts is None or self._restoring:
            return
        if self.client is None or not self.lines_model.rowCount():
            self.drafts.clear()
            return
        shipping = self.shipping_date.typed_date()
        self.drafts.save(
            {
                "client_id": self.client.id,
                "client_name": self.client.display_name,
                "lines": [
                    [d.product.id, d.quantity, d.discount_bp] for d in self.lines_model.lines()
                ],
                "channel": self.channel_combo.currentData(),
                "shipping_date": shipping.isoformat() if shipping else "",
                "address": self.address_edit.toPlainText(),
                "notes": self.notes_edit.text(),
            }
        )

    def offer_draft(self, *, returning: bool = False) -> bool:
        """At sign-in: the orders this operator keyed but never validated are offered back,
        one after the other (`returning`: they left them when another operator signed in;
        else GESTCO stopped)."""
        if self.drafts is None:
            return False
        self.drafts.keep_current("away" if returning else "stopped")
        return self._offer_next()

    def _offer_next(self) -> bool:
        kept = self.drafts.kept() if self.drafts else []
        if not kept:
            self.draft_offer.set_shown(False)
            self.offer_changed.emit()
            return False
        first = kept[0]
        self.draft_offer.offer(
            str(first.get("client_name", "")),
            len(first["lines"]),
            reason=str(first.get("kept_because", "")),
            others=len(kept) - 1,
        )
        self.offer_changed.emit()
        return True

    def set_aside(self) -> None:
        """Another operator signs in: the order being keyed is kept as its operator's draft,
        and this screen starts empty for the next one."""
        self.save_draft()
        self._draft_timer.stop()
        self.drafts = None  # nothing the next operator does touches the previous one's draft
        self.draft_offer.set_shown(False)
        self.set_client(None)
        self._draft_timer.stop()
        self.offer_changed.emit()

    def close_drafts(self) -> None:
        """The window closes: the order being keyed is written now, and nothing this screen
        does afterwards writes the file (a save still pending when the window closed fired
        later and overwrote what the next window had kept: the order keyed there came back
        as a copy of the first)."""
        self._draft_timer.stop()
        self.save_draft()
        self.drafts = None

    @Slot()
    def restore_draft(self) -> None:
        """The oldest kept order back on the screen; an order being keyed here meanwhile is
        kept in its place (offered next), not replaced."""
        kept = self.drafts.kept() if self.drafts else []
        if self.drafts is None or not kept:
            self._offer_next()
            return
        draft = kept[0]
        try:
            client = self.clients.get_client(int(draft["client_id"]))
            products = self.stock.get_products([int(line[0]) for line in draft["lines"]])
            ship = date.fromisoformat(str(draft.get("shipping_date") or date.today()))
        except (GestcoError, KeyError, TypeError, ValueError):
            self.messages.show_banner(
                # NewOrderTab's context: the words are the screen's
                QCoreApplication.translate(
                    "NewOrderTab", "The unfinished order could not be restored."
                ),
                "error",
            )
            return  # still kept, still offered
        self._draft_timer.stop()
        self.save_draft()
        self.drafts.keep_current("aside")  # after the restored one: it stays first
        self.drafts.take()
        self._restoring = True
        try:
            self.set_client(client)
            self.lines_model.set_lines(
                [
                    DraftLine(products[int(pid)], int(qty), int(discount))
                    for pid, qty, discount in draft["lines"]
                    if int(pid) in products
                ]
            )
            self.channel_combo.setCurrentIndex(
                max(0, self.channel_combo.findData(draft.get("channel")))
            )
            self.shipping_date.set_date(max(ship, date.today()))
            self.address_edit.setPlainText(str(draft.get("address", "")))
            self.notes_edit.setText(str(draft.get("notes", "")))
        finally:
            self._restoring = False
        self._draft_timer.stop()  # (the restore's own edits started it)
        self.save_draft()
        self._offer_next()
        self.focus_entry()

    @Slot()
    def discard_draft(self) -> None:
        """The oldest kept order thrown away (its clerk pressed Discard); the next one, if
        any, is offered."""
        if self.drafts:
            self.drafts.discard()
        self._offer_next()
