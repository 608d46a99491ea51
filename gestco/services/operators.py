"""Operators: the first administrator of a new shop, then adding operators, their passwords,
PINs, roles, and disabling them (an admin's work, or the CLI's). Operators live in the
database: every workstation of a shop on a server shares them.

    needs_first_admin() -> bool                 a database without any operator
    create_first_admin(username, password, display_name="") -> Operator
    list_operators(include_inactive=True) -> list[Operator]   (the sign-in page may list them)
    get_operator(username) -> Operator
    create_operator(username, role=, password=, display_name="", pin=None) -> Operator
    set_password(username, password) -> Operator
    change_own_password(current_password, new_password) -> Operator
    set_pin(username, pin | None) -> Operator   an admin, or the operator for themselves
    set_role(username, role) -> Operator
    set_active(username, active) -> Operator
    set_display_name(username, display_name) -> Operator
    update_operator(username, display_name=, role=, active=) -> Operator   all three at once
    wrong_attempts(username) -> int             wrong passwords or PINs in a row
    unlock(username) -> Operator                clear them (and so the sign-in delay)

Every write checks the acting operator (gestco.services.session), records the change in the
audit trail in its transaction (a password or PIN only as "changed", never its value), and
keeps at least one active admin. Hashing (~0.1 s) runs before the transaction opens.

An operator's wrong attempts (session's delays) are cleared by an admin's `unlock`, and by a
new password or PIN, or enabling them again (the locked-out manager gets the new secret and
can use it at once): anyone at the counter can type five wrong PINs for a manager's name.
An operator given no display name is shown by their username: that is their display name.
"""

from __future__ import annotations

from gestco.domain import passwords
from gestco.domain.change_areas import reports_changes
from gestco.domain.errors import NotFoundError, SignInError, ValidationError
from gestco.domain.permissions import Permission, Role
from gestco.domain.staff import (
    Actor,
    Operator,
    check_display_name,
    check_password,
    check_pin,
    check_role,
    check_username,
    username_key,
)
from gestco.domain.timestamps import now, to_text
from gestco.services import session, sign_in_tries
from gestco.services.audit_trail import record_changes, record_event, record_secret_change
from gestco.storage import builder, transactions, write_rules
from gestco.storage.change_notices import bump
from gestco.storage.staff_models import OperatorRow, SignInFailureRow
from gestco.workstation.folders import workstation_name

# The fields of an operator the audit trail follows (a replay of them gives the row).
AUDITED = ("username", "display_name", "role", "active")


def _audited(row: OperatorRow) -> dict[str, object]:
    return {name: getattr(row, name) for name in AUDITED}


def needs_first_admin() -> bool:
    """A database without any operator (a new shop, or one upgraded to this version): the
    window shows the screen that creates the administrator, and nothing else."""
    return not OperatorRow.select().exists()


def list_operators(*, include_inactive: bool = True) -> list[Operator]:
    """Every operator by username (never a hash)."""
    query = OperatorRow.select().order_by(OperatorRow.username_key)
    if not include_inactive:
        query = query.where(OperatorRow.active == 1)
    return [session.operator_from_row(row) for row in query]


def get_operator(username: str) -> Operator:
    return session.operator_from_row(_row(username))


def _row(username: object) -> OperatorRow:
    key = username_key(username) if isinstance(username, str) else ""
    row = OperatorRow.get_or_none(OperatorRow.username_key == key) if key else None
    if row is None:
        raise NotFoundError("No operator {username}.", username=str(username)[:40])
    return row


def _insert(
    actor: Actor | None,
    username: str,
    role: Role,
    password_hash: str,
    display_name: str,
    pin_hash: str | None,
) -> Operator:
    """The new row, its audit lines and its change mark (inside the caller's transaction).
    `actor` None: the first admin creates themselves."""
    if OperatorRow.get_or_none(OperatorRow.username_key == username_key(username)):
        raise ValidationError("username", "The username {username} is taken.", username=username)
    stamp = to_text(now())
    new_id = OperatorRow.insert(
        username=username,
        username_key=username_key(username),
        display_name=display_name or username,
        role=str(role),
        password_hash=password_hash,
        pin_hash=pin_hash,
        active=1,
        created_at=stamp,
        updated_at=stamp,
    ).execute()
    row = OperatorRow.get_by_id(new_id)
    actor = actor or Actor(row.username, role, int(row.id), workstation_name())
    _audit(actor, None, row)
    record_secret_change(
        actor, record_id=int(row.id), label=row.username, field="password", note="set"
    )
    if pin_hash is not None:
        record_secret_change(
            actor, record_id=int(row.id), label=row.username, field="pin", note="set"
        )
    return session.operator_from_row(row)


