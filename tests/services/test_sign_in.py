"""Signing in: passwords and PINs, the growing delay after wrong ones (the same whether or not
the username exists), every try recorded, hashes redone when the parameters change, and no
secret ever in a log, a message or the database."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher, Type

from gestco.domain import passwords
from gestco.domain.errors import SignInDelayed, SignInError, ValidationError
from gestco.domain.permissions import Role
from gestco.domain.staff import delay_after
from gestco.services import audit, operators, session, sign_in_tries
from gestco.storage import migrations, raw_sql
from gestco.storage.staff_models import OperatorRow

START = datetime(2026, 12, 1, 9, 0, 0)


class Clock:
    """The session's clock, moved by the test (no test waits for real seconds)."""

    def __init__(self) -> None:
        self.moment = START

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    ticking = Clock()
    monkeypatch.setattr(sign_in_tries, "now", ticking)
    return ticking


@pytest.fixture
def gerant(db_path):
    return operators.create_operator(
        "Gerant", role="manager", password="bonjour-2026", display_name="Gérant", pin="2468"
    )


def test_OWASP_parameters_at_least() -> None:
    p = passwords.PARAMETERS
    assert p.type is Type.ID
    assert p.memory_cost >= 19 * 1024 and p.time_cost >= 2 and p.parallelism >= 1
    encoded = passwords.hash_secret("x")
    assert encoded.startswith("$argon2id$") and passwords.verify(encoded, "x")


def test_sign_in_with_password_or_pin_any_case(gerant, clock: Clock) -> None:
    signed = session.sign_in("gerant", "bonjour-2026")
    assert signed.username == "Gerant" and signed.role is Role.MANAGER
    assert session.current() == signed
    assert operators.get_operator("GERANT").last_sign_in_at == START
    session.sign_out()
    assert session.current() is None
    assert session.sign_in_pin(" GERANT ", "2468").username == "Gerant"


def test_the_delay_grows_and_every_try_is_recorded(gerant, clock: Clock) -> None:
    for _ in range(4):
        with pytest.raises(SignInError, match="Wrong username or password") as wrong:
            session.sign_in("gerant", "faux")
        assert not isinstance(wrong.value, SignInDelayed)
    with pytest.raises(SignInDelayed) as delayed:
        session.sign_in("gerant", "faux")  # the fifth
    assert delayed.value.retry_after == 30
    clock.advance(10)
    with pytest.raises(SignInDelayed) as still:  # even the right password waits
        session.sign_in("gerant", "bonjour-2026")
    assert still.value.retry_after == 20
    clock.advance(21)
    with pytest.raises(SignInDelayed) as longer:
        session.sign_in_pin("gerant", "0000")  # a wrong PIN counts as well
    assert longer.value.retry_after == 60
    clock.advance(61)
    with pytest.raises(SignInDelayed) as five_minutes:
        session.sign_in("gerant", "faux")
    assert five_minutes.value.retry_after == 300
    clock.advance(301)
    assert session.sign_in("gerant", "bonjour-2026").username == "Gerant"
    session.sign_out()
    with pytest.raises(SignInError) as fresh:  # a success starts the count again
        session.sign_in("gerant", "faux")
    assert not isinstance(fresh.value, SignInDelayed)
    kinds = [e.kind for e in _trail_as_owner() if e.kind.startswith("sign_in")]
    assert kinds.count("sign_in_failed") == 8
    assert kinds.count("sign_in_refused") == 1
    assert kinds.count("sign_in") == 1
    assert [delay_after(n) for n in range(4, 11)] == [0, 30, 60, 300, 900, 3600, 3600]


def _trail_as_owner():
    session.sign_in_owner("tester")
    return list(reversed(audit.list_events(limit=1000)))


def test_a_username_nobody_has_answers_the_same(gerant, clock: Clock) -> None:
    """Same messages, same delays, for a name with no operator: nothing tells it exists."""
    answers = {}
    for name in ("gerant", "personne"):
        seen = []
        for _ in range(5):
            with pytest.raises(SignInError) as error:
                session.sign_in(name, "faux")
            seen.append((type(error.value), error.value.message))
        answers[name] = seen
    assert answers["gerant"] == answers["personne"]
    with pytest.raises(SignInError) as pin:
        session.sign_in_pin("personne-2", "1234")
    assert pin.value.message == "Wrong username or PIN."


def test_a_disabled_operator_cannot_sign_in(gerant, clock: Clock) -> None:
    operators.set_active("gerant", False)
    with pytest.raises(SignInError, match="disabled"):
        session.sign_in("gerant", "bonjour-2026")
    with pytest.raises(SignInError, match="Wrong"):  # a wrong password says nothing more
        session.sign_in("gerant", "faux")


