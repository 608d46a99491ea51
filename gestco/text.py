"""Text normalisation for index-backed prefix search (accents and case removed)."""

from __future__ import annotations

import unicodedata

# Upper bound for a prefix range: every key starting with `p` sorts in [p, p + PREFIX_END).
PREFIX_END = "\U0010ffff"


def search_key(*parts: str) -> str:
    """'Élodie  Benali' -> 'elodie benali': what name searches compare against."""
    text = " ".join(p for p in parts if p)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def clean(value: object, *, field: str, max_length: int) -> str:
    """Trim a free-text input; reject non-text and absurd lengths."""
    from gestco.errors import ValidationError

    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, "Enter text here.")
    value = " ".join(value.split()) if "\n" not in value else value.strip()
    if len(value) > max_length:
        raise ValidationError(field, "Too long: at most {n} characters.", n=max_length)
    if "\x00" in value:
        raise ValidationError(field, "This text contains a character that cannot be stored.")
    return value
