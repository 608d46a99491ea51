"""`gestco export orders|clients|reorder|invoices`: the machine form of a table, on stdout or
into --output (written beside the file, renamed at the end: an interrupted export leaves
nothing). CSV, XLSX, and vCards 3.0 for the clients."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from gestco.cli import clients, invoices
from gestco.cli.output import Progress, csv_to_stdout, vcards_to_stdout
from gestco.domain.errors import ValidationError

EXIT_OK = 0


def add_command(commands: Any) -> None:
    export = commands.add_parser(
        "export", help="write orders or clients as CSV or XLSX (clients as vCards too)"
    )
    export.add_argument("table", choices=("orders", "clients", "reorder", "invoices"))
    export.add_argument(
        "--format",
        choices=("csv", "xlsx", "vcard"),
        default=None,
        help="default: from the output file's extension, else csv (vcard: clients only)",
    )
    export.add_argument("--output", "-o", metavar="FILE", help="default: stdout (CSV only)")
    export.add_argument(
        "--tag", metavar="TAG", help="orders only: those of the clients holding this tag"
    )
    export.add_argument(
        "--from", dest="since", metavar="YYYY-MM-DD", help="invoices issued from this day"
    )
    export.add_argument("--to", dest="until", metavar="YYYY-MM-DD", help="...up to this day")


def export_command(args: argparse.Namespace) -> int:
    """The machine form on stdout or into --output (written beside it, renamed at the end)."""
    from gestco.services import export

    fmt = args.format or _format_of(args.output or "")
    if fmt == "vcard":
        return _export_vcards(args)
    if fmt == "xlsx" and not args.output:
        raise ValidationError("--output", "XLSX needs a file: add --output FILE.xlsx.")
    if args.output is None and sys.stdout is None:
        raise ValidationError("--output", "There is no standard output here: add --output FILE.")
    if (args.since or args.until) and args.table != "invoices":
        raise ValidationError("--from", "--from and --to choose invoices: export invoices.")
    columns, rows = {
        "orders": (export.ORDER_COLUMNS, export.order_rows),
        "clients": (export.CLIENT_COLUMNS, export.client_rows),
        "reorder": (export.REORDER_COLUMNS, export.reorder_rows),
        "invoices": invoices.export_source(args),
    }[args.table]
    if args.tag is not None:
        rows = clients.tagged_orders(args.table, args.tag)
    progress = Progress()
    if args.output:
        export.write_file(
            args.output, columns, rows(), fmt=fmt, sheet=args.table, progress=progress.rows
        )
    else:
        csv_to_stdout(columns, rows())
    progress.done()
    return EXIT_OK


def _format_of(output: str) -> str:
    name = output.lower()
    return "xlsx" if name.endswith(".xlsx") else "vcard" if name.endswith(".vcf") else "csv"


def _export_vcards(args: argparse.Namespace) -> int:
    """The clients as vCards 3.0, on stdout or into --output (written beside, renamed)."""
    from gestco.services import export_vcard

    if args.table != "clients":
        raise ValidationError(
            "--format", "vCards hold clients: gestco export clients --format vcard."
        )
    if args.output is None and sys.stdout is None:
        raise ValidationError("--output", "There is no standard output here: add --output FILE.")
    progress = Progress()
    cards = export_vcard.client_cards()
    if args.output:
        export_vcard.write_vcard_file(args.output, cards, progress=progress.rows)
    else:
        vcards_to_stdout(cards)
    progress.done()
    return EXIT_OK
