"""The main window: tabs, menus, status bar. Wiring only; no queries of its own beyond
asking the core for the status bar's counts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, QSize, Qt, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from gestco import __version__
from gestco.domain.change_areas import Area
from gestco.domain.permissions import Permission
from gestco.services.order_table import database_counts
from gestco.workstation.addresses import shown_database
from ui.access import Access, Screens, window_action
from ui.dialogs.damaged import confirm_replacing
from ui.dialogs.imports import ImportActions
from ui.dialogs.shortcuts import ShortcutsDialog
from ui.display import bidi, formatting
from ui.print_menu import PrintMenu
from ui.runtime import import_job
from ui.runtime.alt_chords import AltChordGuard
from ui.runtime.backups import BackupKeeper
from ui.runtime.change_watcher import ChangeWatcher
from ui.runtime.resources import resource_path
from ui.runtime.services import Services
from ui.runtime.signals import AppSignals
from ui.runtime.watched_folder import WatchedFolder
from ui.tabs.dashboard import DashboardTab
from ui.tabs.identify import IdentifyTab
from ui.tabs.new_order import NewOrderTab
from ui.tabs.orders import OrdersTab
from ui.tabs.search import SearchTab
from ui.tabs.stock import StockTab
from ui.tools_menu import ToolsMenu
from ui.widgets.forms import press_focused_button

FIRST_SIZE = QSize(1400, 900)  # a window, not the whole screen, where there is room


class MainWindow(QMainWindow):
    def __init__(
        self, *, database_path: str, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.database_path = database_path
        self.signals = signals
        self.setWindowTitle(self.tr("GESTCO — order management"))
        self.setWindowIcon(QIcon(str(resource_path("icons", "gestco.svg"))))
        self.alt_chords = AltChordGuard(self)  # an Alt+letter nothing took types nothing
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        # The screens' services: the core's functions, and what a write reports is published
        # as the window's change notice (ui/runtime/signals.py). No screen announces its writes.
        self.services = services = Services(signals)
        self.identify_tab = IdentifyTab(
            clients=services.clients,
            relationship=services.relationship,
            settings=services.settings,
            signals=signals,
        )
        self.new_order_tab = NewOrderTab(
            orders=services.orders,
            stock=services.stock,
            clients=services.clients,
            settings=services.settings,
            session=services.session,
            signals=signals,
            payments=services.payments,
        )
        self._add_tab("identifyTab", self.tr("&Identify client"), self.identify_tab)
        self._add_tab("newOrderTab", self.tr("&New order"), self.new_order_tab)
        self.search_tab = SearchTab(
            orders=services.orders,
            clients=services.clients,
            relationship=services.relationship,
            stock=services.stock,
            settings=services.settings,
            session=services.session,
            audit=services.audit,
            signals=signals,
            export=services.export,
            payments=services.payments,
        )
        self.orders_tab = OrdersTab(
            export=services.export,
            settings=services.settings,
            signals=signals,
            tags=services.relationship.all_tags,
        )
        self._add_tab("searchTab", self.tr("Sea&rch"), self.search_tab)
        self._add_tab("ordersTab", self.tr("&Orders"), self.orders_tab)
        signals.open_order.connect(self._on_open_order)
        self.stock_tab = StockTab(stock=services.stock, export=services.export, signals=signals)
        self._add_tab("stockTab", self.tr("&Stock"), self.stock_tab)
        self.stock_tab.reorder_count_changed.connect(self._on_reorder_count_changed)
        self.dashboard_tab = DashboardTab(
            figures=services.figures,
            settings=services.settings,
            export=services.export,
            signals=signals,
        )
        # No Alt letter: every letter of the word is taken on some screen, in French and in
        # English (measured by the keyboard walk: only J, K, W, Z were free); F7 is its key.
        self._add_tab("dashboardTab", self.tr("Dashboard"), self.dashboard_tab)
        signals.open_orders.connect(self._on_open_orders)
        self._on_reorder_count_changed(services.stock.reorder_count())
        self.watcher = ChangeWatcher(signals=signals, parent=self)
        self.watcher.connection_changed.connect(self._on_connection_changed)
        self.watcher.reopened.connect(self._on_database_reopened)
        self.backups = BackupKeeper(
            database_path=database_path,
            signals=signals,
            parent=self,
            confirm_replacing=confirm_replacing,
        )
        self.backups.checked.connect(self._on_file_checked)
        self.backup_on_close = True
        self.watched_folder = WatchedFolder(signals=signals, parent=self)
        self.watched_folder.said.connect(lambda text: self.statusBar().showMessage(text, 30_000))
        signals.start_order_for_client.connect(self._on_start_order_for_client)
        self.identify_tab.client_ready.connect(self._on_client_ready)
        self.new_order_tab.identify_requested.connect(self.show_identify)
        # Until someone signs in, the sign-in page (or a new shop's first administrator)
        # stands in front of the tabs; a lock puts its page back in front of them.
        self.access = Access(
            self,
            services=services,
            database_path=database_path,
            screens=Screens(
                tabs=self.tabs,
                identify=self.identify_tab,
                new_order=self.new_order_tab,
                search=self.search_tab,
                orders=self.orders_tab,
                stock=self.stock_tab,
                dashboard=self.dashboard_tab,
            ),
        )
        self.gate = self.access.gate
        self.setCentralWidget(self.gate)
        self._build_menus()
        for action in (self.backup_action, self.restore_action):  # a server: pg_dump, pg_restore
            action.setEnabled(self.backups.can_back_up)
        self._build_status_bar()
        signals.follow(self, (Area.CLIENTS, Area.ORDERS), self.refresh_status)
        signals.follow(self, (Area.SETTINGS,), self.access.read_lock_delay)
        self.refresh_status()
        self._restore_state()
        self.access.start()

    def _add_tab(self, name: str, title: str, widget: QWidget | None = None) -> QWidget:
        widget = widget or QWidget(self)
        widget.setObjectName(name)
        self.tabs.addTab(widget, title)
        return widget

    def _action(
        self, name: str, text: str, slot: Callable[[], object], keys: str | QKeySequence = ""
    ) -> QAction:
        return window_action(self, name, text, slot, keys)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        # What needs someone signed in (disabled before and while locked), and what a role
        # may lack (hidden from those without it): the core refuses them anyway.
        work = [
            self._action("identifyAction", self.tr("&Identify a client"), self.show_identify, "F2"),
            self._action("newOrderAction", self.tr("&New order"), self.show_new_order, "F3"),
            self._action(
                "findOrderAction", self.tr("Find an &order"), self.show_order_search, "F4"
            ),
            self._action(
                "findClientAction", self.tr("Find a &client"), self.show_client_search, "F5"
            ),
            self._action("ordersTableAction", self.tr("All orders"), self.show_orders_table, "F6"),
        ]
        self.dashboard_action = self._action(
            "dashboardAction", self.tr("Dashboard"), self.show_dashboard, "F7"
        )
        work.append(self.dashboard_action)
        file_menu.addActions(work)
        self.access.signed_in_only(*work)
        self.access.restrict(self.dashboard_action, Permission.VIEW_FIGURES)
        file_menu.addSeparator()
        self.print_menu = PrintMenu(  # Ctrl+P, Ctrl+Shift+P: the current order's papers
            self,
            menu=file_menu,
            signals=self.signals,
            new_order=self.new_order_tab,
            search=self.search_tab,
            action=self._action,
        )
        self.access.signed_in_only(*self.print_menu.actions)
        file_menu.addSeparator()
        self.imports = ImportActions(self, imports=self.services.imports, action=self._action)
        for importing in self.imports.file_actions:
            self.access.restrict(importing, ImportActions.PERMISSION)
        file_menu.addActions(self.imports.file_actions)
        file_menu.addSeparator()
        file_menu.addActions([self.access.lock_action, self.access.sign_out_action])
        file_menu.addSeparator()
        # Ctrl+Q itself: the platform's Quit key is none on Windows and offscreen.
        file_menu.addAction(self._action("quitAction", self.tr("&Quit"), self.close, "Ctrl+Q"))
        self.tools = ToolsMenu(
            self,
            services=self.services,
            access=self.access,
            backups=self.backups,
            imports=self.imports,
            action=self._action,
        )
        tools = self.tools  # the entries by name, as the tests and the screenshots reach them
        self.backup_action, self.restore_action = tools.backup_action, tools.restore_action
        self.audit_action, self.operators_action = tools.audit_action, tools.operators_action
        self.preferences_action = tools.preferences_action
        self.connection_action = tools.connection_action
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(
            self._action(
                "shortcutsAction", self.tr("&Shortcuts"), self._on_shortcuts_triggered, "F1"
            )
        )
        help_menu.addAction(
            self._action("aboutAction", self.tr("&About GESTCO"), self._on_about_triggered)
        )

    @Slot()
    def lock(self) -> None:
        self.access.lock()

    @Slot()
    def show_identify(self) -> None:
        self.tabs.setCurrentWidget(self.identify_tab)
        self.identify_tab.focus_phone()

    @Slot()
    def show_order_search(self) -> None:
        self.tabs.setCurrentWidget(self.search_tab)
        self.search_tab.focus_order_search()

    @Slot()
    def show_client_search(self) -> None:
        self.tabs.setCurrentWidget(self.search_tab)
        self.search_tab.focus_client_search()

    @Slot()
    def show_orders_table(self) -> None:
        self.tabs.setCurrentWidget(self.orders_tab)
        self.orders_tab.view.setFocus()

    @Slot()
    def show_dashboard(self) -> None:
        if self.tabs.isTabVisible(self.tabs.indexOf(self.dashboard_tab)):
            self.tabs.setCurrentWidget(self.dashboard_tab)
            self.dashboard_tab.focus_entry()

    def start_file_check(self) -> None:
        """The full page check, in the background; writes wait until it has passed."""
        self.statusBar().showMessage(self.tr("Checking the database file…"))
        self.backups.start_file_check()

    @Slot(list)
    def _on_file_checked(self, problems: list) -> None:
        if not problems:
            self.statusBar().showMessage(self.tr("Database checked: ok."), 10_000)
            return
        self.statusBar().showMessage(self.tr("The database file is damaged: writing is stopped."))
        QMessageBox.critical(
            self,
            self.tr("Damaged database"),
            self.tr(
                "The check of the database file found damage (%1). GESTCO will not write "
                "to it. Use Tools › Restore a backup, or call for help."
            ).replace("%1", bidi.name(str(problems[0]))),
        )

    @Slot(int)
    def _on_reorder_count_changed(self, count: int) -> None:
        title = self.tr("&Stock")
        index = self.tabs.indexOf(self.stock_tab)
        self.tabs.setTabText(
            index,
            self.tr("%1 (%2 to reorder)").replace("%1", title).replace("%2", bidi.ltr(str(count)))
            if count
            else title,
        )

    @Slot(str)
    def _on_open_order(self, _number: str) -> None:
        self.tabs.setCurrentWidget(self.search_tab)  # the search tab opens it (same signal)

    @Slot(str, object, object)
    def _on_open_orders(self, status: str, first: object, last: object) -> None:
        """The dashboard's orders of a status (created in its period), in the orders table."""
        self.orders_tab.show_orders_of(status, first, last)  # type: ignore[arg-type]
        self.tabs.setCurrentWidget(self.orders_tab)
        self.orders_tab.view.setFocus()

    @Slot()
    def show_new_order(self) -> None:
        """F3: the new order for the current client. Pressed on a refused number, the
        phone field says why no order starts (F3 used to show an empty order, the
        reason left behind)."""
        refused_here = (
            self.tabs.currentWidget() is self.identify_tab
            and self.new_order_tab.client is None
            and self.identify_tab.refuses_an_order()
        )
        if refused_here:
            return
        self.tabs.setCurrentWidget(self.new_order_tab)
        self.new_order_tab.focus_entry()

    @Slot(object)
    def _on_client_ready(self, client: object) -> None:
        """The client identified at the counter becomes the new order's client."""
        current = self.new_order_tab.client
        if client is None:  # a refused number: no order starts for the one shown before
            if not self.new_order_tab.lines_model.rowCount():
                self.new_order_tab.set_client(None)  # (lines already keyed stay theirs)
            return
        if (
            current is None
            or current.id != getattr(client, "id", None)
            or not self.new_order_tab.lines_model.rowCount()
        ):
            self.new_order_tab.set_client(client)  # type: ignore[arg-type]

    @Slot(int)
    def _on_start_order_for_client(self, client_id: int) -> None:
        client = self.identify_tab.client
        if client is not None and client.id == client_id:
            self._on_client_ready(client)
        self.show_new_order()

    @Slot()
    def _on_shortcuts_triggered(self) -> None:
        ShortcutsDialog(self).exec()

    def _build_status_bar(self) -> None:
        self.database_label = QLabel(self)
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("countsLabel")
        self.operator_label = self.access.label
        self.access.hide_when_signed_out(self.counts_label)
        self.connection_label = QLabel(
            self.tr("Connection to the server lost: GESTCO reconnects by itself."), self
        )
        self.connection_label.setObjectName("connectionLostLabel")
        self.connection_label.setProperty("kind", "warning")
        self.connection_label.hide()
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.connection_label)
        self.statusBar().addPermanentWidget(self.access.waiting_label)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.operator_label)

    @Slot()
    def _on_database_reopened(self) -> None:
        self.statusBar().showMessage(
            self.tr("A backup was restored into this database elsewhere: every screen reloaded."),
            30_000,
        )

    @Slot(bool)
    def _on_connection_changed(self, connected: bool) -> None:
        self.connection_label.setVisible(not connected)

    @Slot()
    def refresh_status(self) -> None:
        clients, orders = database_counts()
        self.database_label.setText(
            self.tr("Database: %1").replace("%1", bidi.ltr(shown_database(self.database_path)))
        )
        self.counts_label.setText(
            # two counts, two plural forms: "1 client · 2 commandes"
            self.tr("%1 clients", "", clients).replace("%1", bidi.ltr(formatting.count(clients)))
            + " · "
            + self.tr("%1 orders", "", orders).replace("%1", bidi.ltr(formatting.count(orders)))
        )

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About GESTCO"),
            self.tr("<h3>GESTCO %1</h3><p>Order management for small shops.</p><p>Database: %2</p>")
            .replace("%1", bidi.ltr(__version__))
            .replace("%2", bidi.ltr(shown_database(self.database_path))),
        )

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._fit_first_screen()
        tab = settings.value("window/tab", 0)
        try:
            self.tabs.setCurrentIndex(int(tab))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            self.tabs.setCurrentIndex(0)

    def _fit_first_screen(self) -> None:
        """The first start: 1400×900 where the screen has room for it, else the whole screen
        (a 1366×768 laptop), so that no column or list starts cut."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        if available.width() <= FIRST_SIZE.width() or available.height() <= FIRST_SIZE.height():
            self.resize(available.size())
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        else:
            self.resize(FIRST_SIZE)
            self.move(available.center() - self.rect().center())

    def showEvent(self, event: QShowEvent) -> None:
        """At start the cursor waits in the current screen's first field (the phone at the
        counter), not on the tab bar: the digits typed first are not lost."""
        super().showEvent(event)
        if not getattr(self, "_entry_focused", False):
            self._entry_focused = True
            if not self.gate.is_open:
                self.gate.focus_entry()
                return
            self.access.focus_current()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not press_focused_button(event, self):  # Return on a button, as the F1 list says
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.access.stop()
        self.orders_tab.stop_export()
        self.search_tab.clients_export.stop()
        self.dashboard_tab.stop()
        import_job.wait_all()
        self.watcher.stop()
        self.watched_folder.stop()
        self.backups.stop()
        if self.backup_on_close:
            self.backups.back_up_on_close()
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/tab", self.tabs.currentIndex())
        super().closeEvent(event)
