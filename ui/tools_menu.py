"""The window's Tools menu: backups, the audit trail, the imports, the operators, the shop's
settings and details, the invoices, the database connection. Each entry is shown only to
the roles that may use it (ui.access; the core refuses the others anyway), and opens its
dialog over the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from gestco.domain.permissions import Permission
from ui.access import Access
from ui.dialogs.audit import AuditDialog
from ui.dialogs.connection import ConnectionDialog
from ui.dialogs.imports import ImportActions
from ui.dialogs.invoices import InvoicesDialog
from ui.dialogs.operators import OperatorsDialog
from ui.dialogs.preferences import PreferencesDialog
from ui.dialogs.shop_details import ShopDetailsDialog
from ui.runtime.backups import BackupKeeper
from ui.runtime.services import Services


class ToolsMenu(QObject):
    def __init__(
        self,
        window: QMainWindow,
        *,
        services: Services,
        access: Access,
        backups: BackupKeeper,
        imports: ImportActions,
        action: Callable[..., QAction],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        menu = window.menuBar().addMenu(self.tr("&Tools"))
        self.backup_action = action("backupAction", self.tr("&Back up now"), backups.back_up_now)
        self.restore_action = action(
            "restoreAction", self.tr("&Restore a backup…"), backups.restore_interactively
        )
        self.audit_action = action("auditAction", self.tr("&Audit trail…"), self.open_audit)
        self.operators_action = action(
            "operatorsAction", self.tr("&Operators…"), self.open_operators
        )
        self.preferences_action = action(
            "preferencesAction", self.tr("&Settings…"), self.open_preferences
        )
        self.shop_action = action("shopDetailsAction", self.tr("S&hop details…"), self.open_shop)
        self.invoices_action = action("invoicesAction", self.tr("In&voices…"), self.open_invoices)
        self.connection_action = action(
            "connectionAction", self.tr("Database &connection…"), self.open_connection
        )
        for entry, permission in (
            (self.backup_action, Permission.BACKUP_RESTORE),
            (self.restore_action, Permission.BACKUP_RESTORE),
            (None, None),
            (self.audit_action, Permission.AUDIT_VIEW),
            (imports.list_action, ImportActions.PERMISSION),
            (self.operators_action, Permission.OPERATORS_MANAGE),
            (self.preferences_action, Permission.SETTINGS_EDIT),
            (self.shop_action, Permission.SHOP_IDENTITY_EDIT),
            (self.invoices_action, Permission.INVOICES_VIEW),
            (self.connection_action, Permission.DATABASE_CONNECTION),
        ):
            if entry is None or permission is None:
                menu.addSeparator()
                continue
            menu.addAction(entry)
            access.restrict(entry, permission)
        access.hide_when_empty(menu)

    @Slot()
    def open_audit(self) -> None:
        dialog = AuditDialog(
            audit=self.services.audit, session=self.services.session, parent=self.window
        )
        dialog.exec()
        dialog.deleteLater()

    @Slot()
    def open_operators(self) -> None:
        dialog = OperatorsDialog(operators=self.services.operators, parent=self.window)
        dialog.exec()
        dialog.deleteLater()

    @Slot()
    def open_preferences(self) -> None:
        PreferencesDialog(settings=self.services.settings, parent=self.window).exec()

    @Slot()
    def open_shop(self) -> None:
        dialog = ShopDetailsDialog(shop=self.services.shop, parent=self.window)
        dialog.exec()
        dialog.deleteLater()

    @Slot()
    def open_invoices(self) -> None:
        dialog = InvoicesDialog(services=self.services, parent=self.window)
        dialog.exec()
        dialog.deleteLater()

    @Slot()
    def open_connection(self) -> None:
        if ConnectionDialog(parent=self.window).exec():
            self.window.statusBar().showMessage(
                self.tr("The new database connection is used from GESTCO's next start."), 15_000
            )
