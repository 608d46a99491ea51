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
from gestco.services import audit, operators, session
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
    monkeypatch.setattr(session, "now", ticking)
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
    operators.create_operator("adjoint", role="admin", password="adjoint-2026")
    assert operators.set_role("patron", "manager").role is Role.MANAGER


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
