"""`gestco client export PHONE` and `gestco client anonymise PHONE`: a client's data rights
(Moroccan law 09-08, the GDPR; README, "The client relationship").

Export writes everything GESTCO holds about one client as JSON (default) or CSV, to stdout
or into --output (written beside it and renamed at the end; never the database or a backup,
as every export). Anonymise asks on the terminal first (the answer must be `yes`) unless
--yes; without a terminal it needs --yes. Exit 0 done, 1 declined (nothing changed), 2 bad
input (a phone nobody has, a bad option, no terminal to ask on).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from gestco.domain.errors import ValidationError

if TYPE_CHECKING:
    from gestco.services.export import Rows

EXIT_OK, EXIT_DECLINED = 0, 1


def add_commands(commands: Any) -> None:
    """The `client` subcommands, on the main parser's subparsers."""
    client = commands.add_parser(
        "client", help="one client's data rights: export all GESTCO holds, or anonymise"
    )
    actions = client.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help="everything GESTCO holds about one client, as JSON or CSV"
    )
    export.add_argument("phone", metavar="PHONE", help="the client's phone, in any writing")
    export.add_argument(
        "--format",
        choices=("json", "csv"),
        default=None,
        help="default: from the output file's extension, else json",
    )
    export.add_argument("--output", "-o", metavar="FILE", help="default: stdout")
    anonymise = actions.add_parser(
        "anonymise",
        help="replace a client's name, phone, e-mail and address for good; orders stay",
    )
    anonymise.add_argument("phone", metavar="PHONE", help="the client's phone, in any writing")
    anonymise.add_argument(
        "--yes", action="store_true", help="do not ask for confirmation (scripts)"
    )


def client_command(args: argparse.Namespace) -> int:
    if args.action == "export":
        return _export(args)
    return _anonymise(args)


def _export(args: argparse.Namespace) -> int:
    from gestco.cli.output import text_to_stdout
    from gestco.services import client_rights

    output = args.output
    fmt = args.format or ("csv" if (output or "").lower().endswith(".csv") else "json")
    if output is None and sys.stdout is None:
        raise ValidationError("--output", "There is no standard output here: add --output FILE.")
    client = client_rights.client_by_phone(args.phone)
    data = client_rights.client_data(client.id)
    if output:
        client_rights.write_client_data(output, data, fmt)
        print(f"{client.phone}: written to {output}", file=sys.stderr)
    else:
        write = client_rights.write_json if fmt == "json" else client_rights.write_csv
        text_to_stdout(lambda out: write(out, data))
    return EXIT_OK


def _anonymise(args: argparse.Namespace) -> int:
    from gestco.services import client_rights
    from gestco.services.clients import client_stats

    client = client_rights.client_by_phone(args.phone)
    if not args.yes:
        if sys.stdin is None or not sys.stdin.isatty():
            raise ValidationError(
                "--yes", "No terminal to confirm on: add --yes to anonymise this client."
            )
        name = client.display_name or client.phone
        print(
            f"Anonymise {name} ({client.phone})? Their name, phone, e-mail and address are"
            " replaced for good; their orders stay. This cannot be undone.",
            file=sys.stderr,
        )
        try:
            answer = input("Type yes to anonymise: ")
        except EOFError:
            answer = ""
        if answer.strip().lower() != "yes":
            print("gestco: not anonymised: nothing was changed", file=sys.stderr)
            return EXIT_DECLINED
    done = client_rights.anonymise_client(client.id)
    kept = client_stats(done.id).orders_count
    print(f"anonymised: now {done.phone}; {kept} order(s) kept")
    return EXIT_OK


def tagged_orders(table: str, tag: str) -> Callable[[], Rows]:
    """`export orders --tag T`: the rows of the orders of the clients holding T; checked
    before anything is written (a tag nobody has, or --tag on another table: exit 2)."""
    from gestco.services import export, relationship
    from gestco.services.order_table import OrderFilter

    if table != "orders":
        raise ValidationError("--tag", "--tag picks orders: gestco export orders --tag TAG.")
    if relationship.find_tag(tag) is None:
        raise ValidationError("--tag", "No client has the tag {tag}.", tag=tag)
    return lambda: export.order_rows(OrderFilter(tag=tag))
