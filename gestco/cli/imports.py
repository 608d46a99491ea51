"""`gestco import orders|clients FILE` and `gestco import list`: files from shops, call centres
and contacts programs into GESTCO (docs/import-format.md; README, "Importing").

The counts and each error (its line in the file: the reason) go to stdout. Exit 0: every
record went in (a dry run: would go in); 1: some had errors (without --valid-only nothing
was written); 2: the file cannot be read at all (or a wrong option).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from gestco.imports.records import CLIENT_FORMATS, ORDER_FORMATS, ImportFileError
from gestco.services.import_reports import ImportReport

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def add_commands(commands: Any) -> None:
    """The `import` subcommands, on the main parser's subparsers."""
    imports = commands.add_parser(
        "import", help="orders from a shop's or a call centre's file, clients from contacts"
    )
    kinds = imports.add_subparsers(dest="kind", metavar="WHAT", required=True)
    orders = kinds.add_parser("orders", help="a Shopify, WooCommerce or GESTCO file of orders")
    orders.add_argument("file", metavar="FILE")
    orders.add_argument("--format", choices=("auto", *ORDER_FORMATS), default="auto")
    clients = kinds.add_parser(
        "clients", help="GESTCO's, Google Contacts' or Outlook's CSV, or vCards"
    )
    clients.add_argument("file", metavar="FILE")
    clients.add_argument("--format", choices=("auto", *CLIENT_FORMATS), default="auto")
    for parser in (orders, clients):
        parser.add_argument(
            "--dry-run", action="store_true", help="say what it would do; write nothing"
        )
        parser.add_argument(
            "--valid-only",
            action="store_true",
            help="import the valid records and leave the others (default: all or nothing)",
        )
    kinds.add_parser("list", help="every import: when, who, which file, what it found")


def import_command(args: argparse.Namespace) -> int:
    if args.kind == "list":
        return _list()
    from gestco.services import client_imports, order_imports

    service = order_imports if args.kind == "orders" else client_imports
    try:
        report = service.run(
            args.file, args.format, valid_only=args.valid_only, dry_run=args.dry_run
        )
    except ImportFileError as error:
        print(f"gestco: error: {error.message}", file=sys.stderr)
        return EXIT_UNREADABLE
    for line in report_lines(report):
        print(line)
    return EXIT_OK if report.all_in else EXIT_ERRORS


def report_lines(report: ImportReport) -> list[str]:
    """What an import found, as the command prints it."""
    what = report.kind
    lines = [f"{report.file_name}: {report.format}, sha256 {report.sha256[:16]}…"]
    for earlier in report.earlier:
        lines.append(
            f"this file was imported before: {earlier.at:%Y-%m-%d %H:%M} by {earlier.operator}"
        )
    lines.append(
        f"new {report.new}, updated {report.updated}, unchanged {report.unchanged},"
        f" conflicts {report.conflicts}, errors {report.errors}"
    )
    for problem in report.problems:
        where = f" ({problem.column})" if problem.column else ""
        lines.append(f"line {problem.line_number}: {problem.message}{where}")
    if report.problems_left_off:
        lines.append(f"... and {report.problems_left_off} more problems")
    for conflict in report.conflicts_found:
        lines.append(f"conflict, line {conflict.line_number}: {conflict.message}")
    if report.dry_run:
        lines.append("dry run: nothing was written")
    elif not report.applied:
        kept = report.new + report.updated
        lines.append(
            f"nothing was written: {report.errors} {what} with errors (fix them, or add"
            f" --valid-only to import the {kept} others)"
        )
    elif report.errors:
        lines.append(f"imported the valid {what}; the {report.errors} with errors were left out")
    return lines


def _list() -> int:
    from gestco.services.import_reports import list_imports

    for done in reversed(list_imports(limit=100_000)):  # oldest first, as `audit` lists
        how = "dry run" if done.dry_run else "imported" if done.applied else "refused"
        print(
            f"{done.id}\t{done.at:%Y-%m-%d %H:%M:%S}\t{done.operator}\t{done.kind}"
            f"\t{done.format}\t{done.file_name}\t{how}\tnew {done.new}, updated {done.updated},"
            f" unchanged {done.unchanged}, conflicts {done.conflicts}, errors {done.errors}"
            f"\t{done.sha256}"
        )
    return EXIT_OK
