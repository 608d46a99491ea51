"""GESTCO's charts: a small adapter of our own over QtCharts (PySide6-Addons).

The screens give plain Python data (labels, values, how a value is written) and never touch
a QtCharts class, so a later Qt (Qt Graphs, or a painter of our own) replaces this package
alone. Readable colours (Okabe and Ito's, told apart by colour-blind people too), the value
under the mouse in a tooltip, axis labels in the UI's language (the screen's formatter), and
right to left: the bars run from the right when the widget's layout direction says so.
"""

from ui.charts.bars import BarChart, ShareChart

__all__ = ["BarChart", "ShareChart"]
