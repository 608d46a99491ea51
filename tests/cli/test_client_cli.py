"""`gestco client export|anonymise PHONE` and `gestco export orders --tag`: one line and an exit
code for each mistake, nothing written on bad input, a confirmation asked on a terminal."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import ROOT, gestco
from tests.support.databases import fresh_database, sql, sqlite_only

PHONE = "+212612345678"


@pytest.fixture
def shop_db(tmp_path: Path) -> str:
    """A demo shop whose client 1 is Amina (0612345678), tagged VIP, with a note."""
    target = fresh_database(tmp_path / "shop.sqlite3")
    made = gestco("--db", target, "demo", "--clients", "20", "--orders", "80", "--products", "5")
    assert made.returncode == 0, made.stderr
    sql(target, "UPDATE clients SET phone = ?, first_name = 'Amina' WHERE id = 1", PHONE)
    sql(target, "INSERT INTO tags (name, name_key, created_at) VALUES ('VIP', 'vip', '2026-01-01')")
    sql(target, "INSERT INTO client_tags (client_id, tag_id, created_at) VALUES (1, 1, '2026')")
    sql(
        target,
        "INSERT INTO client_notes (client_id, at, kind, body, operator)"
        " VALUES (1, '2026-01-02 10:00:00', 'call', 'veut la livraison mardi', 'gerant')",
    )
    return target


def _error_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("gestco: error: ")
    return lines[0]


def test_export_as_json_on_stdout_and_csv_into_a_file(shop_db: str, tmp_path: Path) -> None:
    result = gestco("--db", shop_db, "client", "export", "06 12 34 56 78")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["client"]["phone"] == PHONE and data["client"]["first_name"] == "Amina"
    assert data["tags"] == ["VIP"]
    assert data["timeline"][0]["text"] == "veut la livraison mardi"
    assert len(data["orders"]) == data["figures"]["orders"]
    assert data["exported_by"].startswith("cli:")
    out = tmp_path / "amina.csv"
    result = gestco("--db", shop_db, "client", "export", PHONE, "--output", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["section", "item", "field", "value"]
    assert ["client", "", "phone", PHONE] in rows
    named = tmp_path / "amina.data"
    assert gestco("--db", shop_db, "client", "export", PHONE, "-o", str(named)).returncode == 0
    assert json.loads(named.read_text(encoding="utf-8"))["tags"] == ["VIP"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("client", "export", "0699999999"), "No client has this number."),
        (("client", "export", "pas un numéro"), "phone number"),
        (("client", "anonymise", "0699999999", "--yes"), "No client has this number."),
        (("export", "orders", "--tag", "inconnu"), "No client has the tag inconnu."),
        (("export", "orders", "--tag", "a\x01b"), "cannot be stored"),
        (("export", "clients", "--tag", "VIP"), "--tag picks orders"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    shop_db: str, tmp_path: Path, args: tuple[str, ...], says: str
) -> None:
    out = tmp_path / "out.json"
    before = sql(shop_db, "SELECT phone, first_name, last_name FROM clients ORDER BY id")
    output = ("--output", str(out)) if args[:2] == ("client", "export") else ()
    result = gestco("--db", shop_db, *args, *output)
    assert result.returncode == 2
    assert says in _error_line(result)
    assert not out.exists()
    assert sql(shop_db, "SELECT phone, first_name, last_name FROM clients ORDER BY id") == before


@sqlite_only("the database is a file here")
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "link"])
def test_export_onto_the_database_is_refused(shop_db: str, tmp_path: Path, suffix: str) -> None:
    output = f"{shop_db}{suffix}"
    if suffix == "link":
        output = str(tmp_path / "link.json")
        os.symlink(shop_db, output)
    size = Path(shop_db).stat().st_size
    result = gestco("--db", shop_db, "client", "export", PHONE, "--output", output)
    assert result.returncode == 2
    assert "database" in _error_line(result)
    assert Path(shop_db).stat().st_size == size
    assert gestco("--db", shop_db, "check").stdout.strip() == "ok"


def test_orders_of_a_tag(shop_db: str) -> None:
    result = gestco("--db", shop_db, "export", "orders", "--tag", "vip")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = sql(shop_db, "SELECT count(*) FROM orders WHERE client_id = 1")[0][0]
    assert len(rows) == expected > 0
    assert {r["client_phone"] for r in rows} == {PHONE}


def test_anonymise_without_a_terminal_needs_yes(shop_db: str) -> None:
    result = gestco("--db", shop_db, "client", "anonymise", PHONE)
    assert result.returncode == 2 and "--yes" in _error_line(result)
    assert sql(shop_db, "SELECT phone FROM clients WHERE id = 1") == [(PHONE,)]


def _on_a_terminal(shop_db: str, answer: str) -> tuple[int, str]:
    """The command with a terminal as stdin, answering `answer`; (exit code, stderr)."""
    import pty

    leader, follower = pty.openpty()
    os.write(leader, answer.encode() + b"\n")
    done = subprocess.run(
        [sys.executable, "-m", "gestco", "--db", shop_db, "client", "anonymise", PHONE],
        cwd=ROOT,
        stdin=follower,
        capture_output=True,
        text=True,
        timeout=120,
    )
    os.close(follower)
    os.close(leader)
    return done.returncode, done.stderr


def test_anonymise_asks_on_a_terminal_and_no_changes_nothing(shop_db: str) -> None:
    code, said = _on_a_terminal(shop_db, "no")
    assert code == 1 and "cannot be undone" in said and "nothing was changed" in said
    assert sql(shop_db, "SELECT phone FROM clients WHERE id = 1") == [(PHONE,)]
    code, said = _on_a_terminal(shop_db, "yes")
    assert code == 0, said
    assert sql(shop_db, "SELECT phone, last_name FROM clients WHERE id = 1") == [
        ("+99900000000001", "Anonyme")
    ]


def test_anonymise_keeps_the_orders_and_records_it(shop_db: str) -> None:
    orders = sql(shop_db, "SELECT count(*), sum(total_cents) FROM orders")
    result = gestco("--db", shop_db, "client", "anonymise", "0612345678", "--yes")
    assert result.returncode == 0, result.stderr
    assert "+99900000000001" in result.stdout
    assert sql(shop_db, "SELECT count(*), sum(total_cents) FROM orders") == orders
    assert gestco("--db", shop_db, "client", "export", PHONE).returncode == 2
    trail = sql(
        shop_db,
        "SELECT operator, old_value, new_value FROM audit_events"
        " WHERE entity = 'clients' AND record_id = '1' AND field = 'phone'",
    )
    assert trail[-1][0].startswith("cli:") and trail[-1][1:] == (None, "+99900000000001")
    assert sql(shop_db, "SELECT body FROM client_notes") == [("",)]
    assert gestco("--db", shop_db, "check").stdout.strip() == "ok"
    again = gestco("--db", shop_db, "client", "anonymise", "+99900000000001", "--yes")
    assert again.returncode == 2  # the placeholder is no phone anyone can type
