"""Helpers for the staff tests: operators of each role made quickly, and the whole database
as rows (to prove a refused write left everything as it was)."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import Parameters, Type

from gestco.domain import passwords
from gestco.domain.permissions import Role
from gestco.services import operators, session
from gestco.storage import migrations, opening, raw_sql
from tests.support.shop import ACTOR

# username -> role; password = username * 2 (8 characters at least), PIN per role.
PEOPLE = {"comptoir": Role.COUNTER, "gerant": Role.MANAGER, "admin": Role.ADMIN}
PINS = {"comptoir": "3333", "gerant": "2222", "admin": "1111"}
OF_ROLE = {role: name for name, role in PEOPLE.items()}
CHEAP = Parameters(
    type=Type.ID, version=19, salt_len=16, hash_len=32, time_cost=1, memory_cost=8, parallelism=1
)


def password_of(username: str) -> str:
    return username * 2


def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests about roles, not hashing: argon2id at its smallest (microseconds)."""
    monkeypatch.setattr(passwords, "PARAMETERS", CHEAP)


def add_people() -> None:
    """comptoir, gerant and admin, made by the signed-in machine owner."""
    for name, role in PEOPLE.items():
        operators.create_operator(name, role=role, password=password_of(name), pin=PINS[name])


def act_as(role: Role) -> None:
    session.assume(OF_ROLE[role])


def everything() -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (but the sign-in delays, which a refusal never touches)."""
    return {
        table: raw_sql.fetch_all(f"SELECT * FROM {table} ORDER BY 1")
        for table in migrations.DATA_TABLES
        if table != "sign_in_failures"
    }


def ensure_operator(username: str = "admin", role: Role = Role.ADMIN) -> None:
    """The open database has an active operator `username` (password: password_of, PIN per
    role), made by the machine owner with the cheapest hash if it is missing (the demo's
    have theirs: password = username)."""
    if any(o.username == username for o in operators.list_operators()):
        return
    kept = passwords.PARAMETERS
    passwords.PARAMETERS = CHEAP
    try:
        session.sign_in_owner(ACTOR)
        operators.create_operator(
            username, role=role, password=password_of(username), pin=PINS.get(username)
        )
    finally:
        passwords.PARAMETERS = kept


def signed_window(database: str | Path, operator: str = "admin", role: Role = Role.ADMIN):
    """The main window over `database`, signed in as `operator` (added if the database has
    no such operator): what a test of a screen starts from."""
    from ui.app import create_main_window

    opening.open_database(database)
    ensure_operator(operator, role)
    return create_main_window(str(database), operator=operator)
