"""Six workstations under a shop's mixed work at once, on the same few products, clients
and recent orders: creating orders, moving statuses (cancel and ship included), editing
pending lines, receiving and correcting stock, editing clients. On a SQLite file and (in
`make test-postgres`) on the server: no deadlock or other error reaches a user (honest
version conflicts aside), every acknowledged change is stored, `gestco check` holds.
A few seconds in CI; GESTCO_FAULTS_FULL=1 runs 30 s (figures in the README; -s shows them)."""

from __future__ import annotations

import statistics
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from gestco.maintenance.checks import run_checks
from gestco.storage import binding, opening, raw_sql
from tests.support.databases import ON_POSTGRES, TEST_DB, empty_postgres
from tests.support.faults import FULL
from tests.support.shop import stock_a_shop

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 30 if FULL else 4
WORKSTATIONS = 6


@pytest.fixture(params=["file", "server"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "server":
        if not ON_POSTGRES:
            pytest.skip("needs GESTCO_TEST_DB=postgresql://…")
        empty_postgres()
        where = TEST_DB
    else:
        where = str(tmp_path / "mixed.sqlite3")
    opening.open_database(where)
    stock_a_shop(clients_count=10, products_count=8)
    binding.close_database()
    return where


def _workstation(where: str, number: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.mixed_worker", where, str(SECONDS), f"w{number}",
         str(number)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip


def test_six_workstations_of_mixed_work(target: str) -> None:
    workstations = [_workstation(target, n) for n in range(WORKSTATIONS)]
    outputs = [w.communicate(timeout=SECONDS + 180) for w in workstations]
    assert all(w.returncode == 0 for w in workstations), [err for _, err in outputs]
    acks: dict[str, list[list[str]]] = defaultdict(list)
    latencies: dict[str, list[float]] = defaultdict(list)
    errors, conflicts, retries = [], Counter[str](), 0
    for out, _ in outputs:
        for line in out.splitlines():
            word, _, rest = line.partition(" ")
            if word == "OK":
                kind, latency, *key = rest.split()
                acks[kind].append(key)
                latencies[kind].append(float(latency))
            elif word == "CONFLICT":
                conflicts[rest.split(":")[0]] += 1
            elif word == "RETRIES":
                retries += int(rest)
            else:
                errors.append(line)
    engine = "server" if target == TEST_DB else "file"
    print(f"\nmixed work, {WORKSTATIONS} workstations, {SECONDS} s on the {engine}:")
    for kind, values in sorted(latencies.items()):
        values.sort()
        p95 = values[int(len(values) * 0.95)]
        print(
            f"  {kind}: {len(values)} done, p50 {statistics.median(values):.1f} ms,"
            f" p95 {p95:.1f} ms"
        )
    print(f"  version conflicts: {dict(conflicts)}; retried: {retries}; errors: {len(errors)}")
    assert errors == []
    assert set(acks) == {
        "create_order", "change_status", "edit_lines", "receive_stock", "correct_stock",
        "edit_client",
    }, "some kind of write never got done"  # fmt: skip
    opening.open_database(target)
    try:
        _every_acknowledged_change_is_there(acks)
        assert run_checks() == []
    finally:
        binding.close_database()


def _every_acknowledged_change_is_there(acks: dict[str, list[list[str]]]) -> None:
    numbers = {r[0] for r in raw_sql.fetch_all("SELECT number FROM orders")}
    created = [key[0] for key in acks["create_order"]]
    assert len(set(created)) == len(created) and set(created) <= numbers
    reasons = Counter(r[0] for r in raw_sql.fetch_all("SELECT reason FROM stock_movements"))
    for key in acks["receive_stock"] + acks["correct_stock"]:
        assert reasons[key[0]] == 1, key
    # Only these writes move an order's or a client's version, by one each: every
    # acknowledged one is counted there, and none that a user was told was not saved.
    order_changes = Counter(int(key[0]) for key in acks["change_status"] + acks["edit_lines"])
    versions = raw_sql.fetch_all("SELECT id, version FROM orders")
    assert {i: v - 1 for i, v in versions if v > 1} == dict(order_changes)
    client_changes = Counter(int(key[0]) for key in acks["edit_client"])
    versions = raw_sql.fetch_all("SELECT id, version FROM clients")
    assert {i: v - 1 for i, v in versions if v > 1} == dict(client_changes)
