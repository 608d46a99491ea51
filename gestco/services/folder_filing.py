"""Where a file of the watched folder goes after its import (gestco.services.folder_imports):
its report written in done/ or failed/ first, then the file moved beside it, neither ever over
an earlier file of the same name (`orders.csv`, then `orders-2.csv` and
`orders-2.csv.report.txt`). Both steps take a name no file has in one step of the operating
system (a hard link, or Windows' rename), so two workstations filing at once never take each
other's names; a report is whole or absent (written beside, then named).

    file_away(path, folder, text) -> (moved_to, report_path)   OSError: nothing was filed
    move_no_replace(source, target)                            FileExistsError: target taken
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from gestco.workstation.atomic_file import publish, side_file

REPORT_SUFFIX = ".report.txt"
MOST_NAMES = 10_000  # orders.csv … orders-10000.csv: beyond, something is wrong with the folder
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def move_no_replace(source: Path, target: Path) -> None:
    """Rename `source` to `target` unless a file has that name (FileExistsError)."""
    if os.name == "nt":
        os.rename(source, target)  # refuses an existing target
        return
    try:
        os.link(source, target)  # atomic, and never replaces
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        # A file system without hard links (some network shares, FAT drives).
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
        os.rename(source, target)
        return
    os.unlink(source)


def candidate_names(name: str) -> list[str]:
    """`orders.csv`, `orders-2.csv`, `orders-3.csv`…"""
    path = Path(name)
    stem, suffix = (path.stem, path.suffix) if path.stem else (name, "")
    return [name] + [f"{stem}-{n}{suffix}" for n in range(2, MOST_NAMES + 1)]


def file_away(path: Path, folder: Path, text: str) -> tuple[Path, Path]:
    """Write `text` as the report and move `path` beside it in `folder`, under the first
    name neither file has. On an OSError (a full disk, no permission, the file gone) the
    report just written is deleted and `path` is where it was."""
    folder.mkdir(exist_ok=True)
    for name in candidate_names(path.name):
        target = folder / name
        report = folder / (name + REPORT_SUFFIX)
        if os.path.lexists(target) or os.path.lexists(report):
            continue
        try:
            _write_new(report, text)
        except FileExistsError:
            continue
        try:
            move_no_replace(path, target)
        except FileExistsError:
            report.unlink(missing_ok=True)
            continue
        except OSError:
            report.unlink(missing_ok=True)
            raise
        return target, report
    raise OSError(errno.EEXIST, "Too many files of this name", str(folder / path.name))


def _write_new(target: Path, text: str) -> None:
    """`text` as the file `target`, only if no file has that name; whole or not at all."""
    side = side_file(target.parent, ".report.")
    try:
        side.write_text(text, encoding="utf-8", newline="\n")
        with contextlib.suppress(OSError):
            os.chmod(side, 0o644)  # the shop's people read it, as the file beside it
        publish(side, target, replace=False)
    finally:
        with contextlib.suppress(OSError):
            side.unlink(missing_ok=True)  # after a link, the name the report does not need
