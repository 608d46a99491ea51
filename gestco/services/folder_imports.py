"""The watched folder: orders files dropped in a folder are imported, then filed in its
`done/` or `failed/` subfolder with a report beside them (README, "Watched folder"). No
timer here: `FolderWatch.run_pass()` takes one look at the folder; the window runs one every
few seconds off its thread (ui.runtime.watched_folder), `gestco watch FOLDER` in a terminal.

When a file is complete. A pass notes each file's size and modification time; a file is
imported at the first pass that finds both unchanged since the pass before, and that can
take it into GESTCO's hands (a rename into `.importing/<workstation>/`: refused on Windows
while the writer still holds it open). A file that grows between two passes waits for the
next one; a file is never read half-way. Never looked at: hidden files (`.name`), names
programs write while they work (`*.part`, `*.tmp`, `*.crdownload`, `~$name`), folders
(done/ and failed/ among them). A program that can should write `name.part` and rename it
when done: that file is then complete the moment it has its name.

What goes in. The valid orders (`valid_only`): nobody is there to choose, an online shop's
good orders should not wait for one bad SKU, and the refused ones can come in later (the
same file fixed and dropped again: the orders already in are recognised by source and
external id and never imported twice).

Where it goes. `done/`: every order went in (new, updated, unchanged or a conflict where
GESTCO's status is kept), or the very same file (SHA-256) was imported before without an
error and nothing is imported again. `failed/`: something needs the shop: the file cannot be
read at all (a workbook, another program's file, no known header), or some of its orders
were refused (the report says which, with their line and reason, and how many went in).
The report is `<name>.report.txt`; no earlier file of the same name is ever replaced
(`orders-2.csv`). Every import is in the imports list as the command's are
(`gestco import list`), under the signed-in operator.

Who. The pass imports as the operator signed in (session.require(Permission.IMPORT): a
manager or an admin; the CLI as `cli:<login>`). Nobody signed in, a locked workstation or a
clerk's session: the pass does nothing and says it is paused; a lock in the middle of a
pass stops it before the next file. What cannot be done is said in one line (`problem`,
also logged): a folder gone or read-only imports nothing (a file that could not be moved
out would be imported at every pass); a file claimed but not filed (a full disk while
writing the report) stays in `.importing/<workstation>/` and is filed at a later pass, as
are the files a crashed pass left there (found again by their SHA-256, never imported twice).
One watch per workstation and folder: the window's or `gestco watch`, not both at once (they
share that claim folder).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from gestco.domain.change_areas import NOTHING, Changes, reports_changes
from gestco.domain.errors import DatabaseError, GestcoError, PermissionDenied, ValidationError
from gestco.domain.permissions import Permission
from gestco.domain.timestamps import now
from gestco.imports.records import ImportFileError
from gestco.services import order_imports, session
from gestco.services.folder_filing import REPORT_SUFFIX, file_away, move_no_replace
from gestco.services.folder_report import duplicate_text, report_text, unreadable_text
from gestco.services.import_reports import earlier_imports, file_sha256
from gestco.storage import binding
from gestco.workstation.atomic_file import SIDE_SUFFIX, side_file, write_beside
from gestco.workstation.folders import workstation_name

log = logging.getLogger(__name__)

DONE, FAILED, CLAIMED = "done", "failed", ".importing"
TEMPORARY_SUFFIXES = (SIDE_SUFFIX, ".tmp", ".temp", ".crdownload", ".download", ".partial")
IMPORTED, REFUSED, DUPLICATE = "imported", "failed", "duplicate"
_HIDDEN = 0x2  # FILE_ATTRIBUTE_HIDDEN


def looked_at(name: str) -> bool:
    """Whether a file of this name may be an orders file to import (not hidden, not a
    program's work in progress, not a report)."""
    lowered = name.lower()
    return not (
        name.startswith((".", "~$", "~"))
        or lowered.endswith(TEMPORARY_SUFFIXES)
        or lowered.endswith(REPORT_SUFFIX)
    )


@dataclass(frozen=True)
class Filed:
    """One file a pass imported (or recognised, or refused), and where it went."""

    file_name: str
    outcome: str  # IMPORTED (to done/), REFUSED (to failed/), DUPLICATE (to done/)
    orders: int  # orders that went in (new and updated)
    errors: int
    moved_to: Path
    report_path: Path
    message: str  # one line, for the log, the terminal and the status bar's fallback


@dataclass(frozen=True)
class PassResult:
    filed: tuple[Filed, ...] = ()
    waiting: tuple[str, ...] = ()  # seen for the first time, or still growing
    problem: str = ""  # what stopped the pass (the folder gone, read-only, the database)
    error: GestcoError | None = None  # the same, for the window to say in its language
    paused: str = ""  # nobody here may import: nothing was looked at
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problem and all(f.outcome != REFUSED for f in self.filed)


class _Stop(Exception):
    def __init__(self, error: GestcoError | None = None, paused: str = "") -> None:
        super().__init__(paused)
        self.error, self.paused = error, paused
        self.problem = error.message if error is not None else ""


class FolderWatch:
    """One watched folder and what the passes saw of it (the files' sizes and times)."""

    def __init__(self, folder: str | Path, *, memory: Path | None = None) -> None:
        """`memory`: a file keeping what the passes saw, for passes made by separate
        processes (`gestco watch --once` from a scheduler: a file is imported at the first
        run that finds it as the run before left it)."""
        self.folder = Path(folder)
        self.memory = memory
        self._seen: dict[str, tuple[int, int]] = _recalled(memory, self.folder)
        self._unfiled: dict[str, tuple[str, str, int, int, str]] = {}  # sha -> report kept
        self._by = ""

    @property
    def claimed(self) -> Path:
        return self.folder / CLAIMED / _safe(workstation_name())

    def run_pass_in_worker(self) -> PassResult:
        """run_pass for a worker thread: its connection is closed after."""
        try:
            return self.run_pass()
        finally:
            binding.close_database()  # this thread's connection only

    @reports_changes
    def run_pass(self) -> PassResult:
        """One look at the folder. A look that finds nothing ready touches no database;
        one that does asks the session first (nobody may import: paused, nothing moved)."""
        filed: list[Filed] = []
        waiting: list[str] = []
        try:
            ready = self._look(waiting)
            leftovers = self._leftovers()
            if not (ready or leftovers):
                return PassResult(waiting=tuple(waiting))
            try:
                actor = session.require(Permission.IMPORT)
            except PermissionDenied as denied:
                self._seen.clear()  # a file's first look starts again after the pause
                return PassResult(waiting=tuple(waiting), paused=denied.message)
            self._by = f"{actor.username} on {actor.workstation}"
            self._check_writable()
            for path in leftovers:
                filed.extend(self._one(path))
            for name in ready:
                claimed = self._claim(name, waiting)
                if claimed is not None:
                    filed.extend(self._one(claimed))
        except _Stop as stop:
            if stop.problem:
                log.warning("watched folder: %s", stop.problem)
            return PassResult(tuple(filed), tuple(waiting), stop.problem, stop.error, stop.paused)
        return PassResult(tuple(filed), tuple(waiting))

    # --- which files are complete ----------------------------------------------------------

    def _look(self, waiting: list[str]) -> list[str]:
        """The files whose size and time did not change since the last pass."""
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            raise _Stop(
                GestcoError(
                    "The watched folder {folder} does not exist (removed, renamed or on a drive"
                    " not connected): nothing imported.",
                    folder=str(self.folder),
                )
            ) from None
        except NotADirectoryError:
            raise _Stop(
                GestcoError(
                    "The watched folder {folder} is a file, not a folder.", folder=str(self.folder)
                )
            ) from None
        except OSError as exc:
            raise _Stop(
                GestcoError(
                    "The watched folder {folder} cannot be read: {reason}.",
                    folder=str(self.folder),
                    reason=_reason(exc),
                )
            ) from None
        seen: dict[str, tuple[int, int]] = {}
        ready: list[str] = []
        for entry in sorted(entries, key=lambda e: e.name):
            if not looked_at(entry.name):
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # removed while listed
            if getattr(info, "st_file_attributes", 0) & _HIDDEN:
                continue  # Windows' hidden files (Explorer's thumbnails, desktop.ini)
            signature = (info.st_size, info.st_mtime_ns)
            seen[entry.name] = signature
            if self._seen.get(entry.name) == signature:
                ready.append(entry.name)
            else:
                waiting.append(entry.name)
        self._seen = seen  # a file removed between two passes is simply forgotten
        _remember(self.memory, self.folder, seen)
        return ready

    def _leftovers(self) -> list[Path]:
        """Files this workstation claimed and did not file (a full disk, a crash)."""
        try:
            return sorted(p for p in self.claimed.iterdir() if p.is_file() and looked_at(p.name))
        except OSError:
            return []

    def _check_writable(self) -> None:
        """Before anything is imported: the folder, done/, failed/ and the claim folder
        take a new file (else a file imported could not be moved out of the way)."""
        for folder in (self.folder, self.folder / DONE, self.folder / FAILED, self.claimed):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                os.unlink(side_file(folder, ".gestco-probe-"))
            except OSError as exc:
                raise _Stop(
                    GestcoError(
                        "GESTCO cannot write in {folder} ({reason}): it moves the files it"
                        " imports to done/ and failed/, so it imports none while it cannot.",
                        folder=str(folder),
                        reason=_reason(exc),
                    )
                ) from None

    def _claim(self, name: str, waiting: list[str]) -> Path | None:
        """Take the file out of the folder into this workstation's claim folder: another
        workstation watching the same folder no longer sees it."""
        source, target = self.folder / name, self.claimed / name
        try:
            move_no_replace(source, target)
        except FileNotFoundError:
            log.info("watched folder: %s was removed (or taken by another workstation)", name)
            return None
        except OSError as exc:  # Windows: still open by the program writing it
            log.info("watched folder: %s is not free yet (%s)", name, _reason(exc))
            waiting.append(name)
            return None
        finally:
            self._seen.pop(name, None)
        return target

    # --- one complete file -----------------------------------------------------------------

    def _one(self, path: Path) -> list[Filed]:
        try:
            digest = file_sha256(path)
        except OSError as exc:
            log.warning("watched folder: cannot read %s: %s", path, _reason(exc))
            return []
        kept = self._unfiled.get(digest)
        if kept is not None:
            return self._file(path, digest, *kept)
        if shown(path.name) != path.name:  # bytes that are not text (a name from elsewhere)
            reason = "Its name holds bytes that are not text: rename the file, then drop it again."
            text = unreadable_text(shown(path.name), digest, reason, now(), self._by)
            message = f"{shown(path.name)}: its name is not text"
            return self._file(path, digest, REFUSED, text, 0, 1, message)
        earlier = earlier_imports("orders", digest)
        if earlier and earlier[-1].errors == 0:
            text = duplicate_text(path.name, digest, earlier[-1], now(), self._by)
            when = f"{earlier[-1].at:%Y-%m-%d %H:%M}"
            message = f"{path.name} was imported before ({when}): nothing imported again"
            return self._file(path, digest, DUPLICATE, text, 0, 0, message)
        try:
            report = order_imports.run(path, valid_only=True)
        except PermissionDenied as denied:
            raise _Stop(paused=denied.message) from None  # locked meanwhile: it stays claimed
        except ImportFileError as error:
            text = unreadable_text(path.name, digest, error.message, now(), self._by)
            return self._file(path, digest, REFUSED, text, 0, 1, f"{path.name}: {error.message}")
        except DatabaseError as error:
            raise _Stop(
                GestcoError(
                    "{file} was not imported: {reason}", file=path.name, reason=error.message
                )
            ) from None
        except ValidationError as error:  # about the file: filed as one that cannot be read
            text = unreadable_text(path.name, digest, error.message, now(), self._by)
            return self._file(path, digest, REFUSED, text, 0, 1, f"{path.name}: {error.message}")
        except GestcoError as error:  # not the file's fault (a write met another): next pass
            raise _Stop(
                GestcoError(
                    "{file} was not imported: {reason}", file=path.name, reason=error.message
                )
            ) from None
        went_in = report.new + report.updated
        outcome = IMPORTED if report.errors == 0 else REFUSED
        message = f"{went_in} orders imported from {path.name}"
        if report.errors:
            message += f"; {report.errors} refused"
        return self._file(
            path,
            digest,
            outcome,
            report_text(report, now(), self._by),
            went_in,
            report.errors,
            message,
        )

    def _file(
        self,
        path: Path,
        digest: str,
        outcome: str,
        text: str,
        orders: int,
        errors: int,
        message: str,
    ) -> list[Filed]:
        where = self.folder / (FAILED if outcome == REFUSED else DONE)
        try:
            moved, report = file_away(path, where, text)
        except OSError as exc:
            self._unfiled[digest] = (outcome, text, orders, errors, message)
            raise _Stop(
                GestcoError(
                    "{file} was imported, but it cannot be filed in {folder}: {reason}. It"
                    " waits in {aside} and is filed at the next pass.",
                    file=path.name,
                    folder=str(where),
                    reason=_reason(exc),
                    aside=str(path.parent),
                )
            ) from None
        self._unfiled.pop(digest, None)
        log.info("watched folder: %s; moved to %s", message, shown(str(moved)))
        return [Filed(shown(path.name), outcome, orders, errors, moved, report, message)]


def _recalled(memory: Path | None, folder: Path) -> dict[str, tuple[int, int]]:
    if memory is None:
        return {}
    try:
        kept = json.loads(memory.read_text(encoding="utf-8")).get(str(folder), {})
        return {str(name): (int(size), int(mtime)) for name, (size, mtime) in kept.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}  # missing or damaged: the files are looked at afresh


def _remember(memory: Path | None, folder: Path, seen: dict[str, tuple[int, int]]) -> None:
    if memory is None:
        return
    try:
        every = json.loads(memory.read_text(encoding="utf-8"))
        every = every if isinstance(every, dict) else {}
    except (OSError, ValueError):
        every = {}
    every[str(folder)] = {name: list(signature) for name, signature in seen.items()}
    try:
        with write_beside(memory) as side:
            side.write_text(json.dumps(every), encoding="utf-8")
    except OSError as exc:
        log.warning("watched folder: cannot keep what the pass saw in %s: %s", memory, exc)


def shown(text: str) -> str:
    """`text` with what is not text (a name's undecodable bytes) written as escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _safe(name: str) -> str:
    """A workstation's name as a folder name."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name).strip(".") or "here"
