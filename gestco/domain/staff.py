"""The shop's staff as the core hands them out: operators (never their hashes), who acts in a
write (`Actor`), a manager's approval, and one line of the audit trail; with the rules for
usernames, passwords and PINs, and the delays after wrong attempts.

No I/O here (the domain layer).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from gestco.domain.change_areas import NOTHING, Changes
from gestco.domain.errors import ValidationError
from gestco.domain.permissions import Role
from gestco.domain.text import clean

USERNAME_MAX = 40
DISPLAY_NAME_MAX = 100
PASSWORD_MIN = 8  # OWASP's floor for a password alone; the window shows a strength hint
PASSWORD_MAX = 1024  # hashing is deliberately slow: a megabyte "password" must not get there
PIN_LENGTHS = range(4, 7)  # 4 to 6 digits
OWNER_PREFIX = "cli:"  # the machine owner's tools act as `cli:<login>` (no operator has a ':')

# Wrong passwords or PINs for one name before the first delay, then the delays in seconds
# (30 s, 1 min, 5 min, 15 min, 1 h, then 1 h each time).
FREE_ATTEMPTS = 5
DELAYS_S = (30, 60, 300, 900, 3600)


def delay_after(failures: int) -> int:
    """Seconds before the next attempt is accepted after `failures` wrong ones in a row."""
    if failures < FREE_ATTEMPTS:
        return 0
    return DELAYS_S[min(failures - FREE_ATTEMPTS, len(DELAYS_S) - 1)]


def username_key(username: str) -> str:
    """What two usernames are compared by: 'Gerant', 'gerant' and the full-width 'ＧＥＲＡＮＴ'
    are the same operator (NFKC, case-folded, NFKC again: Unicode's NFKC_Casefold closure)."""
    folded = unicodedata.normalize("NFKC", username.strip()).casefold()
    return unicodedata.normalize("NFKC", folded)


def _refuse_invisible(text: str, field: str) -> None:
    """Format characters (U+202E right-to-left override, zero-width spaces and joiners, U+FEFF)
    show nothing, or turn the text around: a name holding one can pass for another."""
    for ch in text:
        if unicodedata.category(ch) == "Cf":
            raise ValidationError(
                field,
                "This name holds an invisible character ({code}) that can disguise it:"
                " type it rather than pasting it.",
                code=f"U+{ord(ch):04X}",
            )


def typed_username(value: object) -> str:
    """A username as typed at a sign-in or an approval, cleaned before it is compared or
    counted: trimmed, one line, no control, invisible or unstorable character (refused as
    input: ValidationError), in its NFKC form. '' when nothing was typed."""
    text = clean(value, field="username", max_length=USERNAME_MAX)
    _refuse_invisible(text, "username")
    return unicodedata.normalize("NFKC", text)


# Scripts (from the first word of a character's Unicode name) that are written together:
# Japanese mixes kanji, hiragana and katakana, Korean hangul and hanja; Arabic-Indic digits
# are Arabic.
_SCRIPT_FAMILY = {
    "CJK": "CJK",
    "HIRAGANA": "CJK",
    "KATAKANA": "CJK",
    "KATAKANA-HIRAGANA": "CJK",
    "HANGUL": "CJK",
    "IDEOGRAPHIC": "CJK",
    "ARABIC-INDIC": "ARABIC",
    "EXTENDED": "ARABIC",  # EXTENDED ARABIC-INDIC DIGIT (Persian, Urdu)
}


def _script(ch: str) -> str:
    """The script of a username's character, '' for those every script shares (the ASCII
    digits, '.', '_', '-'). Python has no Unicode Script property: the character's name
    starts with it for every letter a username may hold ('LATIN SMALL LETTER A',
    'CYRILLIC SMALL LETTER I', 'ARABIC LETTER MEEM')."""
    if ch.isascii() and not ch.isalpha():
        return ""
    word = unicodedata.name(ch, "?").split(" ", 1)[0]
    return _SCRIPT_FAMILY.get(word, word)


def check_username(value: object) -> str:
    """A username as stored: 1 to 40 letters of one script, digits, '.', '_' or '-', in its
    NFKC form (the full-width 'ＡＤＭＩＮ' is stored 'ADMIN', and so is taken by 'admin'); a
    Cyrillic 'і' among Latin letters ('admіn') is refused: it would pass for 'admin'."""
    text = typed_username(value)
    if not text:
        raise ValidationError("username", "Enter a username.")
    if len(text) > USERNAME_MAX:  # NFKC may lengthen it ('ﷺ' is 18 characters)
        raise ValidationError("username", "Too long: at most {n} characters.", n=USERNAME_MAX)
    if not all(c.isalnum() or c in "._-" for c in text):
        raise ValidationError(
            "username", "A username has only letters, digits, '.', '_' and '-', such as gerant."
        )
    first = next((c for c in text if _script(c)), "")
    for ch in text:
        if _script(ch) and _script(ch) != _script(first):
            raise ValidationError(
                "username",
                "A username is written in one alphabet: '{letter}' ({code}) is not from the"
                " same one as '{first}'. Retype it on one keyboard layout.",
                letter=ch,
                code=f"U+{ord(ch):04X}",
                first=first,
            )
    return text


def check_display_name(value: object) -> str:
    """A display name: one line of text without control or invisible characters ('' when
    none is given: the operator is then shown by username)."""
    text = clean(value, field="display_name", max_length=DISPLAY_NAME_MAX)
    _refuse_invisible(text, "display_name")
    return text


def check_role(value: object) -> Role:
    try:
        return Role(str(value))
    except ValueError:
        raise ValidationError(
            "role", "Choose a role among: {roles}.", roles=", ".join(Role)
        ) from None


def check_password(value: object, *, demo: bool = False) -> str:
    """A new password: 8 characters at least (the demo's are their usernames: demo only), no
    control character (a NUL, an escape) and nothing that is not text (a lone surrogate: an
    undecodable byte read from a terminal or a pipe; argon2 hashes UTF-8)."""
    if not isinstance(value, str) or not value:
        raise ValidationError("password", "Enter a password.")
    if len(value) > PASSWORD_MAX:
        raise ValidationError("password", "A password has at most {n} characters.", n=PASSWORD_MAX)
    refuse_untypable(value, "password")
    if not demo and len(value) < PASSWORD_MIN:
        raise ValidationError("password", "A password has at least {n} characters.", n=PASSWORD_MIN)
    if not value.strip():
        raise ValidationError("password", "Enter a password.")
    return value


def refuse_untypable(secret: str, field: str) -> None:
    """A password or PIN holding a control character or a lone surrogate: no keyboard types
    one (a paste or a broken pipe did), and a surrogate cannot even be hashed."""
    for ch in secret:
        if unicodedata.category(ch) in ("Cc", "Cs"):
            raise ValidationError(
                field,
                "This holds a character no keyboard types ({code}): type it again.",
                code=f"U+{ord(ch):04X}",
            )


def check_pin(value: object) -> str:
    """A PIN for quick switching: 4 to 6 ASCII digits."""
    if not (
        isinstance(value, str) and value.isascii() and value.isdigit() and len(value) in PIN_LENGTHS
    ):
        raise ValidationError("pin", "A PIN is 4 to 6 digits.")
    return value


@dataclass(frozen=True, slots=True)
class Operator:
    """A person who signs in. `id` is None for the machine owner's tools (`cli:<login>`),
    which act with admin rights and have no row."""

    id: int | None
    username: str
    display_name: str
    role: Role
    active: bool
    has_pin: bool
    created_at: datetime | None
    last_sign_in_at: datetime | None
    # Set on what a write service returns: the areas it changed (gestco.domain.change_areas).
    changes: Changes = field(default=NOTHING, compare=False, repr=False)

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username


@dataclass(frozen=True, slots=True)
class Actor:
    """Who a write is done by, as its history rows and audit trail record it: the signed-in
    operator's username (or `cli:<login>`), the manager who approved it if one had to, and
    the workstation's name."""

    username: str
    role: Role
    operator_id: int | None
    workstation: str
    approved_by: str = ""


@dataclass(frozen=True, slots=True)
class Approval:
    """A manager's (or admin's) PIN given on the spot, for one change a clerk may not make
    alone. Made only by gestco.services.session.approve; good for one write (spent when it
    commits) within a couple of minutes."""

    token: int = field(repr=False)
    username: str
    role: Role
    operator_id: int


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One line of the audit trail. A change names its record and field with the old and new
    values as stored (text; None: the field did not exist before, or is gone after); an
    event (sign_in, sign_in_failed, lock, approval...) names the operator concerned."""

    id: int
    at: datetime
    operator: str
    workstation: str
    kind: str
    entity: str
    record_id: str
    record_label: str
    field: str
    old_value: str | None
    new_value: str | None
    approved_by: str
    note: str
