"""One hierarchy of errors. Each message is written for the person at the counter.

Messages are English templates with named parameters: `message` is the filled-in text
(the CLI prints it); screens translate `template` first, then fill in `params`, so the
shop sees them in its own language (ui/display/core_messages.py lists them for Qt's lupdate).
"""

from __future__ import annotations

from typing import Any


class GestcoError(Exception):
    """Base of every error GESTCO raises on purpose."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        self.message = template.format(**params) if params else template
        super().__init__(self.message)


class ValidationError(GestcoError):
    """Bad input. `field` names the input field so a screen can show the message beside it."""

    def __init__(self, field: str, template: str, **params: Any) -> None:
        super().__init__(template, **params)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class NotFoundError(GestcoError):
    """The client, order or product asked for does not exist."""


class ConflictError(GestcoError):
    """Someone else saved the same record in between (stale version)."""


class TransitionError(ValidationError):
    """A status change the order's current status does not allow."""

    def __init__(self, template: str, allowed: tuple[str, ...], **params: Any) -> None:
        super().__init__("status", template, **params)
        self.allowed = allowed


class StockError(ValidationError):
    """Not enough stock for the operation asked."""


class DatabaseError(GestcoError):
    """The database file cannot be used (newer version, damaged, unreachable)."""

    sqlstate: str | None = None  # the server's error code behind it, if any (storage.write_rules)


class ServerLoginError(DatabaseError):
    """The server answered but refused the user name or password: ask for them again."""


class DamagedFileError(DatabaseError):
    """The file is damaged or unreadable: restore a backup or open another file. `kind`
    says how (zero_length, bad_header, truncated, bad_wal, unreadable, damaged)."""

    def __init__(self, template: str, kind: str, **params: object) -> None:
        super().__init__(template, **params)
        self.kind = kind


class FileUnavailableError(DatabaseError):
    """A healthy file that cannot be used right now: another program holds it locked, the
    file or its folder is read-only, or the disk is full. Not damage: the window offers to
    try again, never to restore a backup over it. `kind` is locked, read_only or full."""

    def __init__(self, template: str, kind: str, **params: object) -> None:
        super().__init__(template, **params)
        self.kind = kind


class PermissionDenied(GestcoError):
    """The acting operator's role lacks `permission` (gestco.domain.permissions): nothing was
    written. `approvable`: a manager's PIN on the spot would allow it (session.approve)."""

    def __init__(
        self, template: str, permission: str, *, approvable: bool = False, **params: Any
    ) -> None:
        super().__init__(template, permission=permission, **params)
        self.permission = permission
        self.approvable = approvable


class MissingIdentifiers(GestcoError):
    """A document the law says needs identifiers the shop's settings lack: nothing was issued.
    `missing` holds the fields' codes (gestco.domain.legal_identity.FIELDS) for the screen
    to name in its language and point at; the message names them in English."""

    def __init__(self, template: str, fields: tuple[str, ...], **params: Any) -> None:
        super().__init__(template, **params)
        self.missing = fields


class SignInError(GestcoError):
    """A sign-in, an unlock or an approval refused. The message never says whether the
    username exists."""


class SignInDelayed(SignInError):
    """Too many wrong passwords or PINs for this name: the next try is accepted in
    `retry_after` seconds (every try meanwhile is refused and recorded)."""

    def __init__(self, template: str, retry_after: int, **params: Any) -> None:
        super().__init__(template, seconds=retry_after, **params)
        self.retry_after = retry_after
