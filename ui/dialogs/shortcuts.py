"""Help > Shortcuts: every keyboard action of the counter in one table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.display.labels import QT_TRANSLATE_NOOP

# Both columns are translated: key names are words too ("Entrée", "Suppr", "Maj" in French).
SHORTCUTS = (
    ("F2", QT_TRANSLATE_NOOP("shortcuts", "Identify a client (phone field)")),
    ("F3", QT_TRANSLATE_NOOP("shortcuts", "New order for the current client")),
    (
        QT_TRANSLATE_NOOP("shortcuts", "Alt+letter"),
        QT_TRANSLATE_NOOP(
            "shortcuts",
            "The underlined letter: press that button, tick that box, go to that field or tab",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts", "Return"),
        QT_TRANSLATE_NOOP(
            "shortcuts",
            "Phone field: identify · product or quantity: add the line · button: press it",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts", "↓ then Return"),
        QT_TRANSLATE_NOOP("shortcuts", "Pick a suggestion (clients, products)"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts", "↓ then Tab"),
        QT_TRANSLATE_NOOP("shortcuts", "Take the product suggested and go to its quantity"),
    ),
    ("Alt+↓", QT_TRANSLATE_NOOP("shortcuts", "In a date field: open the calendar")),
    ("Ctrl+S", QT_TRANSLATE_NOOP("shortcuts", "Save the client, the order or the product shown")),
    (
        QT_TRANSLATE_NOOP("shortcuts", "Tab / Shift+Tab"),
        QT_TRANSLATE_NOOP(
            "shortcuts", "Next / previous field, in the order of the flow (out of a table too)"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts", "F2 (in the lines)"),
        QT_TRANSLATE_NOOP("shortcuts", "Edit the quantity or discount of the selected line"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts", "Delete (in the lines)"),
        QT_TRANSLATE_NOOP("shortcuts", "Remove the selected line"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+Return"),
        QT_TRANSLATE_NOOP("shortcuts", "Validate the order"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+Shift+C"),
        QT_TRANSLATE_NOOP("shortcuts", "Copy the last order number"),
    ),
    (
        "Ctrl+P",
        QT_TRANSLATE_NOOP(
            "shortcuts", "Print the slip of the order shown (or of the order just validated)"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+Shift+P"),
        QT_TRANSLATE_NOOP(
            "shortcuts", "Print the order's invoice (issued first, once you confirm, if none)"
        ),
    ),
    ("F4", QT_TRANSLATE_NOOP("shortcuts", "Find an order by its number")),
    ("F5", QT_TRANSLATE_NOOP("shortcuts", "Find a client by phone or name")),
    (
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+PgDown / Ctrl+PgUp (a client shown)"),
        QT_TRANSLATE_NOOP(
            "shortcuts", "Next or previous section: orders and figures; notes, tags, consent"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+Return (in a note)"),
        QT_TRANSLATE_NOOP("shortcuts", "Add the note to the client's timeline"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts", "Delete (in a client's tags)"),
        QT_TRANSLATE_NOOP("shortcuts", "Take the chosen tag off"),
    ),
    ("F6", QT_TRANSLATE_NOOP("shortcuts", "All orders (the managers' table)")),
    ("F7", QT_TRANSLATE_NOOP("shortcuts", "The dashboard: the shop's figures (managers)")),
    (
        QT_TRANSLATE_NOOP("shortcuts", "Return (in a list of orders)"),
        QT_TRANSLATE_NOOP("shortcuts", "Open the order"),
    ),
    (
        QT_TRANSLATE_NOOP("shortcuts", "Ctrl+↑ / Ctrl+↓ (in a table)"),
        QT_TRANSLATE_NOOP(
            "shortcuts",
            "Sort by the current column (← → to choose it): ascending / descending",
        ),
    ),
    (
        "Ctrl+L",
        QT_TRANSLATE_NOOP(
            "shortcuts",
            "Lock the workstation (your PIN or password unlocks it; another operator "
            "signs in with their own)",
        ),
    ),
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
            table.setItem(row, 0, QTableWidgetItem(QCoreApplication.translate("shortcuts", keys)))
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
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the whole list at once where the screen has room for it: no scrolling to read it
        rows = len(SHORTCUTS) * (self.fontMetrics().lineSpacing() + 8) + 110
        room = self.screen().availableGeometry().height() * 9 // 10 if self.screen() else 700
        self.resize(820, min(rows, room))
