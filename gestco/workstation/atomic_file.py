"""Write a file beside its target and give it the target's name only once it is whole.

A reader (or the shop, after a crash, Ctrl+C, a full disk) finds either the previous file
or the complete new one, never a partial one. Every whole-file write of the core goes
through `write_beside`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


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
        handle, name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".part", dir=real.parent)
    except OSError as exc:
        raise _about(target, exc) from None
    os.close(handle)
    side = Path(name)
    try:
        try:
            yield side
        except OSError as exc:
            if exc.filename not in (None, str(side)):
                raise
            raise _about(target, exc) from None
        try:
            with open(side, "rb+") as written:
                os.fsync(written.fileno())
            os.replace(side, real)
        except OSError as exc:
            raise _about(target, exc) from None
        side = None
    finally:
        if side is not None:
            side.unlink(missing_ok=True)


def _about(target: Path, exc: OSError) -> OSError:
    """The same failure, said about the file the person asked for."""
    return OSError(exc.errno, exc.strerror or str(exc), str(target))
