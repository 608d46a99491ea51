"""One process at a time choosing or removing names in a folder (the backups' folders).

A backup takes the next sequence number after the highest name in its folder, and a rotation
deletes older names. Without a lock, four `gestco backup` started at once reused a number
(seen in CI: 3 names for 4; 16 runs in 60 with six at once here): a glob made while another
process linked and a third deleted missed the highest name. Under this lock the names change
only between its holders' whole steps.

The lock is the operating system's (flock; on Windows, a byte-range lock): a killed holder
releases it, there is no stale lock to clear by hand. Written here rather than taken from
filelock: its 4.x brings asyncio and Windows oplock machinery, 0.4 MiB of a bundle at its
budget (measured), for these few lines.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".gestco-names.lock"


# A folder whose file system has no locks (NFS without its lock daemon, some network
# shares): the names are chosen unlocked, as before the lock; a name taken meanwhile is
# still never overwritten (publish refuses it), a number may be reused.
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP}


@contextmanager
def names_locked(folder: Path) -> Iterator[None]:
    """Hold `folder`'s naming lock for the block (waiting for another holder). Each call
    opens the file anew, so two threads of one process exclude each other too; for the
    same reason it is not re-entrant: a block must not take it again (it would wait on
    itself)."""
    # The file stays: deleting a lock file on release lets a waiter hold a lock on the
    # deleted file while a newcomer locks a new one (both would choose names at once).
    handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        locked = _lock_if_possible(handle)
        try:
            yield
        finally:
            if locked:
                _unlock(handle)
    finally:
        os.close(handle)


def _lock_if_possible(handle: int) -> bool:
    """Wait for the lock; False where the file system has none."""
    try:
        _lock(handle)
    except OSError as exc:
        if exc.errno not in _NO_LOCKS:
            raise
        return False
    return True


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: int) -> None:
        while True:
            os.lseek(handle, 0, os.SEEK_SET)
            try:
                msvcrt.locking(handle, msvcrt.LK_LOCK, 1)  # tries for 10 s, then raises
                return
            except OSError as exc:
                if exc.errno != errno.EDEADLOCK:
                    raise  # not "still held": a share that refuses locks, a bad handle
                # still held (a long backup): wait on

    def _unlock(handle: int) -> None:
        os.lseek(handle, 0, os.SEEK_SET)
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_EX)

    def _unlock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)
