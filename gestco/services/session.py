"""Who is acting in this process: the operator signed in at this workstation, and the one
check every write service makes before it writes (`require`).

The window signs in (password or PIN), then calls the services; each write service calls
`require(<its permissions>)` first and gets back the `Actor` its history rows and audit trail
name. A direct call to a service is refused the same way as a button: nobody signed in, a
locked workstation, or a role without the permission (gestco.domain.permissions) raise
PermissionDenied and nothing is written. The role is read again from the database at each
check: an operator an admin disabled or demoted elsewhere cannot write one more row.

    sign_in(username, password) -> Operator      the sign-in page
    sign_in_pin(username, pin) -> Operator       quick switch, unlock
    lock()                                        Ctrl+L, idle: writes refused until a sign-in
    sign_out()
    current() -> Operator | None                  None: nobody, or locked
    locked_by() -> Operator | None                who was signed in when it locked
    can(permission) -> bool                       what the screens show enabled
    approve(username, pin) -> Approval            a manager's PIN at the counter
    require(*permissions, approval=None) -> Actor the services' check (and their `actor`)
    sign_in_owner(name) -> Operator               the machine owner's tools: `cli:<login>`
    assume(username) -> Operator                  tests and automation: no secret asked

Wrong passwords and PINs count per name (whether or not an operator has it; a name nobody
has is counted under a one-way hash of it): from the fifth in a row each try waits longer
(30 s, 1 min, 5 min...; gestco.domain.staff.delay_after); an admin's new password, PIN or
enabling, or `gestco user unlock`, clears an operator's count. Every try is in the audit
trail, under the operator's username or `?` (a name nobody has: never what was typed); no
message says whether the name exists; no secret is ever logged, shown or stored (only
argon2id hashes, gestco.domain.passwords). The typed username is cleaned first (one line,
no control or invisible character) and nothing typed is refused before it counts.

One session per process, shared by its threads (an export runs on a worker thread as the
operator who started it).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from gestco.domain.errors import PermissionDenied, SignInError
from gestco.domain.permissions import (
    APPROVABLE,
    DESCRIPTIONS,
    Permission,
    Role,
    allowed,
    roles_holding,
)
from gestco.domain.staff import Actor, Approval, Operator, username_key
from gestco.domain.timestamps import from_text
from gestco.services import sign_in_tries
from gestco.services.audit_trail import record_event
from gestco.storage import binding, transactions
from gestco.storage.staff_models import OperatorRow
from gestco.workstation.folders import workstation_name

APPROVAL_SECONDS = 120  # a manager's PIN is good for the change it was asked for, this long


@dataclass
class _State:
    operator: Operator | None = None
    locked: bool = False
    approvals: dict[int, tuple[Approval, float]] = field(default_factory=dict)


_state = _State()
_guard = threading.Lock()


def operator_from_row(row: OperatorRow) -> Operator:
    """The record the core hands out: never a hash."""
    return Operator(
        id=int(row.id),
        username=row.username,
        display_name=row.display_name or row.username,  # one made without: its username
        role=Role(row.role),
        active=bool(row.active),
        has_pin=row.pin_hash is not None,
        created_at=from_text(row.created_at),
        last_sign_in_at=from_text(row.last_sign_in_at),
    )


def _set(operator: Operator | None) -> None:
    with _guard:
        _state.operator = operator
        _state.locked = False
        _state.approvals.clear()
    if operator is None:
        _signed_out()


# --- signing in ------------------------------------------------------------------------------


def sign_in(username: str, password: str) -> Operator:
    """Sign in with a password (the sign-in page; also unlocks and switches)."""
    row = sign_in_tries.verified(username, password, pin=False, kind="sign_in")
    operator = operator_from_row(sign_in_tries.accepted(row, password, pin=False, kind="sign_in"))
    _set(operator)
    return operator


def sign_in_pin(username: str, pin: str) -> Operator:
    """Sign in with a PIN: quick switching and unlocking."""
    row = sign_in_tries.verified(username, pin, pin=True, kind="sign_in")
    operator = operator_from_row(sign_in_tries.accepted(row, pin, pin=True, kind="sign_in"))
    _set(operator)
    return operator


def approve(username: str, pin: str) -> Approval:
    """A manager (or admin) approves, with their PIN, one change the signed-in clerk may not
    make alone (cancelling, a discount above the shop's threshold). Pass the result as the
    service's `approval`; it is spent when that write commits. Who is signed in stays.
    The right PIN of a role that approves nothing is recorded as a refused approval."""
    _acting()  # a clerk asks: someone is signed in
    row = sign_in_tries.verified(username, pin, pin=True, kind="approval")
    role = Role(row.role)
    if not any(allowed(role, p) for p in APPROVABLE):
        with transactions.atomic():
            record_event(
                row.username,
                workstation_name(),
                "approval_failed",
                record_id=row.id,
                note=f"PIN; the role {role} approves nothing",
            )
        raise PermissionDenied(
            "{operator} ({role}) cannot approve this: ask a {roles}.",
            "approval",
            operator=row.username,
            role=role,
            roles=" / ".join(roles_holding(Permission.ORDER_CANCEL)),
        )
    operator = operator_from_row(sign_in_tries.accepted(row, pin, pin=True, kind="approval"))
    assert operator.id is not None
    approval = Approval(
        token=secrets.randbits(63),
        username=operator.username,
        role=operator.role,
        operator_id=operator.id,
    )
    with _guard:
        _state.approvals[approval.token] = (approval, time.monotonic() + APPROVAL_SECONDS)
    return approval


def sign_in_owner(name: str) -> Operator:
    """The machine owner's tools act under `name` with admin rights, without an operator row:
    the CLI as `cli:<login>` (whoever can read the database file can read the data), the
    tests, and the window until its sign-in screen exists (ui.app). Recorded as `name`."""
    operator = Operator(
        id=None,
        username=name,
        display_name=name,
        role=Role.ADMIN,
        active=True,
        has_pin=False,
        created_at=None,
        last_sign_in_at=None,
    )
    _set(operator)
    return operator


def assume(username: str) -> Operator:
    """Sign in as an existing, active operator without asking a secret: for tests and for
    automation (`ui.app.create_main_window(database, operator=...)`). The shipped window
    never calls it; the audit trail says it happened."""
    row = OperatorRow.get_or_none(OperatorRow.username_key == username_key(username))
    if row is None or not row.active:
        raise SignInError("No active operator {username}.", username=username)
    operator = operator_from_row(row)
    with transactions.atomic():
        record_event(
            operator.username, workstation_name(), "sign_in", record_id=operator.id, note="assumed"
        )
    _set(operator)
    return operator


def sign_out() -> None:
    """Sign out: the File menu, and the window closing (Ctrl+Q) while someone is signed in
    or locked out. A sign_out event names the operator; with nobody signed in, or the
    machine owner's tools, nothing is recorded and nothing raises. The operator is
    forgotten even if the event cannot be written (the server gone: that error is raised)."""
    operator = _state.operator
    try:
        if operator is not None and operator.id is not None:
            with transactions.atomic():
                record_event(
                    operator.username, workstation_name(), "sign_out", record_id=operator.id
                )
    finally:
        _set(None)


def reset() -> None:
    """Forget who is signed in, recording nothing: the database is closed or another one
    is opened (its operators are others), and between tests."""
    _set(None)


def lock() -> None:
    """Ctrl+L or the idle delay: writes are refused until someone signs in again (the same
    operator or another: a switch)."""
    operator = _state.operator
    if operator is None or _state.locked:
        return
    with transactions.atomic():
        record_event(operator.username, workstation_name(), "lock", record_id=operator.id)
    with _guard:
        _state.locked = True
        _state.approvals.clear()


def current() -> Operator | None:
    """Who is signed in, None when nobody is or the workstation is locked."""
    return None if _state.locked else _state.operator


def locked_by() -> Operator | None:
    """Who was signed in when the workstation locked (the lock screen offers them first)."""
    return _state.operator if _state.locked else None


def can(permission: Permission) -> bool:
    """Whether the signed-in operator's role holds `permission` (the screens' enable state;
    the services check again, against the database)."""
    operator = current()
    return operator is not None and allowed(operator.role, permission)


# --- the services' check ---------------------------------------------------------------------


def require(*permissions: Permission, approval: Approval | None = None) -> Actor:
    """Refuse (PermissionDenied, nothing written) unless the signed-in operator holds every
    one of `permissions`; an approvable one may instead be held by the manager who gave
    `approval`. Returns who acts, as history rows and the audit trail name them. Call it
    before writing; with an approval, inside the write's transaction (it is spent when the
    transaction commits, and stays good if it rolls back)."""
    operator = _acting()
    approver: Approval | None = None
    for permission in permissions:
        if allowed(operator.role, permission):
            continue
        if permission in APPROVABLE and approval is not None:
            approver = _valid(approval)
            if allowed(approver.role, permission):
                continue
        raise PermissionDenied(
            "Not allowed for {operator} ({role}): {what}. This needs a {roles}.",
            permission,
            approvable=permission in APPROVABLE,
            operator=operator.username,
            role=operator.role,
            what=DESCRIPTIONS[permission],
            roles=" / ".join(roles_holding(permission)),
        )
    if approver is not None:
        token = approver.token
        binding.database.after_commit(lambda: _spend(token))
    return Actor(
        username=operator.username,
        role=operator.role,
        operator_id=operator.id,
        workstation=workstation_name(),
        approved_by=approver.username if approver is not None else "",
    )


def require_if_signed_in(permission: Permission) -> None:
    """For what the start-up screens do before any shop data is open (the database
    connection when the server cannot be reached): refused only to a signed-in operator
    without the permission, or on a locked workstation."""
    if _state.operator is not None or _state.locked:
        require(permission)


def _acting() -> Operator:
    """The signed-in operator as the database has them now."""
    operator = _state.operator
    if operator is None:
        raise PermissionDenied("Nobody is signed in on this workstation: sign in first.", "")
    if _state.locked:
        raise PermissionDenied("This workstation is locked: sign in to unlock it.", "")
    if operator.id is None:
        return operator  # the machine owner's tools
    row = OperatorRow.get_or_none(OperatorRow.id == operator.id)
    if (
        row is None
        or not row.active
        or username_key(row.username) != username_key(operator.username)
    ):
        _set(None)
        raise PermissionDenied(
            "{operator} can no longer sign in here (disabled or removed): sign in again.",
            "",
            operator=operator.username,
        )
    return operator_from_row(row)


def _valid(approval: Approval) -> Approval:
    with _guard:
        kept = _state.approvals.get(approval.token)
    if kept is None or kept[0] != approval or kept[1] < time.monotonic():
        raise PermissionDenied(
            "The approval has expired or was already used: ask for it again.",
            "approval",
            approvable=True,
        )
    row = OperatorRow.get_or_none(OperatorRow.id == approval.operator_id)
    if row is None or not row.active:
        raise PermissionDenied(
            "The approval has expired or was already used: ask for it again.",
            "approval",
            approvable=True,
        )
    return Approval(approval.token, row.username, Role(row.role), int(row.id))


def _spend(token: int) -> None:
    with _guard:
        _state.approvals.pop(token, None)


# --- who is told the session ended ----------------------------------------------------------

_listeners: list[Callable[[], None]] = []


def on_signed_out(callback: Callable[[], None]) -> Callable[[], None]:
    """Call `callback()` each time nobody is signed in any more, whatever ended it: a
    sign-out, a reset, or a check that found the operator disabled or removed (the window
    must then stop showing the shop's data). It runs on the thread that ended the session,
    maybe a worker's. Returns what stops the calls."""
    _listeners.append(callback)

    def stop() -> None:
        if callback in _listeners:
            _listeners.remove(callback)

    return stop


def _signed_out() -> None:
    for callback in tuple(_listeners):
        callback()
