"""Write a file beside its target and give it the target's name only once it is whole.

A reader (or the shop, after a crash, Ctrl+C, a full disk) finds either the previous file
or the complete new one, never a partial one. Every whole-file write of the core goes
through `write_beside` (settings, drafts, exports, a restore, a demo built in bulk), or, to
take a name no other file has (a backup), through `side_file` and `publish`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SIDE_SUFFIX = ".part"  # what a killed process may leave behind (backups sweep theirs)


def side_file(folder: Path, prefix: str) -> Path:
    """A fresh, empty file in `folder` with a name of its own (`prefix`…`.part`), readable
    by this user only (0600). The caller deletes it unless `publish` named it."""
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=SIDE_SUFFIX, dir=folder)
    os.close(handle)
    return Path(name)


def publish(side: Path, target: Path, *, replace: bool = True) -> None:
    """Flush `side` to disk, then give it the name `target` in one step: over the file that
    has it (`replace`), or only if no file has it (FileExistsError otherwise: two writers
    choosing names at once never take each other's)."""
    with open(side, "rb+") as written:
        os.fsync(written.fileno())
    if replace:
        os.replace(side, target)
    elif os.name == "nt":
        os.rename(side, target)  # refuses an existing target on Windows
    else:
        os.link(side, target)  # atomic, and never replaces; the side name is deleted after


@contextmanager
def write_beside(target: str | Path) -> Iterator[Path]:
    """Yield a fresh, empty side file in the target's folder (a unique name, for the user
    only); when the block ends normally it is flushed to disk and renamed over `target`
    (over the file a link points to, not the link).
    On any exception, Ctrl+C included, the side file is deleted and `target` is untouched.
    An OSError about the side file names `target` (the file the person asked for)."""
    target = Path(target)
    real = target.resolve()  # a link is followed: the file it points to gets the content
    side: Path | None = None
    try:
        side = side_file(real.parent, f".{real.name}.")
    except OSError as exc:
        raise _about(target, exc) from None
    try:
        try:
            yield side
        except OSError as exc:
            if exc.filename not in (None, str(side)):
                raise
            raise _about(target, exc) from None
        try:
            publish(side, real)
        except OSError as exc:
            raise _about(target, exc) from None
        side = None
    finally:
        if side is not None:
            side.unlink(missing_ok=True)


def _about(target: Path, exc: OSError) -> OSError:
    """The same failure, said about the file the person asked for."""
    return OSError(exc.errno, exc.strerror or str(exc), str(target))
