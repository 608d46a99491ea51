"""A healthy file that is locked, read-only or on a full disk is said as such, never called
damaged; a restore made by another process while this one writes never lets a write go into
the file it set aside."""

from __future__ import annotations

import contextlib
import os
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest

from gestco.domain.errors import DamagedFileError, DatabaseError, FileUnavailableError
from gestco.domain.records import LineInput
from gestco.maintenance import restore
from gestco.services import orders
from gestco.storage import binding, opening, raw_sql, snapshots, write_rules
from gestco.tools import demo
from tests.support.databases import sqlite_only

pytestmark = sqlite_only("files, locks and disks")
ROOT = Path(__file__).resolve().parents[2]
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_root = pytest.mark.skipif(not AS_ROOT, reason="mounts a small file system (root only)")


def _shop(path: Path) -> Path:
    opening.open_database(path)
    try:
        demo.generate(clients=20, orders=50, products=5, seed=5)
        raw_sql.execute("UPDATE products SET on_hand = on_hand + 100000")
    finally:
        binding.close_database()
    return path


@contextlib.contextmanager
def _mounted(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_file_locked_by_another_program_is_not_called_damaged(
    tmp_path: Path, monkeypatch
) -> None:
    shop = _shop(tmp_path / "shop.sqlite3")
    monkeypatch.setattr(write_rules, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(shop)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # held longer than the busy timeout
    before = shop.read_bytes()
    try:
        with pytest.raises(FileUnavailableError) as err:
            opening.open_database(shop)
        assert err.value.kind == "locked" and "in use by another program" in err.value.message
        assert not isinstance(err.value, DamagedFileError)
    finally:
        holder.rollback()
        holder.close()
    assert shop.read_bytes() == before
    opening.open_database(shop)  # Retry, once the other program let go
    binding.close_database()


@needs_root
def test_a_read_only_folder_is_not_called_damaged(tmp_path: Path) -> None:
    with _mounted(tmp_path / "ro", "2m") as folder:
        shop = _shop(folder / "shop.sqlite3")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        for target in (shop, folder / "new.sqlite3"):
            with pytest.raises(FileUnavailableError) as err:
                opening.open_database(target)
            assert err.value.kind == "read_only", target
        subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)


@needs_root
def test_a_full_disk_is_not_called_damaged_even_for_a_new_demo(tmp_path: Path) -> None:
    with _mounted(tmp_path / "full", "48k") as folder:
        result = subprocess.run(
            [sys.executable, "-m", "gestco", "--db", str(folder / "demo.sqlite3"), "demo"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 3, result.stderr
        assert "is full" in result.stderr and "damaged" not in result.stderr
        assert "Traceback" not in result.stderr


def test_a_write_after_another_process_restored_is_refused_not_set_aside(
    tmp_path: Path,
) -> None:
    shop = _shop(tmp_path / "shop.sqlite3")
    saved = snapshots.make_backup(shop, tmp_path / "backups")
    opening.open_database(shop)
    try:
        lines = [LineInput(product_id=1, quantity=1)]
        orders.create_order(client_id=1, lines=lines)
        child = subprocess.run(
            [sys.executable, "-m", "gestco", "--db", str(shop), "restore", str(saved)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert child.returncode == 0, child.stderr
        aside = next(
            p
            for p in tmp_path.glob("shop.sqlite3.before-restore-*")
            if not p.name.endswith(("-wal", "-shm"))
        )
        in_aside = sqlite3.connect(aside).execute("SELECT count(*) FROM orders").fetchone()[0]
        with pytest.raises(DatabaseError, match="was replaced"):
            orders.create_order(client_id=1, lines=lines)
        assert (
            sqlite3.connect(aside).execute("SELECT count(*) FROM orders").fetchone()[0] == in_aside
        )
    finally:
        binding.close_database()


def test_orders_acknowledged_after_a_restore_are_never_in_the_file_set_aside(
    tmp_path: Path,
) -> None:
    """Two writers keep creating orders while a restore swaps the file: an order whose
    transaction began after the restore returned would be lost in the set-aside file.
    Events, not durations: the restore lands once each writer has acknowledged orders, and
    the writers run until one of them was told the file was replaced (a loaded machine once
    let 4-second writers end before the restore did, and nobody was told)."""
    shop = _shop(tmp_path / "shop.sqlite3")
    saved = snapshots.make_backup(shop, tmp_path / "backups")
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.faults.worker", str(shop), "240"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    lines: queue.Queue[str] = queue.Queue()
    readers = [
        threading.Thread(target=_forward_lines, args=(w.stdout, lines), daemon=True)
        for w in writers
    ]
    for reader in readers:
        reader.start()
    try:
        acknowledged = _lines_until(lines, lambda line: line.startswith("CMD-"), count=20)
        aside = restore.restore(saved, shop)
        finished = time.time()
        after = _lines_until(lines, lambda line: "was replaced" in line, count=1)
    finally:
        for writer in writers:
            writer.terminate()  # only committed orders were printed: a killed one is none
            writer.wait(timeout=60)
    for reader in readers:
        reader.join(timeout=60)
    after += _drain(lines)
    # "number acknowledged-at latency-ms": the ones whose transaction began after the
    # restore returned (one that held the old file's lock meanwhile ended before it).
    late = [
        number
        for line in acknowledged + after
        if line.startswith("CMD-")
        for number, at, ms in [line.split()]
        if float(at) - float(ms) / 1000 > finished
    ]
    refused = sum("was replaced" in line for line in after)
    assert aside is not None
    in_aside = {r[0] for r in sqlite3.connect(aside).execute("SELECT number FROM orders")}
    print(f"\nrestore under two writers: {len(late)} acknowledged after it, {refused} refused")
    assert [n for n in late if n in in_aside] == []
    assert refused > 0  # the writers went on trying and were told, not silently diverted


def _forward_lines(stream: IO[str], into: queue.Queue[str]) -> None:
    for line in stream:
        into.put(line.rstrip("\n"))
    into.put(_ENDED)


_ENDED = "\0ended"  # a writer's output closed


def _lines_until(
    lines: queue.Queue[str], wanted: Callable[[str], bool], *, count: int
) -> list[str]:
    """The writers' lines, up to the `count`-th one that is `wanted`. A writer that stopped
    (both would have to, for this to fail) is a failure, said with what it printed."""
    seen: list[str] = []
    found = ended = 0
    while found < count:
        line = lines.get(timeout=120)
        if line == _ENDED:
            ended += 1
            assert ended < 2, f"the writers stopped before it happened: {seen[-5:]}"
            continue
        seen.append(line)
        found += wanted(line)
    return seen


def _drain(lines: queue.Queue[str]) -> list[str]:
    rest = []
    while not lines.empty():
        line = lines.get_nowait()
        if line != _ENDED:
            rest.append(line)
    return rest
