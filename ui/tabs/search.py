"""Recherche: an order by its number (OrderView), and a client's whole picture: details to
edit, figures, and every order they placed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.change_areas import Area
from gestco.domain.errors import ConflictError, GestcoError
from gestco.domain.permissions import Permission
from gestco.domain.phones import format_phone, phone_prefix
from gestco.domain.records import Client, ClientMatch
from gestco.services.order_table import count_client_matches
from ui.display import bidi, formatting
from ui.display.errors import describe
from ui.models.history import HistoryModel, record_history
from ui.models.order_rows import OrderRowsModel
from ui.models.suggestions import SuggestionModel
from ui.runtime.services import (
    AuditServices,
    ClientServices,
    ExportServices,
    OrderServices,
    PaymentServices,
    RelationshipServices,
    SessionServices,
    SettingsServices,
    StockServices,
)
from ui.runtime.signals import AppSignals
from ui.widgets.client_balance import ClientBalanceLabel
from ui.widgets.client_form import ClientForm
from ui.widgets.client_relationship import ClientRelationship
from ui.widgets.client_tags import TagFilter
from ui.widgets.clients_export import ClientsExport
from ui.widgets.forms import field_row, message_label, show_message
from ui.widgets.order_view import OrderView
from ui.widgets.shown_client import ShownClient
from ui.widgets.tables import keyboard_table

MATCHES = 50

# What this screen shows: it refreshes when a change touches one of these areas.
# (a client's figures and orders; the form being edited is not reloaded under the clerk)
SHOWS = (Area.ORDERS, Area.CLIENTS, Area.SETTINGS)


class SearchTab(QWidget):
    def __init__(
        self,
        *,
        orders: OrderServices,
        clients: ClientServices,
        relationship: RelationshipServices,
        stock: StockServices,
        settings: SettingsServices,
        session: SessionServices,
        audit: AuditServices,
        signals: AppSignals,
        export: ExportServices,
        payments: PaymentServices | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("searchTab")
        self.export = export
        self.audit = audit
        self.clients = clients
        self.relationship = relationship
        self.settings = settings
        self.signals = signals
        self.client: Client | None = None
        self.pages = QTabWidget(self)
        self.pages.setObjectName("searchPages")
        self.order_view = OrderView(
            orders=orders,
            stock=stock,
            settings=settings,
            session=session,
            audit=audit,
            signals=signals,
            payments=payments,
            parent=self,
        )
        self.client_page = QWidget(self)
        self.client_page.setObjectName("clientPage")
        self.pages.addTab(self.order_view, self.tr("Order"))
        self.pages.addTab(self.client_page, self.tr("Client"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._build_client_page()
        self.order_view.client_requested.connect(self.open_client)
        signals.follow(self, SHOWS, self._on_shown_data_changed)
        signals.open_order.connect(self.open_order)

    def _build_client_page(self) -> None:
        page = self.client_page
        self.client_search_edit = QLineEdit(page)
        self.client_search_edit.setObjectName("clientSearchEdit")
        self.client_search_edit.setPlaceholderText(self.tr("A phone number in any form, or a name"))
        self.find_client_button = QPushButton(self.tr("Fin&d"), page)
        self.find_client_button.setObjectName("findClientButton")
        # Every client to CSV, Excel or vCards (managers and up), as the orders' Export…
        self.clients_export = ClientsExport(export=self.export, settings=self.settings, parent=page)
        self.tag_filter = TagFilter(self.tr("(every client)"), "clientTagFilter", page)
        tag_caption = QLabel(self.tr("Tag:"), page)
        tag_caption.setBuddy(self.tag_filter)
        search = field_row(
            page,
            self.tr("Phone or name:"),
            self.client_search_edit,
            tag_caption,
            self.tag_filter,
            self.find_client_button,
            self.clients_export,
        )
        self.search_message = message_label("clientSearchMessage", page)
        self.matches = SuggestionModel(page)
        self.matches_view = QListView(page)
        self.matches_view.setObjectName("clientMatchesView")
        self.matches_view.setModel(self.matches)
        self.matches_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matches_view.hide()

        self.banner = message_label("clientPageMessage", page)
        self.form = ClientForm(banner=self.banner, prefix="client", parent=page)
        self.shown = ShownClient(self.form, self.clients, self.settings.region)
        self.save_button = QPushButton(self.tr("Sa&ve changes"), page)
        self.save_button.setObjectName("saveClientChangesButton")
        self.stats_label = QLabel(page)
        self.stats_label.setObjectName("clientStatsLabel")
        self.stats_label.setProperty("kind", "caption")
        self.usual_label = QLabel(page)  # the average basket and the usual products
        self.usual_label.setObjectName("clientUsualLabel")
        self.usual_label.setWordWrap(True)
        self.balance_label = ClientBalanceLabel(page)  # what the client owes over their orders
        buttons = QHBoxLayout()
        buttons.addWidget(self.banner, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.save_button)
        self.orders_model = OrderRowsModel(page)
        self.orders_view = QTableView(page)
        self.orders_view.setObjectName("clientOrdersView")
        keyboard_table(self.orders_view, sortable=True)
        self.orders_view.setModel(self.orders_model)
        self.orders_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.orders_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.orders_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.orders_view.verticalHeader().hide()
        self.orders_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.orders_view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.orders_view.setSortingEnabled(True)  # newest first, as the core lists them
        self.history_model = HistoryModel(page)
        self.history_view = QTableView(page)
        self.history_view.setObjectName("clientHistoryView")
        keyboard_table(self.history_view)
        self.history_view.setModel(self.history_model)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.verticalHeader().hide()
        history_header = self.history_view.horizontalHeader()
        history_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        history_header.setStretchLastSection(True)
        history_caption = QLabel(self.tr("Changes to this client"), page)
        history_caption.setProperty("kind", "caption")
        self.relationship_panel = ClientRelationship(relationship=self.relationship, parent=page)
        self.relationship_panel.anonymised.connect(self.open_client)
        # Below the details, one section at a time (Ctrl+PgDown / Ctrl+PgUp from anywhere on
        # the page): the orders and figures, the relationship, the changes.
        self.sections = QTabWidget(page)
        self.sections.setObjectName("clientSections")
        orders_page = QWidget(self.sections)
        orders_layout = QVBoxLayout(orders_page)
        orders_layout.addWidget(self.stats_label)
        orders_layout.addWidget(self.usual_label)
        orders_layout.addWidget(self.balance_label)
        orders_layout.addWidget(self.orders_view, 1)
        changes_page = QWidget(self.sections)
        changes_layout = QVBoxLayout(changes_page)
        changes_layout.addWidget(history_caption)
        changes_layout.addWidget(self.history_view, 1)
        self.sections.addTab(orders_page, self.tr("Orders and figures"))
        self.sections.addTab(self.relationship_panel, self.tr("Notes, tags, consent"))
        self.sections.addTab(changes_page, self.tr("Changes"))
        self.details = QWidget(page)
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.form)
        details.addLayout(buttons)
        details.addWidget(self.sections, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(search)
        layout.addWidget(self.clients_export.message)
        layout.addWidget(self.search_message)
        layout.addWidget(self.matches_view, 1)  # shown alone: the list gets the page
        layout.addWidget(self.details, 1)
        layout.addStretch(0)  # the room left when no client is shown: not the message's
        self.details.hide()

        self.client_search_edit.returnPressed.connect(self.find_client)
        self.find_client_button.clicked.connect(self.find_client)
        self.matches_view.activated.connect(self._on_matches_view_activated)
        self.save_button.clicked.connect(self.save_client)
        self.form.submitted.connect(self.save_client)
        QShortcut(QKeySequence.StandardKey.Save, page, self.save_client)  # as on Identification
        QShortcut(QKeySequence("Ctrl+PgDown"), page, lambda: self.show_section(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), page, lambda: self.show_section(-1))
        # activated: Return, or a double-click (a single click where the platform says so)
        self.orders_view.activated.connect(self._on_orders_view_activated)

    def reset(self) -> None:
        """Another operator signs in: no order or client left shown from the previous one's
        work."""
        self.client = None
        self.order_view.number_edit.clear()
        self.order_view.show_order(None)
        self.client_search_edit.clear()
        self.tag_filter.setCurrentIndex(0)
        self.relationship_panel.show_client(None, "")
        self.search_message.hide()
        self.matches_view.hide()
        self.details.hide()

    def allow(self, can: Callable[[Permission], bool]) -> None:
        self.order_view.allow(can)
        self.clients_export.allow(can)
        self.relationship_panel.allow(can)
        self.tag_filter.fill(self.relationship.all_tags())

    def show_section(self, step: int) -> None:
        """The next or previous section under the client's details; on the relationship's,
        the note field has the focus (what a clerk goes there for)."""
        if not self.details.isVisible():
            return
        count = self.sections.count()
        self.sections.setCurrentIndex((self.sections.currentIndex() + step) % count)
        if self.sections.currentWidget() is self.relationship_panel:
            self.relationship_panel.timeline.note_edit.setFocus()
        else:
            self.sections.tabBar().setFocus()

    # --- orders --------------------------------------------------------------------------
    @Slot(str)
    def open_order(self, number: str) -> None:
        self.pages.setCurrentWidget(self.order_view)
        self.order_view.open_number(number)

    def focus_order_search(self) -> None:
        self.pages.setCurrentWidget(self.order_view)
        self.order_view.focus_number()

    def focus_entry(self) -> None:
        """The shown page's search field (the window's start, a switch-in)."""
        if self.pages.currentWidget() is self.client_page:
            self.focus_client_search()
        else:
            self.focus_order_search()

    def focus_client_search(self) -> None:
        self.pages.setCurrentWidget(self.client_page)
        self.client_search_edit.setFocus()
        self.client_search_edit.selectAll()

    @Slot()
    def _on_shown_data_changed(self) -> None:
        self.tag_filter.fill(self.relationship.all_tags())
        self._take(self.shown.follow(self.client))
        if self.client is not None:
            self._show_figures(self.client)
            self.relationship_panel.refresh()

    # --- clients -------------------------------------------------------------------------
    @Slot()
    def find_client(self) -> None:
        """A phone (any form) identifies; a name lists the matches (one: opened at once)."""
        text = self.client_search_edit.text()
        self.search_message.hide()
        self.matches_view.hide()
        region = self.settings.region()
        matches: list[Client] | list[ClientMatch]  # a phone finds a client, a name matches
        tag = self.tag_filter.tag()
        try:
            if tag:  # the clients holding the tag, those the text begins if any
                matches = self.relationship.search_tagged(text, tag, limit=MATCHES)
            elif phone_prefix(text, region) is not None:
                found = self.clients.identify(text)
                matches = [] if found is None else [found]
            else:
                matches = self.clients.search_clients(text, limit=MATCHES)
        except GestcoError as error:
            self._say(describe(error))
            return
        if not matches:
            self._say(self.tr("No client matches “%1”.").replace("%1", bidi.name(text.strip())))
        elif len(matches) == 1:
            self.open_client(matches[0].id)
        else:
            self.matches.set_rows(
                [
                    (
                        f"{bidi.name(m.display_name)} · {bidi.ltr(format_phone(m.phone, region))}"
                        + (f" · {bidi.name(m.city)}" if m.city else ""),
                        m.phone,
                        m.id,
                    )
                    for m in matches
                ]
            )
            self.details.hide()  # the list is what to choose from now, not the last client
            self.matches_view.show()
            self.matches_view.setFocus()
            self.matches_view.setCurrentIndex(self.matches.index(0, 0))
            # an index count: as fast as the list
            total = count_client_matches(text) if not tag else self._tagged_total(text, tag)
            if total <= len(matches):
                said = self.tr("%1 clients match: pick one (↓, Return).")
            else:  # more match than the list holds: say how many, and how to narrow it
                said = self.tr("%1 of %2 clients shown: type more of the name.", "", total)
                # the plural form by the total
                said = said.replace("%2", bidi.ltr(formatting.count(total)))
            self._say(said.replace("%1", bidi.ltr(formatting.count(len(matches)))), kind="info")

    def _tagged_total(self, text: str, tag: str) -> int:
        if text.strip():
            return len(self.relationship.search_tagged(text, tag, limit=1000))
        return self.relationship.count_tagged(tag)

    def _say(self, text: str, kind: str = "error") -> None:
        show_message(self.search_message, text, kind)
        if kind == "error":
            self.details.hide()
            self.client_search_edit.setFocus()
            self.client_search_edit.selectAll()

    @Slot(QModelIndex)
    def _on_matches_view_activated(self, index: QModelIndex) -> None:
        self.open_client(self.matches.item(index.row()))

    @Slot(int)
    def open_client(self, client_id: int) -> None:
        try:
            client = self.clients.get_client(client_id)
        except GestcoError as error:
            self._say(describe(error))
            return
        self.pages.setCurrentWidget(self.client_page)
        self.search_message.hide()
        self.matches_view.hide()
        self.client = client
        self.form.fill(client, region=self.settings.region())
        self.details.show()
        self._show_figures(client)
        self.relationship_panel.show_client(client, self.settings.region())
        self._editable(client)
        self.form.fields["first_name"].setFocus()

    def _editable(self, client: Client) -> bool:
        """An anonymised client's details never change again: the form and Save say so."""
        kept = self.relationship.relationship(client.id).anonymised_at is None
        self.form.setEnabled(kept)
        self.save_button.setEnabled(kept)
        return kept

    def _take(self, client: Client | None) -> None:
        """A newer version of the page's client, already in the form (ShownClient): the
        panel beside it shows it too (its export's name, the anonymise confirmation), and
        after an anonymisation made elsewhere nothing can be edited."""
        if client is None or client is self.client:
            return
        self.client = client
        self.relationship_panel.show_client(client, self.settings.region())
        self._editable(client)

    def _show_figures(self, client: Client) -> None:
        stats = self.clients.client_stats(client.id)
        currency = self.settings.get_setting("currency")
        last = bidi.ltr(formatting.moment(stats.last_order_at)) if stats.last_order_at else "—"
        self.stats_label.setText(
            self.tr(
                "%1 orders · %2 spent, excluding cancelled orders · last order %3",
                "",
                stats.orders_count,
            )
            .replace("%1", bidi.ltr(formatting.count(stats.orders_count)))
            .replace("%2", bidi.ltr(formatting.money(stats.total_spent_cents, currency)))
            .replace("%3", last)
        )
        average = bidi.ltr(formatting.money(stats.average_basket_cents, currency))
        usual = ", ".join(
            f"{bidi.name(p.name)} ({bidi.ltr(formatting.count(p.quantity))})"
            for p in stats.usual_products
        )
        said = (
            self.tr("Average basket %1 · usually buys %2")
            if usual
            else self.tr("Average basket %1")
        )
        self.usual_label.setText(said.replace("%1", average).replace("%2", usual))
        rows = self.clients.client_orders(client.id)
        self.orders_model.set_rows(rows)
        self.balance_label.show_rows(rows, currency)
        self.history_model.set_rows(record_history(self.audit.record_trail("clients", client.id)))

    @Slot()
    def save_client(self) -> None:
        if self.client is None:
            return
        try:
            saved = self.clients.update_client(
                self.client.id,
                self.form.to_input(),
                expected_version=self.client.version,
            )
        except ConflictError as error:
            self._take(self.shown.after_refused_save(self.client, error))
            self._show_figures(self.client)
            return
        except GestcoError as error:
            if not self._editable(self.client):  # anonymised meanwhile: shown as it now is
                self.open_client(self.client.id)
            self.form.show_error(error)
            return
        self.client = saved
        self.form.fill(saved, region=self.settings.region())
        self.form.show_banner(self.tr("Client saved."), "success")

    @Slot(QModelIndex)
    def _on_orders_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_order(self.orders_model.row_at(index.row()).number)
