"""The managers' orders table over a million orders.

Holds the ids of the filtered, sorted orders (an 8-byte array) and builds rows only for the
pages on screen, one indexed query per 200 rows. Sort and filter run in SQL: a new one shows
its first page at once (one index range read), while the full id list is read on a worker
thread and swapped in when it arrives (STACK_NOTES: ids + page cache, ~29 MB at 1M).
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)

from gestco.domain.payments import payment_status
from gestco.domain.phones import format_phone
from gestco.domain.records import OrderRow
from gestco.services import order_table as queries
from gestco.services.order_table import OrderFilter, OrderSort
from ui.display import bidi, formatting
from ui.display.labels import STATUS_COLORS, channel_label, source_label, status_label
from ui.display.payment_words import PAYMENT_STATUS_COLORS
from ui.runtime.memory import release_freed_memory

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
# The first ids read at once (the rest in the background), then rows read a page at a time.
# A jump to a part never seen reads one or two pages: 200 rows cost 1.3 ms of it, 50 rows
# 0.34 ms (1,000,000 orders), and a screen shows 25 to 45 rows. 256 pages stay cached:
# 12,800 rows, as 64 pages of 200 did.
FIRST_IDS = 200
PAGE = 50
CACHED_PAGES = 256
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NUMBER = 0
    EXTERNAL = 1  # an imported order's own number at its shop ('#1001'; '' for the counter's)
    DATE = 2
    CLIENT = 3
    PHONE = 4
    CHANNEL = 5
    SOURCE = 6  # counter, Shopify, WooCommerce, file
    STATUS = 7
    SHIPPING = 8
    TOTAL = 9
    BALANCE_DUE = 10  # total - paid (domain.payments), coloured by the payment status


# By header section (an int; -1: no sort). The shop's number and the source have no index
# to sort a million orders by: their headers do not sort (ui.tabs.orders keeps the sort).
SORT_OF: dict[int, OrderSort] = {
    Column.NUMBER: OrderSort.NUMBER,
    Column.DATE: OrderSort.CREATED,
    Column.CLIENT: OrderSort.CLIENT,
    Column.PHONE: OrderSort.PHONE,
    Column.CHANNEL: OrderSort.CHANNEL,
    Column.STATUS: OrderSort.STATUS,
    Column.SHIPPING: OrderSort.SHIPPING,
    Column.TOTAL: OrderSort.TOTAL,
}


class _IdsLoaded(QObject):
    done = Signal(int, object, object)  # generation, ids, total cents (a Python int: > 2³¹)
    failed = Signal(int, str)


class _LoadIds(QRunnable):
    """Reads all ids and the filtered sum on a pool thread (its own SQLite connection)."""

    def __init__(
        self,
        generation: int,
        flt: OrderFilter,
        sort: OrderSort,
        descending: bool,
        signals: _IdsLoaded,
    ) -> None:
        super().__init__()
        self.args = (generation, flt, sort, descending)
        self.signals = signals

    def run(self) -> None:
        generation, flt, sort, descending = self.args
        try:
            ids, total = queries.table_snapshot_in_worker(flt, sort=sort, descending=descending)
            self.signals.done.emit(generation, ids, total)
        except Exception as exc:  # reported to the table's owner, never a crash
            self.signals.failed.emit(generation, str(exc))


class OrdersTableModel(QAbstractTableModel):
    loaded = Signal()  # the full id list (and the sum) arrived
    load_failed = Signal(str)

    def __init__(self, *, region: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.region = region  # phones shown in the shop's national form
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, list[OrderRow]] = OrderedDict()
        self._texts: dict[int, tuple[str, ...]] = {}  # row -> display texts, for cached pages
        self._phones: dict[str, str] = {}  # E.164 -> national form (phonenumbers is slow)
        self._filter = OrderFilter()
        self._sort = OrderSort.CREATED
        self._descending = True
        self._generation = 0
        self.complete = False
        self.total_cents: int | None = None
        self._signals = _IdsLoaded(self)
        self._signals.done.connect(self._on_ids_done)
        self._signals.failed.connect(self._on_ids_failed)

    # --- what the view shows -------------------------------------------------------------
    @property
    def current_filter(self) -> OrderFilter:
        return self._filter

    @property
    def count(self) -> int | None:
        return len(self._ids) if self.complete else None

    def set_filter(self, flt: OrderFilter) -> None:
        self._filter = flt
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORT_OF:
            return
        self._sort = SORT_OF[Column(column)]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def reload(self) -> None:
        """Show the first page now; read the whole id list in the background."""
        self._generation += 1
        first = queries.order_ids(
            self._filter, sort=self._sort, descending=self._descending, limit=FIRST_IDS
        )
        self.beginResetModel()
        self._ids = first
        self._pages.clear()
        self._texts.clear()
        self.complete = len(first) < FIRST_IDS
        self.total_cents = None
        self.endResetModel()
        if self.complete:
            _, self.total_cents = queries.count_and_sum(self._filter)
            self.loaded.emit()
        else:
            job = _LoadIds(
                self._generation, self._filter, self._sort, self._descending, self._signals
            )
            QThreadPool.globalInstance().start(job)

    @Slot(int, object, object)
    def _on_ids_done(self, generation: int, ids: array[int], total: int) -> None:
        if generation != self._generation:
            return  # a newer sort or filter replaced this one
        known = len(self._ids)
        if list(ids[:known]) == list(self._ids):
            if len(ids) > known:  # same first page: only append, the view keeps its place
                self.beginInsertRows(QModelIndex(), known, len(ids) - 1)
                self._ids = ids
                self.endInsertRows()
        else:  # the data changed between the two reads
            self.beginResetModel()
            self._ids = ids
            self._pages.clear()
            self._texts.clear()
            self.endResetModel()
        self.complete = True
        self.total_cents = total
        # The old id list and the read's transient memory, given back off the window's thread
        # (a trim took 1-5 ms, 24 ms once on a busy machine).
        QThreadPool.globalInstance().start(release_freed_memory)
        self.loaded.emit()

    @Slot(int, str)
    def _on_ids_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.load_failed.emit(message)

    def row_at(self, row: int) -> OrderRow | None:
        if not 0 <= row < len(self._ids):
            return None
        page_number = row // PAGE
        page = self._pages.get(page_number)
        if page is None:
            start = page_number * PAGE
            page = queries.orders_by_ids(self._ids[start : start + PAGE])
            self._pages[page_number] = page
            if len(self._pages) > CACHED_PAGES:
                dropped, _ = self._pages.popitem(last=False)
                for cached in range(dropped * PAGE, (dropped + 1) * PAGE):
                    self._texts.pop(cached, None)
        else:
            self._pages.move_to_end(page_number)
        offset = row - page_number * PAGE
        if offset < len(page) and page[offset].id == self._ids[row]:
            return page[offset]
        return next((r for r in page if r.id == self._ids[row]), None)  # a row went missing

    def row_of(self, order_id: int) -> int:
        try:
            return self._ids.index(order_id)
        except ValueError:
            return -1

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return {
            Column.NUMBER: self.tr("Number"),
            Column.EXTERNAL: self.tr("Shop's number"),
            Column.DATE: self.tr("Date"),
            Column.CLIENT: self.tr("Client"),
            Column.PHONE: self.tr("Phone"),
            Column.CHANNEL: self.tr("Channel"),
            Column.SOURCE: self.tr("Source"),
            Column.STATUS: self.tr("Status"),
            Column.SHIPPING: self.tr("Shipping"),
            Column.TOTAL: self.tr("Total"),
            Column.BALANCE_DUE: self.tr("Balance due"),
        }[Column(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks for ~7 roles of every visible cell on every paint: unknown roles leave at
        # once, and a row's texts are formatted once, then served from _texts.
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts_of(row)
            return None if texts is None else texts[column]
        order = self.row_at(row)
        if order is None:
            return None
        if role == ROW_ROLE:
            return order
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.BALANCE_DUE:
                return PAYMENT_STATUS_COLORS.get(_payment_status(order))
            return STATUS_COLORS.get(order.status) if column == Column.STATUS else None
        return _RIGHT if column in _RIGHT_COLUMNS else None

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """All the roles a painted cell asks for, in one call: Qt's item delegate asks for
        seven per cell, each a call into Python: 1,300 calls a jump become 190. At
        1,000,000 orders the jump to a page never seen measured 12.3-20.8 ms before and
        11.2-13.6 ms after (3 runs each, one quiet quarter of an hour), but 21.4 / 19.8 ms
        side by side later on the same machine: the gain is within this machine's noise."""
        texts = self._texts_of(index.row()) if index.isValid() else None
        if texts is None:
            return
        column = index.column()
        # A span (PySide6 gives it len() and [k], which its stubs do not say) or one role.
        spans = isinstance(roleDataSpan, QModelRoleDataSpan)
        cells: Any = roleDataSpan
        for cell in (cells[k] for k in range(len(cells))) if spans else (cells,):
            role = cell.role()
            # The view hands the same cells from one index to the next: the two roles set
            # for one column only are emptied for the others (a colour left from the status
            # painted every column in it); the roles never set stay empty.
            if role == _DISPLAY:
                cell.setData(texts[column])
            elif role == _FOREGROUND:
                if column == Column.STATUS:
                    cell.setData(STATUS_COLORS.get(texts[_STATUS_CODE]))
                elif column == Column.BALANCE_DUE:
                    cell.setData(PAYMENT_STATUS_COLORS.get(texts[_PAYMENT_CODE]))
                else:
                    cell.clearData()
            elif role == _ALIGNMENT:
                if column in _RIGHT_COLUMNS:
                    cell.setData(_RIGHT)
                else:
                    cell.clearData()

    def _texts_of(self, row: int) -> tuple[str, ...] | None:
        """A row's texts, formatted once while its page is cached (None: no such row)."""
        texts = self._texts.get(row)
        if texts is None:
            order = self.row_at(row)
            if order is None:
                return None
            texts = self._texts[row] = self._format(order)
        return texts

    def _format(self, order: OrderRow) -> tuple[str, ...]:
        phone = self._phones.get(order.client_phone)
        if phone is None:
            if len(self._phones) > 10_000:
                self._phones.clear()
            phone = self._phones[order.client_phone] = format_phone(order.client_phone, self.region)
        total = formatting.money(order.total_cents)
        due = order.balance_due_cents
        # most orders owe their total (nothing paid yet): its text, not a second money() call
        # (a page's 200 calls cost 1.1 ms of the 3.6 ms its texts take)
        due_text = total if due == order.total_cents else formatting.money(due)
        texts = (
            order.number,
            order.external_number,
            formatting.moment(order.created_at),
            order.client_name,
            phone,
            channel_label(order.channel),
            source_label(order.source),
            status_label(order.status),
            formatting.day(order.shipping_date),
            total,
            due_text,
            order.status,  # _STATUS_CODE: the status column's colour, without the row
            _payment_status(order),  # _PAYMENT_CODE: the balance's colour
        )
        return _isolated(texts) if bidi.right_to_left() else texts


def _isolated(texts: tuple[str, ...]) -> tuple[str, ...]:
    """The Arabic window's texts: numbers, phones, dates and amounts as one left-to-right
    piece each (a phone's groups would read backwards), the client's name isolated, the
    window's own words and the codes kept after the columns as they are."""
    return tuple(
        bidi.name(text)
        if column == Column.CLIENT
        else text
        if column in _WORDS or column >= len(Column)
        else bidi.ltr(text)
        for column, text in enumerate(texts)
    )


def _payment_status(order: OrderRow) -> str:
    """The row's payment status, from what it received net (a row does not read the refunds:
    an order refunded down to nothing reads 'unpaid' here, 'refunded' in the order view)."""
    return payment_status(order.total_cents, order.paid_cents, 0, order.status == "cancelled")


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        ROW_ROLE,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
    }
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_STATUS_CODE = len(Column)  # where a row's texts keep its status code
_PAYMENT_CODE = _STATUS_CODE + 1  # and its payment status
_RIGHT_COLUMNS = frozenset({Column.TOTAL, Column.BALANCE_DUE})
_WORDS = frozenset({Column.CHANNEL, Column.SOURCE, Column.STATUS})
