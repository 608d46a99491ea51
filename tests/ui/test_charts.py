"""The charts' adapter (ui.charts) takes plain data and hides QtCharts; the dashboard's table
model passes Qt's model checks."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCharts import QBarSeries, QCategoryAxis, QHorizontalBarSeries
from PySide6.QtCore import QCoreApplication, Qt

from gestco.services.export import COUNT, DAY, MONEY, STATUS, TEXT, Column
from ui.charts import BarChart, ShareChart
from ui.charts.scale import label_every, nice_ticks
from ui.models.figure_rows import ROW_ROLE, FigureRowsModel


def _money(cents: float) -> str:
    return f"{cents / 100:.2f}"


def test_round_steps() -> None:
    assert nice_ticks(18_734, 5) == [0, 5000, 10000, 15000, 20000]
    assert nice_ticks(0) == [0.0, 1.0]
    assert nice_ticks(7, 3)[-1] >= 7
    assert label_every(30, 10) == 3 and label_every(5, 10) == 1


def test_a_bar_chart_shows_the_values_it_was_given_and_says_them_on_hover(qtbot) -> None:
    chart = BarChart(name="sales", value_text=_money)
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.show()
    chart.set_data(["01/12", "02/12", "03/12"], [1250, 0, 99_900], ["a", "b", "c"])
    (series,) = chart.chart.series()
    assert isinstance(series, QBarSeries)
    assert [series.barSets()[0].at(i) for i in range(3)] == [1250, 0, 99_900]
    assert chart.tooltip_text(2) == "c"
    chart.set_data(["x"], [300])
    assert chart.tooltip_text(0) == "x : 3.00"
    with pytest.raises(ValueError):
        chart.set_data(["x", "y"], [1])
    assert not chart.image().isNull()


def test_charts_run_right_to_left(qtbot) -> None:
    bars = BarChart(name="sales", value_text=_money)
    shares = ShareChart(name="channels", value_text=_money)
    for chart in (bars, shares):
        qtbot.addWidget(chart)
        chart.set_data(["Comptoir", "En ligne"], [500, 200])
    assert not any(axis.isReverse() for axis in bars.chart.axes())
    for chart in (bars, shares):
        chart.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    # the days run from the right; the values' axis stands on the right
    under = bars.chart.axes(Qt.Orientation.Horizontal)[0]
    assert under.isReverse()
    side = bars.chart.axes(Qt.Orientation.Vertical)[0]
    assert bars.chart.axes(Qt.Orientation.Vertical, bars.chart.series()[0]) == [side]
    assert side.alignment() == Qt.AlignmentFlag.AlignRight
    # lying bars grow from the right, their names on the right
    values = shares.chart.axes(Qt.Orientation.Horizontal)[0]
    assert isinstance(values, QCategoryAxis) and values.isReverse()
    assert shares.chart.axes(Qt.Orientation.Vertical)[0].alignment() == Qt.AlignmentFlag.AlignRight
    assert isinstance(shares.chart.series()[0], QHorizontalBarSeries)


def test_a_share_chart_puts_the_first_label_on_top(qtbot) -> None:
    chart = ShareChart(name="channels", value_text=_money)
    qtbot.addWidget(chart)
    chart.set_data(["Comptoir", "En ligne", "Autre"], [900, 300, 0])
    names = chart.chart.axes(Qt.Orientation.Vertical)[0]
    assert names.categories() == ["Autre", "En ligne", "Comptoir"]  # Qt draws bottom up
    assert chart.tooltip_text(0) == "Comptoir : 9.00"


def test_the_figures_table_model(qtmodeltester) -> None:
    columns = (Column("day", DAY), Column("status", STATUS), Column("n", COUNT),
               Column("amount", MONEY), Column("name", TEXT))  # fmt: skip
    model = FigureRowsModel(columns)
    model.set_rows(
        [(date(2026, 12, 1), "pending", 3, 123_456, "Café"), (date(2026, 12, 2), "x", 0, 0, "")],
        ["Day", "Status", "Orders", "Revenue", "Name"],
    )
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "01/12/2026"
    assert model.index(0, 1).data() == "To process"
    assert model.index(0, 3).data() == "1,234.56"
    assert model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) is not None
    assert model.index(1, 0).data(ROW_ROLE)[2] == 0
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Revenue"


@pytest.mark.parametrize("kind", [ShareChart, BarChart])
def test_new_data_is_drawn_as_if_it_were_the_first(qtbot, kind) -> None:
    """The dashboard's screenshot showed every channel's name twice, offset: the axes of
    the figures before stayed drawn under the new ones."""
    labels, values = ["Online", "Counter", "Phone", "E-mail"], [22_000, 17_000, 13_000, 3_000]
    drawn = []
    for before in ([], [(labels[:3], values[:3])]):
        chart = kind(name="shares", value_text=_money)
        qtbot.addWidget(chart)
        chart.resize(460, 200)
        chart.show()
        for old_labels, old_values in before:
            chart.set_data(old_labels, old_values)
            QCoreApplication.processEvents()  # drawn, as on screen
        chart.set_data(labels, values)
        QCoreApplication.processEvents()
        drawn.append(chart.grab().toImage())
    assert drawn[0] == drawn[1]
