"""Text at the edges: what free-text fields may hold, and the keys prefix searches compare."""

from __future__ import annotations

import unicodedata

# Upper bound for a prefix range: every key starting with `p` sorts in [p, p + PREFIX_END).
PREFIX_END = "\U0010ffff"

# Line breaks and tabs: kept in multi-line fields (an address, notes), refused elsewhere.
_LAYOUT = frozenset("\n\r\t")
_LINE_BREAKS = frozenset("\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


# The marks that steer the bidirectional layout (LRM, RLM, ALM, the embeddings and overrides,
# the isolates): invisible, and the Arabic window puts isolates around every number it shows
# (ui.display.bidi). A number copied from it and pasted into a field is the same number.
DIRECTION_MARKS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_NO_DIRECTION_MARKS = {ord(mark): None for mark in DIRECTION_MARKS}


def without_direction_marks(text: str) -> str:
    """`text` without the bidirectional marks (for numbers, phones, codes; never names)."""
    return text.translate(_NO_DIRECTION_MARKS) if not text.isascii() else text


def _unstorable(ch: str) -> bool:
    """A character no field may hold: control characters (C0, DEL, C1: XLSX refuses them
    and they make CSV rows misread), lone surrogates (cannot be encoded to UTF-8, so neither
    SQLite nor PostgreSQL can take them) and the Unicode noncharacters (not allowed in XML)."""
    category = unicodedata.category(ch)
    if category in ("Cc", "Cs"):
        return True
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def storable(text: str) -> bool:
    """Whether `text` holds only characters that can be stored and exported."""
    return not any(_unstorable(ch) for ch in text if ch not in _LAYOUT)


def search_key(*parts: str) -> str:
    """'Élodie  Benali' -> 'elodie benali': what name searches compare against.

    Only combining marks ('\\u0301') give '': callers must not read that as "match all"."""
    text = " ".join(p for p in parts if p)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def search_text(value: object) -> str | None:
    """What a search box holds, trimmed; None when it cannot match anything stored (not
    text, or a character no field may hold: a lone surrogate, a control character)."""
    if not isinstance(value, str):
        return None
    text = without_direction_marks(value).strip()  # a number pasted from the Arabic window
    if any(_unstorable(ch) for ch in text):
        return None
    return text


def ascii_digits(text: str) -> str:
    """Every Unicode decimal digit as its ASCII digit: '٠٦١٢' and '０６１２' -> '0612'.
    Other digit-like characters ('²', '½') are left as they are, for the caller to refuse."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch for ch in text
    )


def clean(value: object, *, field: str, max_length: int, multiline: bool = False) -> str:
    """Trim a free-text input; refuse non-text, absurd lengths and characters that cannot
    be stored or exported. Single-line fields get inner runs of spaces collapsed; line
    breaks and tabs are refused there (kept in `multiline` fields)."""
    from gestco.domain.errors import ValidationError

    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, "Enter text here.")
    value = value.strip()
    if len(value) > max_length:
        raise ValidationError(field, "Too long: at most {n} characters.", n=max_length)
    allowed = _LAYOUT if multiline else frozenset()
    for ch in value:
        if ch in allowed:
            continue
        if ch in _LINE_BREAKS:
            raise ValidationError(field, "Keep this on one line: remove the line breaks and tabs.")
        if _unstorable(ch):
            raise ValidationError(
                field,
                "This text contains a character that cannot be stored (code {code}):"
                " retype it rather than pasting it.",
                code=f"U+{ord(ch):04X}",
            )
    return value if multiline else " ".join(value.split())


def visible(text: str) -> str:
    """`text` with every character a terminal or a reader would not show as itself written
    as an escape: line breaks, tabs and other control characters (ESC starts a terminal's
    codes), format characters (U+202E turns the rest of a line around, zero-width ones
    hide), separators and lone surrogates: '\\n', '\\x1b', '\\u202e'. What a stored value
    holds, shown so that one value is always one line and reads as what it is."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        else:
            code = ord(ch)
            width = "x02" if code < 0x100 else "u04" if code < 0x10000 else "U08"
            out.append(f"\\{width[0]}{code:0{width[1:]}x}")
    return "".join(out)


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
