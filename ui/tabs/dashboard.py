"""Tableau de bord (managers and administrators): the shop's figures over a period against
the period before it — key figures, sales per day (per month over long periods), channels and
sources, orders by status (Return or a click opens them in the orders table), the best
sellers, low stock, each operator's figures, the balance due. Each section exports to CSV,
the whole to PDF.

The figures are computed on a worker thread (gestco.services.figures through `in_worker`);
the ones shown stay until the new ones arrive, with "Computing…" beside the period. The tab
follows the data it shows, and while hidden only notes that it is stale."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gestco.domain.change_areas import Area
from gestco.domain.errors import GestcoError
from gestco.domain.figures import Figures
from gestco.domain.permissions import Permission
from ui.charts import BarChart, ShareChart
from ui.display import bidi, formatting
from ui.display.errors import describe
from ui.display.labels import channel_label, source_label
from ui.runtime.services import ExportServices, FigureServices, SettingsServices
from ui.runtime.signals import AppSignals
from ui.runtime.workers import run_in_background
from ui.widgets.dashboard_cards import KpiCards
from ui.widgets.dashboard_exports import DashboardExports
from ui.widgets.dashboard_tables import (
    CHANNELS,
    LOW_STOCK,
    OPERATORS,
    SALES,
    SECTIONS,
    SOURCES,
    STATUSES,
    SUMMARY,
    TOP_QUANTITY,
    TOP_REVENUE,
    Section,
    figure_table,
    model_of,
)
from ui.widgets.forms import message_label, show_message
from ui.widgets.period_picker import PeriodPicker

# What this screen shows: it refreshes when a change touches one of these areas.
# (orders and their lines, the stock's low products, operators' names, the currency)
SHOWS = (Area.ORDERS, Area.STOCK, Area.OPERATORS, Area.SETTINGS)
PERMISSION = Permission.VIEW_FIGURES


class DashboardTab(QWidget):
    shown = Signal(object)  # the Figures now on screen (after each computation)

    def __init__(
        self,
        *,
        figures: FigureServices,
        settings: SettingsServices,
        export: ExportServices,
        signals: AppSignals,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTab")
        self.services, self.settings, self.export = figures, settings, export
        self.signals = signals
        self.figures: Figures | None = None
        self.computed_on: int | None = None  # the thread the last figures were computed on
        self._stale = True
        self._running = False
        self._again = False
        # A thread of its own: on Qt's shared pool (two threads here) the figures queue
        # behind the orders table's loading of its ids, seconds at 1,000,000 orders.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._build(today)
        signals.follow(self, SHOWS, self._on_shown_data_changed)

    # --- layout --------------------------------------------------------------------------
    def _build(self, today: Callable[[], date]) -> None:
        self.picker = PeriodPicker(presets=self.services.presets, today=today, parent=self)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("dashboardStateLabel")
        self.state_label.setProperty("kind", "hint")
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"), self)
        self.pdf_button.setObjectName("dashboardPdfButton")
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addWidget(self.state_label, 1)
        top.addWidget(self.pdf_button)
        errors = QHBoxLayout()
        errors.addStretch(1)
        for label in self.picker.errors():
            errors.addWidget(label)
        self.help_label = QLabel(
            self.tr(
                "Revenue counts the orders that are not cancelled, on the day they were"
                " validated; each figure is compared with the period just before, of the"
                " same length. Orders by status: Return or a click opens them."
            ),
            self,
        )
        self.help_label.setObjectName("dashboardHelpLabel")
        self.help_label.setProperty("kind", "hint")
        self.help_label.setWordWrap(True)
        self.banner = message_label("dashboardMessageLabel", self)

        self.tables: dict[str, QTableView] = {}
        self.titles: dict[str, QLabel] = {}
        self.csv_buttons: dict[str, QToolButton] = {}
        content = QWidget(self)
        content.setObjectName("dashboardContent")
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        self.key_figures = KpiCards(content)
        self.cards, self.balance_card = self.key_figures.cards, self.key_figures.balance_card
        self.summary_box = self._box(SUMMARY, self.key_figures, content)
        grid.addWidget(self.summary_box, 0, 0, 1, 6)

        money_axis: Callable[[float], str] = lambda cents: formatting.money(  # noqa: E731
            int(cents)
        ).rsplit(formatting.ui_locale().decimalPoint(), 1)[0]
        self.sales_chart = BarChart(
            name="salesChart", value_text=self._money, axis_text=money_axis, parent=content
        )
        self.sales_chart.setMinimumHeight(200)
        self.channel_chart = ShareChart(
            name="channelChart", value_text=self._money, axis_text=money_axis, colour=2
        )
        self.source_chart = ShareChart(
            name="sourceChart", value_text=self._money, axis_text=money_axis, colour=3
        )
        for chart in (self.channel_chart, self.source_chart):
            chart.setMinimumHeight(210)
        grid.addWidget(self._box(SALES, self.sales_chart, content), 1, 0, 1, 6)
        grid.addWidget(self._box(CHANNELS, self.channel_chart, content), 2, 0, 1, 2)
        grid.addWidget(self._box(SOURCES, self.source_chart, content), 2, 2, 1, 2)
        self.status_table = self._table(STATUSES, content)
        grid.addWidget(self._box(STATUSES, self.status_table, content), 2, 4, 1, 2)
        for row, pair in ((3, (TOP_QUANTITY, TOP_REVENUE)), (4, (LOW_STOCK, OPERATORS))):
            for column, section in enumerate(pair):
                box = self._box(section, self._table(section, content), content)
                grid.addWidget(box, row, column * 3, 1, 3)
        for column in range(6):
            grid.setColumnStretch(column, 1)
        scroll = QScrollArea(self)
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(errors)
        layout.addWidget(self.help_label)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)

        self._tab_order()
        self.exports = DashboardExports(
            self,
            figures=lambda: self.figures,
            currency=self._currency,
            write_file=self.export.write_file,
            write_pdf=self.services.write_pdf,
            charts={
                SALES.key: self.sales_chart,
                CHANNELS.key: self.channel_chart,
                SOURCES.key: self.source_chart,
            },
            banner=self.banner,
        )
        self.picker.chosen.connect(self._on_picker_chosen)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.status_table.activated.connect(self._on_status_table_activated)
        self.status_table.clicked.connect(self._on_status_table_activated)

    def _box(self, section: Section, inside: QWidget, parent: QWidget) -> QFrame:
        """A section: its title and its CSV button on one line, then its chart or table."""
        box = QFrame(parent)
        box.setObjectName(f"{section.key}Box")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        caption = QLabel(section.shown_title(), box)
        caption.setObjectName(f"{section.key}Title")
        caption.setProperty("kind", "caption")
        csv = QToolButton(box)
        csv.setObjectName(f"{section.key}CsvButton")
        csv.setText(self.tr("CSV…"))
        csv.setToolTip(self.tr("Export these figures to a CSV file"))
        csv.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        csv.clicked.connect(lambda: self._on_csv_button_clicked(section))
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.setSpacing(2)
        head = QHBoxLayout()
        head.addWidget(caption, 1)
        head.addWidget(csv)
        layout.addLayout(head)
        layout.addWidget(inside, 1)
        self.titles[section.key] = caption
        self.csv_buttons[section.key] = csv
        return box

    def _tab_order(self) -> None:
        """Tab goes down the page as it reads: the period, the PDF, then each section's CSV
        button before its table (Qt's order would be the table first: made first)."""
        chain: list[QWidget] = [
            self.picker.combo,
            self.picker.start.edit,
            self.picker.end.edit,
            self.pdf_button,
        ]
        for section in SECTIONS:
            chain.append(self.csv_buttons[section.key])
            if section.key in self.tables:
                chain.append(self.tables[section.key])
        for first, then in itertools.pairwise(chain):
            QWidget.setTabOrder(first, then)

    def _table(self, section: Section, parent: QWidget) -> QTableView:
        view = figure_table(section, parent)
        rows = 10 if section.key != STATUSES.key else 6
        view.setMinimumHeight(view.verticalHeader().defaultSectionSize() * (rows + 1) + 6)
        self.tables[section.key] = view
        return view

    def _money(self, cents: float) -> str:
        return formatting.money(int(cents), self._currency())

    def _currency(self) -> str:
        return str(self.settings.get_setting("currency"))

    # --- what the window calls -----------------------------------------------------------
    def focus_entry(self) -> None:
        """The period list (the window's start, a switch-in)."""
        self.picker.combo.setFocus()

    def allow(self, can: Callable[[Permission], bool]) -> None:
        """Nothing to hide inside: the whole tab is shown only to whom may see the figures."""

    def stop(self) -> None:
        """The window closes: a computation still running is waited for (no thread outlives
        the window, and none reports to a screen that is gone)."""
        if self._running:
            self._pool.waitForDone(30_000)

    # --- computing -----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.picker.period is None:
            self.picker.choose("this_month")  # the first showing: computes
        elif self._stale:
            self.refresh()

    @Slot()
    def _on_shown_data_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # computed when next shown: no work for a hidden tab

    @Slot(object)
    def _on_picker_chosen(self, _period: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Compute the figures of the period chosen, off the window's thread; those shown
        stay until the new ones arrive."""
        period = self.picker.period
        if period is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        if self._running:
            self._again = True  # once this one is done, with the period chosen then
            return
        self._running = True
        self.state_label.setText(self.tr("Computing…"))
        figures_of, in_worker = self.services.figures, self.services.in_worker

        def work() -> tuple[int, Figures]:
            return threading.get_ident(), in_worker(lambda: figures_of(period))

        run_in_background(work, self._on_computed, self, self._pool)

    @Slot(object)
    def _on_computed(self, result: Any) -> None:
        self._running = False
        again, self._again = self._again, False
        if isinstance(result, GestcoError):
            self.state_label.setText("")
            show_message(
                self.banner,
                self.tr("The figures could not be computed: %1").replace("%1", describe(result)),
                "error",
            )
        else:
            self.computed_on, figures = result
            if figures.period == self.picker.period:
                self.banner.hide()
                self.show_figures(figures)
                self.state_label.setText("")
            else:
                again = True
        if again:
            self.refresh()

    def show_figures(self, figures: Figures) -> None:
        self.figures = figures
        currency = self._currency()
        self.key_figures.show_figures(figures, currency)
        self._show_charts(figures)
        for key, view in self.tables.items():
            section = next(s for s in SECTIONS if s.key == key)
            model_of(view).set_rows(section.rows(figures, currency), section.shown_headers(figures))
        self.titles[SALES.key].setText(
            self.tr("Sales per month") if figures.bucket == "month" else self.tr("Sales per day")
        )
        self.shown.emit(figures)

    def _show_charts(self, figures: Figures) -> None:
        monthly = figures.bucket == "month"
        labels = [
            formatting.ui_locale().toString(
                QDate(b.start.year, b.start.month, b.start.day), "MMM yyyy" if monthly else "dd/MM"
            )
            for b in figures.per_bucket
        ]
        details = [
            self.tr("%1: %2 (%3 orders)", "", b.orders)
            .replace("%1", bidi.ltr(formatting.day(b.start)))
            .replace("%2", bidi.ltr(self._money(b.revenue_cents)))
            .replace("%3", bidi.ltr(formatting.count(b.orders)))
            for b in figures.per_bucket
        ]
        self.sales_chart.set_data(labels, [b.revenue_cents for b in figures.per_bucket], details)
        for chart, shares, label in (
            (self.channel_chart, figures.by_channel, channel_label),
            (self.source_chart, figures.by_source, source_label),
        ):
            chart.set_data(
                [label(s.key) for s in shares],
                [s.revenue_cents for s in shares],
                [
                    self.tr("%1: %2 (%3 orders)", "", s.orders)
                    .replace("%1", label(s.key))
                    .replace("%2", bidi.ltr(self._money(s.revenue_cents)))
                    .replace("%3", bidi.ltr(formatting.count(s.orders)))
                    for s in shares
                ],
            )

    # --- orders by status -> the orders table ------------------------------------------
    @Slot(QModelIndex)
    def _on_status_table_activated(self, index: QModelIndex) -> None:
        if not index.isValid() or self.figures is None:
            return
        status = model_of(self.status_table).row_at(index.row())[0]
        period = self.figures.period
        self.signals.open_orders.emit(status, period.start, period.end)

    # --- exports (ui.widgets.dashboard_exports) -----------------------------------------
    def _on_csv_button_clicked(self, section: Section) -> None:
        self.exports.ask_csv(section)

    @Slot()
    def _on_pdf_button_clicked(self) -> None:
        self.exports.ask_pdf()
