"""Database addresses: a postgresql:// URL told from a file path, checked before connecting,
and shown without its password."""

from __future__ import annotations

from pathlib import Path

from gestco.domain.errors import DatabaseError

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(target: object) -> bool:
    """A PostgreSQL server URL rather than a file path."""
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


def shown_database(target: str | Path) -> str:
    """How a database is named on screen and in logs: a server URL without its password."""
    if not is_server_url(target):
        return str(target)
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(str(target))
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    try:
        port = parts.port
    except ValueError:  # an unreadable port: named as typed, without the password
        return _without_password(str(target))
    if port:
        netloc += f":{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def check_server_url(url: str) -> None:
    """A postgresql:// URL whose host and port can be read, else a DatabaseError saying
    what is wrong (urlsplit raises a bare ValueError on a bad port or an IPv6 host without
    its brackets)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it is the check
    except ValueError:
        raise DatabaseError(
            "The server address {url} cannot be read: the port must be a number from 1 to "
            "65535, and an IPv6 address goes in brackets ([::1]:5432).",
            url=_without_password(url),
        ) from None
    host = parts.netloc.rsplit("@", 1)[-1]
    if host.count(":") > 1 and not host.startswith("["):
        raise DatabaseError(
            "The server address {url} cannot be read: the port must be a number from 1 to "
            "65535, and an IPv6 address goes in brackets ([::1]:5432).",
            url=_without_password(url),
        )


def _without_password(url: str) -> str:
    """`url` with any password cut out, for a message (the URL itself may be unreadable)."""
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"
