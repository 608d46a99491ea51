"""The client relationship as the core hands it out: a client's timeline of notes and contacts,
their tags, their marketing consent, and the rules for what a note or a tag may hold.

No I/O here (the domain layer).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from gestco.domain.change_areas import NOTHING, Changes
from gestco.domain.errors import ValidationError
from gestco.domain.text import clean

# What a line of the timeline records: a note written at the counter, a phone call, a visit
# to the shop, a message (SMS, WhatsApp, e-mail). The values are what the table stores.
NOTE_KINDS = ("note", "call", "visit", "message")
NOTE_MAX = 2000
TAG_MAX = 40
TAGS_PER_CLIENT = 20


@dataclass(frozen=True, slots=True)
class ClientNote:
    """One line of a client's timeline."""

    id: int
    client_id: int
    at: datetime
    kind: str
    text: str
    operator: str  # who wrote it: an operator's username, or cli:<login>
    changes: Changes = field(default=NOTHING, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ClientRelationship:
    """What the client page shows beside the client's details: their tags (sorted as shown),
    whether they agreed to marketing and when they last said so (None: never asked), and
    when they were anonymised (None: never)."""

    client_id: int
    tags: tuple[str, ...]
    marketing_consent: bool
    consent_at: datetime | None
    anonymised_at: datetime | None
    changes: Changes = field(default=NOTHING, compare=False, repr=False)


def check_note_kind(value: object) -> str:
    if not isinstance(value, str) or value not in NOTE_KINDS:
        raise ValidationError("kind", "Choose what kind of contact this was.")
    return value


def check_note_text(value: object) -> str:
    """A note: text of one or several lines, not empty, at most NOTE_MAX characters."""
    text = clean(value, field="note", max_length=NOTE_MAX, multiline=True)
    if not text:
        raise ValidationError("note", "Write the note first.")
    return text


def check_tag(value: object) -> str:
    """A tag as it will be stored and shown: trimmed, inner spaces collapsed, one line, no
    control, invisible or unstorable character, 1 to TAG_MAX characters."""
    if value is not None and not isinstance(value, str):
        raise ValidationError("tag", "Enter text here.")
    text = clean(value, field="tag", max_length=TAG_MAX)
    if not text:
        raise ValidationError("tag", "Type the tag, such as VIP or grossiste.")
    for ch in text:
        if unicodedata.category(ch) in ("Cf", "Co", "Cn"):
            raise ValidationError(
                "tag",
                "This tag holds an invisible or unknown character ({code}): type it rather"
                " than pasting it.",
                code=f"U+{ord(ch):04X}",
            )
    if all(unicodedata.combining(ch) or ch == " " for ch in text):  # marks only
        raise ValidationError("tag", "Type the tag, such as VIP or grossiste.")
    return text


def tag_key(name: str) -> str:
    """What two tags are compared by: 'VIP', 'vip' and the full-width 'ＶＩＰ' are one tag
    (NFKC, case-folded, NFKC again, inner spaces collapsed)."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join(folded.split())
