"""Checks made before GESTCO writes to a file: is it on a local disk, is it whole, is its
write-ahead log readable. Fast checks run at once; the full page check runs in the
background while writes wait (db.hold_writes)."""

from __future__ import annotations

import errno
import os
import sqlite3
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

from gestco.domain.errors import DamagedFileError, DatabaseError, FileUnavailableError
from gestco.storage import engine_errors, sqlite_files
from gestco.storage.engine_errors import Fault
from gestco.storage.migrations import DATA_TABLES

SQLITE_HEADER = b"SQLite format 3\x00"
WAL_MAGICS = (0x377F0682, 0x377F0683)
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smbfs",
        "smb3",
        "ncpfs",
        "afs",
        "9p",
        "fuse.sshfs",
        "sshfs",
        "fuse.gvfsd-fuse",
        "davfs",
        "fuse.davfs2",
        "glusterfs",
        "fuse.glusterfs",
        "ceph",
    }
)


@dataclass(frozen=True)
class FileProblem:
    kind: str  # zero_length, bad_header, truncated, bad_wal, unreadable, damaged
    detail: str


def network_reason(path: Path) -> str | None:
    """How `path` is on a network share (SQLite's locking is unreliable there), or None:
    "UNC", the drive ("Z:") or the file system ("nfs4"), words that need no translation."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return "UNC"
    if sys.platform == "win32":
        return _windows_remote_drive(path)
    fstype = _mount_type(path)
    if fstype in NETWORK_FILESYSTEMS:
        return fstype
    return None


def _windows_remote_drive(path: Path) -> str | None:
    import ctypes

    drive = os.path.splitdrive(str(path.resolve()))[0]
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    if drive and kernel32.GetDriveTypeW(drive + "\\") == 4:  # DRIVE_REMOTE
        return drive
    return None


def _mount_type(path: Path, mounts: str = "/proc/mounts") -> str | None:
    """The file-system type of the mount holding `path` (Linux), or None if unknown."""
    try:
        lines = Path(mounts).read_text().splitlines()
    except OSError:
        return None
    target = str(path.resolve(strict=False))
    best, best_type = "", None
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    return best_type


def inspect(path: Path) -> FileProblem | None:
    """The checks that take milliseconds, made before anything is written."""
    if not path.exists():
        return None  # a new database will be created
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        return FileProblem("unreadable", str(exc.strerror or exc))
    if size == 0:
        return FileProblem("zero_length", "the file is empty (0 bytes)")
    if header[:16] != SQLITE_HEADER:
        return FileProblem("bad_header", "the file does not start like an SQLite database")
    if len(header) < 100:
        return FileProblem("truncated", "the file stops inside its header")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages = struct.unpack(">I", header[28:32])[0]
    if page_size < 512 or page_size & (page_size - 1):
        return FileProblem("bad_header", f"impossible page size {page_size}")
    wal = Path(f"{path}-wal")
    wal_problem = _inspect_wal(wal)
    if wal_problem is not None:
        return wal_problem
    if wal.exists() and wal.stat().st_size > 0:
        # A checkpoint cut short (a kill, a power cut) leaves the file shorter than its
        # header says; the log still holds those pages and SQLite completes it on open.
        # The background quick_check judges such a file, not its size.
        return None
    valid_for = struct.unpack(">I", header[92:96])[0]
    change_counter = struct.unpack(">I", header[24:28])[0]
    if pages and valid_for == change_counter and (size % page_size or size < pages * page_size):
        return FileProblem(
            "truncated", f"{size} bytes where the header announces {pages} pages of {page_size}"
        )
    return None


def _inspect_wal(wal: Path) -> FileProblem | None:
    """A write-ahead log SQLite would silently ignore loses the commits in it: say so."""
    try:
        if not wal.exists() or wal.stat().st_size == 0:
            return None
        with open(wal, "rb") as handle:
            header = handle.read(32)
    except OSError as exc:
        return FileProblem("unreadable", str(exc.strerror or exc))
    if len(header) < 32:
        return FileProblem("bad_wal", "the write-ahead log stops inside its header")
    magic = struct.unpack(">I", header[:4])[0]
    if magic not in WAL_MAGICS:
        return FileProblem("bad_wal", "the write-ahead log (-wal file) is not one")
    big_endian = magic & 1
    s1, s2 = _wal_checksum(header[:24], big_endian)
    if (s1, s2) != struct.unpack(">II", header[24:32]):
        return FileProblem("bad_wal", "the write-ahead log's header checksum is wrong")
    return None


def _wal_checksum(data: bytes, big_endian: int) -> tuple[int, int]:
    """SQLite's WAL checksum over 8-byte chunks (wal.c, walChecksumBytes)."""
    fmt = ">" if big_endian else "<"
    s1 = s2 = 0
    for i in range(0, len(data), 8):
        x0, x1 = struct.unpack(fmt + "II", data[i : i + 8])
        s1 = (s1 + x0 + s2) & 0xFFFFFFFF
        s2 = (s2 + x1 + s1) & 0xFFFFFFFF
    return s1, s2


