"""Giving freed memory back to the system after the big transient reads of the orders table.

Reading a million order ids (an 8 MB array, the old one freed as the new one arrives; a sort
by client builds its b-tree in memory) leaves glibc's heaps holding what was freed: glibc
raises its mmap threshold after the first big free, so the next arrays come from the heap,
and the pool threads' arenas keep what they freed. At 1,000,000 orders the window's private
memory after the bench's sorts and filters measured 200-230 MB without a trim, 120 MB with
one (the table's own share swung 59-110 MB run to run: the allocator, not the table).
`malloc_trim(0)` returns the free pages of every arena: 1-5 ms (24 ms once on a busy machine),
once per load, on a pool thread.

glibc only: elsewhere (Windows, macOS, musl) there is nothing to call and nothing is done.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

_trim: Callable[[int], int] | None = None
if sys.platform.startswith("linux"):
    try:
        _trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        _trim = None


def release_freed_memory() -> None:
    """Return the free pages the C heaps hold to the system (no-op where unsupported)."""
    if _trim is not None:
        _trim(0)
