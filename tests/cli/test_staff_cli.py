"""`gestco user ...`, `gestco audit ...` and the demo's operators, as an owner runs them: each
command its own process, read back through the core."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from gestco.domain.errors import SignInError
from gestco.services import operators, session
from gestco.storage import binding, opening, raw_sql
from gestco.workstation.folders import current_user
from tests.support.cli import gestco
from tests.support.databases import fresh_database

OWNER = f"cli:{current_user()}"


@pytest.fixture(scope="module")
def shop_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A demo made by the CLI: its operators were added by `cli:<login>`."""
    target = fresh_database(tmp_path_factory.mktemp("staff-cli") / "demo.sqlite3")
    made = gestco("--db", target, "demo", "--clients", "50", "--orders", "300", "--products", "8")
    assert made.returncode == 0, made.stderr
    return target


def _db(target: str, *args: str, stdin: str | None = None):
    return gestco("--db", target, *args, stdin=stdin)


def test_the_demo_names_its_operators(shop_db: str) -> None:
    listed = _db(shop_db, "user", "list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["username", "name", "role", "active", "last", "sign-in"]
    assert [line.split()[0] for line in lines[1:4]] == ["admin", "comptoir", "gerant"]
    assert "$argon2" not in listed.stdout
    opening.open_database(shop_db)
    try:
        for name, pin in (("admin", "1111"), ("gerant", "2222"), ("comptoir", "3333")):
            assert session.sign_in(name, name).username == name  # demo only
            assert session.sign_in_pin(name, pin).username == name
        names = {r[0] for r in raw_sql.fetch_all("SELECT DISTINCT changed_by FROM status_changes")}
        moved = {r[0] for r in raw_sql.fetch_all("SELECT DISTINCT created_by FROM stock_movements")}
    finally:
        session.sign_in_owner("tester")
        binding.close_database()
    assert names == {"comptoir", "gerant"} and moved == {"comptoir", "gerant"}


def test_user_add_passwd_role_disable(tmp_path: Path) -> None:
    target = str(tmp_path / "shop.sqlite3")
    opening.open_database(target)
    binding.close_database()
    added = _db(
        target, "user", "add", "Nadia", "--role", "counter", "--name", "Nadia B",
        "--password-stdin", stdin="premier-secret\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "premier-secret" not in added.stdout + added.stderr
    changed = _db(target, "user", "passwd", "nadia", "--password-stdin", stdin="second-secret\n")
    assert changed.returncode == 0, changed.stderr
    assert _db(target, "user", "role", "NADIA", "manager").returncode == 0
    opening.open_database(target)
    try:
        assert session.sign_in("nadia", "second-secret").role == "manager"
        session.sign_in_owner("tester")
    finally:
        binding.close_database()
    assert _db(target, "user", "disable", "nadia").returncode == 0
    listed = _db(target, "user", "list").stdout
    assert "Nadia B" in listed and " no " in listed
    trail = _db(target, "audit", "--format", "csv")
    assert trail.returncode == 0, trail.stderr
    rows = list(csv.DictReader(io.StringIO(trail.stdout)))
    assert {r["operator"] for r in rows if r["kind"] == "operator"} == {OWNER}
    assert {(r["field"], r["new_value"]) for r in rows} >= {
        ("username", "Nadia"),
        ("role", "manager"),
        ("active", "0"),
        ("password", ""),
    }
    assert "secret" not in trail.stdout


def test_user_pin_and_enable(tmp_path: Path) -> None:
    """An operator's PIN is set from stdin, works at the lock page's check, and is removed;
    a disabled operator is enabled again. Neither the PIN nor its hash is ever printed."""
    target = str(tmp_path / "shop.sqlite3")
    opening.open_database(target)
    binding.close_database()
    assert _db(
        target, "user", "add", "sara", "--role", "counter", "--password-stdin",
        stdin="sara-secret\n",
    ).returncode == 0  # fmt: skip
    set_pin = _db(target, "user", "pin", "SARA", "--pin-stdin", stdin="4827\n")
    assert set_pin.returncode == 0, set_pin.stderr
    assert "4827" not in set_pin.stdout + set_pin.stderr
    bad = _db(target, "user", "pin", "sara", "--pin-stdin", stdin="48a7\n")
    assert bad.returncode == 2 and "4 to 6 digits" in bad.stderr
    no_terminal = _db(target, "user", "pin", "sara")
    assert no_terminal.returncode == 2 and "--pin-stdin" in no_terminal.stderr
    unknown = _db(target, "user", "pin", "personne", "--pin-stdin", stdin="1234\n")
    assert unknown.returncode == 1 and "No operator personne" in unknown.stderr
    opening.open_database(target)
    try:
        assert session.sign_in_pin("sara", "4827").username == "sara"  # not 48a7
        session.sign_in_owner("tester")
    finally:
        binding.close_database()
    assert _db(target, "user", "pin", "sara", "--remove").returncode == 0
    assert _db(target, "user", "disable", "sara").returncode == 0
    assert _db(target, "user", "enable", "sara").returncode == 0
    opening.open_database(target)
    try:
        with pytest.raises(SignInError):
            session.sign_in_pin("sara", "4827")
        assert session.sign_in("sara", "sara-secret").active
        session.sign_in_owner("tester")
    finally:
        binding.close_database()
    trail = _db(target, "audit", "--format", "csv").stdout
    assert [r["note"] for r in csv.DictReader(io.StringIO(trail)) if r["field"] == "pin"] == [
        "set",
        "removed",
    ]
    assert "4827" not in trail and "$argon2" not in trail


def test_user_refusals(tmp_path: Path) -> None:
    target = str(tmp_path / "shop.sqlite3")
    opening.open_database(target)
    binding.close_database()
    no_terminal = _db(target, "user", "add", "nadia", "--role", "counter")
    assert no_terminal.returncode == 2 and "--password-stdin" in no_terminal.stderr
    short = _db(
        target, "user", "add", "nadia", "--role", "counter", "--password-stdin", stdin="x\n"
    )
    assert short.returncode == 2 and "at least 8" in short.stderr
    bad_role = _db(target, "user", "add", "nadia", "--role", "boss", "--password-stdin")
    assert bad_role.returncode == 2
    unknown = _db(target, "user", "role", "personne", "admin")
    assert unknown.returncode == 1 and "No operator personne" in unknown.stderr
    opening.open_database(target)
    try:
        assert operators.needs_first_admin()  # nothing was added
    finally:
        binding.close_database()


def test_audit_since_and_operator(shop_db: str) -> None:
    everything = _db(shop_db, "audit")
    assert everything.returncode == 0, everything.stderr
    assert f"{OWNER}@" in everything.stdout and "operator admin username: - -> admin" in (
        everything.stdout
    )
    assert _db(shop_db, "audit", "--since", "2999-01-01").stdout == ""
    gerant = _db(shop_db, "audit", "--operator", "GERANT").stdout.splitlines()
    assert all("  gerant@" in line for line in gerant)  # only the rows gerant made
    wrong = _db(shop_db, "audit", "--since", "hier")
    assert wrong.returncode == 2 and "YYYY-MM-DD" in wrong.stderr
