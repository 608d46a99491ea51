"""What the commands write to stdout: CSV as UTF-8 bytes whatever the terminal's encoding, and
a stdout that failed silenced (so the interpreter's last flush prints no traceback)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from gestco.services.export import Column, Rows
    from gestco.services.export_vcard import Card


def csv_to_stdout(columns: tuple[Column, ...], rows: Rows) -> None:
    """UTF-8 bytes whatever stdout's encoding (a Windows redirect is cp1252: the first
    Arabic name crashed the export). A failed write is said about stdout, not the database."""
    from gestco.services import export

    _to_stdout(lambda out: export.write_csv(out, columns, rows))


def vcards_to_stdout(cards: tuple[int, Iterator[Card]]) -> None:
    """The clients' vCards as UTF-8 bytes, CRLF line ends as the cards write them."""
    from gestco.services import export_vcard

    _to_stdout(lambda out: export_vcard.write_vcards(out, cards))


def text_to_stdout(write: Callable[[IO[str]], object]) -> None:
    """Any text a command writes (a client's data as JSON or CSV) as UTF-8 bytes."""
    _to_stdout(write)


def _to_stdout(write: Callable[[IO[str]], object]) -> None:
    import io

    buffer = getattr(sys.stdout, "buffer", None)
    out: IO[str] = (
        io.TextIOWrapper(buffer, encoding="utf-8", newline="") if buffer is not None else sys.stdout
    )
    try:
        write(out)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        silence_stdout()
        raise OSError(exc.errno, exc.strerror, "standard output") from None
    finally:
        if out is not sys.stdout:
            with contextlib.suppress(ValueError, OSError):
                out.detach()  # type: ignore[attr-defined]  # sys.stdout keeps its buffer


def silence_stdout() -> None:
    """After stdout failed (full, closed pipe) point it at the null device, so the
    interpreter's last flush at exit does not print a traceback ("Exception ignored")."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())


class Progress:
    """A one-line progress indicator on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.live = sys.stderr is not None and sys.stderr.isatty()

    def stage(self, name: str, fraction: float) -> None:
        if self.live:
            print(f"\r{name}: {fraction:6.1%}", end="", file=sys.stderr, flush=True)

    def rows(self, done: int, total: int) -> None:
        if self.live:
            print(f"\r{done:,}/{total:,} rows", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.live:
            print(file=sys.stderr)
