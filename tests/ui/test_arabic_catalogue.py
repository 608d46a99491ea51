"""The Arabic catalogue (ar_MA) is complete and keeps what the code fills in or reads.

Groundwork for the Arabic window (issue 21): the catalogue is checked on its own, without
loading it into a window (the language chooser does not offer Arabic yet)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "gestco_ar.ts"
# Qt's plural rule for Arabic: zero, one, two, few (3-10), many (11-99), other (100-102…).
ARABIC_FORMS = 6
PLACEHOLDER = re.compile(r"\{\w+\}|%n|%L?\d")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
MNEMONIC = re.compile(r"(?<!&)&(?!&)")
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
ENGLISH_WORD = re.compile(r"\b[a-z]{3,}\b")  # not key names (Tab, Shift) nor codes


def _messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def _translation(message: ET.Element) -> ET.Element:
    translation = message.find("translation")
    assert translation is not None
    return translation


def _texts(message: ET.Element) -> list[str]:
    """The translation, or each plural form of a numerus entry."""
    translation = _translation(message)
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


MESSAGES = _messages()


def _where(context: str, message: ET.Element) -> str:
    return f"{context}: {message.findtext('source')!r}"


def test_the_catalogue_is_arabic_and_holds_every_message() -> None:
    root = ET.parse(TS).getroot()
    assert root.get("language") == "ar_MA"
    assert len(MESSAGES) > 1000  # the whole window, core messages included


def test_no_entry_is_unfinished() -> None:
    unfinished = [
        _where(c, m)
        for c, m in MESSAGES
        if _translation(m).get("type") in ("unfinished", "obsolete", "vanished")
        or not all(text.strip() for text in _texts(m))
    ]
    assert unfinished == []


def test_plural_entries_fill_every_arabic_form() -> None:
    numerus = [(c, m) for c, m in MESSAGES if m.get("numerus") == "yes"]
    assert numerus, "the catalogue has plural entries (%n lines)"
    for context, message in numerus:
        forms = _texts(message)
        assert len(forms) == ARABIC_FORMS, _where(context, message)
        assert all(form.strip() for form in forms), _where(context, message)


def test_placeholders_are_kept() -> None:
    """{name}, %n, %1…: the code fills them in; a lost or invented one shows raw."""
    for context, message in MESSAGES:
        source = message.findtext("source") or ""
        for text in _texts(message):
            assert Counter(PLACEHOLDER.findall(text)) == Counter(PLACEHOLDER.findall(source)), (
                _where(context, message),
                text,
            )


def test_markup_line_breaks_and_edges_are_kept() -> None:
    for context, message in MESSAGES:
        source = message.findtext("source") or ""
        for text in _texts(message):
            where = (_where(context, message), text)
            assert TAG.findall(text) == TAG.findall(source), where
            assert text.count("\n") == source.count("\n"), where
            assert (
                text[: len(text) - len(text.lstrip())]
                == source[: len(source) - len(source.lstrip())]
            ), where
            assert text[len(text.rstrip()) :] == source[len(source.rstrip()) :], where
            for ending in (":", "…"):
                if source.rstrip().endswith(ending):
                    assert text.rstrip().endswith(ending), where


def test_mnemonics_are_the_sources_latin_letters() -> None:
    """Alt+letter on the source's Latin letter, written after the words as "(&N)": an Arabic
    letter could not be reached with the Latin layout a Moroccan keyboard also has (Qt matches
    Alt+N in the Arabic layout too, by the key's Latin letter); the same letters as the English
    window, so no two controls of a screen share one. '&&' stays literal."""
    for context, message in MESSAGES:
        source = message.findtext("source") or ""
        for text in _texts(message):
            where = (_where(context, message), text)
            assert len(MNEMONIC.findall(text)) == len(MNEMONIC.findall(source)) <= 1, where
            assert text.count("&&") == source.count("&&"), where
            for theirs, ours in zip(
                MNEMONIC.finditer(source), MNEMONIC.finditer(text), strict=True
            ):
                letter = source[theirs.end()].upper()
                assert text[ours.end() : ours.end() + 1] == letter, where
                word = text[ours.end() :].split(" ")[0]
                if not word.isascii():  # "&ICE", "S&IREN" kept as the source writes them
                    assert text[ours.start() - 1 : ours.end() + 2] == f"(&{letter})", where


@pytest.mark.parametrize(
    "code",
    ["gestco check", "CMD-2026-000042", "FAC-2026-000042", "YYYY-MM-DD", "Ctrl+S", "F3"],
)
def test_codes_commands_and_keys_stay_as_they_are(code: str) -> None:
    for context, message in MESSAGES:
        source = message.findtext("source") or ""
        if code in source:
            for text in _texts(message):
                assert code in text, (_where(context, message), text)


def test_sentences_are_written_in_arabic() -> None:
    """A sentence left in English would be a hole in the Arabic window."""
    english = [
        (_where(c, m), text)
        for c, m in MESSAGES
        for text in _texts(m)
        if len(ENGLISH_WORD.findall(m.findtext("source") or "")) >= 3
        and not ARABIC_LETTER.search(text)
    ]
    assert english == []