def quick_check(path: Path) -> list[str]:
    """SQLite's quick_check on a read-only connection of its own: [] when whole."""
    try:
        conn = sqlite_files.read_only(path, timeout=30)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if engine_errors.fault(exc) is Fault.BUSY:
            raise FileUnavailableError(
                "{path} could not be checked: another program keeps it locked.",
                "locked",
                path=str(path),
            ) from None
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def orphan_wal(path: Path) -> bool:
    """A write-ahead log with content beside a missing main file: committed orders may be
    only there, and a new database created at the path would throw them away."""
    wal = Path(f"{path}-wal")
    try:
        return not path.exists() and wal.is_file() and wal.stat().st_size > 0
    except OSError:
        return False


def writable(path: Path) -> bool:
    """Whether GESTCO could write `path` and create its -wal/-shm beside it (a read-only
    file, folder or file system is said as such, not as damage). The nearest existing
    folder stands for a folder still to be created."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
            return False
    except OSError:
        return True  # unknown: let SQLite say
    if not os.access(folder, os.W_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


# The schema step that created each table added after the first (gestco.storage.migrations).
TABLE_ADDED_AT = {
    "change_counters": 4,
    "operators": 6,
    "sign_in_failures": 6,
    "audit_events": 6,
    "imports": 7,
    "tags": 8,
    "client_tags": 8,
    "client_notes": 8,
    # Issue 19's step (payments and documents)
    "payments": 9,
    "invoices": 9,
    "invoice_lines": 9,
    # Issue 20's daily figures
    "daily_sales": 10,
    "daily_products": 10,
    "daily_statuses": 10,
}


def gestco_tables(version: int) -> tuple[str, ...]:
    """The tables a GESTCO file of schema `version` holds."""
    return tuple(t for t in DATA_TABLES if version >= TABLE_ADDED_AT.get(t, 1))


def missing_tables(conn: sqlite3.Connection, version: int) -> list[str]:
    """GESTCO's tables absent from the file (read only): [] for one of GESTCO's files, and
    for a new, empty one (version 0, nothing in it)."""
    if version == 0:
        return []
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [t for t in gestco_tables(version) if t not in present]


def refuse_before_opening(path: Path, *, create: bool) -> None:
    """The checks made before SQLite touches `path`: each refusal leaves it as it was."""
    network = network_reason(path)
    if network:
        raise DatabaseError(
            "{path} is on a network share ({where}). SQLite's file locking is not reliable there "
            "and orders could be lost: keep the database on this computer's own disk (several "
            "workstations: use a PostgreSQL server).",
            path=str(path),
            where=network,
        )
    if path.is_dir():
        raise DatabaseError("{path} is a folder, not a database file.", path=str(path))
    if not path.exists():
        if orphan_wal(path):
            raise DatabaseError(
                "{path} is missing but its write-ahead log ({path}-wal) is still there: it may "
                "hold the latest orders. Put the database file back (or restore a backup); "
                "GESTCO will not start a new database over it.",
                path=str(path),
            )
        if not create:
            raise DatabaseError(
                "There is no database at {path}: check the path (--db or GESTCO_DB). "
                "Nothing was created.",
                path=str(path),
            )
    problem = inspect(path)
    if problem is not None:
        raise DamagedFileError(
            "{path} is damaged ({detail}). It was left untouched: restore a backup or open "
            "another file.",
            problem.kind,
            path=str(path),
            detail=problem.detail,
        )
    if not writable(path):
        raise FileUnavailableError(
            "{path} cannot be written: the file, its folder or its disk is read-only. Nothing "
            "was changed: make it writable (or copy it to a folder of yours), then try again.",
            "read_only",
            path=str(path),
        )


def file_unavailable(path: Path, exc: BaseException) -> FileUnavailableError | None:
    """A healthy file that cannot be used now (locked by another program, read-only, a full
    disk) is not damage: its own message, which the window offers to retry."""
    kind = engine_errors.fault(exc)  # by the engine's code, never the message's words
    errnos = {getattr(e, "errno", None) for e in engine_errors.error_chain(exc)}
    if kind is Fault.BUSY:
        return FileUnavailableError(
            "{path} is in use by another program that keeps it locked. Nothing was changed: "
            "close that program (or wait for it to finish), then try again.",
            "locked",
            path=str(path),
        )
    if kind is Fault.FULL or errno.ENOSPC in errnos:
        return FileUnavailableError(
            "The disk holding {path} is full. Nothing was changed: free some space, then "
            "try again.",
            "full",
            path=str(path),
        )
    if kind is Fault.READ_ONLY or errno.EROFS in errnos or not writable(path):
        return FileUnavailableError(
            "{path} cannot be written: the file, its folder or its disk is read-only. Nothing "
            "was changed: make it writable (or copy it to a folder of yours), then try again.",
            "read_only",
            path=str(path),
        )
    return None
