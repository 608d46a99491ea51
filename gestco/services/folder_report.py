"""The report a watched folder's file gets beside it (`<name>.report.txt`, in done/ or
failed/): what was done, the counts, and each refused order with its line in the file and
the reason in plain words, then what to do. Plain UTF-8 text, as the import command says it
(English, as the command's output)."""

from __future__ import annotations

import textwrap
from datetime import datetime

from gestco.imports.records import ImportProblem
from gestco.services.import_reports import ImportRecord, ImportReport

TITLE = "GESTCO - watched folder"


def _head(file_name: str, sha256: str, at: datetime, by: str) -> list[str]:
    return [
        TITLE,
        f"File:     {file_name}",
        f"SHA-256:  {sha256}",
        f"Read:     {at:%Y-%m-%d %H:%M:%S} by {by}",
    ]


def _problem(found: ImportProblem) -> str:
    where = f" (column {found.column}" + (f": {found.value!r})" if found.value else ")")
    order = f" [order {found.external_id}]" if found.external_id else ""
    return f"  line {found.line_number}{order}: {found.message}" + (where if found.column else "")


def report_text(report: ImportReport, at: datetime, by: str) -> str:
    went_in = report.new + report.updated
    lines = _head(report.file_name, report.sha256, at, by)
    lines.append(f"Format:   {report.format}")
    for earlier in report.earlier[:-1] if report.applied else report.earlier:
        lines.append(
            f"This file was imported before: {earlier.at:%Y-%m-%d %H:%M} by {earlier.operator}"
            " (the orders already in GESTCO were recognised, not imported twice)."
        )
    lines += [
        "",
        f"Orders imported: {went_in} (new {report.new}, updated {report.updated})",
        f"Unchanged:       {report.unchanged} (in GESTCO already, as the file says)",
        f"Conflicts:       {report.conflicts} (GESTCO's status kept)",
        f"Refused:         {report.errors} (not imported)",
    ]
    if report.problems:
        lines += ["", "Refused orders, each with its line in the file:"]
        lines += [_problem(p) for p in report.problems]
        if report.problems_left_off:
            lines.append(f"  ... and {report.problems_left_off} more problems")
    if report.conflicts_found:
        lines += ["", "Conflicts (the order is left as GESTCO has it):"]
        lines += [_problem(c) for c in report.conflicts_found]
    lines.append("")
    if report.errors:
        lines += [
            "The file was moved to failed/: fix the refused orders (in the shop, in the file,"
            " or add the missing products to the catalogue), then drop the file in the"
            " folder again. The orders already imported are recognised and never imported"
            " twice.",
        ]
    else:
        lines.append("Every order went in. The file was moved to done/.")
    return _joined(lines)


def duplicate_text(
    file_name: str, sha256: str, earlier: ImportRecord, at: datetime, by: str
) -> str:
    lines = _head(file_name, sha256, at, by)
    lines += [
        "",
        "This very file (the same SHA-256) was imported before:"
        f" {earlier.at:%Y-%m-%d %H:%M} by {earlier.operator} on {earlier.workstation}"
        f" (new {earlier.new}, updated {earlier.updated}, unchanged {earlier.unchanged},"
        f" conflicts {earlier.conflicts}, errors {earlier.errors}).",
        "Nothing was imported again. The file was moved to done/.",
    ]
    return _joined(lines)


def unreadable_text(file_name: str, sha256: str, reason: str, at: datetime, by: str) -> str:
    lines = _head(file_name, sha256, at, by)
    lines += [
        "",
        "GESTCO cannot read this file as orders, and imported nothing from it:",
        f"  {reason}",
        "",
        "The file was moved to failed/. GESTCO reads Shopify's and WooCommerce's orders"
        " exports and its own CSV or JSON format (docs/import-format.md): export the orders"
        " again in one of them and drop that file in the folder.",
    ]
    return _joined(lines)


def _joined(lines: list[str]) -> str:
    """The lines, the long prose ones wrapped for a text editor without line wrapping."""
    out: list[str] = []
    for line in lines:
        indent = "    " if line.startswith("  ") else ""
        out.extend(textwrap.wrap(line, 90, subsequent_indent=indent) or [""])
    return "\n".join(out) + "\n"
