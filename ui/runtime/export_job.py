"""The window's exports: off the window's thread, with a progress bar and Cancel.

An export of 20,000 orders took about 6 s on the window's thread, which froze (an unpainted
window, no bar, no Cancel). Here the core's writer runs on a QThread with its own database
connection; progress arrives as signals; Cancel stops it at the next 500 rows and the core
deletes the side file, so a cancelled or failed export leaves no file. What the window
exports is made for people: the language's headers, labels, numbers and dates (see
`presentation`). The save dialog starts in the documents folder and remembers the last one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QSettings,
    QStandardPaths,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from gestco.domain.errors import GestcoError
from gestco.domain.phones import format_phone
from gestco.services.export import Presentation
from ui.display import bidi, formatting
from ui.display.errors import describe
from ui.display.labels import (
    CHANNEL_LABELS,
    QT_TRANSLATE_NOOP,
    SOURCE_LABELS,
    STATUS_LABELS,
    channel_label,
    source_label,
    status_label,
)

LAST_FOLDER_KEY = "export/last_folder"
ORDER_HEADERS = {
    "number": QT_TRANSLATE_NOOP("export", "Number"),
    "created_at": QT_TRANSLATE_NOOP("export", "Date"),
    "status": QT_TRANSLATE_NOOP("export", "Status"),
    "channel": QT_TRANSLATE_NOOP("export", "Channel"),
    "client_phone": QT_TRANSLATE_NOOP("export", "Phone"),
    "client_name": QT_TRANSLATE_NOOP("export", "Client"),
    "shipping_date": QT_TRANSLATE_NOOP("export", "Shipping date"),
    "total": QT_TRANSLATE_NOOP("export", "Total incl. tax"),
    "total_excl_tax": QT_TRANSLATE_NOOP("export", "Total excl. tax"),
    "tax": QT_TRANSLATE_NOOP("export", "Tax"),
    "shipping_address": QT_TRANSLATE_NOOP("export", "Shipping address"),
    "notes": QT_TRANSLATE_NOOP("export", "Notes"),
    # the clients (Search › Client: Export clients…)
    "phone": QT_TRANSLATE_NOOP("export", "Phone"),
    "first_name": QT_TRANSLATE_NOOP("export", "First name"),
    "last_name": QT_TRANSLATE_NOOP("export", "Last name"),
    "email": QT_TRANSLATE_NOOP("export", "E-mail"),
    "address": QT_TRANSLATE_NOOP("export", "Address"),
    "postal_code": QT_TRANSLATE_NOOP("export", "Postal code"),
    "city": QT_TRANSLATE_NOOP("export", "City"),
    "country": QT_TRANSLATE_NOOP("export", "Country"),
    "orders_count": QT_TRANSLATE_NOOP("export", "Orders"),
    "source": QT_TRANSLATE_NOOP("export", "Source"),
    "external_number": QT_TRANSLATE_NOOP("export", "Shop's number"),
    # the reorder list (Stock tab)
    "sku": QT_TRANSLATE_NOOP("export", "Reference"),
    "name": QT_TRANSLATE_NOOP("export", "Product"),
    "on_hand": QT_TRANSLATE_NOOP("export", "On hand"),
    "reserved": QT_TRANSLATE_NOOP("export", "Reserved"),
    "available": QT_TRANSLATE_NOOP("export", "Available"),
    "reorder_level": QT_TRANSLATE_NOOP("export", "Reorder level"),
    "shortfall": QT_TRANSLATE_NOOP("export", "To order"),
    # the audit trail (Tools › Audit trail)
    "id": QT_TRANSLATE_NOOP("export", "Line"),
    "at": QT_TRANSLATE_NOOP("export", "When"),
    "operator": QT_TRANSLATE_NOOP("export", "Operator"),
    "workstation": QT_TRANSLATE_NOOP("export", "Workstation"),
    "kind": QT_TRANSLATE_NOOP("export", "Kind"),
    "entity": QT_TRANSLATE_NOOP("export", "Table"),
    "record_id": QT_TRANSLATE_NOOP("export", "Record id"),
    "record": QT_TRANSLATE_NOOP("export", "Record"),
    "field": QT_TRANSLATE_NOOP("export", "Field"),
    "old_value": QT_TRANSLATE_NOOP("export", "Before"),
    "new_value": QT_TRANSLATE_NOOP("export", "After"),
    "approved_by": QT_TRANSLATE_NOOP("export", "Approved by"),
    "note": QT_TRANSLATE_NOOP("export", "Note"),
    # the invoices (Tools › Invoices…)
    "issued_at": QT_TRANSLATE_NOOP("export", "Issued"),
    "issued_by": QT_TRANSLATE_NOOP("export", "Issued by"),
    "order": QT_TRANSLATE_NOOP("export", "Order"),
    "credited_invoice": QT_TRANSLATE_NOOP("export", "Credits invoice"),
    "client_id": QT_TRANSLATE_NOOP("export", "Client number"),
}


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("export", …) above, in the UI's language."""
    return QCoreApplication.translate("export", text)


