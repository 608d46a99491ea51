"""A CSV file as rows of named cells, read as it streams: cells found by header name (never by
position), each row with the line of the file where it begins. A row that cannot be read is
an ImportProblem with its line, and reading goes on."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from gestco.domain.text import search_key
from gestco.imports.records import ImportFileError, ImportProblem
from gestco.imports.sniffing import undecodable

MAX_COLUMNS = 2000  # Shopify's widest export has ~80; numbered WooCommerce items a few hundred


def header_key(name: str) -> str:
    """'  Lineitem   SKU' -> 'lineitem sku', 'Référence' -> 'reference': how headers are
    compared (a French spreadsheet's accents come and go with whoever typed them)."""
    return search_key(name.replace("\ufeff", "").strip().strip('"'))


@dataclass(frozen=True, slots=True)
class Row:
    line_number: int
    cells: dict[str, str]  # header key -> the cell's text, stripped
    # A row read but not whole (too many values, a byte in another encoding): its cells
    # still say which order it belongs to, and that order is refused with it.
    problem: ImportProblem | None = None

    def get(self, *keys: str) -> str:
        """The first non-empty cell among these columns ('' when none)."""
        for key in keys:
            value = self.cells.get(key, "")
            if value:
                return value
        return ""

    def blank(self) -> bool:
        return not any(self.cells.values())


class Table:
    """Rows of one CSV file. `names` keeps each header key's spelling in the file, for the
    messages ('column Billing Phone')."""

    def __init__(self, stream: TextIO, delimiter: str) -> None:
        self._reader = csv.reader(stream, delimiter=delimiter)
        self._consumed = 0  # lines read by the csv reader so far
        header: list[str] | None = None
        try:
            for record in self._reader:
                if any(cell.strip() for cell in record):
                    header = record
                    break
        except csv.Error:
            raise ImportFileError(
                "The first line of the file cannot be read as column names: check that it is"
                " a CSV file."
            ) from None
        if header is None:
            raise ImportFileError("The file has no rows: export the data again.")
        if len(header) > MAX_COLUMNS or undecodable(header):
            raise ImportFileError(
                "The first line of the file cannot be read as column names: check that it is"
                " a CSV file."
            )
        self.header_line = self._reader.line_num
        self._consumed = self._reader.line_num
        self.keys = [header_key(name) for name in header]
        self.names: dict[str, str] = {}
        for key, name in zip(self.keys, header, strict=True):
            self.names.setdefault(key, name.strip())

    def has(self, *keys: str) -> bool:
        return any(key in self.names for key in keys)

    def name(self, key: str) -> str:
        return self.names.get(key, key)

    def rows(self) -> Iterator[Row | ImportProblem]:
        width = len(self.keys)
        while True:
            start = self._consumed + 1
            try:
                record = next(self._reader)
            except StopIteration:
                return
            except csv.Error:
                if self._reader.line_num <= self._consumed:
                    yield ImportProblem(start, "This line cannot be read: the file stops here.")
                    return
                self._consumed = self._reader.line_num
                yield ImportProblem(
                    start,
                    "This line cannot be read as CSV (a quote left open, or a value far too"
                    " long): check it in the file.",
                )
                continue
            self._consumed = self._reader.line_num
            if not any(cell.strip() for cell in record):
                continue  # a blank line, or a row of empty cells (spreadsheets leave them)
            broken = None
            if undecodable(record):
                broken = ImportProblem(
                    start,
                    "This line holds characters in another encoding than the rest of the"
                    " file: save the file again as CSV (UTF-8).",
                )
            elif len(record) > width and any(cell.strip() for cell in record[width:]):
                broken = ImportProblem(
                    start,
                    "This line has {found} values but the first line names {columns} columns:"
                    " a delimiter or a quote is probably missing.",
                    {"found": len(record), "columns": width},
                )
            yield Row(start, _cells(self.keys, record), broken)


def _cells(keys: Iterable[str], record: list[str]) -> dict[str, str]:
    cells: dict[str, str] = {}
    for key, value in zip(keys, record, strict=False):
        if key not in cells or not cells[key]:  # a duplicated column: the first filled one
            cells[key] = value.strip()
    return cells
