"""`gestco user ...` and `gestco audit ...`: operators and the audit trail from the command line.

The CLI is the machine owner's tool (whoever can read the database file can read the data):
it acts as `cli:<login>` with admin rights, and the audit trail records its changes under
that name. Passwords are asked twice on a terminal (never echoed), or read as one line from
stdin with --password-stdin; they are never printed, logged or put on a command line.
What the trail and the operators hold is printed with its invisible characters escaped
(gestco.domain.text.visible): one event is one line, and a name cannot hide terminal codes.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from typing import Any

from gestco.cli.output import csv_to_stdout
from gestco.domain.errors import ValidationError
from gestco.domain.permissions import Role
from gestco.domain.text import visible


def add_commands(commands: Any) -> None:
    """The `user` and `audit` subcommands, on the main parser's subparsers."""
    user = commands.add_parser("user", help="operators: add, list, passwords, roles, disable")
    actions = user.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add an operator (asks the password twice)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=[str(r) for r in Role])
    add.add_argument("--name", default="", help="the name shown (default: the username)")
    _password_stdin(add)
    actions.add_parser("list", help="username, name, role, active, last sign-in (never a hash)")
    passwd = actions.add_parser("passwd", help="set an operator's password")
    passwd.add_argument("username")
    _password_stdin(passwd)
    role = actions.add_parser("role", help="change an operator's role")
    role.add_argument("username")
    role.add_argument("role", choices=[str(r) for r in Role])
    pin = actions.add_parser("pin", help="set an operator's PIN (4 to 6 digits), or remove it")
    pin.add_argument("username")
    given = pin.add_mutually_exclusive_group()
    given.add_argument(
        "--pin-stdin", action="store_true", help="read the PIN as one line from stdin"
    )
    given.add_argument("--remove", action="store_true", help="the operator has no PIN any more")
    disable = actions.add_parser("disable", help="an operator can no longer sign in")
    disable.add_argument("username")
    enable = actions.add_parser("enable", help="a disabled operator can sign in again")
    enable.add_argument("username")
    unlock = actions.add_parser(
        "unlock", help="clear an operator's wrong passwords and PINs, and so their sign-in delay"
    )
    unlock.add_argument("username")

    audit = commands.add_parser("audit", help="the audit trail: who changed what, when, where")
    audit.add_argument("--since", metavar="YYYY-MM-DD", help="from this day on")
    audit.add_argument("--operator", metavar="USERNAME")
    audit.add_argument("--format", choices=("text", "csv"), default="text")


def _password_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password as one line from stdin (scripts; not echoed anywhere)",
    )


def _new_password(args: argparse.Namespace) -> str:
    return _new_secret(args.password_stdin, field="password")


def _new_secret(from_stdin: bool, *, field: str) -> str:
    """A new password or PIN: one line of stdin, or asked twice on the terminal."""
    if from_stdin:
        if sys.stdin is None:
            raise ValidationError(field, "There is no standard input to read from.")
        return _stdin_line(field)
    if sys.stdin is None or not sys.stdin.isatty():
        if field == "pin":
            raise ValidationError(field, "No terminal to ask the PIN on: give it with --pin-stdin.")
        raise ValidationError(
            field, "No terminal to ask the password on: give it with --password-stdin."
        )
    word = "PIN" if field == "pin" else "Password"
    try:
        first = getpass.getpass(f"{word}: ")
        again = getpass.getpass(f"{word} again: ")
    except EOFError:  # Ctrl+D at the prompt
        print(file=sys.stderr)
        raise ValidationError(field, "Nothing was typed: nothing was changed.") from None
    if again != first:
        if field == "pin":
            raise ValidationError(field, "The two PINs differ: nothing was changed.")
        raise ValidationError(field, "The two passwords differ: nothing was changed.")
    return first


def _stdin_line(field: str) -> str:
    """One line of stdin as strict UTF-8: the text layer would turn an undecodable byte
    into a lone surrogate (a password that cannot be hashed) or a replacement character
    (a password nobody could type again)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        return sys.stdin.readline().rstrip("\r\n")
    try:
        return buffer.readline().decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        raise ValidationError(
            field, "Standard input is not UTF-8 text: nothing was changed."
        ) from None


def user_command(args: argparse.Namespace) -> int:
    from gestco.services import operators

    if args.action == "list":
        _print_operators(operators.list_operators())
        return 0
    if args.action == "add":
        password = _new_password(args)
        made = operators.create_operator(
            args.username, role=args.role, password=password, display_name=args.name
        )
        print(f"{made.username} ({made.role}) added")
    elif args.action == "passwd":
        operators.get_operator(args.username)  # a mistyped name says so before asking
        changed = operators.set_password(args.username, _new_password(args))
        print(f"{changed.username}: password changed")
    elif args.action == "role":
        changed = operators.set_role(args.username, args.role)
        print(f"{changed.username} is now {changed.role}")
    elif args.action == "pin":
        operators.get_operator(args.username)  # a mistyped name says so before asking
        if args.remove:
            changed = operators.set_pin(args.username, None)
            print(f"{changed.username}: PIN removed")
        else:
            changed = operators.set_pin(args.username, _new_secret(args.pin_stdin, field="pin"))
            print(f"{changed.username}: PIN set")
    elif args.action in ("disable", "enable"):
        changed = operators.set_active(args.username, args.action == "enable")
        print(f"{changed.username} {args.action}d")
    elif args.action == "unlock":
        failures = operators.wrong_attempts(args.username)
        changed = operators.unlock(args.username)
        print(f"{changed.username}: {failures} wrong attempt(s) cleared; no sign-in delay")
    return 0


def _print_operators(found: list[Any]) -> None:
    rows = [("username", "name", "role", "active", "last sign-in")]
    for o in found:
        last = o.last_sign_in_at.isoformat(sep=" ") if o.last_sign_in_at else "never"
        shown = (visible(o.username), visible(o.display_name))
        rows.append((*shown, str(o.role), "yes" if o.active else "no", last))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def audit_command(args: argparse.Namespace) -> int:
    from gestco.services import audit

    since = None
    if args.since:
        try:
            since = date.fromisoformat(args.since)
        except ValueError:
            raise ValidationError("since", "Give the day as YYYY-MM-DD.") from None
    flt = audit.AuditFilter(operator=args.operator or "", since=since)
    if args.format == "csv":
        csv_to_stdout(audit.AUDIT_COLUMNS, audit.audit_rows(flt))
        return 0
    _total, rows = audit.audit_rows(flt)
    for row in rows:
        print(_line(row))
    return 0


def _line(row: list[Any]) -> str:
    """One event as a line: when, who@where, what, the change."""
    _id, at, who, where, kind, _entity, _rid, label, field, old, new, approved, note = row
    text = f"{at:%Y-%m-%d %H:%M:%S}  {visible(who)}@{visible(where)}  {visible(kind)}"
    if label:
        text += f" {visible(label)}"
    if field:
        text += f" {visible(field)}: {_short(old) or '-'} -> {_short(new) or '-'}"
    if approved:
        text += f" (approved by {visible(approved)})"
    if note:
        text += f" [{_short(note)}]"
    return text


def _short(value: str | None) -> str:
    """A value on the line: a multi-line one (an address) joined by ' | ', whatever else
    is not shown as itself escaped, cut at 80 characters."""
    if not value:
        return ""
    flat = visible(" | ".join(value.splitlines()))
    return flat if len(flat) <= 80 else flat[:77] + "..."
