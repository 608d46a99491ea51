"""Opening a file to read: a path (closed afterwards) or the caller's binary stream (left
open); its head sniffed; then the text, decoded as it streams."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Self

from gestco.imports.records import Sniffed
from gestco.imports.sniffing import read_head, sniff_head, text_stream

Source = str | Path | BinaryIO


class Closing:
    """`with reader:` closes it (the file it opened) however the block ends."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class Opened(Closing):
    """`sniffed` (for CSV: delimiter and decimal mark too), `head` (the decoded first
    bytes, to tell JSON or vCard from CSV) and `text`, the whole file as it streams."""

    def __init__(
        self,
        source: Source,
        *,
        encoding: str | None = None,
        delimiter: str | None = None,
        decimal_mark: str | None = None,
    ) -> None:
        self._owned = isinstance(source, str | Path)
        self._binary: BinaryIO = (
            open(source, "rb")  # noqa: SIM115 (closed by close())
            if isinstance(source, str | Path)
            else source
        )
        try:
            head, complete = read_head(self._binary)
            probe, self.head = sniff_head(head, complete=complete, encoding=encoding, tabular=False)
            self.text = text_stream(self._binary, probe.encoding)
            self.tabular = self.head.lstrip("\ufeff \t\r\n")[:1] not in ("[", "{") and not (
                self.head.lstrip("\ufeff \t\r\n")[:11].upper().startswith("BEGIN:VCARD")
            )
            self.sniffed: Sniffed = probe
            if self.tabular:
                self.sniffed, _ = sniff_head(
                    head,
                    complete=complete,
                    encoding=probe.encoding,
                    delimiter=delimiter,
                    decimal_mark=decimal_mark,
                )
        except BaseException:
            self.close()
            raise

    @property
    def is_json(self) -> bool:
        return self.head.lstrip("\ufeff \t\r\n")[:1] in ("[", "{")

    def close(self) -> None:
        text = getattr(self, "text", None)
        if self._owned:
            (text or self._binary).close()
        elif text is not None and not text.closed:
            text.detach()  # the caller's stream stays open
            del self.text
