"""Checking a password or PIN, and counting the wrong ones: the tries behind
gestco.services.session's sign_in, sign_in_pin and approve.

Wrong passwords and PINs count per name, whether or not an operator has it (a delay never
tells that a name exists): an operator's under its `username_key`, a name nobody has under
UNKNOWN_KEY_PREFIX and a one-way argon2id key of it (gestco.domain.passwords.name_key), so
a password typed into the username field is kept nowhere in clear. The audit trail names
the operator, or UNKNOWN, never what was typed. Every try costs one argon2id computation,
whatever the name: the time taken tells nothing either.
"""

from __future__ import annotations

from datetime import timedelta

from gestco.domain import passwords
from gestco.domain.errors import SignInDelayed, SignInError, ValidationError
from gestco.domain.staff import delay_after, refuse_untypable, typed_username, username_key
from gestco.domain.timestamps import from_text, now, to_text
from gestco.services.audit_trail import UNKNOWN, record_event
from gestco.storage import transactions
from gestco.storage.staff_models import OperatorRow, SignInFailureRow
from gestco.workstation.folders import workstation_name

# No username has a '#' (gestco.domain.staff.check_username).
UNKNOWN_KEY_PREFIX = "#"


def verified(username: str, secret: str, *, pin: bool, kind: str) -> OperatorRow:
    """The active operator whose `username` and password (or PIN) these are; else
    SignInError (or SignInDelayed), the same for a name nobody has. Every try is recorded,
    under the operator's username, or UNKNOWN for a name no operator has (never as typed:
    a password typed into the username field would stay in the trail for good). Input that
    cannot be a try (nothing typed, a control character) is refused first: ValidationError,
    nothing counted or recorded."""
    if not isinstance(username, str) or not isinstance(secret, str):
        raise SignInError("Wrong username or password.")
    typed = typed_username(username)
    field = "pin" if pin else "password"
    if not typed:
        raise ValidationError("username", "Type your username.")
    if not secret and pin:
        raise ValidationError(field, "Type your PIN.")
    if not secret:
        raise ValidationError(field, "Type your password.")
    refuse_untypable(secret, field)
    host = workstation_name()
    how = "PIN" if pin else "password"
    key = username_key(typed)
    row = OperatorRow.get_or_none(OperatorRow.username_key == key)
    # One argon2id computation per try whatever the name, so that the time taken tells
    # nothing either: a known name's check, or the unknown name's key (which replaces it).
    if row is None:
        key = UNKNOWN_KEY_PREFIX + passwords.name_key(key)
        who, record_id = UNKNOWN, None
    else:
        key, who, record_id = row.username_key, row.username, row.id
    waiting = _seconds_to_wait(key, now())
    if waiting:
        if row is not None:
            passwords.verify_nothing(secret)
        what = how if kind == "sign_in" else f"{how} for an approval"
        with transactions.atomic():
            record_event(
                who, host, "sign_in_refused", record_id=record_id, note=f"{what}; wait {waiting} s"
            )
        raise _delayed(waiting)
    stored = None if row is None else (row.pin_hash if pin else row.password_hash)
    # Slow on purpose, outside the write transaction (no write lock held while it runs).
    if row is None:
        good = False  # the name's key took the time
    else:
        good = passwords.verify(stored, secret) if stored else passwords.verify_nothing(secret)
    if not good:
        failures = _failed(key, who, record_id, host, how=how, kind=kind)
        waiting = delay_after(failures)
        if waiting:
            raise _delayed(waiting)
        if pin:
            raise SignInError("Wrong username or PIN.")
        raise SignInError("Wrong username or password.")
    assert row is not None
    if not row.active:
        with transactions.atomic():
            record_event(
                row.username, host, f"{kind}_failed", record_id=row.id, note="disabled operator"
            )
        raise SignInError("This operator is disabled: ask an administrator.")
    return row


def accepted(row: OperatorRow, secret: str, *, pin: bool, kind: str) -> OperatorRow:
    """Record the accepted try (its name's wrong tries forgotten; the hash made again if
    today's parameters differ); returns the operator's row as the database has it now."""
    stored = row.pin_hash if pin else row.password_hash
    fresh = passwords.hash_secret(secret) if passwords.needs_rehash(stored) else None
    with transactions.atomic():
        SignInFailureRow.delete().where(SignInFailureRow.username_key == row.username_key).execute()
        changes: dict[object, object] = {}
        if kind == "sign_in":
            changes[OperatorRow.last_sign_in_at] = to_text(now())
        if fresh is not None:  # made with older parameters: hashed again with today's
            changes[OperatorRow.pin_hash if pin else OperatorRow.password_hash] = fresh
        if changes:
            OperatorRow.update(changes).where(OperatorRow.id == row.id).execute()
        record_event(
            row.username,
            workstation_name(),
            kind,
            record_id=row.id,
            note="PIN" if pin else "password",
        )
    return OperatorRow.get_by_id(row.id)


def wrong_attempts(key: str) -> int:
    """The wrong tries in a row counted for an operator's `username_key`."""
    kept = SignInFailureRow.get_or_none(SignInFailureRow.username_key == key)
    return 0 if kept is None else int(kept.failures)


def _seconds_to_wait(key: str, moment: object) -> int:
    row = SignInFailureRow.get_or_none(SignInFailureRow.username_key == key)
    if row is None or not row.retry_at:
        return 0
    retry_at = from_text(row.retry_at)
    assert retry_at is not None
    left = (retry_at - moment).total_seconds()  # type: ignore[operator]
    return max(0, int(left + 0.999))


def _failed(key: str, who: str, record_id: object, host: str, *, how: str, kind: str) -> int:
    """Count one more wrong try for `key`, set its delay; returns the tries in a row."""
    moment = now()
    with transactions.atomic():
        kept = SignInFailureRow.get_or_none(SignInFailureRow.username_key == key)
        failures = 1 if kept is None else kept.failures + 1
        waiting = delay_after(failures)
        retry_at = to_text(moment + timedelta(seconds=waiting)) if waiting else ""
        if kept is None:
            SignInFailureRow.insert(
                username_key=key,
                failures=failures,
                last_failed_at=to_text(moment),
                retry_at=retry_at,
            ).execute()
        else:
            SignInFailureRow.update(
                failures=failures, last_failed_at=to_text(moment), retry_at=retry_at
            ).where(SignInFailureRow.username_key == key).execute()
        note = how + (f"; delay {waiting} s" if waiting else "")
        record_event(who, host, f"{kind}_failed", record_id=record_id, note=note)
    return failures


def _delayed(seconds: int) -> SignInDelayed:
    return SignInDelayed("Too many wrong attempts: wait {seconds} s, then try again.", seconds)
