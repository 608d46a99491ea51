"""Who works at this window: the gate before the screens (first administrator, sign-in),
the lock (Ctrl+L, and the shop's idle delay), another operator switching in, and what each
role sees. The core refuses whatever a role lacks anyway; the screens hide or disable it so
that nobody is offered what will be refused.

An operator's unfinished order is theirs: it is kept (ui.runtime.drafts, per operator) when
the workstation locks or they sign out, set aside when another operator signs in, and offered
back when they return (the status bar says so on whatever screen they land).

The window never shows the shop's data to nobody: when the session ends without the window
ending it (the operator was disabled or removed elsewhere, found at their next write), it
drops to the sign-in page at once and says why; lock, sign-out and the idle delay always
cover the data, whatever the session's state."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QMenu, QTabWidget

from gestco.domain.errors import GestcoError
from gestco.domain.permissions import Permission
from gestco.domain.staff import Operator, username_key
from ui.display import bidi
from ui.display.labels import role_label
from ui.runtime.drafts import DraftStore
from ui.runtime.idle import IdleWatch
from ui.runtime.services import Services
from ui.tabs.dashboard import DashboardTab
from ui.tabs.identify import IdentifyTab
from ui.tabs.new_order import NewOrderTab
from ui.tabs.orders import OrdersTab
from ui.tabs.search import SearchTab
from ui.tabs.staff_gate import StaffGate
from ui.tabs.stock import StockTab


def window_action(
    window: QMainWindow,
    name: str,
    text: str,
    slot: Callable[[], object],
    keys: str | QKeySequence = "",
) -> QAction:
    """A menu action whose shortcut works wherever the focus is in the window."""
    action = QAction(text, window)
    action.setObjectName(name)
    if keys:
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


@dataclass(frozen=True)
class Screens:
    """The window's screens, as access needs them."""

    tabs: QTabWidget
    identify: IdentifyTab
    new_order: NewOrderTab
    search: SearchTab
    orders: OrdersTab
    stock: StockTab
    dashboard: DashboardTab


def close_popups(window: QMainWindow) -> None:
    """Menus, completion lists and other popups closed: one left open when the workstation
    locks came back by itself after the unlock, over the next operator's screen."""
    for _ in range(20):  # popups stack (a submenu over its menu); never loop forever
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()
    for menu in window.findChildren(QMenu):
        if menu.isVisible():
            menu.hide()


