"""`gestco report` in its own process: the service's figures as text and as JSON, and a
precise message with exit code 2 for each bad date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gestco.services import orders
from gestco.storage import binding, opening
from tests.support.cli import gestco
from tests.support.databases import fresh_database
from tests.support.shop import Shop

TODAY = dt.date.today()


@pytest.fixture
def shop_db(tmp_path: Path) -> str:
    """Three orders today of 2 × 45.00 + 1 × 12.00 (102.00), one of them cancelled."""
    target = fresh_database(tmp_path / "shop.sqlite3")
    opening.open_database(target)
    shop = Shop()
    client = shop.client()
    coffee, tea = shop.product(stock_qty=50), shop.product(sku="THE", price="12.00", tax="10")
    made = [shop.order(client.id, (coffee.id, 2), (tea.id, 1)) for _ in range(3)]
    orders.change_status(
        order_id=made[0].id, to_status="cancelled", expected_version=1, note="erreur"
    )
    binding.close_database()
    return target


def test_the_figures_as_json(shop_db: str) -> None:
    result = gestco("--db", shop_db, "report", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["period"] == {
        "start": (TODAY - dt.timedelta(days=29)).isoformat(),
        "end": TODAY.isoformat(),
        "days": 30,
    }
    totals = found["totals"]
    assert (totals["orders"], totals["cancelled"], totals["revenue_cents"]) == (3, 1, 20400)
    assert (totals["items"], totals["average_basket_cents"]) == (6, 10200)
    assert found["per_bucket"][-1] == {
        "start": TODAY.isoformat(),
        "orders": 2,
        "revenue_cents": 20400,
    }
    assert found["by_channel"][0] == {"key": "counter", "orders": 2, "revenue_cents": 20400}
    statuses = {s["status"]: s["orders"] for s in found["by_status"]}
    assert (statuses["pending"], statuses["cancelled"]) == (2, 1)
    assert [(p["sku"], p["quantity"]) for p in found["top_products"]] == [
        ("CAF-250", 4),
        ("THE", 2),
    ]
    assert found["operators"][0]["orders"] == 3 and found["balance_due_cents"] == 20400
    assert found["previous"]["orders"] == 0


def test_the_figures_as_text(shop_db: str) -> None:
    today = TODAY.isoformat()
    result = gestco("--db", shop_db, "report", "--from", today, "--to", today)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"period {today} to {today} (1 days)")
    assert any(
        line.split() == ["revenue", "incl.", "tax", "(cents)", "20400", "0"] for line in lines
    )
    assert any(line.split()[:3] == ["CAF-250", "4", "18000"] for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-02-30"], "--from: 2026-02-30 is not a day of the calendar."),
        (["--to", "2026-13-01"], "--to: 2026-13-01 is not a day of the calendar."),
        (
            ["--from", "2026-03-02", "--to", "2026-03-01"],
            "--from 2026-03-02 is after --to 2026-03-01: give the first day first.",
        ),
        (["--from", "٢٠٢٦-٠١-٠١"], "--from: give the day as YYYY-MM-DD, such as 2026-12-02."),
        (["--to", "2026-1-1"], "--to: give the day as YYYY-MM-DD, such as 2026-12-02."),
    ],
)
def test_bad_dates(shop_db: str, args: list[str], message: str) -> None:
    result = gestco("--db", shop_db, "report", *args)
    assert result.returncode == 2 and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"gestco: error: {message}"