def _strftime_of(shown: Callable[[datetime], str], sample: datetime) -> str:
    """The strftime pattern behind one of ui.display.formatting's renderings, so an export shows
    dates exactly as the screens do in this language."""
    pattern = shown(sample)
    for value, code in ((sample.year, "%Y"), (sample.month, "%m"), (sample.day, "%d")):
        pattern = pattern.replace(f"{value:02d}", code, 1)
    return pattern.replace(f"{sample.hour:02d}", "%H", 1).replace(f"{sample.minute:02d}", "%M", 1)


def presentation(*, region: str = "") -> Presentation:
    """The UI language's export.Presentation: headers, labels, phones as on screen, the
    language's decimal mark and dates, a CSV a spreadsheet opens as the shop reads it."""
    sample = datetime(2031, 12, 25, 23, 59)
    phones: dict[str, str] = {}

    def phone(e164: str) -> str:
        if e164 not in phones:  # phonenumbers is slow; clients repeat across orders
            phones[e164] = format_phone(e164, region)
        return phones[e164]

    return Presentation(
        headers={key: _tr(text) for key, text in ORDER_HEADERS.items()},
        labels={
            "status": {code: status_label(code) for code in STATUS_LABELS},
            "channel": {code: channel_label(code) for code in CHANNEL_LABELS},
            # the counter's own orders have no source code: a blank cell read as missing
            "source": {code: source_label(code) for code in SOURCE_LABELS},
        },
        phone=phone,
        decimal_comma=formatting.ui_locale().decimalPoint() == ",",
        day_format=_strftime_of(lambda d: formatting.day(d.date()), sample),
        moment_format=_strftime_of(formatting.moment, sample),
        spreadsheet=True,
    )


def start_folder(settings: QSettings | None = None) -> Path:
    """The last folder an export went to, else the user's documents folder."""
    settings = settings or QSettings()
    last = str(settings.value(LAST_FOLDER_KEY, "") or "")
    if last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_folder(path: str, settings: QSettings | None = None) -> None:
    (settings or QSettings()).setValue(LAST_FOLDER_KEY, str(Path(path).parent))


def default_name(stem: str, extension: str = "csv") -> str:
    return f"{stem}-{date.today().isoformat()}.{extension}"


def os_reason(error: OSError) -> str:
    """'Cannot write /x/orders.csv: No space left on device' (the core names the file)."""
    return (
        QCoreApplication.translate("export", "Cannot write %1: %2")
        .replace("%1", bidi.ltr(str(error.filename or "")))
        .replace("%2", bidi.name(error.strerror or str(error)))
    )


class ExportJob(QThread):
    """Runs `write(progress)` (a core export) on its own thread. The progress callback
    emits `progressed` and raises the core's ExportCancelled once Cancel was asked."""

    progressed = Signal(object, object)  # rows done, rows in all (Python ints)
    succeeded = Signal(object)  # rows written
    failed = Signal(str)  # the reason, in the shop's language
    cancelled = Signal()

    def __init__(
        self, write: Callable[[Callable[[int, int], None]], int], cancelled_error: type[Exception]
    ) -> None:
        super().__init__()
        self._write = write
        self._cancelled_error = cancelled_error
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise self._cancelled_error
        self.progressed.emit(done, total)

    def run(self) -> None:
        try:
            count = self._write(self._progress)
        except self._cancelled_error:
            self.cancelled.emit()
        except GestcoError as error:
            self.failed.emit(describe(error))
        except OSError as error:
            self.failed.emit(os_reason(error))
        except Exception as error:  # reported on the screen, never a crash of the window
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.succeeded.emit(count)


class ExportBar(QWidget):
    """The progress bar and its Cancel button, shown while an export runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportBar")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("exportProgress")
        self.cancel_button = QPushButton(
            QCoreApplication.translate("export", "Cancel the e&xport"), self
        )
        self.cancel_button.setObjectName("cancelExportButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.job: ExportJob | None = None
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.hide()

    def follow(self, job: ExportJob, total: int) -> None:
        self.job = job
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(0)
        self._show_rows(0, total)
        self.cancel_button.setEnabled(True)
        job.progressed.connect(self._on_job_progressed)
        job.finished.connect(self._on_job_finished)
        self.show()

    @Slot(object, object)
    def _on_job_progressed(self, done: int, total: int) -> None:
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        self._show_rows(done, total)

    def _show_rows(self, done: int, total: int) -> None:
        # "%v of %m" would print 20000: the counts as the screens write them (20 000).
        self.bar.setFormat(
            QCoreApplication.translate("export", "%1 of %2 rows")
            .replace("%1", bidi.ltr(formatting.count(done)))
            .replace("%2", bidi.ltr(formatting.count(total)))
        )

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        if self.job is not None:
            self.cancel_button.setEnabled(False)
            self.job.cancel()

    @Slot()
    def _on_job_finished(self) -> None:
        self.job = None
        self.hide()
