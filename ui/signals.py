"""Application-wide change notices. The core emits nothing; the screen that wrote emits,
and every tab that shows the data refreshes itself (Anki's "operation did execute")."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppSignals(QObject):
    clients_changed = Signal()
    orders_changed = Signal()
    stock_changed = Signal()
    # A screen asks for an order or a client to be shown (cross-tab navigation).
    open_order = Signal(str)
    start_order_for_client = Signal(int)