def test_an_operator_without_pin_cannot_use_one(db_path, clock: Clock) -> None:
    operators.create_operator("nadia", role="counter", password="nadia-2026")
    with pytest.raises(SignInError, match="Wrong username or PIN"):
        session.sign_in_pin("nadia", "1234")


def test_a_hash_made_with_other_parameters_is_redone_at_sign_in(gerant, clock: Clock) -> None:
    older = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1, type=Type.ID)
    OperatorRow.update(password_hash=older.hash("bonjour-2026"), pin_hash=older.hash("2468")).where(
        OperatorRow.username_key == "gerant"
    ).execute()
    session.sign_in("gerant", "bonjour-2026")
    session.sign_in_pin("gerant", "2468")
    row = OperatorRow.get(OperatorRow.username_key == "gerant")
    for encoded, secret in ((row.password_hash, "bonjour-2026"), (row.pin_hash, "2468")):
        assert "m=19456,t=2,p=1" in encoded
        assert not passwords.needs_rehash(encoded) and passwords.verify(encoded, secret)


def test_lock_then_unlock_or_switch(gerant, clock: Clock) -> None:
    operators.create_operator(
        "comptoir", role="counter", password="comptoir", demo=True, pin="3333"
    )
    session.sign_in("gerant", "bonjour-2026")
    session.lock()
    assert session.current() is None and session.locked_by().username == "Gerant"
    assert session.sign_in_pin("comptoir", "3333").username == "comptoir"  # a switch
    assert session.locked_by() is None
    kinds = [e.kind for e in _trail_as_owner()]
    assert "lock" in kinds


def test_the_rules_of_new_passwords_and_pins(db_path) -> None:
    with pytest.raises(ValidationError, match="at least 8"):
        operators.create_operator("nadia", role="counter", password="court")
    with pytest.raises(ValidationError, match="4 to 6 digits"):
        operators.create_operator("nadia", role="counter", password="nadia-2026", pin="12")
    with pytest.raises(ValidationError, match="role"):
        operators.create_operator("nadia", role="boss", password="nadia-2026")
    with pytest.raises(ValidationError, match="username"):
        operators.create_operator("na dia", role="counter", password="nadia-2026")
    operators.create_operator("Nadia", role="counter", password="nadia-2026")
    with pytest.raises(ValidationError, match="taken"):
        operators.create_operator("NADIA", role="manager", password="nadia-2026")


def test_the_last_admin_stays(db_path) -> None:
    first = operators.create_first_admin("patron", "patron-2026")
    assert first.role is Role.ADMIN and not operators.needs_first_admin()
    with pytest.raises(ValidationError, match="already has its administrator"):
        operators.create_first_admin("autre", "autre-2026")
    with pytest.raises(ValidationError, match="last active admin"):
        operators.set_role("patron", "manager")
    with pytest.raises(ValidationError, match="last active admin"):
        operators.set_active("patron", False)
    with pytest.raises(ValidationError, match="last active admin"):
        operators.update_operator("patron", display_name="Le patron", role="admin", active=False)
    assert operators.get_operator("patron").display_name == "patron"  # nothing of it written
    operators.create_operator("adjoint", role="admin", password="adjoint-2026")
    assert operators.set_role("patron", "manager").role is Role.MANAGER


def test_an_operator_edited_at_once_is_one_change_of_each_field(gerant) -> None:
    """The operators screen's Save: name, role and active together, each changed field one
    audit row; a refused one writes nothing."""
    from gestco.services import audit
    from gestco.services.audit import AuditFilter

    operators.set_active("gerant", False)
    before = len(audit.list_events(AuditFilter(kinds=("operator",)), limit=100))
    edited = operators.update_operator("GERANT", display_name="Samira", role="counter", active=True)
    assert (edited.display_name, edited.role, edited.active) == ("Samira", Role.COUNTER, True)
    rows = audit.list_events(AuditFilter(kinds=("operator",)), limit=100)  # newest first
    changed = {e.field: (e.old_value, e.new_value) for e in rows[: len(rows) - before]}
    assert changed == {
        "display_name": ("Gérant", "Samira"),
        "role": ("manager", "counter"),
        "active": ("0", "1"),
    }
    with pytest.raises(ValidationError, match="invisible character"):
        operators.update_operator("gerant", display_name="S​", role="admin", active=True)
    assert operators.get_operator("gerant").role is Role.COUNTER  # nothing written


