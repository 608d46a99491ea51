"""What an import found and did (`ImportReport`), the list of every import (`ImportRecord`,
the `imports` table), and the one way both kinds of import run: read the file whole, then
one write transaction where each record is an attempt of its own (an error rolls that
record back alone), committed only when the import is not a dry run and either went in
without an error or was asked to keep only the valid records.

    run_import(...) -> ImportReport            gestco.services.order_imports, client_imports
    list_imports(limit=...) -> [ImportRecord]  newest first (`gestco import list`)
    file_sha256(path) -> str
    in_worker(work) -> what work returns       the window's preview and import threads
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from gestco.domain import change_areas
from gestco.domain.change_areas import NOTHING, Changes, reports_changes
from gestco.domain.errors import DatabaseError, GestcoError
from gestco.domain.permissions import Permission
from gestco.domain.staff import Actor
from gestco.domain.timestamps import now, to_text
from gestco.imports.records import MAX_PROBLEMS, ImportFileError, ImportProblem, problem
from gestco.services import session
from gestco.storage import binding, builder, transactions, write_rules
from gestco.storage.models import Imports

NEW, UPDATED, UNCHANGED, CONFLICT = "new", "updated", "unchanged", "conflict"
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One import as the list keeps it."""

    id: int
    at: datetime
    operator: str
    workstation: str
    kind: str  # orders, clients
    file_name: str
    sha256: str
    format: str
    dry_run: bool
    valid_only: bool
    applied: bool  # something was written (not a dry run, nor refused for its errors)
    new: int
    updated: int
    unchanged: int
    conflicts: int
    errors: int


@dataclass(frozen=True, slots=True)
class ImportReport:
    """A preview or an import. `problems`: each error with its line in the file and a plain
    reason (file order, the first MAX_PROBLEMS; `problems_left_off` the rest); `conflicts_found`
    the records left as GESTCO has them, each with why. `earlier`: this very file (same
    SHA-256) imported before. `applied`: this import wrote what it counted."""

    kind: str
    file_name: str
    sha256: str
    format: str
    new: int
    updated: int
    unchanged: int
    conflicts: int
    errors: int
    problems: tuple[ImportProblem, ...]
    conflicts_found: tuple[ImportProblem, ...]
    earlier: tuple[ImportRecord, ...]
    dry_run: bool
    valid_only: bool
    applied: bool
    problems_left_off: int = 0
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    @property
    def all_in(self) -> bool:
        """Every record of the file can go in (or went in): no error."""
        return self.errors == 0


def unreadable(path: Path, error: OSError) -> ImportFileError:
    """A file that cannot be opened or read (missing, a folder, no permission)."""
    return ImportFileError(
        "{path} cannot be read: {reason}.", path=str(path), reason=error.strerror or str(error)
    )


def in_worker(work: Callable[[], R]) -> R:
    """`work` (a preview or an import) on a worker thread: the thread gets its own
    connection for it and closes it after, as export.orders_in_worker does."""
    try:
        return work()
    finally:
        binding.close_database()  # this thread's connection only


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


_FIELDS = (
    Imports.id,
    Imports.at,
    Imports.operator,
    Imports.workstation,
    Imports.kind,
    Imports.file_name,
    Imports.sha256,
    Imports.format,
    Imports.dry_run,
    Imports.valid_only,
    Imports.applied,
    Imports.new_count,
    Imports.updated_count,
    Imports.unchanged_count,
    Imports.conflict_count,
    Imports.error_count,
)  # in the order of ImportRecord's fields


def _record(row: tuple[object, ...]) -> ImportRecord:
    values = list(row)
    values[1] = datetime.fromisoformat(str(values[1]))
    for flag in (8, 9, 10):
        values[flag] = bool(values[flag])
    return ImportRecord(*values)  # type: ignore[arg-type]


def earlier_imports(kind: str, sha256: str) -> tuple[ImportRecord, ...]:
    """The imports that wrote this very file before (imports_sha256), oldest first."""
    query = Imports.select(*_FIELDS).where(
        (Imports.sha256 == sha256) & (Imports.kind == kind) & (Imports.applied == 1)
    )
    return tuple(_record(r) for r in builder.rows(query.order_by(Imports.id)))


def list_imports(*, limit: int = 200) -> list[ImportRecord]:
    """The imports, newest first (managers and up, as importing)."""
    session.require(Permission.IMPORT)
    query = Imports.select(*_FIELDS).order_by(Imports.at.desc(), Imports.id.desc())
    return [_record(r) for r in builder.rows(query.limit(max(0, min(limit, 100_000))))]


