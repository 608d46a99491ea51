"""One process at a time choosing or removing names in a folder (the backups' folders).

A backup takes the next sequence number after the highest name in its folder, and a rotation
deletes older names. Without a lock, four `gestco backup` started at once reused a number
(seen in CI: 3 names for 4 backups; 16 runs in 60 with six at once here): a glob made while
another process linked and a third deleted missed the highest name. Under this lock the names
change only between its holders' whole steps. The lock is the operating system's (flock,
LockFileEx through filelock): a killed holder releases it, no stale lock to clear by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock

LOCK_NAME = ".gestco-names.lock"


@contextmanager
def names_locked(folder: Path) -> Iterator[None]:
    """Hold `folder`'s naming lock for the block (waiting for another holder)."""
    # The file stays: deleting a lock file on release lets a waiter hold a lock on the
    # deleted file while a newcomer locks a new one (both would choose names at once).
    lock = FileLock(folder / LOCK_NAME, mode=0o600, preserve_lock_file=True, thread_local=False)
    with lock:
        yield
