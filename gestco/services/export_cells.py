"""What a cell may hold, so that a spreadsheet shows the shop's data and runs none of it.

- Text is always text: in XLSX a string that starts with `=` is stored as a string, never a
  formula (openpyxl's default would make `=HYPERLINK(...)` a live link); in a CSV meant for
  a spreadsheet, a field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets
  a leading `'` (OWASP's "CSV injection" advice), so `+212…` stays a phone.
- Control characters an older database may hold (the services refuse them now) are dropped:
  XLSX cannot carry them (openpyxl raised IllegalCharacterError and every export failed).
"""

from __future__ import annotations

import re
import zipfile
from contextlib import suppress
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any

# XML 1.0 forbids C0 controls but tab, LF and CR, and the non-characters U+FFFE/U+FFFF;
# DEL is legal there but never meant in a name or an address.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# strftime directive -> Excel number-format code
_EXCEL_CODES = {"%d": "DD", "%m": "MM", "%Y": "YYYY", "%y": "YY", "%H": "HH", "%M": "MM"}
_EXCEL_CODES["%S"] = "SS"


def clean_text(text: str) -> str:
    return _CONTROL.sub("", text)


def neutralise_formula(text: str) -> str:
    """For a CSV a spreadsheet opens: a field that could start a formula starts with '."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def excel_format(strftime: str) -> str:
    """'%d/%m/%Y %H:%M' -> 'DD/MM/YYYY HH:MM' (the cell shows the date the screen shows)."""
    return re.sub(r"%[a-zA-Z]", lambda m: _EXCEL_CODES.get(m.group(0), ""), strftime)


class XlsxSheet:
    """One streamed sheet: typed cells, a bold frozen header row, set column widths.

    Saved only when the block ends without an error; on an error (a full disk, a cancel)
    the half-built archive is closed and dropped here, so nothing prints "Exception
    ignored" when the interpreter later collects it."""

    def __init__(self, path: Path, title: str) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import Cell, WriteOnlyCell
        from openpyxl.styles import Font

        self.path = path
        self._cell = WriteOnlyCell
        self._styled_cell = Cell
        self._styles: dict[str, Any] = {}
        self._bold = Font(bold=True)
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet(_sheet_title(title))
        self.sheet.freeze_panes = "A2"

    def __enter__(self) -> XlsxSheet:
        return self

    def header(self, names: list[str], widths: list[int]) -> None:
        from openpyxl.utils import get_column_letter

        for index, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = max(width, len(name) + 2)
        cells = []
        for name in names:
            cell = self._cell(self.sheet, value=clean_text(name))
            cell.data_type = "s"
            cell.font = self._bold
            cells.append(cell)
        self.sheet.append(cells)

    def text(self, value: str) -> Any:
        if not value.startswith("="):
            return value  # openpyxl stores any other str as a string cell
        cell = self._cell(self.sheet, value=value)
        cell.data_type = "s"  # the text as typed, never a formula
        return cell

    def number(self, value: Decimal) -> Any:
        return self._formatted(value, "#,##0.00")

    def dated(self, value: date, number_format: str) -> Any:
        return self._formatted(value, number_format)

    def _formatted(self, value: Any, number_format: str) -> Any:
        """A cell with a number format. Its style is looked up once per format and shared
        (setting number_format on each cell cost about a quarter of the export's time)."""
        style = self._styles.get(number_format)
        if style is None:
            first = self._cell(self.sheet, value=value)
            first.number_format = number_format
            self._styles[number_format] = first._style
            return first
        return self._styled_cell(self.sheet, row=1, column=1, value=value, style_array=style)

    def append(self, cells: list[Any]) -> None:
        self.sheet.append(cells)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        from openpyxl.writer.excel import ExcelWriter

        if kind is not None:
            self.sheet.close()  # its temporary file goes
            return
        with open(self.path, "wb") as out:
            archive = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
            try:
                ExcelWriter(self.book, archive).save()
            except BaseException:
                _drop(archive)
                raise


def _drop(archive: zipfile.ZipFile) -> None:
    """Close a half-written archive now, quietly: left to the garbage collector, its
    __del__ would try to finish the file and print a traceback ("Exception ignored")."""
    with suppress(Exception):
        archive.close()
    archive.fp = None  # close() stops early when an entry was open


def _sheet_title(title: str) -> str:
    """Excel refuses []:*?/\\ in a sheet's name and more than 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", clean_text(title))[:31] or "Sheet"
