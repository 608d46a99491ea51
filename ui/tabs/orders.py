"""Commandes: every order in one table, sorted and filtered in SQL, exported as CSV or XLSX.
Loads when first shown and refreshes itself when orders change anywhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.change_areas import Area
from gestco.domain.errors import GestcoError
from gestco.domain.permissions import Permission
from gestco.domain.records import CHANNELS, STATUSES
from gestco.services.export import ExportCancelled
from gestco.services.order_table import OrderFilter, OrderSort
from ui.display import bidi, formatting
from ui.display.errors import describe
from ui.display.labels import SOURCE_LABELS, channel_label, source_label, status_label
from ui.models.orders_table import SORT_OF, Column, OrdersTableModel
from ui.runtime import export_job, file_dialogs
from ui.runtime.services import ExportServices, SettingsServices
from ui.runtime.signals import AppSignals
from ui.widgets.client_tags import TagFilter
from ui.widgets.date_field import DateField
from ui.widgets.forms import message_label, show_message
from ui.widgets.tables import SortableSections, SpreadColumns, keyboard_table

# What this screen shows: it refreshes when a change touches one of these areas.
# (orders with their client's name and phone, the total's currency)
SHOWS = (Area.ORDERS, Area.CLIENTS, Area.SETTINGS)


class OrdersTab(QWidget):
    def __init__(
        self,
        *,
        export: ExportServices,
        settings: SettingsServices,
        signals: AppSignals,
        tags: Callable[[], list[str]] = list,  # the tags clients have: the tag filter's choices
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ordersTab")
        self._tags = tags
        self.export = export
        self.settings = settings
        self.signals = signals
        self._stale = True
        self._keep_top: int | None = None  # the order at the top before a refresh: kept there
        self._build()
        signals.follow(self, SHOWS, self._on_shown_data_changed)

    def _build(self) -> None:
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("ordersFilterEdit")
        self.filter_edit.setPlaceholderText(self.tr("Number, shop's number, client name or phone"))
        self.filter_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusFilterCombo")
        self.status_combo.addItem(self.tr("All statuses"), None)
        for code in STATUSES:
            self.status_combo.addItem(status_label(code), code)
        self.channel_combo = QComboBox(self)
        self.channel_combo.setObjectName("channelFilterCombo")
        self.channel_combo.addItem(self.tr("All channels"), None)
        for code in CHANNELS:
            self.channel_combo.addItem(channel_label(code), code)
        # Typed as on every date field (01/11/2026, 0111, 1/11/26); empty: no limit.
        self.date_from = DateField(
            name="dateFromEdit", optional=True, message_below=False, parent=self
        )
        self.date_to = DateField(name="dateToEdit", optional=True, message_below=False, parent=self)
        self.date_from_edit, self.date_to_edit = self.date_from.edit, self.date_to.edit
        for field in (self.date_from, self.date_to):
            field.edit.setMaximumWidth(field.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.clear_button = QPushButton(self.tr("Cle&ar"), self)
        self.clear_button.setObjectName("clearFiltersButton")
        filters = QHBoxLayout()
        caption = QLabel(self.tr("Fi&lter:"), self)
        caption.setBuddy(self.filter_edit)
        filters.addWidget(caption)
        filters.addWidget(self.filter_edit, 2)
        filters.addWidget(self.status_combo)
        filters.addWidget(self.channel_combo)
        self.date_from.named, self.date_to.named = self.tr("From: %1"), self.tr("To: %1")
        # Alt letters for the filters where both languages have one free (the keyboard
        # test walks this screen in each): the dates' start, the balance, the tag.
        from_caption = QLabel(self.tr("fro&m"), self)
        from_caption.setBuddy(self.date_from)
        filters.addWidget(from_caption)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(self.tr("to"), self))
        filters.addWidget(self.date_to)
        filters.addWidget(self.clear_button)
        # A refused date's message, under the filters on the dates' side (named: two fields).
        date_messages = QHBoxLayout()
        # under the filters (beside the count the bottom row passed 1024 pixels)
        self.balance_check = QCheckBox(self.tr("&Balance due only"), self)  # OrderFilter's
        self.balance_check.setObjectName("balanceDueFilterCheck")
        date_messages.addWidget(self.balance_check)
        date_messages.addStretch(1)
        for field in (self.date_from, self.date_to):
            field.error.setWordWrap(False)  # one line: wrapped, it stood as a column of words
            date_messages.addWidget(field.error)

        self.model = OrdersTableModel(region=self.settings.region(), parent=self)
        self.view = QTableView(self)
        self.view.setObjectName("ordersView")
        keyboard_table(self.view, sortable=True)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(Column.DATE, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        self.view.setWordWrap(False)
        # the widest usual value of each column; on a large screen the client's name gets a
        # larger share of the room left, not all of it
        self.columns = SpreadColumns(
            self.view,
            {
                Column.NUMBER: "CMD-2026-000000",
                Column.EXTERNAL: "#100000",
                Column.DATE: formatting.moment(datetime(2026, 12, 31, 23, 59)),
                Column.CLIENT: "Noémie Benjelloun-Tahiri",
                Column.PHONE: "+212 6 00 00 00 00",
                Column.CHANNEL: max(map(channel_label, CHANNELS), key=len),
                Column.SOURCE: max(map(source_label, SOURCE_LABELS), key=len),
                Column.STATUS: max(map(status_label, STATUSES), key=len),
                Column.SHIPPING: formatting.day(date(2026, 12, 31)),
                Column.TOTAL: formatting.money(99_999_999),
                Column.BALANCE_DUE: formatting.money(99_999_999),
            },
            weights={Column.CLIENT: 3},
            # hidden on a 1024-pixel screen, the first given first
            optional=(Column.EXTERNAL, Column.SOURCE, Column.BALANCE_DUE),
        )
        SortableSections(self.view, SORT_OF)

        # the orders of the clients holding a tag
        self.tag_combo = TagFilter(self.tr("All tags"), "tagFilterCombo", self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("ordersCountLabel")
        self.count_label.setProperty("kind", "caption")
        self.error_label = message_label("ordersErrorLabel", self)
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.setObjectName("exportButton")
        bottom = QHBoxLayout()
        self.export_bar = export_job.ExportBar(self)
        self._export: export_job.ExportJob | None = None
        # Under the table, beside its count: the filter row is full at 1024 pixels.
        tag_caption = QLabel(self.tr("Clients' ta&g:"), self)
        tag_caption.setBuddy(self.tag_combo)
        bottom.addWidget(tag_caption)
        bottom.addWidget(self.tag_combo)
        bottom.addSpacing(12)
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_bar, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(date_messages)
        layout.addWidget(self.error_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)  # while typing: one query per pause, not per key
        self._filter_timer.timeout.connect(self.apply_filters)
        self.filter_edit.textEdited.connect(self._filter_timer.start)
        self.filter_edit.returnPressed.connect(self.apply_filters)
        for combo in (self.status_combo, self.channel_combo, self.tag_combo):
            combo.activated.connect(self.apply_filters)
        for edit in (self.date_from_edit, self.date_to_edit):
            edit.editingFinished.connect(self._on_date_editing_finished)
        self.clear_button.clicked.connect(self.clear_filters)
        self.balance_check.clicked.connect(self.apply_filters)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.view.activated.connect(self._on_view_activated)
        self.model.loaded.connect(self._show_count)
        self.model.loaded.connect(self._restore_place)
        # A new sort starts at its first row (the view would keep the old scroll position).
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._show_first_row)
        self.model.modelReset.connect(self._show_count)
        self.model.load_failed.connect(self._on_model_load_failed)

    def focus_entry(self) -> None:
        """The orders themselves, as F6 does (the window's start, a switch-in)."""
        self.view.setFocus()

    def allow(self, can: Callable[[Permission], bool]) -> None:
        """Exports are for managers and up (the core refuses them to a clerk too)."""
        self.export_button.setVisible(can(Permission.EXPORT))

    # --- loading -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._refresh()

    @Slot()
    def _on_shown_data_changed(self) -> None:
        if self.isVisible():
            self._refresh()
        else:
            self._stale = True  # refresh when next shown: no work for a hidden table

    def _refresh(self) -> None:
        """The same sort and filter, read again: the order at the top stays at the top (the
        reload shows the first page at once, the rest arrives from a worker)."""
        self.tag_combo.fill(self._tags())
        top = self.view.indexAt(QPoint(0, 0))
        order = self.model.row_at(top.row()) if top.isValid() and top.row() > 0 else None
        self._keep_top = order.id if order is not None else None
        self.model.reload()
        if self.model.complete:
            self._restore_place()

    @Slot()
    def _restore_place(self) -> None:
        if self._keep_top is None:
            return
        row = self.model.row_of(self._keep_top)
        self._keep_top = None
        if row >= 0:
            # The rows just arrived: lay them out first, or the scroll stops at the first page.
            self.view.executeDelayedItemsLayout()
            self.view.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    @Slot()
    def _show_first_row(self) -> None:
        self._keep_top = None
        self.view.scrollToTop()
        if self.model.rowCount():  # the keys move from the first row (not lost with the reset)
            self.view.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def current_filter(self) -> OrderFilter | None:
        """The filter typed; None while a date is refused (its message is beside it)."""
        limits = (self.date_from, self.date_to)
        days = [field.value() for field in limits]
        if any(
            day is None and not field.is_blank() for day, field in zip(days, limits, strict=True)
        ):
            return None
        return OrderFilter(
            status=self.status_combo.currentData(),
            channel=self.channel_combo.currentData(),
            date_from=days[0],
            date_to=days[1],
            text=self.filter_edit.text(),
            tag=self.tag_combo.tag(),
            balance_due=self.balance_check.isChecked(),
        )

    @Slot()
    def _on_date_editing_finished(self) -> None:
        """Return or Tab out of a date: its filter applies (not again when nothing changed,
        or every Tab through the dates would bring the table back to its first row)."""
        if self.current_filter() != self.model.current_filter:
            self.apply_filters()

    @Slot()
    def apply_filters(self) -> None:
        self._filter_timer.stop()
        self.error_label.hide()
        flt = self.current_filter()
        if flt is None:
            return  # a refused date: the table keeps the last filter, the message says why
        try:
            self.model.set_filter(flt)
        except GestcoError as error:
            self.error_label.setText(describe(error))
            self.error_label.show()
            return
        self._show_first_row()  # a new filter starts at its first row

    @Slot()
    def clear_filters(self) -> None:
        self.filter_edit.clear()
        self.status_combo.setCurrentIndex(0)
        self.channel_combo.setCurrentIndex(0)
        self.tag_combo.setCurrentIndex(0)
        self.balance_check.setChecked(False)
        self.date_from.clear()
        self.date_to.clear()
        self.apply_filters()

    def show_orders_of(self, status: str, first: date, last: date) -> None:
        """Only the orders of `status` created from `first` to `last` (the dashboard's
        orders by status): the other filters cleared."""
        self.filter_edit.clear()
        self.channel_combo.setCurrentIndex(0)
        self.tag_combo.setCurrentIndex(0)
        self.balance_check.setChecked(False)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))
        self.date_from.set_date(first)
        self.date_to.set_date(last)
        self.apply_filters()

    @Slot()
    def _show_count(self) -> None:
        count = self.model.count
        if count is None or self.model.total_cents is None:
            self.count_label.setText(self.tr("Counting…"))
            return
        currency = self.settings.get_setting("currency")
        self.count_label.setText(
            self.tr("%1 orders · total excluding cancelled orders: %2", "", count)
            .replace("%1", bidi.ltr(formatting.count(count)))
            .replace("%2", bidi.ltr(formatting.money(self.model.total_cents, currency)))
        )

    @Slot(str)
    def _on_model_load_failed(self, message: str) -> None:
        self.error_label.setText(
            self.tr("The orders could not be read: %1").replace("%1", bidi.name(message))
        )
        self.error_label.show()

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        order = self.model.row_at(index.row()) if index.isValid() else None
        if order is not None:
            self.signals.open_order.emit(order.number)

    # --- export (ui.export_job: a worker thread, a progress bar, Cancel) ------------------
    @Slot()
    def _on_export_button_clicked(self) -> None:
        asked = file_dialogs.ask_export_path(
            self, self.tr("Export the orders shown"), self.tr("orders")
        )
        if asked is not None:
            self.export_to(*asked)

    def export_to(self, path: str, fmt: str) -> export_job.ExportJob | None:
        """Start writing the orders shown (their filter, their sort) to `path`; a
        cancelled or failed export leaves no file. None: an export is already running."""
        if self.export_bar.job is not None:
            return None
        export = self.export
        flt = self.model.current_filter
        header = self.view.horizontalHeader()
        sort = SORT_OF.get(header.sortIndicatorSection(), OrderSort.CREATED)  # -1: none
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        how = export_job.presentation(region=self.settings.region())
        total = self.model.count if self.model.count is not None else 0
        sheet = self.tr("Orders")

        def write(progress: Callable[[int, int], None]) -> int:
            return int(
                export.orders_in_worker(
                    path,
                    flt=flt,
                    sort=sort,
                    descending=descending,
                    fmt=fmt,
                    sheet=sheet,
                    how=how,
                    progress=progress,
                )
            )

        job = export_job.ExportJob(write, ExportCancelled)
        job.succeeded.connect(lambda count: self._on_export_succeeded(count, path))
        job.failed.connect(self._on_export_failed)
        job.cancelled.connect(self._on_export_cancelled)
        job.finished.connect(self._on_export_finished)
        self.export_button.setEnabled(False)
        self.export_bar.follow(job, total)
        self.error_label.hide()
        self._export = job  # kept alive until it has finished
        job.start()
        return job

    def _on_export_succeeded(self, count: int, path: str) -> None:
        self._report(
            self.tr("%1 orders exported to %2", "", count)
            .replace("%1", bidi.ltr(formatting.count(count)))
            .replace("%2", bidi.ltr(path)),
            "success",
        )

    @Slot(str)
    def _on_export_failed(self, reason: str) -> None:
        self._report(self.tr("Export failed: %1").replace("%1", bidi.name(reason)), "error")

    @Slot()
    def _on_export_cancelled(self) -> None:
        self._report(self.tr("Export cancelled: no file was written."), "info")

    @Slot()
    def _on_export_finished(self) -> None:
        self.export_button.setEnabled(True)
        job, self._export = self._export, None
        if job is not None:
            job.deleteLater()

    def stop_export(self) -> None:
        """Cancel a running export and wait for its thread (the window is closing): its
        side file is deleted, and no thread outlives the window."""
        job = self._export
        if job is not None:
            job.cancel()
            job.wait()

    def _report(self, text: str, kind: str) -> None:
        show_message(self.error_label, text, kind)
