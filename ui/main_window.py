"""The main window: tabs, menus, status bar. Wiring only; no queries of its own beyond
asking the core for the status bar's counts."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from gestco import __version__
from gestco.queries import database_counts
from ui.signals import AppSignals


class MainWindow(QMainWindow):
    def __init__(
        self, *, database_path: str, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.database_path = database_path
        self.signals = signals
        self.setWindowTitle(self.tr("GESTCO — order management"))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.identify_tab = self._add_tab("identifyTab", self.tr("&Identification client"))
        self.new_order_tab = self._add_tab("newOrderTab", self.tr("&Nouvelle commande"))
        self.search_tab = self._add_tab("searchTab", self.tr("&Recherche"))
        self.orders_tab = self._add_tab("ordersTab", self.tr("&Commandes"))
        self.stock_tab = self._add_tab("stockTab", self.tr("&Stock"))
        self._build_menus()
        self._build_status_bar()
        for signal in (signals.clients_changed, signals.orders_changed):
            signal.connect(self.refresh_status)
        self.refresh_status()
        self._restore_state()

    def _add_tab(self, name: str, title: str, widget: QWidget | None = None) -> QWidget:
        widget = widget or QWidget(self)
        widget.setObjectName(name)
        self.tabs.addTab(widget, title)
        return widget

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Fichier"))
        quit_action = QAction(self.tr("&Quitter"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Aide"))
        about = QAction(self.tr("À &propos de GESTCO"), self)
        about.setObjectName("aboutAction")
        about.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        self.database_label = QLabel(self)
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("countsLabel")
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)

    @Slot()
    def refresh_status(self) -> None:
        clients, orders = database_counts()
        self.database_label.setText(self.tr("Base : %1").replace("%1", self.database_path))
        self.counts_label.setText(
            self.tr("%1 clients · %2 commandes")
            .replace("%1", f"{clients:,}".replace(",", "\u202f"))
            .replace("%2", f"{orders:,}".replace(",", "\u202f"))
        )

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("À propos de GESTCO"),
            self.tr(
                "<h3>GESTCO %1</h3><p>Gestion des commandes pour les petits commerces.</p>"
                "<p>Base de données : %2</p>"
            )
            .replace("%1", __version__)
            .replace("%2", self.database_path),
        )

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 760)
        tab = settings.value("window/tab", 0)
        try:
            self.tabs.setCurrentIndex(int(tab))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            self.tabs.setCurrentIndex(0)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/tab", self.tabs.currentIndex())
        super().closeEvent(event)
