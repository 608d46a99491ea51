"""One hierarchy of errors. Each message is written for the person at the counter."""

from __future__ import annotations


class GestcoError(Exception):
    """Base of every error GESTCO raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(GestcoError):
    """Bad input. `field` names the input field so a screen can show the message beside it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class NotFoundError(GestcoError):
    """The client, order or product asked for does not exist."""


class ConflictError(GestcoError):
    """Someone else saved the same record in between (stale version)."""


class TransitionError(ValidationError):
    """A status change the order's current status does not allow."""

    def __init__(self, message: str, allowed: tuple[str, ...]) -> None:
        super().__init__("status", message)
        self.allowed = allowed


class StockError(ValidationError):
    """Not enough stock for the operation asked."""


class DatabaseError(GestcoError):
    """The database file cannot be used (newer version, damaged, unreachable)."""