class Access(QObject):
    # The core said the session ended (maybe on a worker thread): handled on the window's
    # thread once the current event is done (the refused write says its refusal first).
    _session_ended = Signal()

    def __init__(
        self,
        window: QMainWindow,
        *,
        services: Services,
        database_path: str,
        screens: Screens,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = services.session
        self.settings = services.settings
        self.database_path = database_path
        self.screens = screens
        self.operator: Operator | None = None  # whom the screens hold work for
        self.gate = StaffGate(session=services.session, content=screens.tabs, parent=window)
        self.gate.entered.connect(self._on_gate_entered)
        self.idle = IdleWatch(window)
        self.idle.expired.connect(self.lock)
        self.lock_action = window_action(
            window, "lockAction", self.tr("&Lock"), self.lock, "Ctrl+L"
        )
        self.sign_out_action = window_action(
            window, "signOutAction", self.tr("Sign o&ut"), self.sign_out
        )
        self.label = QLabel(window)
        self.label.setObjectName("operatorLabel")
        # The returning operator's kept orders, said on whatever screen they land.
        self.waiting_label = QLabel(window)
        self.waiting_label.setObjectName("draftWaitingLabel")
        self.waiting_label.setProperty("kind", "warning")
        self.waiting_label.hide()
        screens.new_order.offer_changed.connect(self._show_waiting)
        self._signed_in_only: list[QAction] = [self.lock_action, self.sign_out_action]
        self._restricted: dict[QAction, Permission] = {}
        self._menus: list[QMenu] = []
        self._shown_when_signed_in: list[QLabel] = []
        self._session_ended.connect(self._on_session_ended, Qt.ConnectionType.QueuedConnection)
        self._stop_listening = stop = self.session.on_signed_out(self._on_core_signed_out)
        self.destroyed.connect(lambda *_args: stop())

    # --- what the window registers -------------------------------------------------------
    def signed_in_only(self, *actions: QAction) -> None:
        """Disabled before anyone signs in and while the workstation is locked."""
        self._signed_in_only.extend(actions)

    def restrict(self, action: QAction, permission: Permission) -> None:
        """Shown only to a role that holds `permission`."""
        self._restricted[action] = permission

    def hide_when_empty(self, menu: QMenu) -> None:
        self._menus.append(menu)

    def hide_when_signed_out(self, label: QLabel) -> None:
        """Figures (the status bar's counts) nobody sees before signing in."""
        self._shown_when_signed_in.append(label)

    def start(self) -> None:
        """The first page: the screens if the window was opened signed in (tests and
        automation), else the sign-in page or a new shop's first administrator."""
        self.gate.show_start()
        current = self.session.current()
        if current is not None:
            self.enter(current)
        else:
            self.apply()

    # --- signing in, locking, switching ---------------------------------------------------
    @Slot(object)
    def _on_gate_entered(self, operator: Operator) -> None:
        self.enter(operator)

    def enter(self, operator: Operator) -> None:
        """Someone signed in: the first time, an unlock, or another operator's turn."""
        before = self.operator
        if before is None or username_key(before.username) != username_key(operator.username):
            screens = self.screens
            screens.new_order.set_aside()  # the previous operator's order, kept as theirs
            screens.identify.reset()
            screens.search.reset()
            screens.new_order.drafts = DraftStore(self.database_path, operator.username)
            screens.new_order.offer_draft(returning=before is not None)
        self.operator = operator
        self.gate.show_content()
        self.apply()
        self.read_lock_delay()
        self.focus_current()

    def focus_current(self) -> None:
        """The cursor in the current screen's first field (every screen has one): digits
        typed after a switch-in or at start go there, not nowhere."""
        focus = getattr(self.screens.tabs.currentWidget(), "focus_entry", None)
        if callable(focus):
            focus()

    @Slot()
    def lock(self) -> None:
        """The lock page covers the screens; the same operator (PIN or password) or another
        one signs in to go on."""
        if self.session.current() is None:
            self._session_gone()  # the screens never stay shown to nobody
            return
        self._cover()
        self.session.lock()
        self.gate.show_locked()
        self.apply()

    @Slot()
    def sign_out(self) -> None:
        if self.session.current() is None:
            self._session_gone()
            return
        self._cover()
        self.session.sign_out()
        self.gate.show_signed_out()
        self.apply()

    def _cover(self) -> None:
        """Before a page covers the screens: the order being keyed survives what comes
        next, and nothing of the shop's is left shown (dialogs, menus, lists)."""
        self.screens.new_order.save_draft()
        close_popups(self.window)
        for dialog in self.window.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        self.idle.stop()

    def _on_core_signed_out(self) -> None:
        """The core's listener: any thread, any moment (inside a service's check)."""
        with contextlib.suppress(RuntimeError):  # this window is gone
            self._session_ended.emit()

    @Slot()
    def _on_session_ended(self) -> None:
        if self.session.current() is None and self.session.locked_by() is None:
            self._session_gone()

    def _session_gone(self) -> None:
        """Nobody is signed in any more, though the screens show: the operator was disabled
        or removed elsewhere (their next write found it). The sign-in page, saying why."""
        if not self.gate.is_open:
            return  # a page already covers the screens (signed out, locked)
        self._cover()
        operator = self.operator
        name = operator.shown_name if operator is not None else ""
        self.gate.show_signed_out(
            self.tr("%1 can no longer work here (disabled or removed): sign in again.").replace(
                "%1", name
            )
        )
        self.apply()

    @Slot()
    def read_lock_delay(self) -> None:
        """The shop's idle delay (read again when the settings change)."""
        if self.session.current() is None:
            return
        try:
            minutes = int(self.settings.get_setting("lock_after_minutes"))
        except ValueError:
            minutes = 10
        self.idle.set_minutes(minutes)

    def apply(self) -> None:
        """Enable, show or hide what the signed-in operator's role allows (nothing while
        nobody is signed in or the workstation is locked)."""
        session = self.session
        operator = session.current()
        for action in self._signed_in_only:
            action.setEnabled(operator is not None)
        for action, permission in self._restricted.items():
            action.setVisible(session.can(permission))
        for menu in self._menus:
            menu.menuAction().setVisible(
                any(a.isVisible() and not a.isSeparator() for a in menu.actions())
            )
        for label in self._shown_when_signed_in:
            label.setVisible(operator is not None)
        screens = self.screens
        for screen in (screens.orders, screens.stock, screens.search, screens.new_order):
            screen.allow(session.can)
        # the figures' tab, only to whom may see them (the core refuses them to the others)
        tabs = screens.tabs
        tabs.setTabVisible(tabs.indexOf(screens.dashboard), session.can(Permission.VIEW_FIGURES))
        if operator is not None:
            self.label.setText(
                self.tr("Signed in: %1 (%2)")
                .replace("%1", bidi.name(operator.shown_name))
                .replace("%2", role_label(operator.role))
            )
        elif session.locked_by() is not None:
            self.label.setText(self.tr("Locked"))
        else:
            self.label.setText(self.tr("Nobody signed in"))
        self._show_waiting()

    @Slot()
    def _show_waiting(self) -> None:
        """The kept orders' reminder, only while their operator's screens show (a client's
        name is the shop's data)."""
        text = self.screens.new_order.waiting_text() if self.gate.is_open else ""
        self.waiting_label.setText(text)
        self.waiting_label.setVisible(bool(text) and self.session.current() is not None)

    def stop(self) -> None:
        """The window closes: the order being keyed is kept for its operator, and whoever
        is signed in (or locked it) is signed out, in the audit trail too."""
        self._stop_listening()
        self.screens.new_order.close_drafts()
        self.idle.detach()
        if self.session.current() is not None or self.session.locked_by() is not None:
            # The database out of reach: closing goes on, with nothing to record it in.
            with contextlib.suppress(GestcoError):
                self.session.sign_out()
