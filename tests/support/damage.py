"""Ways a database file gets damaged, for the tests that check GESTCO notices each one."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

DAMAGE = ["zero_length", "bad_header", "truncated", "random_pages", "garbage_wal"]


def damage(kind: str, source: Path, target: Path) -> None:
    shutil.copy(source, target)
    data = bytearray(target.read_bytes())
    if kind == "zero_length":
        target.write_bytes(b"")
    elif kind == "bad_header":
        data[:16] = b"Not a database!\x00"
        target.write_bytes(bytes(data))
    elif kind == "truncated":
        target.write_bytes(bytes(data[: len(data) // 2 + 100]))
    elif kind == "random_pages":
        rng = random.Random(5)
        page = 4096
        for number in rng.sample(range(10, len(data) // page - 1), 8):
            start = number * page + 100
            data[start : start + 2000] = rng.randbytes(2000)
        target.write_bytes(bytes(data))
    elif kind == "garbage_wal":
        Path(f"{target}-wal").write_bytes(random.Random(1).randbytes(32 + 4120 * 3))
    else:
        raise AssertionError(kind)
