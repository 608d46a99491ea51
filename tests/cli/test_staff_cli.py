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


def _raw(target: str, *args: str, stdin: bytes):
    """The CLI fed bytes on stdin (what a script's pipe may hold), its output as text."""
    import subprocess
    import sys

    from tests.support.cli import ROOT

    done = subprocess.run(
        [sys.executable, "-m", "gestco", "--db", target, *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=300,
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def _new_shop(tmp_path: Path) -> str:
    target = str(tmp_path / "shop.sqlite3")
    opening.open_database(target)
    binding.close_database()
    return target


def test_secrets_that_are_not_text_are_refused_plainly(tmp_path: Path) -> None:
    """Undecodable bytes or a NUL on --password-stdin: one clear line, exit 2, no operator."""
    target = _new_shop(tmp_path)
    add = ("user", "add", "nadia", "--role", "counter", "--password-stdin")
    code, _out, err = _raw(target, *add, stdin=b"mot-de-passe-\xe9t\xe9\n")
    assert code == 2 and "not UTF-8 text" in err and "unexpected" not in err
    code, _out, err = _raw(target, *add, stdin=b"mot-de-\x00passe\n")
    assert code == 2 and "no keyboard types" in err and "Enter a password" not in err
    code, _out, err = _raw(target, "user", "add", "nadia", "--role", "counter", "--password-stdin",
                           stdin="mot-de-passe-été\n".encode())  # fmt: skip
    assert code == 0, err
    code, _out, err = _raw(target, "user", "pin", "nadia", "--pin-stdin", stdin=b"12\xff4\n")
    assert code == 2 and "not UTF-8 text" in err
    opening.open_database(target)
    try:
        assert session.sign_in("nadia", "mot-de-passe-été").username == "nadia"
        assert session.current().has_pin is False
        session.sign_in_owner("tester")
    finally:
        binding.close_database()


def test_ctrl_d_at_the_password_prompt(tmp_path: Path) -> None:
    """On a real terminal (a pseudo-terminal here): Ctrl+D at `Password:` is one line and
    exit 2, nothing added."""
    import os
    import pty
    import sys
    import time

    from tests.support.cli import ROOT

    target = _new_shop(tmp_path)
    pid, fd = pty.fork()
    if pid == 0:  # the child: gestco on the terminal
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "gestco", "--db", target,
                                  "user", "add", "nadia", "--role", "counter"])  # fmt: skip
    seen = b""
    deadline = time.monotonic() + 120  # a bound against a hang, not a timing assertion
    while b"Password: " not in seen and time.monotonic() < deadline:
        seen += os.read(fd, 1024)
    os.write(fd, b"\x04")
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child is gone: EIO on Linux
            break
        if not chunk:
            break
        seen += chunk
    _pid, status = os.waitpid(pid, 0)
    os.close(fd)
    text = seen.decode(errors="replace")
    assert os.waitstatus_to_exitcode(status) == 2, text
    assert "Nothing was typed" in text and "unexpected" not in text
    opening.open_database(target)
    try:
        assert operators.needs_first_admin()
    finally:
        binding.close_database()


def test_user_add_without_a_name_shows_the_username(tmp_path: Path) -> None:
    target = _new_shop(tmp_path)
    added = _db(target, "user", "add", "Sara", "--role", "counter", "--password-stdin",
                stdin="sara-secret\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    listed = _db(target, "user", "list").stdout.splitlines()
    assert listed[1].split()[:3] == ["Sara", "Sara", "counter"]


def test_user_unlock_and_passwd_clear_the_delay(tmp_path: Path) -> None:
    target = _new_shop(tmp_path)
    assert _db(target, "user", "add", "gerant", "--role", "manager", "--password-stdin",
               stdin="gerant-2026\n").returncode == 0  # fmt: skip
    assert _db(target, "user", "pin", "gerant", "--pin-stdin", stdin="2468\n").returncode == 0

    def lock_out() -> None:
        opening.open_database(target)
        try:
            for _ in range(5):
                with pytest.raises(SignInError):
                    session.sign_in_pin("gerant", "0000")
            with pytest.raises(SignInError, match="wait"):
                session.sign_in_pin("gerant", "2468")
        finally:
            session.sign_in_owner("tester")
            binding.close_database()

    lock_out()
    unlocked = _db(target, "user", "unlock", "GERANT")
    assert unlocked.returncode == 0, unlocked.stderr
    assert unlocked.stdout == "gerant: 5 wrong attempt(s) cleared; no sign-in delay\n"
    lock_out()  # the right PIN works again at once (lock_out's first tries are counted)
    passwd = _db(target, "user", "passwd", "gerant", "--password-stdin", stdin="gerant-2027\n")
    assert passwd.returncode == 0, passwd.stderr
    opening.open_database(target)
    try:
        assert session.sign_in_pin("gerant", "2468").username == "gerant"
    finally:
        session.sign_in_owner("tester")
        binding.close_database()
    unknown = _db(target, "user", "unlock", "personne")
    assert unknown.returncode == 1 and "No operator personne" in unknown.stderr
    trail = list(csv.DictReader(io.StringIO(_db(target, "audit", "--format", "csv").stdout)))
    cleared = [
        (r["operator"], r["record"], r["note"]) for r in trail if r["kind"] == "failures_cleared"
    ]
    assert cleared == [
        (OWNER, "gerant", "5 wrong attempts; unlocked"),
        (OWNER, "gerant", "5 wrong attempts; new password"),
    ]


def test_the_audit_text_is_one_line_an_event(tmp_path: Path) -> None:
    """What the trail holds is printed with its line breaks, escape codes and bidi controls
    escaped: a name cannot forge a line or drive the terminal."""
    from gestco.domain.records import ClientInput
    from gestco.services import clients
    from gestco.services.audit_trail import record_event
    from gestco.storage import transactions

    target = _new_shop(tmp_path)
    forged = "x\n2026-12-01 09:00:00  admin@caisse  sign_in\x1b[2J\x1b]0;owned\x07"
    opening.open_database(target)
    try:
        with transactions.atomic():  # what an older version kept: the name as typed
            record_event(forged, "caisse\r", "sign_in_failed", note="password\u2028x")
        clients.create_client(
            ClientInput(
                phone="0611111111",
                last_name="Ali\u202eCBA",
                address="12 rue des Fleurs\nBâtiment B",
            )
        )
        rows = raw_sql.fetch_one("SELECT count(*) FROM audit_events")[0]
    finally:
        binding.close_database()
    shown = _db(target, "audit")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert len(lines) == rows and shown.stdout.count("\n") == rows
    assert not any(ch in shown.stdout for ch in "\x1b\x07\r\u202e\u2028")
    assert "x\\n2026-12-01 09:00:00  admin@caisse  sign_in\\x1b[2J" in lines[0]
    assert "@caisse\\r  sign_in_failed" in lines[0] and "[password | x]" in lines[0]
    assert any("last_name: - -> Ali\\u202eCBA" in line for line in lines)
    assert any("address: - -> 12 rue des Fleurs | Bâtiment B" in line for line in lines)
    listed = _db(target, "user", "list")
    assert listed.returncode == 0 and "\x1b" not in listed.stdout
