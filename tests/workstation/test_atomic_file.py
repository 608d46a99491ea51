"""The one write-beside-then-rename helper: a reader finds the old file or the whole new one."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from gestco.workstation.atomic_file import publish, side_file, write_beside


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_the_new_content_arrives_whole_under_the_name(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    with write_beside(target) as side:
        side.write_text("new")
        assert target.read_text() == "old"  # nothing shows before the block ends
        assert stat.S_IMODE(side.stat().st_mode) == 0o600
    assert target.read_text() == "new" and _leftovers(tmp_path) == []


def test_a_failure_keeps_the_old_file_and_names_the_target(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(OSError) as caught, write_beside(target) as side:
        side.write_text("half")
        raise OSError(28, "No space left on device", str(side))
    assert caught.value.filename == str(target)
    assert target.read_text() == "old" and _leftovers(tmp_path) == []


def test_a_link_keeps_pointing_at_the_new_content(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with write_beside(link) as side:
        side.write_text("new")
    assert link.is_symlink() and real.read_text() == "new"


def test_publishing_without_replacing_refuses_a_name_already_taken(tmp_path: Path) -> None:
    """Backups take a name no other file has: two at once both succeed, under two names."""
    taken = tmp_path / "gestco-1.sqlite3"
    taken.write_text("first")
    side = side_file(tmp_path, ".gestco-")
    side.write_text("second")
    with pytest.raises(FileExistsError):
        publish(side, taken, replace=False)
    publish(side, tmp_path / "gestco-2.sqlite3", replace=False)
    side.unlink(missing_ok=True)  # the caller's: a link leaves the side name behind
    assert taken.read_text() == "first"
    assert (tmp_path / "gestco-2.sqlite3").read_text() == "second"
    assert _leftovers(tmp_path) == []
