"""The dashboard's period: a list of the usual ones (today, 7 days, 30 days, this month, last
month, this year) and two typed dates for any other (DateField: what is typed is the date
kept). A preset fills the two dates, so the period shown is always spelled out; typing a
date chooses "Chosen dates". `chosen` says each new period once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from gestco.domain.figures import Period
from ui.display import bidi
from ui.widgets.date_field import DateField
from ui.widgets.forms import show_message

CUSTOM = "custom"


class PeriodPicker(QWidget):
    chosen = Signal(object)  # a Period

    def __init__(
        self,
        *,
        presets: Callable[[date], dict[str, Period]],
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("periodPicker")
        self._presets, self._today = presets, today
        self.period: Period | None = None
        self.combo = QComboBox(self)
        self.combo.setObjectName("periodCombo")
        for key, text in (
            ("today", self.tr("Today")),
            ("7d", self.tr("Last 7 days")),
            ("30d", self.tr("Last 30 days")),
            ("this_month", self.tr("This month")),
            ("last_month", self.tr("Last month")),
            ("this_year", self.tr("This year")),
            (CUSTOM, self.tr("Chosen dates")),
        ):
            self.combo.addItem(text, key)
        self.start = DateField(name="periodStartEdit", message_below=False, parent=self)
        self.end = DateField(name="periodEndEdit", message_below=False, parent=self)
        self.start.named = self.tr("From: %1")
        self.end.named = self.tr("To: %1")
        for field in (self.start, self.end):
            width = field.fontMetrics().horizontalAdvance("00/00/00000") + 16
            field.edit.setMaximumWidth(width)
            field.error.setWordWrap(False)
        caption = QLabel(self.tr("&Period:"), self)
        caption.setBuddy(self.combo)
        start_caption = QLabel(self.tr("fro&m"), self)
        start_caption.setBuddy(self.start)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(caption)
        row.addWidget(self.combo)
        row.addSpacing(8)
        row.addWidget(start_caption)
        row.addWidget(self.start)
        row.addWidget(QLabel(self.tr("to"), self))
        row.addWidget(self.end)
        self.message = self.end.error  # a refused date or an end before the start
        self.combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
        for field in (self.start, self.end):
            field.edit.editingFinished.connect(self._on_date_editing_finished)
            field.edit.returnPressed.connect(self._on_date_editing_finished)

    def errors(self) -> list[QLabel]:
        """The dates' messages, for the screen to place (below a row they would wrap)."""
        return [self.start.error, self.end.error]

    def choose(self, key: str) -> None:
        """Choose a preset (or CUSTOM) as a person would in the list."""
        self.combo.setCurrentIndex(self.combo.findData(key))
        self._on_combo_current_index_changed(self.combo.currentIndex())

    def key(self) -> str:
        return str(self.combo.currentData())

    @Slot(int)
    def _on_combo_current_index_changed(self, _index: int) -> None:
        key = self.key()
        if key == CUSTOM:
            self._read_dates()
            return
        period = self._presets(self._today())[key]
        self.start.set_date(period.start)
        self.end.set_date(period.end)
        self._say(period)

    @Slot()
    def _on_date_editing_finished(self) -> None:
        if self.sender() is self.start.edit and self.end.is_blank():
            return  # the end is still to type
        self._read_dates()

    def _read_dates(self) -> None:
        start, end = self.start.value(), self.end.value()
        if start is None or end is None:
            return  # the field says why
        if end < start:
            show_message(
                self.end.error,
                self.tr(
                    "The period ends before it starts: type a last day on or after %1."
                ).replace("%1", bidi.ltr(self.start.edit.text())),
                "error",
            )
            return
        period = Period(start, end)
        if self.key() != CUSTOM and self._presets(self._today()).get(self.key()) != period:
            self.combo.blockSignals(True)  # typed dates: the list says so, without re-reading
            self.combo.setCurrentIndex(self.combo.findData(CUSTOM))
            self.combo.blockSignals(False)
        self._say(period)

    def _say(self, period: Period) -> None:
        if period != self.period:
            self.period = period
            self.chosen.emit(period)
