"""Bar charts from plain data: `BarChart` (one bar per day or month, upright) and `ShareChart`
(one lying bar per channel or source, the largest on top). Built on QtCharts; nothing of it
leaves this module."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
)
from PySide6.QtCore import QEvent, QMargins, Qt, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QCursor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QVBoxLayout, QWidget

from ui.charts.scale import label_every, nice_ticks

# Okabe & Ito's colours (told apart with every common colour blindness), darkened a little
# where white text or a light background needs the contrast.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")
Formatter = Callable[[float], str]
ALIGN_START = {
    Qt.LayoutDirection.LeftToRight: Qt.AlignmentFlag.AlignLeft,
    Qt.LayoutDirection.RightToLeft: Qt.AlignmentFlag.AlignRight,
}


class _Chart(QWidget):
    """What both charts share: the view, the data, the tooltip, the direction."""

    def __init__(
        self,
        *,
        name: str,
        value_text: Formatter,
        axis_text: Formatter | None = None,
        colour: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.value_text = value_text
        self.axis_text = axis_text or value_text
        self.colour = QColor(PALETTE[colour % len(PALETTE)])
        self.labels: list[str] = []
        self.values: list[float] = []
        self.details: list[str] = []
        self.chart = self._new_chart()
        self.view = QChartView(self.chart, self)
        self.view.setObjectName(f"{name}View")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tables beside hold the figures
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.shown_tip = ""  # the last tooltip shown (what the mouse pointed at)
        self._given_height = -1  # the minimum height the screen set (ShareChart)

    # --- what a screen calls -------------------------------------------------------------
    def set_data(
        self,
        labels: Sequence[str],
        values: Sequence[float],
        details: Sequence[str] | None = None,
    ) -> None:
        """One bar per label; `details`: each bar's tooltip (default: label and value)."""
        if len(labels) != len(values) or (details is not None and len(details) != len(labels)):
            raise ValueError("one value (and one detail) per label")
        self.labels, self.values = list(labels), [float(v) for v in values]
        self.details = list(details) if details is not None else []
        self._rebuild()

    def tooltip_text(self, index: int) -> str:
        if self.details:
            return self.details[index]
        return f"{self.labels[index]} : {self.value_text(self.values[index])}"

    def image(self) -> QImage:
        """The chart as it is drawn now (for the printed dashboard)."""
        return self.view.grab().toImage()

    # --- building ------------------------------------------------------------------------
    @staticmethod
    def _new_chart() -> QChart:
        chart = QChart()
        chart.legend().hide()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(4, 2, 14, 2))  # the last step's label whole
        return chart

    def _rebuild(self) -> None:
        """A new chart for new data: axes removed from a chart kept drawing their old
        labels under the new ones (seen: every channel's name twice, offset)."""
        old, self.chart = self.chart, self._new_chart()
        self._build(self.chart, self.layoutDirection() == Qt.LayoutDirection.RightToLeft)
        self.view.setChart(self.chart)
        old.deleteLater()

    def _build(self, chart: QChart, rtl: bool) -> None:
        raise NotImplementedError

    def _bar_set(self) -> QBarSet:
        bars = QBarSet("")
        bars.append(self.values)
        bars.setColor(self.colour)
        bars.setBorderColor(self.colour.darker(115))
        return bars

    def _ink(self) -> QBrush:
        return QBrush(self.palette().color(QPalette.ColorRole.WindowText))

    def _value_axis(self, rtl_reversed: bool, *, along_width: bool) -> QCategoryAxis:
        """Round steps labelled in the screen's words ('2 000', '40 %')."""
        axis = QCategoryAxis()
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        length = self.width() if along_width else self.height()
        widest = self.fontMetrics().horizontalAdvance(self.axis_text(max(self.values, default=0)))
        room = (widest + 32) if along_width else 3 * self.fontMetrics().height()
        most = max(2, min(5, int(length * 0.7) // room)) if length > 100 else 4
        ticks = nice_ticks(max(self.values, default=0.0), most)
        for tick in ticks:
            axis.append(self.axis_text(tick), tick)
        axis.setRange(0.0, ticks[-1])
        axis.setStartValue(0.0)
        axis.setReverse(rtl_reversed)
        self._style(axis)
        axis.setGridLinePen(QPen(QColor("#d3d9df"), 1))
        return axis

    def _style(self, axis: QCategoryAxis | QBarCategoryAxis) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        axis.setLabelsFont(font)
        axis.setLabelsBrush(self._ink())
        axis.setLinePen(QPen(QColor("#9aa5b1"), 1))

    @Slot(bool, int, QBarSet)
    def _on_series_hovered(self, status: bool, index: int, _bars: QBarSet) -> None:
        if status and 0 <= index < len(self.values):
            self.shown_tip = self.tooltip_text(index)
            QToolTip.showText(QCursor.pos(), self.shown_tip, self.view)
        else:
            QToolTip.hideText()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.labels:
            self._rebuild()  # as many labels and steps as the new size holds

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.LayoutDirectionChange, QEvent.Type.PaletteChange):
            self._rebuild()


class BarChart(_Chart):
    """Upright bars in order (days, months): the first on the left (on the right, right to
    left); the labels under them thinned out when they would not fit."""

    def _build(self, chart: QChart, rtl: bool) -> None:
        series = QBarSeries()
        series.append(self._bar_set())
        series.setBarWidth(0.8)
        series.hovered.connect(self._on_series_hovered)
        chart.addSeries(series)
        count = len(self.values)
        under = QCategoryAxis()
        under.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        widest = max((self.fontMetrics().horizontalAdvance(t) for t in self.labels), default=1)
        room = max(1, self.width() // (widest + 16)) if self.width() > 100 else 8
        step = label_every(count, room)
        for index in range(0, count, step):
            under.append(self.labels[index], index)
        under.setStartValue(-0.5)
        under.setRange(-0.5, max(0.5, count - 0.5))
        under.setGridLineVisible(False)
        under.setReverse(rtl)
        self._style(under)
        chart.addAxis(under, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(under)
        side = self._value_axis(rtl_reversed=False, along_width=False)
        chart.addAxis(side, ALIGN_START[self.layoutDirection()])
        series.attachAxis(side)


class ShareChart(_Chart):
    """Lying bars, one per channel or source, the first label on top; the values run from
    the labels' side (the right, right to left)."""

    def _build(self, chart: QChart, rtl: bool) -> None:
        series = QHorizontalBarSeries()
        bars = QBarSet("")
        bars.append(list(reversed(self.values)))  # Qt draws the first category at the bottom
        bars.setColor(self.colour)
        bars.setBorderColor(self.colour.darker(115))
        series.append(bars)
        series.setBarWidth(0.7)
        series.hovered.connect(self._on_reversed_hover)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(list(reversed(self._unique(self.labels))))
        names.setGridLineVisible(False)
        self._style(names)
        self._room_for(names.labelsFont())
        chart.addAxis(names, ALIGN_START[self.layoutDirection()])
        series.attachAxis(names)
        values = self._value_axis(rtl_reversed=rtl, along_width=True)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)

    def _room_for(self, font: QFont) -> None:
        """Each bar's row as high as Qt's charts want for its name: they cut a name to "…"
        when it measures higher than its row allows, and an Arabic word measures 23 px
        where a Latin one measures 15 (seen: every channel "…" in the Arabic dashboard).
        Latin names keep the height the screen gave."""
        if self._given_height < 0:
            self._given_height = self.minimumHeight()
        metrics = QFontMetrics(font)
        taller = max((metrics.boundingRect(t).height() for t in self.labels), default=0)
        extra = max(0, taller - metrics.height()) * 8 * len(self.labels) // 5
        self.setMinimumHeight(self._given_height + extra)

    @staticmethod
    def _unique(labels: list[str]) -> list[str]:
        """Qt's category axis drops a repeated name: a second one gets a thin space."""
        seen: set[str] = set()
        out = []
        for label in labels:
            while label in seen:
                label += "\u2009"
            seen.add(label)
            out.append(label)
        return out

    @Slot(bool, int, QBarSet)
    def _on_reversed_hover(self, status: bool, index: int, bars: QBarSet) -> None:
        self._on_series_hovered(status, len(self.values) - 1 - index, bars)
