"""Hostile arguments at every admin command (in-process, as `gestco …` parses them): the
answer is GESTCO's own (exit 0, 1, 2 or 3, a one-line error, never "unexpected" or a
traceback), and the shop's database is exactly as it was unless the command's job is to
change it and it said it did."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gestco import cli
from gestco.storage import binding, opening
from tests.support.databases import sqlite_only
from tests.support.fuzz_values import CONTROL, FUZZ, NUMBER_TEXTS, OTHER_DIGITS, fingerprint

pytestmark = sqlite_only("the commands run on a file of their own here")

# What a command line can carry: any text but NUL; a byte that is not UTF-8 arrives as a
# lone surrogate from U+DC80 to U+DCFF (Python's surrogateescape).
UNDECODABLE = [chr(c) for c in range(0xDC80, 0xDD00)]
arg_piece = st.one_of(
    st.text(st.characters(blacklist_characters="\x00"), max_size=6),
    st.sampled_from([c for c in CONTROL if c != "\x00"]),
    st.sampled_from(UNDECODABLE),
    st.sampled_from(OTHER_DIGITS + "²½"),
    st.sampled_from(NUMBER_TEXTS),
)
arg = st.lists(arg_piece, min_size=1, max_size=5).map("".join)
count_arg = st.one_of(
    st.sampled_from(NUMBER_TEXTS), st.sampled_from(["1", "10", "౧", "١٢", "0", "-5"]), arg
)
name_arg = st.lists(
    st.one_of(st.sampled_from([*UNDECODABLE, "\x01", "\x1b", "\t", " ", "é"]), st.just("x")),
    min_size=1,
    max_size=6,
).map("".join)


@pytest.fixture(scope="module")
def shop_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz-cli") / "shop.sqlite3"
    assert cli.main(["--db", str(path), "demo", "--clients", "30", "--orders", "60"]) == 0
    return path


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # relative outputs land here, never in the repository
    return tmp_path


def shop_fingerprint(path: Path) -> str:
    opening.open_database(path)
    try:
        return fingerprint()
    finally:
        binding.close_database()


def run(argv: list[str], capfd: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capfd.readouterr()
    try:
        code = cli.main(argv)
    except SystemExit as stop:  # argparse: a usage error, its own one-line message
        code = stop.code if isinstance(stop.code, int) else 2
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert "unexpected error" not in err, (argv, err)
    assert code in (0, 1, 2, 3), (argv, code, err)
    if code:
        assert err.strip().splitlines()[-1].startswith("gestco"), err
    return code, err


def unchanged_by(argv: list[str], shop_file: Path, capfd) -> int:
    before = shop_fingerprint(shop_file)
    code, _ = run(["--db", str(shop_file), *argv], capfd)
    assert shop_fingerprint(shop_file) == before, argv
    return code


@FUZZ
@given(option=st.sampled_from(["--clients", "--orders", "--products", "--seed"]), value=count_arg)
@example(option="--clients", value="²")
@example(option="--orders", value="1e999999")
def test_demo(shop_file, scratch, capfd, option, value) -> None:
    """The shop already has data: whatever the numbers, the demo refuses and writes nothing."""
    assert unchanged_by(["demo", option, value], shop_file, capfd) != 0


@FUZZ
@given(
    table=st.one_of(st.sampled_from(["orders", "clients", "reorder"]), arg),
    fmt=st.one_of(st.none(), st.sampled_from(["csv", "xlsx"]), arg),
    output=st.one_of(st.none(), name_arg),
    suffix=st.sampled_from(["", ".csv", ".xlsx", "/", "/x.csv"]),
)
@example(table="clients", fmt="xlsx", output="o\udcff\x01", suffix=".xlsx")
@example(table="orders", fmt="xlsx", output="x", suffix="/x.csv")
@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")  # "Exception ignored"
def test_export(shop_file, scratch, capfd, table, fmt, output, suffix) -> None:
    argv = ["export", table]
    if fmt is not None:
        argv += ["--format", fmt]
    if output is not None:
        argv += ["--output", output + suffix]
    unchanged_by(argv, shop_file, capfd)


@FUZZ
@given(
    action=st.sampled_from(["export", "anonymise"]),
    phone=st.one_of(arg, st.sampled_from(["0699999999", "+99900000000001", "", "06"])),
    fmt=st.one_of(st.none(), st.sampled_from(["json", "csv"]), arg),
    output=st.one_of(st.none(), name_arg),
)
@example(action="anonymise", phone="0699999999", fmt=None, output=None)
@example(action="export", phone="06 12\udcff", fmt="csv", output="x")
@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_client_commands(shop_file, scratch, capfd, action, phone, fmt, output) -> None:
    """A phone nobody has (the demo's are random), bad text, bad options: refused, and the
    database as it was (an anonymisation of a real client would change it: none is named)."""
    argv = ["client", action, phone]
    if action == "anonymise":
        argv.append("--yes")
    else:
        if fmt is not None:
            argv += ["--format", fmt]
        if output is not None:
            argv += ["--output", output]
    unchanged_by(argv, shop_file, capfd)


@FUZZ
@given(tag=arg)
@example(tag="\u200bVIP")
@example(tag="")
def test_export_orders_of_a_tag(shop_file, scratch, capfd, tag) -> None:
    assert unchanged_by(["export", "orders", "--tag", tag], shop_file, capfd) == 2  # nobody's


@FUZZ
@given(where=st.one_of(st.none(), name_arg), suffix=st.sampled_from(["", "/sub", "/../x"]))
def test_check_and_backup(shop_file, scratch, capfd, where, suffix) -> None:
    assert unchanged_by(["check"], shop_file, capfd) == 0
    argv = ["backup"] if where is None else ["backup", "--to", str(scratch / where) + suffix]
    unchanged_by(argv, shop_file, capfd)


@FUZZ
@given(name=name_arg, content=st.one_of(st.none(), st.binary(max_size=200), arg))
@example(name="b\udcff", content=b"SQLite format 3\x00" + b"\x00" * 84)
def test_restore_refuses_what_is_not_a_backup(shop_file, scratch, capfd, name, content) -> None:
    candidate = scratch / name
    if content is not None and not candidate.exists():
        data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogateescape")
        candidate.write_bytes(data)
    assert unchanged_by(["restore", str(candidate)], shop_file, capfd) != 0


@FUZZ
@given(
    user=name_arg,
    name=st.one_of(name_arg, st.just("")),
    where=st.sampled_from(["127.0.0.1:1", "[::1]:1", "::1:1", "127.0.0.1:65536"])
    | st.sampled_from(["127.0.0.1:99999999", "127.0.0.1:-1", "127.0.0.1:x", "127.0.0.1:1\udcff"]),
    via_stdin=st.booleans(),
)
@example(user="u\udcff", name="x", where="127.0.0.1:1", via_stdin=False)
@example(user="u", name="x\x01", where="127.0.0.1:1", via_stdin=True)
@example(user="u", name="\t", where="127.0.0.1:1", via_stdin=False)
@example(user="u", name="x", where="127.0.0.1:99999999", via_stdin=False)
def test_migrate_to_an_unreachable_or_unusable_server(
    shop_file, scratch, capfd, monkeypatch, user, name, where, via_stdin
) -> None:
    """Port 1 on this machine: refused at once, no network wait. Ports out of range, an
    unbracketed IPv6 host, no database name: the URL cannot be read, said in one line."""
    url = f"postgresql://{user}:secret@{where}/{name}"
    if via_stdin:
        import io

        monkeypatch.setattr("sys.stdin", io.StringIO(url + "\n"))
    argv = ["migrate-to", "-" if via_stdin else url]
    assert unchanged_by(argv, shop_file, capfd) != 0
    _, err = run(["--db", url, "check"], capfd)
    assert "secret" not in err


@FUZZ
@given(option=st.sampled_from(["--orders", "--clients"]), value=arg)
@example(option="--orders", value="1e999")
@example(option="--clients", value="²")
def test_bench_refuses_counts_that_are_not_numbers(shop_file, scratch, capfd, option, value):
    """Only values the parser refuses: a real bench run takes minutes (tests/tools/test_bench)."""
    try:
        int(value)
    except ValueError:
        assert unchanged_by(["bench", "--no-startup", option, value], shop_file, capfd) == 2


def test_the_suite_reads_a_real_command_line() -> None:
    """An undecodable byte in argv arrives as U+DC80..U+DCFF: what UNDECODABLE holds."""
    assert os.fsdecode(b"\xff") == "\udcff"
