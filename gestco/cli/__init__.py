"""The headless admin commands: `gestco [--db PATH] demo|check|export|user|audit ...`.

Results go to stdout (pipeable), progress and errors to stderr. Errors are one line and
a non-zero exit code, never a traceback. Never imports Qt.

Every command acts as `cli:<login>` with admin rights: the CLI is the machine owner's tool
(whoever can read the database file can read the data), and the history rows and audit
trail name it so. Each family of commands has its module: `export` in gestco.cli.exports,
`user` and `audit` in gestco.cli.staff, `payment`, `invoice`, `import`, `client`, `watch`,
`report` in theirs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gestco import __version__
from gestco.cli import clients, exports, imports, invoices, payments, report, staff, watch
from gestco.cli.output import Progress, silence_stdout
from gestco.domain.errors import DatabaseError, GestcoError, ValidationError
from gestco.domain.text import visible
from gestco.maintenance import backups
from gestco.storage import binding, opening
from gestco.workstation.addresses import shown_database
from gestco.workstation.folders import current_user, data_dir
from gestco.workstation.server_choice import DB_ENV, resolve_database

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_DATABASE, EXIT_UNEXPECTED = 0, 1, 2, 3, 70
COMMANDS = (
    "demo",
    "check",
    "export",
    "bench",
    "backup",
    "restore",
    "migrate-to",
    "user",
    "audit",
    "import",
    "payment",
    "invoice",
    "watch",
    "client",
    "report",
)


@dataclass(frozen=True, slots=True)
class Extension:
    """A command another package adds to these (the window's package: `gestco document`,
    which renders with Qt, so the core cannot hold it): its parser, and its handler, run
    like the core's own (signed in as the owner, the database open, the same errors and
    exit codes)."""

    add_parser: Callable[[Any], None]
    handler: Callable[[argparse.Namespace], int]


def build_parser(extensions: Mapping[str, Extension] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gestco",
        description="GESTCO order management. Without a command, starts the application.",
    )
    parser.add_argument("--version", action="version", version=f"GESTCO {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: $GESTCO_DB, then the per-user data directory)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill an empty database with realistic demo data")
    demo.add_argument("--clients", type=int, default=2000)
    demo.add_argument("--orders", type=int, default=5000)
    demo.add_argument("--products", type=int, default=48)
    demo.add_argument("--seed", type=int, default=1)

    check = commands.add_parser("check", help="verify the file and the shop's invariants")
    check.add_argument(
        "--rebuild-figures",
        action="store_true",
        help="first sum the daily figures again from the orders (when the check says so)",
    )

    backup = commands.add_parser(
        "backup", help="a checked copy of the database (a file: backup API; a server: pg_dump)"
    )
    backup.add_argument("--to", metavar="DIR", help="default: the data directory's backups")
    restore = commands.add_parser(
        "restore",
        help="check a backup, keep the current database aside, put the backup in its place"
        " (a server: pg_restore in one transaction)",
    )
    restore.add_argument("file", metavar="FILE")

    migrate_to = commands.add_parser(
        "migrate-to", help="copy this SQLite file into an empty PostgreSQL database, then verify"
    )
    migrate_to.add_argument(
        "url",
        metavar="URL",
        help="postgresql://user:password@host:5432/name, or - to read it from stdin (so the"
        " password is not on the command line, which every user of the machine can read)",
    )

    bench = commands.add_parser(
        "bench",
        help="measure the hot paths against the plain driver (on a scratch copy of an existing"
        " file; on a server, only an empty database)",
    )
    bench.add_argument("--orders", type=int, default=1_000_000)
    bench.add_argument("--clients", type=int, default=200_000)
    bench.add_argument("--json", action="store_true", help="one JSON object on stdout")
    bench.add_argument("--no-startup", action="store_true", help="skip the cold-start runs")
    bench.add_argument(
        "--import-orders",
        type=int,
        default=10_000,
        metavar="N",
        help="time an import of a file of N orders (0: skip it)",
    )
    exports.add_command(commands)
    staff.add_commands(commands)
    imports.add_commands(commands)
    payments.add_commands(commands)
    invoices.add_commands(commands)
    watch.add_command(commands)
    clients.add_commands(commands)
    report.add_command(commands)
    for extension in (extensions or {}).values():
        extension.add_parser(commands)
    return parser


def _demo(args: argparse.Namespace) -> int:
    from gestco.tools.demo import generate

    progress = Progress()
    summary = generate(
        clients=args.clients,
        orders=args.orders,
        products=args.products,
        seed=args.seed,
        progress=progress.stage,
    )
    progress.done()
    print(
        f"{summary.clients} clients, {summary.products} products, {summary.orders} orders "
        f"in {summary.seconds:.1f} s"
    )
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from gestco.maintenance.checks import run_checks

    if args.rebuild_figures:
        from gestco.services.figures import rebuild_daily_figures

        print(f"daily figures: {rebuild_daily_figures()} rows summed again from the orders")
    problems = run_checks()
    for line in problems:
        print(line)
    if problems:
        return EXIT_PROBLEMS
    print("ok")
    return EXIT_OK


def _bench(args: argparse.Namespace, target: str) -> int:
    import json

    from gestco.tools import bench

    result = bench.run_on(
        target,
        own=args.db is None and not os.environ.get(DB_ENV),
        orders_wanted=args.orders,
        clients_wanted=args.clients,
        progress=lambda text: print(f"bench: {text}", file=sys.stderr, flush=True),
        with_startup=not args.no_startup,
        import_orders=max(args.import_orders, 0),
    )
    print(json.dumps(result, indent=2) if args.json else bench.render(result))
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    from gestco.services.settings import get_setting
    from gestco.storage import binding

    path, removed = backups.back_up_and_rotate(
        binding.database_path(),
        Path(args.to) if args.to else None,
        keep_daily=int(get_setting("backup_keep_daily")),
        keep_weekly=int(get_setting("backup_keep_weekly")),
    )
    print(path)
    if removed:
        print(f"{len(removed)} older backup(s) rotated out", file=sys.stderr)
    return EXIT_OK


def _migrate_to(args: argparse.Namespace, source: Path) -> int:
    from gestco.maintenance.migrate_to import migrate_to

    if args.url == "-":
        args.url = sys.stdin.readline().strip()
        _check_urls(args, "")
    if not opening.is_url(args.url):
        raise ValidationError("url", "Give a postgresql://user:password@host:5432/name URL.")
    try:
        copied = migrate_to(
            source, args.url, lambda text: print(f"migrate-to: {text}", file=sys.stderr)
        )
    finally:
        binding.close_database()
    print(f"ok: {sum(copied.values()):,} rows copied and verified; {source} was not changed")
    return EXIT_OK


def _restore(args: argparse.Namespace, target: str) -> int:
    from gestco.maintenance import restore

    source = Path(args.file)
    if not source.is_file():
        raise ValidationError("file", "No backup at {path}.", path=str(source))
    if not opening.is_url(target):
        _say_both_sides(Path(target), source)
    try:
        aside = restore.restore_and_reopen(source, target).aside
    finally:
        binding.close_database()
    print(shown_database(target))
    if aside is not None:
        what = "content" if opening.is_url(target) else "file"
        print(f"the previous {what} was kept as {aside}", file=sys.stderr)
    return EXIT_OK


def _say_both_sides(current: Path, chosen: Path) -> None:
    """What is replaced and by what, on stderr, when the current file can be read."""
    from gestco.maintenance.restore import summary

    now, then = summary(current), summary(chosen)
    for name, side in (("current database", now), ("backup", then)):
        if side is not None:
            newest = f", newest {side.newest_number} of {side.newest_at}" if side.orders else ""
            print(f"{name}: {side.orders} orders{newest}", file=sys.stderr)


HANDLERS = {
    "demo": _demo,
    "check": _check,
    "export": exports.export_command,
    "backup": _backup,
    "user": staff.user_command,
    "audit": staff.audit_command,
    "import": imports.import_command,
    "payment": payments.payment_command,
    "invoice": invoices.invoice_command,
    "watch": watch.watch_command,
    "client": clients.client_command,
    "report": report.report_command,
}


def _database_for(args: argparse.Namespace) -> str:
    """The bench never runs on the shop's own file unless told to, and then on a copy."""
    if args.command == "bench" and args.db is None and not os.environ.get(DB_ENV):
        return str(data_dir() / f"bench-{args.orders}-{args.clients}.sqlite3")
    return resolve_database(args.db)


