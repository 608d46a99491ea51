"""The watched folder's passes (gestco.services.folder_imports) on real files in a scratch
folder: a complete file imported and filed in done/ with its report; a file still growing
left until two passes find it unchanged; the same file again recognised by its SHA-256;
bad files to failed/; names never overwritten; a folder gone or read-only, a file removed
between passes, a full disk while filing, nobody signed in: said, nothing half-done."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from gestco.services import folder_filing, folder_imports, session, watch_setting
from gestco.services.folder_imports import DONE, FAILED, FolderWatch
from gestco.storage import raw_sql
from tests.support.imports import FILES, catalogue, imports_listed
from tests.support.shop import Shop

SHOP = FILES / "shopify_2016.csv"  # two orders, both valid
CALLS = FILES / "call_centre.csv"  # 7 valid orders, 13 with errors


@pytest.fixture
def folder(shop: Shop, tmp_path: Path) -> Path:
    catalogue()
    watched = tmp_path / "drop"
    watched.mkdir()
    return watched


def orders() -> int:
    return int(raw_sql.fetch_all("SELECT count(*) FROM orders")[0][0])


def files(folder: Path) -> list[str]:
    """Every file under the folder, as relative paths (the claim folder's too)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_a_complete_file_is_imported_at_the_second_pass_and_filed_with_its_report(
    folder: Path,
) -> None:
    shutil.copy(SHOP, folder / "shopify-2026-12-02.csv")
    watch = FolderWatch(folder)
    first = watch.run_pass()
    assert first.waiting == ("shopify-2026-12-02.csv",) and first.filed == ()
    assert orders() == 0
    second = watch.run_pass()
    assert second.ok and [f.message for f in second.filed] == [
        "2 orders imported from shopify-2026-12-02.csv"
    ]
    assert second.changes  # the window's screens hear of the new orders
    assert orders() == 2
    assert files(folder) == [
        "done/shopify-2026-12-02.csv",
        "done/shopify-2026-12-02.csv.report.txt",
    ]
    assert (folder / DONE / "shopify-2026-12-02.csv").read_bytes() == SHOP.read_bytes()
    report = (folder / DONE / "shopify-2026-12-02.csv.report.txt").read_text("utf-8")
    assert "Orders imported: 2 (new 2, updated 0)" in report
    assert "Refused:         0" in report and "by tester on " in report
    # recorded as the command's imports are
    assert imports_listed() == [("orders", "shopify-2026-12-02.csv", 0, 1, 2, 0, 0, 0, 0)]
    assert watch.run_pass().filed == ()  # nothing left to do


def test_a_growing_file_waits_until_a_pass_finds_it_unchanged(folder: Path) -> None:
    content = SHOP.read_bytes()
    half = content.index(b"\n#1002")  # the first order whole, the second not yet written
    target = folder / "orders.csv"
    target.write_bytes(content[:half])
    watch = FolderWatch(folder)
    assert watch.run_pass().waiting == ("orders.csv",)
    with open(target, "ab") as writer:  # the shop's export goes on writing
        writer.write(content[half:])
    grown = watch.run_pass()
    assert grown.waiting == ("orders.csv",) and grown.filed == ()
    assert orders() == 0  # never read half-way
    done = watch.run_pass()
    assert [f.orders for f in done.filed] == [2]
    assert orders() == 2


def test_the_same_file_again_is_recognised_and_nothing_is_imported_twice(folder: Path) -> None:
    (folder / DONE).mkdir()
    (folder / DONE / "orders.csv").write_text("an earlier file of the same name", "utf-8")
    watch = FolderWatch(folder)
    shutil.copy(SHOP, folder / "orders.csv")
    watch.run_pass()
    first = watch.run_pass().filed
    assert [f.moved_to.name for f in first] == ["orders-2.csv"]  # the earlier one kept
    assert (folder / DONE / "orders.csv").read_text("utf-8") == "an earlier file of the same name"
    shutil.copy(SHOP, folder / "orders.csv")
    watch.run_pass()
    again = watch.run_pass().filed
    assert [(f.outcome, f.orders, f.moved_to.name) for f in again] == [
        ("duplicate", 0, "orders-3.csv")
    ]
    assert "was imported before" in again[0].message
    report = (folder / DONE / "orders-3.csv.report.txt").read_text("utf-8")
    assert "This very file (the same SHA-256) was imported before" in report
    assert "Nothing was imported again." in report
    assert orders() == 2
    assert len(imports_listed()) == 1  # the second drop imported nothing