@write_rules.retried
@reports_changes
def create_first_admin(username: str, password: str, *, display_name: str = "") -> Operator:
    """The shop's first administrator, only while the database has no operator at all (two
    workstations at once: one wins, the other is told). Nobody is signed in by it: the
    window signs the new admin in with the same password."""
    name = check_username(username)
    shown = check_display_name(display_name)
    hashed = passwords.hash_secret(check_password(password))
    with transactions.atomic():
        if not needs_first_admin():
            raise ValidationError(
                "username", "This shop already has its administrator: sign in instead."
            )
        return _insert(None, name, Role.ADMIN, hashed, shown, None)


@write_rules.retried
@reports_changes
def create_operator(
    username: str,
    *,
    role: Role | str,
    password: str,
    display_name: str = "",
    pin: str | None = None,
    demo: bool = False,
) -> Operator:
    """Add an operator (admins only). `demo`: the demo's passwords are their usernames,
    shorter than a real password may be (demo only)."""
    actor = session.require(Permission.OPERATORS_MANAGE)
    name = check_username(username)
    chosen = check_role(role)
    shown = check_display_name(display_name)
    hashed = passwords.hash_secret(check_password(password, demo=demo))
    pin_hash = None if pin is None else passwords.hash_secret(check_pin(pin))
    with transactions.atomic():
        return _insert(actor, name, chosen, hashed, shown, pin_hash)


def _locked_row(username: str) -> OperatorRow:
    row = _row(username)
    builder.lock(OperatorRow, [int(row.id)])
    return OperatorRow.get_by_id(row.id)


def _update(actor: Actor, row: OperatorRow, **columns: object) -> Operator:
    before = _audited(row)
    OperatorRow.update(**columns, updated_at=to_text(now()), version=OperatorRow.version + 1).where(
        OperatorRow.id == row.id
    ).execute()
    after_row = OperatorRow.get_by_id(row.id)
    _audit(actor, before, after_row)
    return session.operator_from_row(after_row)


def _audit(actor: Actor, before: dict[str, object] | None, after: OperatorRow) -> None:
    """The change mark and the audit rows of an operator's change."""
    bump("operators")
    record_changes(
        actor,
        kind="operator",
        entity="operators",
        record_id=after.id,
        label=after.username,
        before=before,
        after=_audited(after),
    )


def _replace_password(actor: Actor, username: str, hashed: str) -> Operator:
    row = _locked_row(username)
    operator = _update(actor, row, password_hash=hashed)
    record_secret_change(
        actor, record_id=int(row.id), label=row.username, field="password", note="changed"
    )
    _clear_failures(actor, row, why="new password")
    return operator


def _clear_failures(actor: Actor, row: OperatorRow, *, why: str, always: bool = False) -> None:
    """Forget the operator's wrong attempts (their delay with them), in the caller's
    transaction; recorded when there were some (`always`: in any case)."""
    failures = sign_in_tries.wrong_attempts(row.username_key)
    if failures:
        SignInFailureRow.delete().where(SignInFailureRow.username_key == row.username_key).execute()
    if failures or always:
        record_event(
            actor.username,
            actor.workstation,
            "failures_cleared",
            record_id=row.id,
            label=row.username,
            note=f"{failures} wrong attempts; {why}",
        )


def _keep_an_admin(row: OperatorRow, *, role: Role, active: bool) -> None:
    """Refuse the change that would leave the shop without an active admin."""
    if row.role != Role.ADMIN or not row.active or (role == Role.ADMIN and active):
        return
    others = (
        OperatorRow.select()
        .where(
            (OperatorRow.role == str(Role.ADMIN))
            & (OperatorRow.active == 1)
            & (OperatorRow.id != row.id)
        )
        .exists()
    )
    if not others:
        raise ValidationError(
            "role",
            "{username} is the last active admin: make another admin first.",
            username=row.username,
        )


