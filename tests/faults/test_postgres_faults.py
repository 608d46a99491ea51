"""The fault suite on a PostgreSQL server (run by `make test-postgres`): four workstations
writing at once, and the server stopped in the middle of a burst and started again."""

from __future__ import annotations

import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from gestco.maintenance.checks import run_checks
from gestco.services import clients
from gestco.storage import binding, opening, postgres, raw_sql
from tests.support.databases import (
    ON_POSTGRES,
    TEST_DB,
    empty_postgres,
    restartable_server,
    server_stopped,
)
from tests.support.faults import WRITERS_SECONDS, worker_report
from tests.support.shop import stock_a_shop

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="needs GESTCO_TEST_DB=postgresql://…")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server_shop() -> None:
    empty_postgres()
    opening.open_database(TEST_DB)
    stock_a_shop(clients_count=20, products_count=6)
    binding.close_database()


def _writer(seconds: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.worker", TEST_DB, str(seconds)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _check() -> list[str]:
    opening.open_database(TEST_DB)
    try:
        return run_checks()
    finally:
        binding.close_database()


def test_four_workstations_on_the_server(server_shop: None) -> None:
    writers = [_writer(WRITERS_SECONDS) for _ in range(4)]
    numbers, errors, latencies = [], [], []
    for writer in writers:
        n, e, lat = worker_report(writer.communicate(timeout=WRITERS_SECONDS + 120)[0])
        numbers, errors, latencies = numbers + n, errors + e, latencies + lat
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95)]
    print(
        f"\nPostgreSQL, four writers, {WRITERS_SECONDS} s: {len(numbers)} orders,"
        f" {len(errors)} errors, median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms"
    )
    assert errors == [] and all(w.returncode == 0 for w in writers)
    assert len(numbers) == len(set(numbers)) > 0
    assert _check() == []  # no duplicate, no gap, totals and stock consistent


@restartable_server
def test_the_server_restarts_in_the_middle_of_a_burst(server_shop: None) -> None:
    # The writers go on until orders are written again after the restart (however long a
    # loaded machine takes to stop and start the server), then they are stopped.
    writers = [_writer(600) for _ in range(2)]
    lines: list[tuple[float, str]] = []
    writing = [threading.Event() for _ in writers]  # set at each writer's first commit

    def read(child: subprocess.Popen[str], first_commit: threading.Event) -> None:
        for line in child.stdout:  # type: ignore[union-attr]
            lines.append((time.time(), line.strip()))
            if line.startswith("CMD-"):
                first_commit.set()

    pairs = zip(writers, writing, strict=True)
    readers = [threading.Thread(target=read, args=pair) for pair in pairs]
    for reader in readers:
        reader.start()
    # Stopped once both write (a cold start on a loaded machine takes seconds), not after a
    # fixed time: a writer still connecting when the server goes would test nothing.
    assert all(event.wait(timeout=300) for event in writing), "a writer never committed"
    with server_stopped():
        time.sleep(2)
    restarted = time.time()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(
        at > restarted and text.startswith("CMD-") for at, text in list(lines)
    ):
        time.sleep(0.1)
    crashed = [w.poll() for w in writers]  # None: still running, retrying by themselves
    for writer in writers:
        writer.terminate()
        writer.wait(timeout=60)
    for reader in readers:
        reader.join()
    acknowledged = [text.split()[0] for _, text in lines if text.startswith("CMD-")]
    refused = [text for _, text in lines if text.startswith("ERROR ")]
    after = [text for at, text in lines if at > restarted and text.startswith("CMD-")]
    opening.open_database(TEST_DB)
    try:
        stored = {r[0] for r in raw_sql.fetch_all("SELECT number FROM orders")}
    finally:
        binding.close_database()
    lost = [n for n in acknowledged if n not in stored]
    print(
        f"\nserver restart: {len(acknowledged)} acknowledged, {len(lost)} lost, {len(refused)}"
        f" refused with a message while it was down, {len(after)} after the restart"
    )
    assert crashed == [None, None], "a writer crashed instead of retrying"
    assert lost == []
    assert refused and all(
        "connection to the database server was lost" in r or "Cannot reach" in r or "refused" in r
        for r in refused
    )
    assert after, "writing did not resume after the restart"
    assert _check() == []


@restartable_server
def test_change_notices_resume_after_a_server_restart(server_shop: None) -> None:
    """A window's LISTEN connection dies with the server: polling says nothing (no error
    every 0.7 s), reconnects once the server is back, and then reports every area."""
    from gestco.storage import change_notices

    opening.open_database(TEST_DB)
    feed = change_notices.ChangeFeed()
    with server_stopped():
        for _ in range(3):
            assert feed.poll() == set()
            time.sleep(0.5)
        assert not feed.connected
    deadline = time.monotonic() + 40
    seen: set[str] = set()
    while not seen and time.monotonic() < deadline:
        seen = feed.poll()
        time.sleep(0.2)
    assert seen == set(change_notices.AREAS) and feed.connected
    code = (
        "from gestco.storage import binding, opening;"
        "from gestco.domain.records import ClientInput;"
        "from gestco.services import clients;"
        "from gestco.services import session; session.sign_in_owner('poste-2');"
        f"opening.open_database({TEST_DB!r});"
        "clients.create_client(ClientInput(phone='0698765432', last_name='Après'));"
        "binding.close_database()"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
    deadline = time.monotonic() + 5
    while "clients" not in seen and time.monotonic() < deadline:
        seen = feed.poll()
        time.sleep(0.1)
    assert "clients" in seen
    feed.close()
    binding.close_database()


@restartable_server
def test_the_first_read_after_a_restart_just_works(server_shop: None) -> None:
    """A read outside a transaction is repeated once on a fresh connection; while the server
    is away it is the plain 'connection lost' message."""
    from gestco.domain.errors import DatabaseError

    opening.open_database(TEST_DB)
    try:
        assert clients.identify("0612345600") is not None
        with (
            server_stopped(),
            pytest.raises(DatabaseError, match="connection to the database server was lost"),
        ):
            clients.identify("0612345600")
        assert clients.identify("0612345600") is not None  # no error first
    finally:
        binding.close_database()


def test_the_change_feed_reconnects_off_the_callers_thread(
    server_shop: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window polls the feed from its own thread: while a reconnection attempt hangs
    (a server that does not answer), poll() goes on answering at once."""
    import psycopg

    from gestco.storage import change_notices

    opening.open_database(TEST_DB)
    feed = change_notices.ChangeFeed()
    release = threading.Event()
    attempts: list[threading.Thread] = []
    real_listen = postgres.listen

    def hanging_listen(channel: str):
        attempts.append(threading.current_thread())
        release.wait(timeout=20)  # the caller's thread, if it were this one, is stuck here
        return real_listen(channel)

    monkeypatch.setattr(postgres, "listen", hanging_listen)
    with psycopg.connect(TEST_DB, autocommit=True) as admin:  # the link drops
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
        )
    while not attempts:  # the drop is noticed, then an attempt starts after 1 s
        assert feed.poll() == set()
        time.sleep(0.1)
    assert attempts[0] is not threading.current_thread()
    assert feed.poll() == set() and not feed.connected  # answered while the attempt hangs
    release.set()
    seen: set[str] = set()
    while not seen:
        seen = feed.poll()
        time.sleep(0.05)
    assert seen == set(change_notices.AREAS) and feed.connected
    feed.close()
    binding.close_database()
