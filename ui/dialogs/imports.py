"""The imports in the window's menus (managers and up: Permission.IMPORT): File › Import
orders… and Import clients… (the file, then ui.dialogs.import_preview), and Tools › Imports,
the list of every import recorded (when, who, the file, its kind, the counts), newest first.
Hidden from a role without the permission, as the other restricted actions are
(ui.access); the core refuses it anyway."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.errors import GestcoError
from gestco.domain.permissions import Permission
from ui.dialogs.import_preview import ImportDialog, kind_of
from ui.display import bidi, formatting
from ui.display.errors import describe
from ui.models.imports import ImportsModel
from ui.runtime import file_dialogs
from ui.runtime.services import ImportServices
from ui.widgets.forms import message_label, resize_within_screen, show_message
from ui.widgets.tables import read_only_list


class ImportsDialog(QDialog):
    """Tools › Imports: the recorded imports, newest first."""

    def __init__(self, *, imports: ImportServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importsDialog")
        self.setWindowTitle(self.tr("Imports"))
        self.model = ImportsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("importsView")
        read_only_list(self.view, fit=QHeaderView.ResizeMode.Interactive)
        self.view.setModel(self.model)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("importsCountLabel")
        self.count_label.setProperty("kind", "caption")
        self.message = message_label("importsMessage", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(buttons)
        resize_within_screen(self, 1100, 520)
        try:
            records = imports.list_imports()
        except GestcoError as error:
            show_message(self.message, describe(error), "error")
            records = []
        self.model.set_rows(records)
        # Each column as wide as its widest text and a little room (fitted exactly, the
        # headers "Mis à jour" and "Inchangés" touched), resizable by hand.
        self.view.resizeColumnsToContents()
        room = self.fontMetrics().averageCharWidth() * 2
        for column in range(self.model.columnCount() - 1):
            self.view.setColumnWidth(column, self.view.columnWidth(column) + room)
        self.count_label.setText(
            self.tr("%1 imports", "", len(records)).replace(
                "%1", bidi.ltr(formatting.count(len(records)))
            )
            if records
            else self.tr("No import yet.")
        )
        if records:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.view.setFocus()


# What makes a window's action: (object name, text, slot) -> the action (ui.access's).
MakeAction = Callable[[str, str, Callable[[], object]], QAction]


class ImportActions(QObject):
    """The three actions, made by the window (which restricts them to PERMISSION)."""

    PERMISSION = Permission.IMPORT

    def __init__(self, window: QMainWindow, *, imports: ImportServices, action: MakeAction) -> None:
        super().__init__(window)
        self.window = window
        self.imports = imports
        self.orders_action = action(
            "importOrdersAction", self.tr("I&mport orders…"), self._on_import_orders
        )
        self.clients_action = action(
            "importClientsAction", self.tr("Im&port clients…"), self._on_import_clients
        )
        self.list_action = action("importsAction", self.tr("&Imports…"), self._on_imports_list)

    @property
    def file_actions(self) -> list[QAction]:
        return [self.orders_action, self.clients_action]

    @Slot()
    def _on_import_orders(self) -> None:
        self.start("orders")

    @Slot()
    def _on_import_clients(self) -> None:
        self.start("clients")

    def start(self, kind: str) -> None:
        """The file first (the open dialog), then the preview dialog, window-modal (the
        window's other screens wait behind it; it goes when closed)."""
        title = kind_of(kind, self.imports).title
        path = file_dialogs.ask_import_path(self.window, title, kind)
        if path:
            self._open(ImportDialog(kind=kind, imports=self.imports, path=path, parent=self.window))

    @Slot()
    def _on_imports_list(self) -> None:
        self._open(ImportsDialog(imports=self.imports, parent=self.window))

    @staticmethod
    def _open(dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
