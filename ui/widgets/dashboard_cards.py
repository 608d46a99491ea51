"""The dashboard's key figures, each on a card: its value over the period, and its change
from the period before (▲ 12,5 %, green when it is good news, red when it is not)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from gestco.domain.figures import Figures, Totals, change
from ui.display import bidi, formatting
from ui.display.labels import QT_TRANSLATE_NOOP

MONEY, COUNT, RATIO, RATE = "money", "count", "ratio", "rate"
GOOD, BAD, SAME = "#1e6b24", "#b3261e", "#55606a"
CONTEXT = "DashboardCards"


def kpi_title(kpi: Kpi) -> str:
    return QCoreApplication.translate(CONTEXT, kpi.title)


@dataclass(frozen=True)
class Kpi:
    key: str
    title: str  # marked for translation (DashboardCards)
    value: Callable[[Totals], float | None]
    kind: str
    higher_is_better: bool = True


KPIS = (
    Kpi(
        "revenue",
        QT_TRANSLATE_NOOP("DashboardCards", "Revenue incl. tax"),
        lambda t: t.revenue_cents,
        MONEY,
    ),
    Kpi(
        "revenueExcl",
        QT_TRANSLATE_NOOP("DashboardCards", "Revenue excl. tax"),
        lambda t: t.revenue_excl_cents,
        MONEY,
    ),
    Kpi("orders", QT_TRANSLATE_NOOP("DashboardCards", "Orders"), lambda t: t.orders, COUNT),
    Kpi(
        "basket",
        QT_TRANSLATE_NOOP("DashboardCards", "Average basket"),
        lambda t: t.average_basket_cents,
        MONEY,
    ),
    Kpi(
        "items",
        QT_TRANSLATE_NOOP("DashboardCards", "Items per order"),
        lambda t: t.items_per_order,
        RATIO,
    ),
    Kpi(
        "cancelled",
        QT_TRANSLATE_NOOP("DashboardCards", "Cancellation rate"),
        lambda t: t.cancellation_rate,
        RATE,
        higher_is_better=False,
    ),
)


def value_text(kind: str, value: float | None, currency: str = "") -> str:
    if value is None:
        return "—"
    locale = formatting.ui_locale()
    if kind == MONEY:
        return formatting.money(int(value), currency)
    if kind == COUNT:
        return formatting.count(int(value))
    if kind == RATIO:
        return locale.toString(float(value), "f", 2)
    return f"{locale.toString(float(value) * 100, 'f', 1)}\u00a0%"


def change_text(now: float | None, before: float | None) -> str:
    """'▲ 12,5 %', '▼ 3,0 %', '= 0,0 %', or '—' when nothing can be said (nothing before)."""
    moved = change(now, before)
    if moved is None:
        return "—"
    arrow = "▲" if moved > 0 else "▼" if moved < 0 else "="
    shown = formatting.ui_locale().toString(abs(moved) * 100, "f", 1)
    return f"{arrow}\u00a0{shown}\u00a0%"


def change_colour(kpi: Kpi, now: float | None, before: float | None) -> str:
    moved = change(now, before)
    if not moved:
        return SAME
    return GOOD if (moved > 0) == kpi.higher_is_better else BAD


def summary_rows(figures: Figures, currency: str) -> list[tuple[str, str, str, str]]:
    """Each key figure as (name, this period, the period before, change): the summary's CSV
    and the printed page, in the screen's words."""
    rows = []
    for kpi in KPIS:
        now, before = kpi.value(figures.totals), kpi.value(figures.previous)
        rows.append(
            (
                kpi_title(kpi),
                value_text(kpi.kind, now, currency),
                value_text(kpi.kind, before, currency),
                change_text(now, before),
            )
        )
    rows.append(
        (
            QCoreApplication.translate("DashboardCards", "Balance due (every order)"),
            value_text(MONEY, figures.balance_due_cents, currency),
            "",
            "",
        )
    )
    return rows


class KpiCard(QFrame):
    """A key figure: its name, its value in large type, its change from the period before."""

    def __init__(self, kpi: Kpi | None, name: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kpi = kpi
        self.setObjectName(f"{name}Card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("kind", "card")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title_label = QLabel(title, self)
        self.title_label.setProperty("kind", "cardTitle")
        self.value_label = QLabel("—", self)
        self.value_label.setObjectName(f"{name}Value")
        self.value_label.setProperty("kind", "cardValue")
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_label = QLabel("", self)
        self.change_label.setObjectName(f"{name}Change")
        self.change_label.setProperty("kind", "cardChange")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.change_label)

    def show_figures(self, figures: Figures, currency: str) -> None:
        kpi = self.kpi
        if kpi is None:
            return
        now, before = kpi.value(figures.totals), kpi.value(figures.previous)
        self.value_label.setText(bidi.ltr(value_text(kpi.kind, now, currency)))
        self.change_label.setText(change_text(now, before))
        self.change_label.setStyleSheet(f"color: {change_colour(kpi, now, before)}")
        self.setToolTip(
            QCoreApplication.translate("DashboardCards", "The period before (%1 – %2): %3")
            .replace("%1", bidi.ltr(formatting.day(figures.period.previous().start)))
            .replace("%2", bidi.ltr(formatting.day(figures.period.previous().end)))
            .replace("%3", bidi.ltr(value_text(kpi.kind, before, currency)))
        )

    def show_text(self, value: str, note: str) -> None:
        """A figure without a comparison (the balance due)."""
        self.value_label.setText(bidi.ltr(value))
        self.change_label.setText(note)
        self.change_label.setStyleSheet(f"color: {SAME}")


class KpiCards(QWidget):
    """The six key figures and the balance due: in one row where the width holds them, else
    in two."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyFigures")
        self.cards = {kpi.key: KpiCard(kpi, kpi.key, kpi_title(kpi), self) for kpi in KPIS}
        self.balance_card = KpiCard(None, "balanceDue", self.tr("Balance due"), self)
        self.balance_card.setToolTip(self.tr("What the orders not cancelled still owe, any day."))
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._per_row = 0
        self._lay(4)

    def show_figures(self, figures: Figures, currency: str) -> None:
        for card in self.cards.values():
            card.show_figures(figures, currency)
        self.balance_card.show_text(
            value_text(MONEY, figures.balance_due_cents, currency), self.tr("every order")
        )

    def _lay(self, per_row: int) -> None:
        if per_row == self._per_row:
            return
        self._per_row = per_row
        every = [*self.cards.values(), self.balance_card]
        for card in every:
            self.grid.removeWidget(card)
        for column in range(len(every)):
            self.grid.setColumnStretch(column, 1 if column < per_row else 0)
        for index, card in enumerate(every):
            self.grid.addWidget(card, index // per_row, index % per_row)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        widest = max(card.sizeHint().width() for card in self.cards.values())
        self._lay(7 if self.width() >= 7 * max(widest, 180) + 40 else 4)
