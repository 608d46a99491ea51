"""Backups of a PostgreSQL server's GESTCO database with PostgreSQL's own tools: `pg_dump`
writes a consistent snapshot (one transaction, others go on writing) in its custom format,
`pg_restore --list` reads it back as the check, and a restore runs `pg_restore` in ONE
transaction, after a dump of the current state is kept beside it (as the file restore keeps
the previous file). The password goes to the tools in their environment, never on their
command line (which every user of the machine can read) and never into a log."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from gestco.domain.errors import DatabaseError
from gestco.storage.migrations import ADDED_AFTER_V1, DATA_TABLES, SCHEMA_VERSION
from gestco.storage.snapshots import shop_id_of, write_checked

SUFFIX = ".dump"
TOOLS_ENV = "GESTCO_PG_BIN"  # a folder holding pg_dump/pg_restore, when not on the PATH
# The tables a GESTCO archive holds the data of in every schema version (a dump taken before
# a migration has an older schema); gestco_meta holds the server's schema version.
TABLES = ("gestco_meta", *(t for t in DATA_TABLES if t not in ADDED_AFTER_V1))
# Where installers put the tools when they are not on the PATH (Debian's server package,
# the Windows installer from postgresql.org).
_USUAL_PLACES = ("/usr/lib/postgresql/*/bin", "C:/Program Files/PostgreSQL/*/bin")


def find_tool(name: str) -> Path | None:
    """pg_dump or pg_restore: GESTCO_PG_BIN, then the PATH, then the newest usual install."""
    exe = name + (".exe" if os.name == "nt" else "")
    chosen = os.environ.get(TOOLS_ENV)
    if chosen:
        return Path(chosen, exe) if Path(chosen, exe).is_file() else None
    found = shutil.which(name)
    if found:
        return Path(found)
    candidates = [Path(folder, exe) for pattern in _USUAL_PLACES for folder in glob.glob(pattern)]
    existing = sorted((p for p in candidates if p.is_file()), key=_major_version)
    return existing[-1] if existing else None


def _major_version(tool: Path) -> int:
    digits = "".join(ch for ch in tool.parent.parent.name if ch.isdigit())
    return int(digits) if digits else 0


def available() -> bool:
    return find_tool("pg_dump") is not None and find_tool("pg_restore") is not None


def _tool(name: str) -> Path:
    tool = find_tool(name)
    if tool is None:
        raise DatabaseError(
            "{tool} was not found on this computer: install PostgreSQL's client tools, or set "
            "GESTCO_PG_BIN to the folder that holds them.",
            tool=name,
        )
    return tool


def _without_password(url: str) -> tuple[str, dict[str, str]]:
    """The URL without its password, and the environment that carries the password."""
    parts = urlsplit(url)
    env = {**os.environ}
    if parts.password is None:
        return url, env
    env["PGPASSWORD"] = unquote(parts.password)  # a URL spells "@" as %40; libpq wants "@"
    netloc = parts.netloc.rsplit("@", 1)[1]
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment)), env


def _run(name: str, args: list[str], url: str) -> subprocess.CompletedProcess[str]:
    conninfo, env = _without_password(url)
    command = [str(_tool(name)), *args, f"--dbname={conninfo}"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=3600)
    except (OSError, subprocess.SubprocessError) as exc:
        raise DatabaseError("{tool} could not run: {reason}.", tool=name, reason=str(exc)) from None
    if result.returncode != 0:
        raise DatabaseError(
            "{tool} failed: {reason}.", tool=name, reason=_first_error(result.stderr)
        )
    return result


def _first_error(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    first = (errors or lines or ["no message"])[0].rstrip(".")
    return first.split("error: ", 1)[-1]  # "pg_dump: error: …": the tool is named already


def make_backup(url: str, directory: Path, *, label: str = "", now: datetime | None = None) -> Path:
    """Dump the server's database into `directory` and check the archive; returns its path."""

    def dump(partial: Path) -> None:
        options = ["--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"]
        _run("pg_dump", options, url)

    return write_checked(
        directory,
        dump,
        check_archive,
        label=label,
        suffix=SUFFIX,
        shop_id=shop_id_of(url),
        now=now or datetime.now(),
    )


def check_archive(path: Path) -> list[str]:
    """[] when pg_restore reads the whole archive (its table of contents, then every byte of
    data, written nowhere) and it holds the data of every GESTCO table; else what is wrong."""
    tool = find_tool("pg_restore")
    if tool is None:
        return ["pg_restore was not found on this computer"]
    try:
        listing = subprocess.run(
            [str(tool), "--list", str(path)], capture_output=True, text=True, timeout=600
        )
        if listing.returncode != 0:  # no table of contents: not an archive at all
            reason = _first_error(listing.stderr)
            return [f"it is not a backup made by gestco backup; pg_restore: {reason}"]
        read = subprocess.run(
            [str(tool), f"--file={os.devnull}", str(path)],
            capture_output=True,
            text=True,
            timeout=3600,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return [str(exc)]
    if read.returncode != 0:
        return [_first_error(read.stderr)]
    with_data = {
        line.split()[-2]
        for line in listing.stdout.splitlines()
        if " TABLE DATA " in line and not line.startswith(";")
    }
    missing = [table for table in TABLES if table not in with_data]
    if missing:
        return [f"no data for {', '.join(missing)}"]
    return _version_problem(tool, path)


def _version_problem(tool: Path, path: Path) -> list[str]:
    """[] when the archive's schema version (its gestco_meta row) is one this program
    opens: a newer server's dump is refused before anything is changed."""
    try:
        data = subprocess.run(
            [str(tool), "--data-only", "--table=gestco_meta", "--file=-", str(path)],
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return [str(exc)]
    versions = [
        int(fields[1])
        for line in data.stdout.splitlines()
        if len(fields := line.split("\t")) == 2
        and fields[0] == "schema_version"
        and fields[1].isdigit()
    ]
    if not versions:
        return ["no GESTCO schema version in it"]
    if versions[0] > SCHEMA_VERSION:
        return [
            f"it was written by a newer GESTCO (schema {versions[0]}; this one knows up to"
            f" {SCHEMA_VERSION})"
        ]
    return []


def restore(dump: Path, url: str, aside_dir: Path, *, now: datetime | None = None) -> Path:
    """Replace the server database's content with the archive `dump`, in one transaction
    (a failure leaves it as it was). The current content is dumped first into `aside_dir`;
    returns that dump. Other workstations should be closed meanwhile: they would wait."""
    problems = check_archive(dump)
    if problems:
        raise DatabaseError("This backup cannot be restored: {problem}.", problem=problems[0])
    aside = make_backup(url, aside_dir, label="before-restore", now=now)
    _run(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(dump),
        ],
        url,
    )
    return aside
