"""Rows -> orders for the exports that write one row per line item (Shopify, WooCommerce's
one-row-per-item, GESTCO's CSV): consecutive rows with the same key are one order. Read as
the file streams; only the keys already seen are remembered, to catch an order whose rows
were split apart (a sorted spreadsheet): both parts are then refused, never half-imported."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from gestco.domain.errors import ValidationError
from gestco.domain.money import MAX_LINES
from gestco.imports.assembly import Checks
from gestco.imports.records import ImportProblem
from gestco.imports.table import Row, Table


@dataclass(frozen=True, slots=True)
class Group:
    key: str
    rows: tuple[Row, ...]
    overflow: bool  # more rows than an order may have lines: the rest were not kept


def grouped(
    rows: Iterable[Row | ImportProblem], key: Callable[[Row], str], key_column: str
) -> Iterator[Group | ImportProblem]:
    seen: set[str] = set()
    current: list[Row] = []
    current_key = ""
    overflow = False
    for row in rows:
        if isinstance(row, ImportProblem):
            # A line the CSV reader could not split: it cannot say its order, so the order
            # being read is refused with it (its line may have been one of that order's).
            yield replace(row, external_id=current_key) if current_key else row
            continue
        row_key = key(row)
        if row.problem is not None:
            yield replace(row.problem, external_id=row_key or current_key)
            continue
        if not row_key:
            yield ImportProblem(
                row.line_number,
                "This row has no order reference ({column}): every row names its order.",
                {"column": key_column},
                column=key_column,
            )
            continue
        if row_key == current_key:
            if len(current) <= MAX_LINES:
                current.append(row)
            else:
                overflow = True
            continue
        if current:
            yield Group(current_key, tuple(current), overflow)
        if row_key in seen:
            yield ImportProblem(
                row.line_number,
                "The rows of order {order} are not together in the file: keep each order's"
                " rows one after the other (sort by {column}).",
                {"order": row_key, "column": key_column},
                column=key_column,
                value=row_key,
                external_id=row_key,
            )
            current, current_key = [], ""
            continue
        seen.add(row_key)
        current, current_key, overflow = [row], row_key, False
    if current:
        yield Group(current_key, tuple(current), overflow)


def order_cell(
    checks: Checks, table: Table, group: Group, key: str, *, on_every_row: bool = False
) -> tuple[str, str]:
    """(column name, value) of an order-level column: the first row's. A later row that
    says something else (two orders under one reference) is a problem; Shopify leaves the
    order's cells empty after its first row, which is fine."""
    name = table.name(key)
    value = group.rows[0].cells.get(key, "")
    for row in group.rows[1:]:
        other = row.cells.get(key, "")
        if other and other != value:
            checks.fail(
                row.line_number,
                ValidationError(
                    name,
                    "This row says {value} where the order's first row (line {line}) says"
                    " {first}: are these two orders?",
                    value=other,
                    line=group.rows[0].line_number,
                    first=value or "—",
                ),
                value=other,
            )
            break
    return name, value


def check_overflow(checks: Checks, group: Group) -> None:
    if group.overflow:
        checks.fail(
            group.rows[0].line_number,
            ValidationError("lines", "An order has at most {n} lines.", n=MAX_LINES),
        )


def first_row_cells(table: Table, group: Group, keys: Sequence[str]) -> dict[str, str]:
    return {key: group.rows[0].cells.get(key, "") for key in keys if table.has(key)}
