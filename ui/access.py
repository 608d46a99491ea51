"""Who works at this window: the gate before the screens (first administrator, sign-in),
the lock (Ctrl+L, and the shop's idle delay), another operator switching in, and what each
role sees. The core refuses whatever a role lacks anyway; the screens hide or disable it so
that nobody is offered what will be refused.

An operator's unfinished order is theirs: it is kept (ui.runtime.drafts, per operator) when
the workstation locks or they sign out, set aside when another operator signs in, and offered
back when they return."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMenu, QTabWidget

from gestco.domain.permissions import Permission
from gestco.domain.staff import Operator, username_key
from ui.display.labels import role_label
from ui.runtime.drafts import DraftStore
from ui.runtime.idle import IdleWatch
from ui.runtime.services import Services
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


class Access(QObject):
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
        self._signed_in_only: list[QAction] = [self.lock_action, self.sign_out_action]
        self._restricted: dict[QAction, Permission] = {}
        self._menus: list[QMenu] = []
        self._shown_when_signed_in: list[QLabel] = []

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
        self.apply()
        self.gate.show_content()
        self.read_lock_delay()
        focus = {
            self.screens.identify: self.screens.identify.focus_phone,
            self.screens.new_order: self.screens.new_order.focus_entry,
        }.get(self.screens.tabs.currentWidget())
        if focus is not None:
            focus()

    @Slot()
    def lock(self) -> None:
        """The lock page covers the screens; the same operator (PIN or password) or another
        one signs in to go on."""
        if self.session.current() is None:
            return
        self.screens.new_order.save_draft()  # the order being keyed survives what comes next
        for dialog in self.window.findChildren(QDialog):  # nothing of the shop's left shown
            if dialog.isVisible():
                dialog.reject()
        self.session.lock()
        self.idle.stop()
        self.gate.show_locked()
        self.apply()

    @Slot()
    def sign_out(self) -> None:
        if self.session.current() is None:
            return
        self.screens.new_order.save_draft()
        self.session.sign_out()
        self.idle.stop()
        self.gate.show_signed_out()
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
        if operator is not None:
            self.label.setText(
                self.tr("Signed in: %1 (%2)")
                .replace("%1", operator.shown_name)
                .replace("%2", role_label(operator.role))
            )
        elif session.locked_by() is not None:
            self.label.setText(self.tr("Locked"))
        else:
            self.label.setText(self.tr("Nobody signed in"))

    def stop(self) -> None:
        """The window closes: the order being keyed is kept for its operator."""
        self.screens.new_order.save_draft()
        self.idle.detach()
