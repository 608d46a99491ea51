"""How usernames are compared and what the command line shows of stored text: look-alikes
are one key, every character a terminal would not show as itself is escaped."""

from __future__ import annotations

import unicodedata

import pytest

from gestco.domain.errors import ValidationError
from gestco.domain.staff import check_username, username_key
from gestco.domain.text import visible


@pytest.mark.parametrize("name", ["admin", "ADMIN", "ＡＤＭＩＮ", " Admin ", "ａｄｍｉｎ", "𝐚𝐝𝐦𝐢𝐧"])
def test_look_alike_widths_and_cases_are_one_key(name: str) -> None:
    assert username_key(name) == "admin"


def test_the_key_is_stable_and_normalised() -> None:
    for name in ("Straße", "ǅemal", "ﬁlipe", "Σοφία", "e\u0301lodie", "ÉLODIE"):
        key = username_key(name)
        assert username_key(key) == key
        assert unicodedata.normalize("NFKC", key) == key
    assert username_key("e\u0301lodie") == username_key("Élodie") == "élodie"


def test_a_username_with_a_character_that_normalises_too_long() -> None:
    with pytest.raises(ValidationError, match="at most 40"):
        check_username("a" * 30 + "\ufdfa")  # one character, 18 once NFKC'd


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Ali", "Ali"),
        ("Élodie Benali", "Élodie Benali"),
        ("a\nb", "a\\nb"),
        ("\x1b[2Jx", "\\x1b[2Jx"),
        ("Ali\u202eCBA", "Ali\\u202eCBA"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("\u2066iso\u2069", "\\u2066iso\\u2069"),
        ("lone\ud800", "lone\\ud800"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("مدير", "مدير"),
    ],
)
def test_what_the_command_line_shows(stored: str, shown: str) -> None:
    assert visible(stored) == shown
    assert visible(stored).isprintable()