def test_a_file_with_refused_orders_goes_to_failed_with_each_line_and_reason(
    folder: Path,
) -> None:
    shutil.copy(CALLS, folder / "centre.csv")
    watch = FolderWatch(folder)
    watch.run_pass()
    result = watch.run_pass()
    assert not result.ok
    assert [(f.outcome, f.orders, f.errors) for f in result.filed] == [("failed", 7, 13)]
    assert orders() == 7  # the valid ones went in
    report = (folder / FAILED / "centre.csv.report.txt").read_text("utf-8")
    assert "Orders imported: 7" in report and "Refused:         13" in report
    assert "line 5" in report and "This number does not exist" in report
    assert "drop the file in the folder again" in report
    # Dropped again, fixed or not: the 7 are recognised, none imported twice.
    shutil.copy(CALLS, folder / "centre.csv")
    watch.run_pass()
    assert [f.moved_to.name for f in watch.run_pass().filed] == ["centre-2.csv"]
    assert orders() == 7


def test_a_file_that_is_not_orders_goes_to_failed_and_writes_nothing(folder: Path) -> None:
    (folder / "notes.csv").write_text("just,some\nwords,here\n", "utf-8")
    (folder / "stock.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    watch = FolderWatch(folder)
    watch.run_pass()
    result = watch.run_pass()
    assert sorted((f.file_name, f.outcome) for f in result.filed) == [
        ("notes.csv", "failed"),
        ("stock.xlsx", "failed"),
    ]
    report = (folder / FAILED / "stock.xlsx.report.txt").read_text("utf-8")
    assert "cannot read this file as orders" in report
    assert orders() == 0


def test_work_in_progress_and_hidden_files_are_left_alone(folder: Path) -> None:
    names = ["export.csv.part", "x.tmp", "~$orders.csv", ".orders.csv", "a.csv.crdownload"]
    for name in names:
        shutil.copy(SHOP, folder / name)
    (folder / "sub").mkdir()
    shutil.copy(SHOP, folder / "sub" / "orders.csv")
    watch = FolderWatch(folder)
    for _ in range(3):
        assert watch.run_pass().filed == ()
    assert files(folder) == sorted([*names, "sub/orders.csv"])
    # renamed when complete: imported at the next two passes
    (folder / "export.csv.part").rename(folder / "export.csv")
    watch.run_pass()
    assert [f.file_name for f in watch.run_pass().filed] == ["export.csv"]


def test_a_file_removed_between_two_passes_is_forgotten(folder: Path) -> None:
    shutil.copy(SHOP, folder / "orders.csv")
    watch = FolderWatch(folder)
    watch.run_pass()
    (folder / "orders.csv").unlink()
    result = watch.run_pass()
    assert result.ok and result.filed == () and result.waiting == ()
    assert orders() == 0


def test_a_folder_that_vanished_is_said_and_the_next_pass_goes_on(folder: Path) -> None:
    watch = FolderWatch(folder)
    folder.rename(folder.with_name("elsewhere"))
    result = watch.run_pass()
    assert "does not exist" in result.problem and str(folder) in result.problem
    folder.with_name("elsewhere").rename(folder)
    shutil.copy(SHOP, folder / "orders.csv")
    watch.run_pass()
    assert [f.orders for f in watch.run_pass().filed] == [2]


def _refuse_writes(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """What a read-only folder does to the root user too (who may write anywhere)."""
    real = folder_imports.side_file

    def read_only(where: Path, prefix: str) -> Path:
        if Path(where).is_relative_to(folder):
            raise PermissionError(errno.EROFS, "Read-only file system", str(where))
        return real(where, prefix)

    monkeypatch.setattr(folder_imports, "side_file", read_only)


@pytest.mark.parametrize("how", ["chmod", "read-only file system"])
def test_a_read_only_folder_imports_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    shutil.copy(SHOP, folder / "orders.csv")
    if how == "chmod":
        if os.geteuid() == 0:
            pytest.skip("root writes in a read-only folder: the other case simulates it")
        folder.chmod(0o555)
    else:
        _refuse_writes(monkeypatch, folder)
    try:
        watch = FolderWatch(folder)
        watch.run_pass()
        result = watch.run_pass()
    finally:
        folder.chmod(0o755)
    assert "GESTCO cannot write in" in result.problem and "imports none" in result.problem
    assert result.filed == ()
    assert files(folder) == ["orders.csv"]
    assert orders() == 0 and imports_listed() == []


def test_a_full_disk_while_filing_keeps_the_file_aside_and_files_it_later(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(SHOP, folder / "orders.csv")
    watch = FolderWatch(folder)
    watch.run_pass()

    def full(target: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    with monkeypatch.context() as patch:
        patch.setattr(folder_filing, "_write_new", full)
        stopped = watch.run_pass()
    assert "orders.csv was imported, but it cannot be filed" in stopped.problem
    assert "No space left on device" in stopped.problem
    claimed = watch.claimed.relative_to(folder) / "orders.csv"
    assert files(folder) == [str(claimed)]  # no half report, the file aside
    assert orders() == 2
    later = watch.run_pass()  # filed with its own report, not imported again
    assert [(f.outcome, f.orders) for f in later.filed] == [("imported", 2)]
    assert "Orders imported: 2" in later.filed[0].report_path.read_text("utf-8")
    assert orders() == 2 and len(imports_listed()) == 1


def test_a_file_a_crashed_pass_left_aside_is_finished_without_a_second_import(
    folder: Path,
) -> None:
    FolderWatch(folder).run_pass()  # an empty folder: nothing made
    watch = FolderWatch(folder)
    watch.claimed.mkdir(parents=True)
    shutil.copy(SHOP, watch.claimed / "orders.csv")
    from gestco.services import order_imports

    order_imports.run(watch.claimed / "orders.csv", valid_only=True)  # then the crash
    result = FolderWatch(folder).run_pass()
    assert [(f.outcome, f.moved_to.parent.name) for f in result.filed] == [("duplicate", DONE)]
    assert orders() == 2


def test_nobody_signed_in_or_locked_pauses_the_watch(folder: Path) -> None:
    shutil.copy(SHOP, folder / "orders.csv")
    watch = FolderWatch(folder)
    watch.run_pass()
    session.reset()
    paused = watch.run_pass()
    assert "sign in" in paused.paused and paused.filed == ()
    assert files(folder) == ["orders.csv"] and orders() == 0
    session.sign_in_owner("tester")
    watch.run_pass()  # a first look again after the pause
    assert [f.orders for f in watch.run_pass().filed] == [2]


def test_the_workstations_choice_is_off_by_default_checked_and_kept(
    folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from gestco.domain.errors import PermissionDenied, ValidationError
    from gestco.domain.permissions import Role
    from gestco.workstation import server_choice
    from tests.support.staff import act_as, add_people, cheap_hashes

    monkeypatch.setenv("GESTCO_DATA_DIR", str(tmp_path / "data"))
    assert not watch_setting.current_choice().active
    server_choice.use_server(server_choice.ServerConnection(host="db.shop"), "")
    with pytest.raises(ValidationError, match="There is no folder"):
        watch_setting.choose(enabled=True, folder=str(folder / "missing"))
    assert not watch_setting.current_choice().enabled
    chosen = watch_setting.choose(enabled=True, folder=f" {folder} ")
    assert watch_setting.current_choice() == chosen and chosen.folder == str(folder)
    assert server_choice.load() == server_choice.ServerConnection(host="db.shop")  # kept
    cheap_hashes(monkeypatch)
    add_people()
    act_as(Role.COUNTER)
    with pytest.raises(PermissionDenied):
        watch_setting.choose(enabled=False, folder="")
    assert watch_setting.current_choice().enabled
    shutil.copy(SHOP, folder / "orders.csv")
    watch = FolderWatch(folder)
    watch.run_pass()
    assert "needs a" in watch.run_pass().paused  # a clerk's session: paused
    assert (folder / "orders.csv").is_file()


def test_a_database_away_leaves_the_file_for_the_next_pass(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gestco.domain.errors import DatabaseError
    from gestco.services import order_imports

    shutil.copy(SHOP, folder / "orders.csv")
    watch = FolderWatch(folder)
    watch.run_pass()

    def away(*_args: object, **_kwargs: object) -> None:
        raise DatabaseError("The server cannot be reached.")

    with monkeypatch.context() as patch:
        patch.setattr(order_imports, "run", away)
        stopped = watch.run_pass()
    assert stopped.problem == "orders.csv was not imported: The server cannot be reached."
    assert stopped.filed == () and orders() == 0
    assert not (folder / FAILED).joinpath("orders.csv").exists()  # not the file's fault
    assert [f.orders for f in watch.run_pass().filed] == [2]  # taken up again


def test_a_name_that_is_not_text_goes_to_failed_and_says_why(folder: Path) -> None:
    name = os.fsdecode(b"commandes-\xff.csv")  # a name written by another system
    shutil.copy(SHOP, folder / name)
    watch = FolderWatch(folder)
    watch.run_pass()
    result = watch.run_pass()
    assert [(f.file_name, f.outcome) for f in result.filed] == [("commandes-\\udcff.csv", "failed")]
    assert "rename the file" in result.filed[0].report_path.read_text("utf-8")
    assert orders() == 0 and imports_listed() == []