# Only these create the database they are pointed at; the others refuse a path where there
# is none (a mistyped --db must not become a new, empty shop). A restore puts a checked
# backup there, never an empty file.
CREATES_ITS_DATABASE = ("demo", "restore")


def _check_urls(args: argparse.Namespace, path: str) -> None:
    """A server URL goes to the driver as UTF-8 text: one holding a character that is not
    text (an undecodable byte of the command line, a control character) is refused here."""
    from gestco.domain.text import clean

    for url in (path, getattr(args, "url", "")):
        if url and url != "-" and opening.is_url(url):
            clean(url, field="url", max_length=2000)


def _one_line(message: str) -> str:
    """An error as one line of stderr: a driver's multi-line reason joined, and whatever
    else a terminal would not show as itself (an escape code in a typed name) escaped."""
    return visible(" ".join(part.strip() for part in message.splitlines()))


def main(
    argv: Sequence[str] | None = None, extensions: Mapping[str, Extension] | None = None
) -> int:
    parser = build_parser(extensions)
    handlers = {**HANDLERS, **{name: e.handler for name, e in (extensions or {}).items()}}
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stderr)
        print(
            "gestco: error: name a command (the application starts with `gestco` alone)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    path = ""
    from gestco.services import session

    session.sign_in_owner(f"cli:{current_user()}")  # the machine owner's tool: admin rights
    try:
        path = _database_for(args)
        _check_urls(args, path)
        if args.command == "restore":
            return _restore(args, path)  # works on a damaged or missing file too
        if args.command == "migrate-to":
            if opening.is_url(path):
                raise ValidationError("db", "migrate-to copies a SQLite file: name it with --db.")
            return _migrate_to(args, Path(path))  # the file is only read
        if args.command == "bench":
            return _bench(args, path)
        opening.open_database(path, create=args.command in CREATES_ITS_DATABASE)
        try:
            return handlers[args.command](args)
        finally:
            binding.close_database()
    except ValidationError as exc:
        print(f"gestco: error: {_one_line(exc.message)}", file=sys.stderr)
        return EXIT_USAGE
    except DatabaseError as exc:
        print(f"gestco: error: {_one_line(exc.message)}", file=sys.stderr)
        return EXIT_DATABASE
    except GestcoError as exc:
        print(f"gestco: error: {_one_line(exc.message)}", file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:
        silence_stdout()
        return EXIT_OK  # `gestco export orders | head`: the reader had enough
    except KeyboardInterrupt:
        print("gestco: interrupted; nothing was half-written", file=sys.stderr)
        return 130
    except OSError as exc:
        where = exc.filename or shown_database(path)
        print(f"gestco: error: {exc.strerror or exc}: {where}", file=sys.stderr)
        return EXIT_DATABASE
    except Exception as exc:  # the last line of defence: one line, never a traceback
        print(f"gestco: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_UNEXPECTED
