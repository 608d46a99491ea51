"""How a file is written, from its first bytes: encoding (UTF-8 with or without BOM, UTF-16
with BOM, else cp1252), delimiter (',' ';' tab) and decimal mark ('.' or ','). Each can be
given instead. Another program's file (a workbook, a PDF, a database) is refused by name
before anything is parsed, so the user reads what to do rather than a thousand bad rows."""

from __future__ import annotations

import codecs
import csv
import io
import re
from typing import BinaryIO

from gestco.imports.records import ImportFileError, Sniffed

HEAD_BYTES = 64 * 1024  # what sniffing reads; the rest of the file is streamed
DELIMITERS = (",", ";", "\t")
DECIMAL_MARKS = (".", ",")
_SAMPLE_RECORDS = 50

# Signatures of files people pick by mistake, each with what to do instead.
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc
_SQLITE = b"SQLite format 3\x00"
_PDF = b"%PDF-"
_GZIP = b"\x1f\x8b"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML = re.compile(rb"^\s*(<!doctype html|<html)", re.IGNORECASE)


def _escape_bytes(error: UnicodeError) -> tuple[str, int]:
    """Each byte the encoding cannot read as a lone surrogate U+DC00 + byte, for the row
    reader to report with its line. Python's own surrogateescape gives up on bytes below
    0x80 (an odd byte of UTF-16) and raises in the middle of the file."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + b) for b in bad), error.end


ESCAPE = "gestco-imports-escape"
codecs.register_error(ESCAPE, _escape_bytes)


def refuse_other_programs(head: bytes) -> None:
    """Raise ImportFileError when the first bytes say this is not a text export."""
    if not head:
        raise ImportFileError("The file is empty: export the data again.")
    if head.startswith(_ZIP):
        raise ImportFileError(
            "This is a workbook (Excel, LibreOffice) or a ZIP archive, not a CSV file: open it"
            " in the spreadsheet, save it as CSV (UTF-8), then import that file."
        )
    if head.startswith(_OLE2):
        raise ImportFileError(
            "This is an old Excel (.xls) or Word file: open it, save it as CSV (UTF-8), then"
            " import that file."
        )
    if head.startswith(_SQLITE):
        raise ImportFileError(
            "This is a database file, not an export: to work in a GESTCO database, open it"
            " from the File menu."
        )
    if head.startswith(_PDF):
        raise ImportFileError(
            "This is a PDF document: export the data from the shop as CSV or JSON instead."
        )
    if head.startswith(_GZIP):
        raise ImportFileError(
            "This file is compressed (gzip): uncompress it, then import the file inside."
        )
    if _HTML.match(head[:200]):
        raise ImportFileError(
            "This is a web page, not an export: use the shop's Export button and import the"
            " file it downloads."
        )


def detect_encoding(head: bytes, *, complete: bool) -> str:
    """utf-8-sig, utf-16 (with a BOM), utf-8 when the head decodes as UTF-8, else cp1252
    (what Excel on Windows writes for 'CSV' in French and English)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(_UTF16_BOMS):
        return "utf-16"
    try:
        # Incremental: a character cut by the end of the head is not an error.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def checked_encoding(name: str) -> str:
    """A user's `--encoding`, as a codec name Python knows."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ImportFileError(
            "Unknown encoding {encoding}: use utf-8, cp1252 or latin-1.", encoding=name
        ) from None
    if not getattr(info, "_is_text_encoding", True):
        raise ImportFileError(
            "Unknown encoding {encoding}: use utf-8, cp1252 or latin-1.", encoding=name
        )
    return info.name


def decoded_head(head: bytes, encoding: str) -> str:
    return codecs.getincrementaldecoder(encoding)(errors=ESCAPE).decode(head)


def refuse_binary(text: str) -> None:
    """Control characters other than layout mean binary data (an image, a program)."""
    sample = text[:20_000]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f")
    if "\x00" in sample or controls > max(2, len(sample) // 100):
        raise ImportFileError(
            "This file is not text (it holds binary data): import a CSV or JSON file"
            " exported from the shop."
        )


def _records(text: str, delimiter: str, complete: bool) -> list[list[str]]:
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            if row:
                rows.append(row)
            if len(rows) > _SAMPLE_RECORDS:
                break
    except csv.Error:
        pass  # a sample cut inside a quoted field: what was read is enough
    if not complete and len(rows) > 1 and len(rows) <= _SAMPLE_RECORDS:
        rows.pop()  # the head may end inside the last record
    return rows


def detect_delimiter(text: str, *, complete: bool) -> str:
    """The candidate whose rows mostly agree with the header's width, the widest such."""
    candidates: list[tuple[bool, int, float, str]] = []
    for delimiter in DELIMITERS:
        rows = _records(text, delimiter, complete)
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        body = rows[1:] or rows
        agreeing = sum(1 for row in body if len(row) == width) / len(body)
        candidates.append((agreeing >= 0.8, width, agreeing, delimiter))
    return max(candidates)[3] if candidates else ","