@write_rules.retried
@reports_changes
def set_password(username: str, password: str) -> Operator:
    """An admin sets an operator's new password (forgotten, or a first one)."""
    actor = session.require(Permission.OPERATORS_MANAGE)
    hashed = passwords.hash_secret(check_password(password))
    with transactions.atomic():
        return _replace_password(actor, username, hashed)


@write_rules.retried
@reports_changes
def change_own_password(current_password: str, new_password: str) -> Operator:
    """The signed-in operator changes their own password, giving the current one first."""
    actor = session.require()
    if actor.operator_id is None:
        raise ValidationError("password", "The command line has no password of its own.")
    row = OperatorRow.get_by_id(actor.operator_id)
    if not (
        isinstance(current_password, str) and passwords.verify(row.password_hash, current_password)
    ):
        raise SignInError("Wrong password: it was not changed.")
    hashed = passwords.hash_secret(check_password(new_password))
    with transactions.atomic():
        return _replace_password(actor, row.username, hashed)


@write_rules.retried
@reports_changes
def set_pin(username: str, pin: str | None) -> Operator:
    """Set (or, with None, remove) an operator's PIN: an admin for anyone, an operator for
    themselves."""
    actor = session.require()
    if username_key(str(username)) != username_key(actor.username):
        actor = session.require(Permission.OPERATORS_MANAGE)
    hashed = None if pin is None else passwords.hash_secret(check_pin(pin))
    with transactions.atomic():
        row = _locked_row(username)
        operator = _update(actor, row, pin_hash=hashed)
        record_secret_change(
            actor,
            record_id=int(row.id),
            label=row.username,
            field="pin",
            note="removed" if hashed is None else "set",
        )
        _clear_failures(actor, row, why="PIN removed" if hashed is None else "new PIN")
    return operator


@write_rules.retried
@reports_changes
def set_role(username: str, role: Role | str) -> Operator:
    actor = session.require(Permission.OPERATORS_MANAGE)
    chosen = check_role(role)
    with transactions.atomic():
        row = _locked_row(username)
        _keep_an_admin(row, role=chosen, active=bool(row.active))
        return _update(actor, row, role=str(chosen))


@write_rules.retried
@reports_changes
def set_active(username: str, active: bool) -> Operator:
    """Disable an operator (they can no longer sign in; their history keeps their name), or
    enable them again."""
    actor = session.require(Permission.OPERATORS_MANAGE)
    with transactions.atomic():
        row = _locked_row(username)
        _keep_an_admin(row, role=Role(row.role), active=bool(active))
        operator = _update(actor, row, active=1 if active else 0)
        if active:
            _clear_failures(actor, row, why="enabled")
        return operator


@write_rules.retried
@reports_changes
def set_display_name(username: str, display_name: str) -> Operator:
    """A new display name; '' gives the username back."""
    actor = session.require(Permission.OPERATORS_MANAGE)
    shown = check_display_name(display_name)
    with transactions.atomic():
        row = _locked_row(username)
        return _update(actor, row, display_name=shown or row.username)


@write_rules.retried
@reports_changes
def update_operator(
    username: str, *, display_name: str, role: Role | str, active: bool
) -> Operator:
    """The operators screen's Save: name shown, role and active flag in one transaction
    (each field that changed is one audit row; '' as the name gives the username back)."""
    actor = session.require(Permission.OPERATORS_MANAGE)
    shown = check_display_name(display_name)
    chosen = check_role(role)
    with transactions.atomic():
        row = _locked_row(username)
        _keep_an_admin(row, role=chosen, active=bool(active))
        operator = _update(
            actor,
            row,
            display_name=shown or row.username,
            role=str(chosen),
            active=1 if active else 0,
        )
        if active and not row.active:
            _clear_failures(actor, row, why="enabled")
        return operator


def wrong_attempts(username: str) -> int:
    """The operator's wrong passwords or PINs in a row (five and more: each try waits)."""
    return sign_in_tries.wrong_attempts(_row(username).username_key)


@write_rules.retried
@reports_changes
def unlock(username: str) -> Operator:
    """An admin clears an operator's wrong attempts, and so their sign-in delay (someone
    typed wrong PINs for a manager's name at the counter). Recorded, even with none."""
    actor = session.require(Permission.OPERATORS_MANAGE)
    with transactions.atomic():
        row = _locked_row(username)
        _clear_failures(actor, row, why="unlocked", always=True)
    return session.operator_from_row(row)
