"""The one lock order every write follows, and the single retry of a transaction the server
broke off (gestco.storage.write_rules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gestco.domain.errors import DatabaseError
from gestco.storage import transactions, write_rules


def test_locks_taken_against_the_order_are_refused(db_path: Path) -> None:
    with transactions.atomic():
        assert write_rules.check_lock("orders", [7]) == [7]
        assert write_rules.check_lock("products", [9, 3, 3]) == [3, 9]  # in id order
        write_rules.check_lock("products", [3])  # held already: no wait, always fine
        write_rules.check_lock("orders", [7])
        with pytest.raises(RuntimeError, match="products 5 locked after 9"):
            write_rules.check_lock("products", [5])
        with pytest.raises(RuntimeError, match="clients locked after products"):
            write_rules.check_lock("clients", [1])
        write_rules.check_lock("sequences", ["orders-2026"])
    with transactions.atomic():  # a new transaction holds nothing
        write_rules.check_lock("clients", [1])


def _broken_off(code: str | None) -> DatabaseError:
    error = DatabaseError("The database is busy with another workstation: nothing was saved.")
    error.sqlstate = code
    return error


@pytest.mark.parametrize("code", [write_rules.DEADLOCK, write_rules.SERIALIZATION_FAILURE])
def test_a_transaction_broken_off_by_the_server_runs_once_more(db_path: Path, code: str) -> None:
    runs: list[int] = []

    @write_rules.retried
    def save() -> str:
        runs.append(1)
        if len(runs) == 1:
            raise _broken_off(code)
        return "saved"

    assert save() == "saved" and len(runs) == 2


def test_only_once_and_only_for_what_a_rerun_can_fix(db_path: Path) -> None:
    runs: list[str] = []

    @write_rules.retried
    def save(code: str | None) -> None:
        runs.append(str(code))
        raise _broken_off(code)

    with pytest.raises(DatabaseError):
        save(write_rules.DEADLOCK)
    assert len(runs) == 2  # then the clerk is told
    runs.clear()
    for code in (write_rules.LOCK_TIMEOUT, None):  # waited long enough already; a full disk
        with pytest.raises(DatabaseError):
            save(code)
    assert len(runs) == 2


def test_inside_another_write_the_outer_transaction_is_the_one_retried(db_path: Path) -> None:
    runs: list[int] = []

    @write_rules.retried
    def inner() -> None:
        runs.append(1)
        raise _broken_off(write_rules.DEADLOCK)

    with pytest.raises(DatabaseError), transactions.atomic():
        inner()
    assert len(runs) == 1
