"""The folder's naming lock: one holder at a time, across processes, and left reusable."""

from __future__ import annotations

import multiprocessing
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from gestco.workstation.folder_lock import LOCK_NAME, names_locked


def _hold(folder: str, inside: Any, release: Any) -> None:
    with names_locked(Path(folder)):
        inside.set()
        release.wait(60)


def test_a_second_process_waits_until_the_first_releases(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    inside, release = context.Event(), context.Event()
    holder = context.Process(target=_hold, args=(str(tmp_path), inside, release))
    holder.start()
    try:
        assert inside.wait(60)
        assert not _free(tmp_path / LOCK_NAME)
    finally:
        release.set()
        holder.join(60)
    assert _free(tmp_path / LOCK_NAME)  # free again once the holder is gone
    with names_locked(tmp_path):
        pass


def _free(lock: Path) -> bool:
    """Whether nobody holds the lock (asked without waiting)."""
    handle = os.open(lock, os.O_RDWR)
    try:
        if sys.platform == "win32":
            import msvcrt

            try:
                msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
            except OSError:
                return False
            msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)
            return True
        import fcntl

        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True
    finally:
        os.close(handle)


def test_the_lock_file_is_private_and_kept(tmp_path: Path) -> None:
    with names_locked(tmp_path):
        pass
    lock = tmp_path / LOCK_NAME
    assert lock.exists()  # kept: a deleted lock file lets two holders in at once
    assert stat.S_IMODE(lock.stat().st_mode) & 0o077 == 0


def test_a_file_system_without_locks_names_unlocked(tmp_path: Path, monkeypatch) -> None:
    """NFS without its lock daemon answers ENOLCK: the backup goes on as before the lock
    (publish still refuses a name taken); any other error is said."""
    import errno

    from gestco.workstation import folder_lock

    def refuse(code: int):
        def lock(_handle: int) -> None:
            raise OSError(code, os.strerror(code))

        return lock

    monkeypatch.setattr(folder_lock, "_lock", refuse(errno.ENOLCK))
    ran = []
    with names_locked(tmp_path):
        ran.append(True)
    assert ran == [True]
    monkeypatch.setattr(folder_lock, "_lock", refuse(errno.EIO))
    with pytest.raises(OSError), names_locked(tmp_path):
        ran.append(False)
    assert ran == [True]
