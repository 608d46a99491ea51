"""Help > Shortcuts: every keyboard action of the counter in one table."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

SHORTCUTS = (
    ("F2", QT_TRANSLATE_NOOP("shortcuts", "Identify a client (phone field)")),
    ("F3", QT_TRANSLATE_NOOP("shortcuts", "New order for the current client")),
    (
        "Alt+letter",
        QT_TRANSLATE_NOOP("shortcuts", "Go to the tab, field or button whose letter is underlined"),
    ),
    (
        "Return",
        QT_TRANSLATE_NOOP(
            "shortcuts",
            "Phone field: identify · product or quantity: add the line · button: press it",
        ),
    ),
    ("↓ then Return", QT_TRANSLATE_NOOP("shortcuts", "Pick a suggestion (clients, products)")),
    ("Alt+↓", QT_TRANSLATE_NOOP("shortcuts", "In a date field: open the calendar")),
    ("Ctrl+S", QT_TRANSLATE_NOOP("shortcuts", "Save the client")),
    (
        "Tab / Shift+Tab",
        QT_TRANSLATE_NOOP("shortcuts", "Next / previous field, in the order of the flow"),
    ),
    (
        "F2 (in the lines)",
        QT_TRANSLATE_NOOP("shortcuts", "Edit the quantity or discount of the selected line"),
    ),
    ("Delete", QT_TRANSLATE_NOOP("shortcuts", "Remove the selected line")),
    ("Ctrl+Return", QT_TRANSLATE_NOOP("shortcuts", "Validate the order")),
    ("Ctrl+Shift+C", QT_TRANSLATE_NOOP("shortcuts", "Copy the last order number")),
    ("F4", QT_TRANSLATE_NOOP("shortcuts", "Find an order by its number")),
    ("F5", QT_TRANSLATE_NOOP("shortcuts", "Find a client by phone or name")),
    ("F6", QT_TRANSLATE_NOOP("shortcuts", "All orders (the managers' table)")),
    ("Return", QT_TRANSLATE_NOOP("shortcuts", "In a list of orders: open the order")),
    ("F1", QT_TRANSLATE_NOOP("shortcuts", "This list")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("shortcuts", "Quit")),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        table = QTableWidget(len(SHORTCUTS), 2, self)
        table.setObjectName("shortcutsTable")
        table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        for row, (keys, action) in enumerate(SHORTCUTS):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(QCoreApplication.translate("shortcuts", action)))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(640, 460)
