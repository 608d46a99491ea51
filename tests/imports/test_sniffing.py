"""How a file is written, told from its first bytes, and the files that are refused before
any row is read: each with what to do instead."""

from __future__ import annotations

import codecs
import gzip
import io
import sqlite3
import zipfile
from pathlib import Path

import pytest

from gestco.imports.orders import read_orders
from gestco.imports.records import ImportFileError
from gestco.imports.sniffing import HEAD_BYTES, sniff_head

HEADER = "order_ref;created_at;phone;last_name;sku;quantity;unit_price\r\n"
ROW = "CC-1;2025-10-07;0612345678;Benali;CAF-250;2;45,90\r\n"


def sniffed(data: bytes, **given: str):  # type: ignore[no-untyped-def]
    return sniff_head(data, complete=True, **given)[0]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ((HEADER + ROW).encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + (HEADER + ROW).encode("utf-8"), "utf-8-sig"),
        ((HEADER + ROW.replace("Benali", "Bénali")).encode("cp1252"), "cp1252"),
        ((HEADER + ROW).encode("utf-16"), "utf-16"),  # Excel's "Unicode text"
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "utf-16"],
)
def test_encodings(data: bytes, encoding: str) -> None:
    assert sniffed(data).encoding == encoding
    (order,) = read_orders(io.BytesIO(data), region="MA").orders
    assert order.client.last_name in ("Benali", "Bénali")


def test_a_multibyte_character_cut_by_the_end_of_the_head_is_still_utf8() -> None:
    text = "order_ref,sku\n" + "x,é\n" * (HEAD_BYTES // 5)
    head = text.encode("utf-8")[:HEAD_BYTES]
    assert head[-1:] != b"\n"
    for cut in range(1, 4):
        assert sniff_head(head[: len(head) - cut], complete=False)[0].encoding == "utf-8"


@pytest.mark.parametrize(
    ("text", "delimiter", "mark"),
    [
        ("a,b,c\n1,12.50,x\n2,3.00,y\n", ",", "."),
        ("a;b;c\n1;12,50;x\n2;3,00;y\n", ";", ","),
        ("a\tb\tc\n1\t12,50\tx\n", "\t", ","),
        ('a,b,c\n1,"12,50",x\n2,"1.234,00",y\n', ",", ","),
        # A comma inside an unquoted address does not make it comma-separated.
        ("a;b;c\nRue de la Paix, 12;1.5;x\nAv. X, 3;2.25;y\n", ";", "."),
        ("single\nvalue\n", ",", "."),
    ],
)
def test_delimiter_and_decimal_mark(text: str, delimiter: str, mark: str) -> None:
    found = sniffed(text.encode())
    assert (found.delimiter, found.decimal_mark) == (delimiter, mark)


def test_what_is_given_wins() -> None:
    found = sniffed(b"a;b\n1;2,5\n", delimiter=",", decimal_mark=".", encoding="latin-1")
    assert (found.encoding, found.delimiter, found.decimal_mark) == ("iso8859-1", ",", ".")
    with pytest.raises(ImportFileError, match="Unknown encoding klingon"):
        sniffed(b"a,b\n", encoding="klingon")
    with pytest.raises(ImportFileError, match="Unknown encoding"):
        sniffed(b"a,b\n", encoding="rot13")  # a codec, but not a text encoding
    with pytest.raises(ImportFileError, match="delimiter"):
        sniffed(b"a,b\n", delimiter="|")


def _xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def _sqlite(tmp_path: Path) -> bytes:
    path = tmp_path / "shop.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda _: _xlsx(), "workbook"),
        (lambda _: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old Excel"),
        (_sqlite, "database file"),
        (lambda _: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (lambda _: gzip.compress(b"order_ref,sku\n"), "compressed"),
        (lambda _: b"<!DOCTYPE html><html><body>Orders</body></html>", "web page"),
        (lambda _: bytes(range(256)) * 40, "not text"),
        (lambda _: b"\x89PNG\r\n\x1a\n" + bytes(1000), "not text"),
        (lambda _: b"", "empty"),
    ],
    ids=["xlsx", "xls", "sqlite", "pdf", "gzip", "html", "binary", "png", "empty"],
)
def test_other_programs_files_are_refused_by_name(make, words: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "orders.csv"
    path.write_bytes(make(tmp_path))
    with pytest.raises(ImportFileError, match=words):
        read_orders(path, region="MA")


def test_a_file_of_another_kind_of_csv_is_refused() -> None:
    data = b"Date,Amount,Account\n2025-10-07,12.50,Bank\n"
    with pytest.raises(ImportFileError, match="not those of a Shopify or WooCommerce"):
        read_orders(io.BytesIO(data), region="MA")
    with pytest.raises(ImportFileError, match="Unknown format"):
        read_orders(io.BytesIO(data), region="MA", format="magento")
    with pytest.raises(ImportFileError, match="vCard"):
        read_orders(io.BytesIO(b"BEGIN:VCARD\r\nEND:VCARD\r\n"), region="MA")


def test_a_stray_byte_makes_its_line_a_problem_not_the_file() -> None:
    rows = [ROW.replace("CC-1", f"CC-{n}") for n in range(2, 2000)]
    data = (HEADER + ROW).encode("utf-8") + "".join(rows).encode("utf-8")
    data += b"CC-9999;2025-10-07;0612345678;B\xe9nali;CAF-250;1;45,90\r\n"  # one cp1252 byte
    file = read_orders(io.BytesIO(data), region="MA")
    assert file.sniffed.encoding == "utf-8"  # the head is UTF-8
    assert len(file.orders) == 1999
    (problem,) = file.problems
    assert (problem.line_number, problem.external_id) == (2001, "CC-9999")
    assert "another encoding" in problem.message


def test_the_callers_stream_stays_open_and_is_read_as_it_goes() -> None:
    class Counting(io.BytesIO):
        largest = 0

        def read(self, size: int | None = -1) -> bytes:
            assert size is not None and size >= 0, "the whole file was asked for"
            Counting.largest = max(Counting.largest, size)
            return super().read(size)

        def read1(self, size: int = -1) -> bytes:
            return self.read(size if size >= 0 else 8192)

        def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
            data = self.read(len(buffer))
            buffer[: len(data)] = data
            return len(data)

    body = "".join(ROW.replace("CC-1", f"CC-{n}") for n in range(1, 6000))
    stream = Counting((HEADER + body).encode("utf-8"))
    assert len(stream.getvalue()) > 4 * HEAD_BYTES
    file = read_orders(stream, region="MA")
    assert len(file.orders) == 5999
    assert not stream.closed
    assert Counting.largest <= HEAD_BYTES + 1  # never more than the head at once
