"""Four workstations issuing invoices and credit notes at once (four processes on the test
database: the file, or the server under `make test-postgres`): every number given once, the
series gap-free, `gestco check` clean."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from gestco.domain.legal_identity import ShopIdentity
from gestco.maintenance.checks import run_checks
from gestco.services import settings
from gestco.storage import binding, raw_sql
from tests.support.databases import ON_POSTGRES, TEST_DB
from tests.support.shop import Shop

ROOT = Path(__file__).resolve().parents[2]
WRITERS, ORDERS = 4, 120
WORKER = "tests.faults.invoice_worker"


def test_four_writers_share_the_series_without_gaps(
    shop: Shop, db_path: Path, tmp_path: Path
) -> None:
    settings.set_shop_identity(
        ShopIdentity(
            name="Épicerie",
            address="1 rue",
            ice="001561191000066",
            tax_id="1",
            rc="2",
            rc_court="Rabat",
            patente="3",
        )
    )
    client = shop.client()
    product = shop.product(stock_qty=1000)
    for _ in range(ORDERS):
        shop.order(client.id, (product.id, 1))
    target = TEST_DB if ON_POSTGRES else str(db_path)
    binding.close_database()  # the workers alone write
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", WORKER, target, str(k), str(WRITERS), str(go)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(WRITERS)
    ]
    for worker in workers:
        assert worker.stdout is not None and worker.stdout.readline() == "ready\n"
    go.touch()  # all four at once
    outputs = [w.communicate(timeout=600) for w in workers]
    lines = [line for out, _ in outputs for line in out.split()]
    assert all(w.returncode == 0 for w in workers), [err for _, err in outputs]
    assert not [line for out, _ in outputs for line in out.splitlines() if line.startswith("ERROR")]
    year = dt.date.today().year
    for letters in ("FAC", "AV"):
        numbers = sorted(line for line in lines if line.startswith(f"{letters}-"))
        assert numbers == [f"{letters}-{year}-{i:06d}" for i in range(1, ORDERS + 1)]
    from gestco.storage import opening

    opening.open_database(target)
    assert raw_sql.fetch_one("SELECT count(*) FROM invoices") == (2 * ORDERS,)
    assert run_checks() == []
