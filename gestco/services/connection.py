"""The database connection screen's work: test a server without changing anything, and copy
this workstation's own file into an empty server (`gestco migrate-to -` in its own process,
the URL on its stdin so the password is never on a command line)."""

from __future__ import annotations

from gestco.domain.errors import DatabaseError
from gestco.domain.permissions import Permission
from gestco.services import session
from gestco.storage import postgres
from gestco.workstation import server_choice
from gestco.workstation.folders import default_database_path
from gestco.workstation.server_choice import ServerConnection, stored_password


def test_connection(server: ServerConnection, password: str) -> int | None:
    """Connect without changing anything (the settings screen's Test button): the GESTCO
    schema version found, or None for a database GESTCO will set up at its first start.
    An empty `password` tries the stored one. Raises DatabaseError saying what is wrong."""
    return postgres.probe_server(server.url(password or stored_password(server)))


def copy_own_file_command() -> list[str]:
    """The command that copies this workstation's own file into a server (`gestco
    migrate-to -`, the URL on its stdin): run apart, so the open window's database stays
    bound to the file and the copy cannot touch it."""
    import sys

    program = (
        [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "gestco"]
    )
    return [*program, "--db", str(default_database_path()), "migrate-to", "-"]


def use_server(server: ServerConnection, password: str) -> bool:
    """Point this workstation at `server` from the next start (admins; before anyone signs
    in, the start-up screens may: session.require_if_signed_in). Returns whether the password
    went to the keyring (server_choice.use_server)."""
    session.require_if_signed_in(Permission.DATABASE_CONNECTION)
    return server_choice.use_server(server, password)


def use_own_file() -> None:
    """Point this workstation back at its own file from the next start (as use_server)."""
    session.require_if_signed_in(Permission.DATABASE_CONNECTION)
    server_choice.use_own_file()


def copy_own_file(server: ServerConnection, password: str) -> str:
    """Copy this workstation's file into the (empty) server database and verify it; returns
    the command's summary line. Raises DatabaseError with the command's own message."""
    import subprocess

    session.require_if_signed_in(Permission.DATABASE_CONNECTION)

    url = server.url(password or stored_password(server))
    try:
        done = subprocess.run(
            copy_own_file_command(),
            input=url + "\n",
            capture_output=True,
            text=True,
            timeout=6 * 3600,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise DatabaseError("The copy could not run: {reason}.", reason=str(exc)) from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        reason = lines[-1].removeprefix("gestco: error: ") if lines else "no message"
        raise DatabaseError("The copy to the server failed: {reason}", reason=reason)
    return done.stdout.strip()
