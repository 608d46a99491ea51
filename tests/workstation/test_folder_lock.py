"""The folder's naming lock: one holder at a time, across processes, and left reusable."""

from __future__ import annotations

import multiprocessing
import stat
from pathlib import Path
from typing import Any

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
        from filelock import FileLock, Timeout

        probe = FileLock(tmp_path / LOCK_NAME, timeout=0, preserve_lock_file=True)
        try:
            probe.acquire()
        except Timeout:
            pass
        else:
            probe.release()
            raise AssertionError("the lock was free while another process held it")
    finally:
        release.set()
        holder.join(60)
    with names_locked(tmp_path):  # free again once the holder is gone
        pass


def test_the_lock_file_is_private_and_kept(tmp_path: Path) -> None:
    with names_locked(tmp_path):
        pass
    lock = tmp_path / LOCK_NAME
    assert lock.exists()  # kept: a deleted lock file lets two holders in at once
    assert stat.S_IMODE(lock.stat().st_mode) & 0o077 == 0
