"""A client's data rights from the client page: "Export this client's data…" (the save dialog,
JSON or CSV) and "Anonymise…" (a confirmation that says it is irreversible; Cancel is the
default button, so Return alone never anonymises anybody)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from gestco.domain.records import Client
from ui.display import bidi
from ui.runtime import export_job, file_dialogs


def ask_data_path(parent: QWidget, client: Client) -> tuple[str, str] | None:
    """Where to write the client's data: (path, "json" or "csv"), or None (cancelled)."""
    json_filter = QCoreApplication.translate("clientRights", "JSON (*.json)")
    csv_filter = QCoreApplication.translate("clientRights", "CSV (*.csv)")
    stem = f"client-{client.phone.lstrip('+')}"
    suggested = export_job.start_folder() / export_job.default_name(stem, "json")
    path, chosen = file_dialogs.save_file_name(
        parent,
        QCoreApplication.translate("clientRights", "Export this client's data"),
        str(suggested),
        f"{json_filter};;{csv_filter}",
    )
    if not path:
        return None
    export_job.remember_folder(path)
    csv = chosen == csv_filter or path.lower().endswith(".csv")
    return path, "csv" if csv else "json"


class AnonymiseConfirmation(QMessageBox):
    """ "Anonymise <name>? … This cannot be undone." with Anonymise and Cancel (the default)."""

    def __init__(self, client: Client, shown_phone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("anonymiseConfirmation")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Anonymise a client"))
        name = client.display_name or shown_phone
        self.setText(
            self.tr("Anonymise %1 (%2)?")
            .replace("%1", bidi.name(name))
            .replace("%2", bidi.ltr(shown_phone))
        )
        self.setInformativeText(
            self.tr(
                "Their name, phone, e-mail and address are replaced for good, and so are the"
                " shipping addresses of their orders and the text of their notes. Their orders,"
                " totals and figures stay. This cannot be undone."
            )
        )
        self.anonymise_button = QPushButton(self.tr("Anonymise for good"), self)
        self.anonymise_button.setObjectName("anonymiseForGoodButton")
        self.addButton(self.anonymise_button, QMessageBox.ButtonRole.DestructiveRole)
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)

    def confirmed(self) -> bool:
        return self.clickedButton() is self.anonymise_button