def _insert(actor: Actor, report: ImportReport) -> None:
    Imports.insert(
        at=to_text(now()),
        operator=actor.username,
        workstation=actor.workstation,
        kind=report.kind,
        file_name=report.file_name,
        sha256=report.sha256,
        format=report.format,
        dry_run=int(report.dry_run),
        valid_only=int(report.valid_only),
        applied=int(report.applied),
        new_count=report.new,
        updated_count=report.updated,
        unchanged_count=report.unchanged,
        conflict_count=report.conflicts,
        error_count=report.errors,
    ).execute()


class Tally:
    """What the attempts found, as they go."""

    def __init__(self) -> None:
        self.counts = {NEW: 0, UPDATED: 0, UNCHANGED: 0, CONFLICT: 0}
        self.problems: list[ImportProblem] = []
        self.conflicts: list[ImportProblem] = []
        self.errors = 0

    def error(self, found: ImportProblem) -> None:
        self.errors += 1
        self.problems.append(found)


class RecordError(Exception):
    """An attempt refused one record: the error, and where in the file it lies."""

    def __init__(self, error: GestcoError, line: int, column: str = "", value: str = "") -> None:
        super().__init__(error.message)
        self.error, self.line, self.column, self.value = error, line, column, value


# One record's attempt: its outcome (NEW, UPDATED, UNCHANGED) or a conflict (its ImportProblem).
Attempt = Callable[[], "str | ImportProblem"]


class _RolledBack(Exception):
    """Leaves the import's transaction so that it rolls back: a dry run, or errors."""


@dataclass(frozen=True)
class FileRead:
    """What the reader gave, for run_import: the records' attempts (with their line and
    id, for a refusal), the reader's own problems and its count of refused records."""

    kind: str
    file_name: str
    sha256: str
    format: str
    attempts: Sequence[tuple[int, str, Attempt]]
    problems: Sequence[ImportProblem]
    errors: int
    problems_left_off: int = 0


@write_rules.retried
@reports_changes
def run_import(
    read: FileRead,
    *,
    prepare: Callable[[Actor], None],
    dry_run: bool,
    valid_only: bool,
    record: bool,
) -> ImportReport:
    """Every attempt in one transaction, after `prepare` took the rows in the lock order.
    Committed when not `dry_run` and (no error, or `valid_only`); otherwise rolled back:
    nothing of it stays, not even a number drawn. `record`: the import is listed (a dry run
    too, as such); the preview the window shows first is not."""
    tally = Tally()
    applied = False
    report: ImportReport | None = None
    try:
        with transactions.atomic():
            actor = session.require(Permission.IMPORT)
            prepare(actor)
            for line, external_id, attempt in read.attempts:
                _one(tally, line, external_id, attempt)
            errors = read.errors + tally.errors
            applied = not dry_run and (valid_only or errors == 0)
            report = _report(read, tally, dry_run, valid_only, applied)
            if not applied:
                raise _RolledBack
            if record:
                _insert(actor, report)
    except _RolledBack:
        change_areas.rolled_back()  # the window has nothing to refresh
        if record:
            with transactions.atomic():
                _insert(session.require(Permission.IMPORT), report)  # type: ignore[arg-type]
    assert report is not None
    return report


def _one(tally: Tally, line: int, external_id: str, attempt: Attempt) -> None:
    try:
        with transactions.attempt():
            outcome = attempt()
    except DatabaseError:
        raise  # the database itself failed: the whole import stops (and is retried once)
    except RecordError as refused:
        tally.error(
            problem(
                refused.line,
                refused.error,
                column=refused.column,
                value=refused.value,
                order=external_id,
            )
        )
        return
    except GestcoError as error:
        tally.error(problem(line, error, order=external_id))
        return
    if isinstance(outcome, ImportProblem):
        tally.counts[CONFLICT] += 1
        tally.conflicts.append(outcome)
    else:
        tally.counts[outcome] += 1


def _report(
    read: FileRead, tally: Tally, dry_run: bool, valid_only: bool, applied: bool
) -> ImportReport:
    every = sorted([*read.problems, *tally.problems], key=lambda p: p.line_number)
    counts = tally.counts
    return ImportReport(
        kind=read.kind,
        file_name=read.file_name,
        sha256=read.sha256,
        format=read.format,
        new=counts[NEW],
        updated=counts[UPDATED],
        unchanged=counts[UNCHANGED],
        conflicts=counts[CONFLICT],
        errors=read.errors + tally.errors,
        problems=tuple(every[:MAX_PROBLEMS]),
        conflicts_found=tuple(tally.conflicts[:MAX_PROBLEMS]),
        earlier=earlier_imports(read.kind, read.sha256),
        dry_run=dry_run,
        valid_only=valid_only,
        applied=applied,
        problems_left_off=read.problems_left_off + max(len(every) - MAX_PROBLEMS, 0),
    )


def chunks(values: Iterable[object], size: int = 500) -> Iterable[list[object]]:
    """Values a few hundred at a time: an IN list within every engine's limits."""
    batch: list[object] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
