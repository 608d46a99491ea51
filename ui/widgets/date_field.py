"""A date field that keeps what is typed: `20/12/2026`, `20122026`, `20/12/26` or `20/12`
becomes exactly that date. (A QDateEdit with a minimum date fixes each section up against
the minimum while it is typed: 20/12/2026 became 20/12/2202, see STACK_NOTES.) A past or
impossible date is refused with a message beside the field; Alt+↓ opens a calendar."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QObject,
    QPoint,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.display import bidi
from ui.widgets.forms import message_label, show_message

SHOWN = "%d/%m/%Y"  # one convention in both languages (dd/MM/yyyy)
_SEPARATORS = re.compile(r"[/.\- ]+")


def parse_typed_date(text: str, today: date) -> date | None:
    """The date a person meant, or None when the text is no date.

    `dd/mm/yyyy`, `dd/mm/yy` (20yy), `ddmmyyyy`, `ddmmyy`, `yyyy-mm-dd`; `-`, `.` or a space
    may separate. `dd/mm` and `ddmm` take the year that puts the date nearest `today` (in
    December, 05/01 is next January; 25/11 is last month, so it is refused as past)."""
    raw = text.strip()
    if not raw:
        return None
    if raw.isdigit():
        parts = {8: [raw[:2], raw[2:4], raw[4:]], 6: [raw[:2], raw[2:4], raw[4:]]}.get(
            len(raw), [raw[:2], raw[2:]] if len(raw) == 4 else []
        )
    else:
        parts = _SEPARATORS.split(raw)
    if not parts or not all(p.isdigit() for p in parts):
        return None
    if len(parts) == 3 and len(parts[0]) == 4:
        parts = [parts[2], parts[1], parts[0]]  # ISO: yyyy-mm-dd
    if len(parts) == 2:
        return _nearest(int(parts[0]), int(parts[1]), today)
    if len(parts) != 3 or len(parts[0]) > 2 or len(parts[1]) > 2 or len(parts[2]) not in (2, 4):
        return None
    year = int(parts[2]) + (2000 if len(parts[2]) == 2 else 0)
    return _made(year, int(parts[1]), int(parts[0]))


def _made(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None  # 31/02, month 13 …


def _nearest(day: int, month: int, today: date) -> date | None:
    years = (today.year - 1, today.year, today.year + 1)
    candidates = [d for year in years if (d := _made(year, month, day))]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - today).days), -d.toordinal()))


class _CalendarPopup(QCalendarWidget):
    """The calendar as a popup: Return or a click picks, Escape closes."""

    picked = Signal(object)  # datetime.date

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setObjectName(f"{parent.objectName()}Calendar")
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        # Month and day names in the screen's language (the system's locale may be another):
        # the catalogue names the locale, "fr_MA" in French.
        self.setLocale(QLocale(QCoreApplication.translate("DateField", "en_GB")))
        self.activated.connect(self._on_activated)
        self.clicked.connect(self._on_activated)

    @Slot(QDate)
    def _on_activated(self, qdate: QDate) -> None:
        self.hide()
        self.picked.emit(date(qdate.year(), qdate.month(), qdate.day()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            event.accept()
            return
        super().keyPressEvent(event)


class DateField(QWidget):
    """A line edit named `name`, a calendar button, and the message label below them
    (`<name without Edit>Error`) that the screen also gives the core's date errors to.

    `optional` (a filter's limit): an empty field is no date, not an error, and any date,
    past ones too, is taken. `message_below=False`: the screen places `error` itself (in a
    row of filters, below a narrow field a message would wrap to a column of words)."""

    changed = Signal()  # the text changed, typed or picked

    def __init__(
        self,
        *,
        name: str,
        parent: QWidget | None = None,
        optional: bool = False,
        message_below: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Field")
        self._minimum: date | None = None
        self.optional = optional
        self.named = ""  # a template ('From: %1') for a message that must name its field
        self.edit = QLineEdit(self)
        self.edit.setObjectName(name)
        # Typed left to right, day first, in the Arabic window too; each word of the hint
        # isolated, so that "يوم/شهر/سنة" reads day, month, year from the left as the digits
        # do (one right-to-left run, it would put the year first).
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.edit.setPlaceholderText("/".join(map(bidi.name, self.tr("dd/mm/yyyy").split("/"))))
        self.edit.setMaxLength(10)
        self.edit.setToolTip(
            self.tr("Type the date (20/12/2026, 20122026, 20/12) or Alt+↓; empty: no limit")
            if optional
            else self.tr("Type the date (20/12/2026, 20122026, 20/12) or Alt+↓")
        )
        self.calendar_button = QToolButton(self)
        self.calendar_button.setObjectName(f"{name}CalendarButton")
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip(self.tr("Open the calendar (Alt+↓)"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the next field
        self.setFocusProxy(self.edit)
        # Not NoFocus, so the caption's Alt+letter (a buddy) reaches the edit; not TabFocus,
        # so Tab stops once, in the edit. Qt hands a focus policy on to the focus proxy: the
        # edit gets its own back after, or Tab would skip the date altogether.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.error = message_label(f"{name.removesuffix('Edit')}Error", self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        if message_below:
            layout.addWidget(self.error)
        self.calendar = _CalendarPopup(self)
        self.calendar.picked.connect(self._on_calendar_picked)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.edit.editingFinished.connect(self._on_edit_editing_finished)
        self.edit.installEventFilter(self)

    # --- what the screen sets and reads --------------------------------------------------
    @staticmethod
    def display_format() -> str:
        """The shown form as a Qt date format (what QDate.fromString reads)."""
        return "dd/MM/yyyy"

    def set_minimum(self, minimum: date | None) -> None:
        self._minimum = minimum

    def set_date(self, value: date) -> None:
        self.edit.setText(value.strftime(SHOWN))
        self.error.hide()
        self.changed.emit()

    def clear(self) -> None:
        self.edit.clear()
        self.error.hide()
        self.changed.emit()

    def is_blank(self) -> bool:
        return not self.edit.text().strip()

    def typed_date(self) -> date | None:
        """The date the text stands for (None: not a date), without any message."""
        return parse_typed_date(self.edit.text(), date.today())

    def value(self) -> date | None:
        """The date to save; None when refused, with the reason shown beside the field (an
        optional field left empty is None too, without a message: see is_blank)."""
        if self.optional and self.is_blank():
            self.error.hide()
            return None
        typed = self.typed_date()
        if typed is None:
            self._refuse(
                self.tr("This is not a date: type it as %1 (or %2, %3).")
                .replace("%1", bidi.ltr(self._example().strftime(SHOWN)))
                .replace("%2", bidi.ltr(self._example().strftime("%d%m%Y")))
                .replace("%3", bidi.ltr(self._example().strftime("%d/%m")))
            )
            return None
        if self._minimum is not None and typed < self._minimum:
            self._refuse(
                self.tr("%1 is past: choose %2 or later.")
                .replace("%1", bidi.ltr(typed.strftime(SHOWN)))
                .replace("%2", bidi.ltr(self._minimum.strftime(SHOWN)))
            )
            return None
        return typed

    def _example(self) -> date:
        return (self._minimum or date.today()) + timedelta(days=19)

    def _refuse(self, text: str) -> None:
        show_message(
            self.error, self.named.replace("%1", bidi.name(text)) if self.named else text, "error"
        )

    # --- typing and the calendar ---------------------------------------------------------
    @Slot(str)
    def _on_edit_text_edited(self, _text: str) -> None:
        self.error.hide()  # being corrected: the old message no longer holds
        self.changed.emit()

    @Slot()
    def _on_edit_editing_finished(self) -> None:
        """Show the date as it will be saved (20/12 -> 20/12/2026), or say why not."""
        if not self.edit.text().strip():
            return
        typed = self.value()
        if typed is not None and self.edit.text() != typed.strftime(SHOWN):
            self.edit.setText(typed.strftime(SHOWN))
            self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() == Qt.KeyboardModifier.AltModifier
        ):
            self.open_calendar()
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def open_calendar(self) -> None:
        shown = self.typed_date() or self._minimum or date.today()
        if self._minimum is not None:
            m = self._minimum
            self.calendar.setMinimumDate(QDate(m.year, m.month, m.day))
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.adjustSize()
        # Under the field, its right edge on the button's: it stays over the window.
        right = self.calendar_button.mapToGlobal(QPoint(self.calendar_button.width(), 0)).x()
        below = self.edit.mapToGlobal(QPoint(0, self.edit.height()))
        self.calendar.move(max(0, right - self.calendar.width()), below.y())
        self.calendar.show()
        self.calendar.setFocus()

    @Slot(object)
    def _on_calendar_picked(self, picked: date) -> None:
        self.set_date(picked)
        self.edit.setFocus()
