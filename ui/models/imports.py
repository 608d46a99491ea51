"""The imports' tables: a preview's errors and conflicts (each with its line in the file and
its reason in the shop's language), and the list of recorded imports (Tools › Imports)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, Qt

from gestco.imports.records import ImportProblem
from gestco.services.import_reports import ImportRecord, ImportReport
from ui.display import bidi, formatting
from ui.display.errors import describe
from ui.display.labels import QT_TRANSLATE_NOOP
from ui.models.base import RIGHT, ROW_ROLE, RowsTableModel

__all__ = ["ROW_ROLE", "ImportsModel", "ListColumn", "Problem", "ProblemColumn", "ProblemsModel"]

ERROR, CONFLICT = "error", "conflict"


class Problem(NamedTuple):
    """One row of the preview's table: an error or a conflict, its reason already in words."""

    kind: str  # ERROR or CONFLICT
    line_number: int
    record: str  # the order's reference in the file (orders), '' otherwise
    column: str
    value: str
    reason: str


def problems(report: ImportReport) -> list[Problem]:
    """The report's errors and conflicts, in the file's order (errors first on one line)."""

    def row(kind: str, found: ImportProblem) -> Problem:
        return Problem(
            kind,
            found.line_number,
            found.external_id,
            found.column,
            found.value,
            describe(found.as_error()),
        )

    rows = [row(ERROR, p) for p in report.problems]
    rows += [row(CONFLICT, p) for p in report.conflicts_found]
    return sorted(rows, key=lambda p: (p.line_number, p.kind != ERROR))


class ProblemColumn(IntEnum):
    LINE = 0
    KIND = 1
    RECORD = 2
    COLUMN = 3
    REASON = 4


class ProblemsModel(RowsTableModel):
    columns = ProblemColumn
    ltr_columns = frozenset({ProblemColumn.LINE, ProblemColumn.RECORD})
    name_columns = frozenset({ProblemColumn.COLUMN, ProblemColumn.REASON})

    def header(self, column: ProblemColumn) -> str:
        return {
            ProblemColumn.LINE: self.tr("Line"),
            ProblemColumn.KIND: self.tr("What"),
            ProblemColumn.RECORD: self.tr("Reference"),
            ProblemColumn.COLUMN: self.tr("Column"),
            ProblemColumn.REASON: self.tr("Reason"),
        }[column]

    def cell(self, item: Problem, column: ProblemColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                ProblemColumn.LINE: str(item.line_number),
                ProblemColumn.KIND: self.tr("Error") if item.kind == ERROR else self.tr("Conflict"),
                ProblemColumn.RECORD: item.record,
                ProblemColumn.COLUMN: item.column,
                ProblemColumn.REASON: item.reason,
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == ProblemColumn.REASON:
            return item.reason  # the whole reason, where the column cuts it
        if role == Qt.ItemDataRole.ToolTipRole and column == ProblemColumn.COLUMN and item.value:
            return self.tr("In the file: %1").replace("%1", bidi.name(item.value))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ProblemColumn.LINE:
            return RIGHT
        return None


KIND_LABELS = {
    "orders": QT_TRANSLATE_NOOP("imports", "Orders"),
    "clients": QT_TRANSLATE_NOOP("imports", "Clients"),
}


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("imports", KIND_LABELS.get(kind, kind))


class ListColumn(IntEnum):
    WHEN = 0
    OPERATOR = 1
    FILE = 2
    KIND = 3
    FORMAT = 4
    NEW = 5
    UPDATED = 6
    UNCHANGED = 7
    CONFLICTS = 8
    ERRORS = 9
    WRITTEN = 10


COUNTS = {
    ListColumn.NEW: "new",
    ListColumn.UPDATED: "updated",
    ListColumn.UNCHANGED: "unchanged",
    ListColumn.CONFLICTS: "conflicts",
    ListColumn.ERRORS: "errors",
}


class ImportsModel(RowsTableModel):
    """The recorded imports, newest first (as the core lists them)."""

    columns = ListColumn
    ltr_columns = frozenset({ListColumn.WHEN, *COUNTS})
    name_columns = frozenset({ListColumn.OPERATOR, ListColumn.FILE})

    def header(self, column: ListColumn) -> str:
        return {
            ListColumn.WHEN: self.tr("When"),
            ListColumn.OPERATOR: self.tr("Operator"),
            ListColumn.FILE: self.tr("File"),
            ListColumn.KIND: self.tr("Kind"),
            ListColumn.FORMAT: self.tr("Format"),
            ListColumn.NEW: self.tr("New"),
            ListColumn.UPDATED: self.tr("Updated"),
            ListColumn.UNCHANGED: self.tr("Unchanged"),
            ListColumn.CONFLICTS: self.tr("Conflicts"),
            ListColumn.ERRORS: self.tr("Errors"),
            ListColumn.WRITTEN: self.tr("Written"),
        }[column]

    def written(self, record: ImportRecord) -> str:
        if record.dry_run:
            return self.tr("No: a trial run")
        if not record.applied:
            return self.tr("No: refused for its errors")
        return self.tr("Valid ones only") if record.valid_only else self.tr("Yes")

    def cell(self, item: ImportRecord, column: ListColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column in COUNTS:
                return formatting.count(getattr(item, COUNTS[column]))
            return {
                ListColumn.WHEN: formatting.moment(item.at),
                ListColumn.OPERATOR: item.operator,
                ListColumn.FILE: item.file_name,
                ListColumn.KIND: kind_label(item.kind),
                ListColumn.FORMAT: format_label(item.format),
                ListColumn.WRITTEN: self.written(item),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == ListColumn.FILE:
            return f"{item.file_name}\nSHA-256 {item.sha256}\n{item.workstation}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in COUNTS:
            return RIGHT
        return None


FORMAT_LABELS = {
    "auto": QT_TRANSLATE_NOOP("imports", "Found from the file"),
    "shopify": "Shopify",
    "woocommerce": "WooCommerce",
    "gestco": "GESTCO",
    "google": "Google Contacts",
    "outlook": "Outlook",
    "vcard": "vCard",
}


def format_label(code: str) -> str:
    """A file format's name; only 'auto' is a word to translate (the others are names)."""
    if code == "auto":
        return QCoreApplication.translate("imports", FORMAT_LABELS["auto"])
    return FORMAT_LABELS.get(code, code)