_COMMA_DECIMAL = re.compile(r"^[-+]?(\d{1,3}(\.\d{3})+|\d+),\d{1,2}$")
_DOT_DECIMAL = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)\.\d{1,2}$")


def detect_decimal_mark(text: str, delimiter: str, *, complete: bool) -> str:
    """',' when amounts are written '12,50' more often than '12.50'; '.' otherwise."""
    comma = dot = 0
    for row in _records(text, delimiter, complete)[1:]:
        for cell in row:
            value = cell.strip()
            if _COMMA_DECIMAL.match(value):
                comma += 1
            elif _DOT_DECIMAL.match(value):
                dot += 1
    return "," if comma > dot else "."


def sniff_head(
    head: bytes,
    *,
    complete: bool,
    encoding: str | None = None,
    delimiter: str | None = None,
    decimal_mark: str | None = None,
    tabular: bool = True,
) -> tuple[Sniffed, str]:
    """The file's writing and its head decoded. `tabular` False (JSON, vCard) skips the
    delimiter and decimal mark."""
    refuse_other_programs(head)
    codec = checked_encoding(encoding) if encoding else detect_encoding(head, complete=complete)
    text = decoded_head(head, codec)
    refuse_binary(text)
    if delimiter is not None and delimiter not in DELIMITERS:
        raise ImportFileError("The delimiter is one of: comma, semicolon, tab.")
    if decimal_mark is not None and decimal_mark not in DECIMAL_MARKS:
        raise ImportFileError("The decimal mark is a point or a comma.")
    if not tabular:
        return Sniffed(codec, "", decimal_mark or "."), text
    sep = delimiter or detect_delimiter(text, complete=complete)
    mark = decimal_mark or detect_decimal_mark(text, sep, complete=complete)
    return Sniffed(codec, sep, mark), text


def read_head(stream: BinaryIO) -> tuple[bytes, bool]:
    """The first HEAD_BYTES and whether that is the whole file; the stream is rewound."""
    head = stream.read(HEAD_BYTES + 1)
    stream.seek(0)
    return head[:HEAD_BYTES], len(head) <= HEAD_BYTES


def text_stream(stream: BinaryIO, encoding: str) -> io.TextIOWrapper:
    """The file as text, decoded as it is read. A byte that is not in the encoding becomes a
    lone surrogate (ESCAPE) that the row reader reports with its line, instead of one bad
    byte on line 40,000 failing the whole file."""
    return io.TextIOWrapper(stream, encoding=encoding, errors=ESCAPE, newline="")


_ESCAPED = re.compile("[\udc00-\udcff]")


def undecodable(values: list[str]) -> bool:
    """Whether any value holds a byte the encoding could not read. One regex search over
    the joined row: a character walk in Python was a tenth of a Shopify file's reading."""
    return _ESCAPED.search("".join(values)) is not None
