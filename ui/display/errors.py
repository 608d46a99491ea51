"""Core errors in the shop's language: the template is translated, then filled in."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from gestco.domain.errors import GestcoError, MissingIdentifiers, PermissionDenied
from ui.display import bidi, formatting
from ui.display.identity_words import lacking
from ui.display.labels import permission_label, role_label, status_label

# Parameters that carry a status code: shown as words, not codes.
_STATUS_PARAMS = ("status", "target")
# Amounts the core writes as gestco.domain.money.format_cents does ('705.00'): in the shop's
# digits ('705,00' in French), as the screens show them.
_MONEY_PARAMS = ("due", "paid", "received", "deposit", "total")
_CENTS = re.compile(r"-?\d+\.\d{2}")
# Parameters already in the window's words (statuses, roles, permissions, field names): as
# they are. Any other is a value the person typed or a record holds: in the Arabic window a
# number, a phone, a path or a code is one left-to-right piece ("06 12 34" would read
# backwards), a name or a free text (a reason) is isolated by its first letter.
_WORDS = frozenset({*_STATUS_PARAMS, "what", "role", "roles", "lacking", "choices"})
_NAMES = frozenset({"name", "product", "operator", "username", "user", "first", "letter"})
_FREE = frozenset({"reason", "problem", "detail", "tag", "known", "other", "found"})


def describe(error: GestcoError) -> str:
    template = QCoreApplication.translate("core", error.template)
    params = dict(error.params)
    for name in _STATUS_PARAMS:
        if name in params:
            params[name] = status_label(str(params[name]))
    for name in _MONEY_PARAMS:
        if isinstance(params.get(name), str) and _CENTS.fullmatch(params[name]):
            params[name] = formatting.money(int(params[name].replace(".", "")))
    # Large counts and limits in the shop's digits (100 000); up to 9999 as they are (2000
    # characters), as French typography and the years want.
    for name, value in params.items():
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
            params[name] = formatting.count(value)
    if isinstance(error, PermissionDenied):  # the permission and roles as words, not codes
        if "what" in params:
            params["what"] = permission_label(error.permission)
        for name in ("role", "roles"):
            if name in params:
                params[name] = " / ".join(role_label(r) for r in str(params[name]).split(" / "))
    if isinstance(error, MissingIdentifiers) and "lacking" in params:
        params["lacking"] = lacking(error.missing)  # the fields in the shop's language
    if "choices" in params and hasattr(error, "allowed"):
        allowed = error.allowed
        params["choices"] = ", ".join(status_label(s) for s in allowed) if allowed else "—"
    params = {name: _isolated(name, value) for name, value in params.items()}
    try:
        return template.format(**params) if params else template
    except (KeyError, IndexError, ValueError):
        return error.message  # a translation with a broken placeholder: fall back to English


def _isolated(name: str, value: object) -> object:
    if name in _WORDS or not isinstance(value, str | int) or isinstance(value, bool):
        return value
    text = str(value)
    if name in _NAMES or name in _FREE:
        return bidi.name(text)
    return bidi.ltr(text)