def test_the_first_admin_of_a_new_shop(db_path, clock: Clock) -> None:
    session.reset()
    assert operators.needs_first_admin()
    operators.create_first_admin("patron", "patron-2026", display_name="Le patron")
    assert session.current() is None  # the window signs the new admin in
    assert session.sign_in("patron", "patron-2026").display_name == "Le patron"
    first = audit.record_trail("operators", operators.get_operator("patron").id)
    assert {e.operator for e in first} == {"patron"}


def test_own_password_change(gerant, clock: Clock) -> None:
    session.sign_in("gerant", "bonjour-2026")
    with pytest.raises(SignInError):
        operators.change_own_password("faux", "nouveau-2026")
    operators.change_own_password("bonjour-2026", "nouveau-2026")
    operators.set_pin("gerant", None)  # one's own PIN needs no admin
    session.sign_out()
    assert session.sign_in("gerant", "nouveau-2026").has_pin is False


SECRETS = ("bonjour-2026", "2468", "faux-secret-42", "9753", "nouveau-2026")


def test_no_secret_in_logs_messages_or_the_database(
    db_path, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # peewee logs every statement and its parameters
    messages = []
    operators.create_operator("gerant", role="manager", password="bonjour-2026", pin="2468")
    operators.create_operator("comptoir", role="counter", password="comptoir", demo=True)
    for attempt in (
        lambda: session.sign_in("gerant", "faux-secret-42"),
        lambda: session.sign_in_pin("gerant", "9753"),
        lambda: session.sign_in("personne", "faux-secret-42"),
    ):
        with pytest.raises(SignInError) as error:
            attempt()
        messages.append(str(error.value))
    session.sign_in("gerant", "bonjour-2026")
    session.sign_in_pin("gerant", "2468")
    session.sign_in("comptoir", "comptoir")
    session.approve("gerant", "2468")
    session.sign_in_owner("tester")
    operators.set_password("gerant", "nouveau-2026")
    operators.set_pin("gerant", "9753")
    assert caplog.records  # the statements were logged...
    dump = repr([raw_sql.fetch_all(f"SELECT * FROM {t}") for t in migrations.DATA_TABLES])
    for secret in SECRETS:
        assert secret not in caplog.text  # ...never a secret
        assert secret not in dump
        assert not any(secret in message for message in messages)


def _failure_keys() -> list[str]:
    return [r[0] for r in raw_sql.fetch_all("SELECT username_key FROM sign_in_failures")]


def test_a_name_nobody_has_is_never_kept_as_typed(gerant, clock: Clock) -> None:
    """A password typed into the username field: recorded as an unknown name ('?'), counted
    under a one-way key; the delay still comes at the fifth, as for a real name."""
    typed = "Mot-De-Passe-2026"
    for _ in range(4):
        with pytest.raises(SignInError, match="Wrong username or password"):
            session.sign_in(typed, "faux")
    with pytest.raises(SignInDelayed) as delayed:
        session.sign_in(typed.upper(), "faux")  # the same name, however it is cased
    assert delayed.value.retry_after == 30
    with pytest.raises(SignInDelayed):
        session.sign_in_pin(typed, "1234")
    with pytest.raises(SignInError):
        session.sign_in("GERANT", "faux")  # a name an operator has: its username, as stored
    keys = _failure_keys()
    assert "gerant" in keys and len(keys) == 2
    assert not any(typed.casefold() in key for key in keys)
    events = [e for e in _trail_as_owner() if e.kind.startswith("sign_in")]
    assert [(e.operator, e.kind) for e in events] == [
        *[("?", "sign_in_failed")] * 5,
        ("?", "sign_in_refused"),
        ("Gerant", "sign_in_failed"),
    ]
    assert [e.record_id for e in events] == [""] * 6 + [str(gerant.id)]
    dump = repr([raw_sql.fetch_all(f"SELECT * FROM {t}") for t in migrations.DATA_TABLES])
    assert typed.casefold() not in dump.casefold()


def test_what_cannot_be_a_try_is_refused_before_it_counts(gerant, clock: Clock) -> None:
    """Nothing typed, a line break, an escape code, an invisible character, a lone surrogate:
    a clear refusal, not a wrong attempt; nothing is counted or recorded."""
    before = _every_row()
    refusals = [
        (lambda: session.sign_in("gerant", ""), "Type your password."),
        (lambda: session.sign_in_pin("gerant", ""), "Type your PIN."),
        (lambda: session.sign_in("  ", "bonjour-2026"), "Type your username."),
        (lambda: session.sign_in("gerant\n2026-12-01 admin sign_in", "x"), "one line"),
        (lambda: session.sign_in("gerant\x1b[2J", "x"), "cannot be stored"),
        (lambda: session.sign_in("gerant\u202e", "x"), "invisible character"),
        (lambda: session.sign_in("ge\u200brant", "x"), "invisible character"),
        (lambda: session.sign_in("gerant\ud800", "x"), "cannot be stored"),
        (lambda: session.sign_in("gerant", "bonjour\ud800"), "no keyboard types"),
        (lambda: session.sign_in_pin("gerant", "24\udc8068"), "no keyboard types"),
        (lambda: session.sign_in("g" * 41, "x"), "at most 40"),
    ]
    for attempt, message in refusals:
        with pytest.raises(ValidationError, match=message):
            attempt()
    assert _every_row() == before
    session.sign_in("gerant", "bonjour-2026")
    with pytest.raises(ValidationError, match="Type your PIN"):
        session.approve("gerant", "")


def _every_row() -> dict[str, list[tuple[object, ...]]]:
    return {t: raw_sql.fetch_all(f"SELECT * FROM {t} ORDER BY 1") for t in migrations.DATA_TABLES}


def test_look_alike_usernames_are_one_operator_or_refused(db_path) -> None:
    operators.create_operator("admin", role="admin", password="admin-2026")
    with pytest.raises(ValidationError, match="taken"):
        operators.create_operator("ＡＤＭＩＮ", role="counter", password="admin-2026")
    with pytest.raises(ValidationError, match="one alphabet") as mixed:
        operators.create_operator("adm\u0456n", role="counter", password="admin-2026")
    assert mixed.value.params["code"] == "U+0456" and mixed.value.field == "username"
    for hidden in ("ad\u200dmin", "\u202enimda", "admin\ufeff"):
        with pytest.raises(ValidationError, match="invisible character"):
            operators.create_operator(hidden, role="counter", password="admin-2026")
    assert [o.username for o in operators.list_operators()] == ["admin"]
    # The full-width name signs in as the operator it stands for.
    assert session.sign_in("ａｄｍｉｎ", "admin-2026").username == "admin"
    session.sign_in_owner("tester")
    # One script at a time is fine, digits and '._-' go with any.
    for name in ("Élodie.B", "مدير_2", "Σοφία", "山田たろう", "Иван-1"):
        assert operators.create_operator(name, role="counter", password="x" * 8).username == name
    assert operators.create_operator("ＮＡＤＩＡ", role="counter", password="x" * 8).username == (
        "NADIA"
    )


def test_display_names_refuse_invisible_characters(db_path) -> None:
    for shown in ("Gérant\u202e", "Gé\u200brant", "\u2066Gérant\u2069"):
        with pytest.raises(ValidationError, match="invisible character") as refused:
            operators.create_operator(
                "gerant", role="manager", password="x" * 8, display_name=shown
            )
        assert refused.value.field == "display_name"
    made = operators.create_operator("gerant", role="manager", password="x" * 8)
    with pytest.raises(ValidationError, match="invisible character"):
        operators.set_display_name("gerant", "Samira\u200f")
    assert operators.get_operator("gerant").display_name == made.display_name == "gerant"


def test_the_display_name_is_the_username_when_none_is_given(db_path) -> None:
    operators.create_operator("Nadia", role="counter", password="nadia-2026")
    assert operators.get_operator("nadia").display_name == "Nadia"
    row = raw_sql.fetch_one("SELECT display_name FROM operators WHERE username = 'Nadia'")
    assert row == ("Nadia",)  # stored so, not only shown so
    operators.set_display_name("nadia", "Nadia B")
    assert operators.set_display_name("nadia", "").display_name == "Nadia"


def test_new_passwords_refuse_what_no_keyboard_types(db_path) -> None:
    for bad in ("bonjour\x002026", "bonjour\x1b2026", "bonjour\udcff2026"):
        with pytest.raises(ValidationError, match="no keyboard types") as refused:
            operators.create_operator("nadia", role="counter", password=bad)
        assert "Enter a password" not in refused.value.message
    with pytest.raises(ValidationError, match="Enter a password"):
        operators.create_operator("nadia", role="counter", password="")
    assert operators.list_operators() == []


def test_signing_out_records_it_and_never_raises_with_nobody(gerant, clock: Clock) -> None:
    session.reset()
    session.sign_out()  # the window closing with nobody signed in
    session.sign_in_owner("tester")
    session.sign_out()  # the machine owner's tools: nothing to record
    session.sign_in("gerant", "bonjour-2026")
    session.lock()
    session.sign_out()  # closing on the lock page
    assert session.current() is None and session.locked_by() is None
    kinds = [(e.operator, e.kind) for e in _trail_as_owner()]
    assert kinds[-1] == ("Gerant", "sign_out") and kinds.count(("Gerant", "sign_out")) == 1
