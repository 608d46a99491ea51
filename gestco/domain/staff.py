"""The shop's staff as the core hands them out: operators (never their hashes), who acts in a
write (`Actor`), a manager's approval, and one line of the audit trail; with the rules for
usernames, passwords and PINs, and the delays after wrong attempts.

No I/O here (the domain layer).
"""

from __future__ import annotations

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
    """What two usernames are compared by: 'Gerant' and 'gerant' are the same operator."""
    return username.strip().casefold()


def check_username(value: object) -> str:
    """A username as stored: 1 to 40 letters, digits, '.', '_' or '-'."""
    text = clean(value, field="username", max_length=USERNAME_MAX)
    if not text:
        raise ValidationError("username", "Enter a username.")
    if not all(c.isalnum() or c in "._-" for c in text):
        raise ValidationError(
            "username", "A username has only letters, digits, '.', '_' and '-', such as gerant."
        )
    return text


def check_display_name(value: object) -> str:
    return clean(value, field="display_name", max_length=DISPLAY_NAME_MAX)


def check_role(value: object) -> Role:
    try:
        return Role(str(value))
    except ValueError:
        raise ValidationError(
            "role", "Choose a role among: {roles}.", roles=", ".join(Role)
        ) from None


def check_password(value: object, *, demo: bool = False) -> str:
    """A new password: 8 characters at least (the demo's are their usernames: demo only)."""
    if not isinstance(value, str) or "\x00" in value:
        raise ValidationError("password", "Enter a password.")
    if len(value) > PASSWORD_MAX:
        raise ValidationError("password", "A password has at most {n} characters.", n=PASSWORD_MAX)
    if not demo and len(value) < PASSWORD_MIN:
        raise ValidationError("password", "A password has at least {n} characters.", n=PASSWORD_MIN)
    if not value.strip():
        raise ValidationError("password", "Enter a password.")
    return value


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
