"""`gestco check`'s invariant over the daily figures (issue 20; storage.daily_figures), in the
form of gestco.maintenance.checks.INVARIANTS (which includes them): for each daily table, the
rows the orders give that the table does not hold, and the rows it holds that the orders do
not give (rows summing to nothing left aside). Each a grouped pass, no subquery per row.
`gestco check --rebuild-figures` sums them again from the orders."""

from __future__ import annotations

from typing import Any

from gestco.storage.daily_figures import SUMMARIES

_SAID = {
    "daily_sales": "day {0}, channel {1}, source '{2}', operator '{3}'",
    "daily_products": "day {0}, product {1}",
    "daily_statuses": "day {0}, status {1}",
}


def _invariants() -> list[tuple[str, Any, str]]:
    found = []
    for summary in SUMMARIES:
        table = summary.model._meta.table_name
        width = len(summary.key)
        sums = ", ".join("{" + str(i) + "}" for i in range(width, width + len(summary.sums)))
        key = _SAID[table]
        found.append(
            (
                f"{table} missing",
                summary.recomputed() - summary.stored(),
                key + " sums (" + sums + ") in the orders, not in the daily figures",
            )
        )
        found.append(
            (
                f"{table} extra",
                summary.stored() - summary.recomputed(),
                key + " has (" + sums + ") in the daily figures, not in the orders",
            )
        )
    return found


FIGURE_INVARIANTS = tuple(_invariants())
