"""People in the organisation: their unit, position and DX-specialist flag, and who may
manage whom. Accounts themselves are created and changed through learn.auth.services."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from learn.auth import services as accounts
from learn.auth.models import KINDS, User
from learn.orgs.errors import OrgError
from learn.orgs.models import OrgMembership, OrgUnit
from learn.orgs.scope import Scope
from learn.orgs.search_index import sync_user

MAX_POSITION = 200
# Accounts only an administrator may change: a manager must not act on their peers or on
# administrators (e.g. deactivate them or move them out of reach).
PROTECTED_ROLES = ("admin", "manager")


@dataclass(frozen=True)
class PersonDetails:
    """The organisation-side fields of a person."""

    full_name: str
    kind: str
    unit: OrgUnit | None
    position: str | None
    is_dx_specialist: bool


def clean_position(position: str | None) -> str | None:
    """A position in NFC with single spaces (None when empty), or OrgError."""
    text = " ".join(unicodedata.normalize("NFC", position or "").split())
    if len(text) > MAX_POSITION:
        raise OrgError("position_too_long", str(MAX_POSITION))
    return text or None


def clean_person_name(name: str) -> str:
    """A person's name normalised as auth does, or OrgError("invalid_user_name")."""
    name = accounts.normalise_name(name or "")
    if not name or len(name) > 200:
        raise OrgError("invalid_user_name")
    return name


def check_details(details: PersonDetails) -> None:
    """Refuse impossible combinations (a specialist must be an official with a unit)."""
    if details.kind not in KINDS:
        raise OrgError("unknown_kind", details.kind)
    if details.is_dx_specialist and details.kind != "official":
        raise OrgError("specialist_needs_official")
    if details.is_dx_specialist and details.unit is None:
        raise OrgError("specialist_needs_unit")
    if details.unit is not None and not details.unit.is_active:
        raise OrgError("unit_inactive", details.unit.code)


def membership_of(session: Session, user_id: int) -> OrgMembership | None:
    """The user's membership row, if they belong to a unit."""
    return session.scalar(select(OrgMembership).where(OrgMembership.user_id == user_id))


def unit_of(session: Session, user_id: int) -> OrgUnit | None:
    """The unit a user belongs to, if any."""
    return session.scalar(
        select(OrgUnit)
        .join(OrgMembership, OrgMembership.org_unit_id == OrgUnit.id)
        .where(OrgMembership.user_id == user_id)
    )


def may_manage_in(scope: Scope, user: User, unit: OrgUnit | None) -> bool:
    """Whether someone with this scope may change this user, who belongs to `unit`."""
    if scope.everything:
        return True
    if user.has_role(*PROTECTED_ROLES):
        return False
    return unit is not None and scope.covers_path(unit.path)


def may_manage(session: Session, scope: Scope, user: User) -> bool:
    """Whether someone with this scope may see and change this user."""
    if scope.everything:
        return True
    return may_manage_in(scope, user, unit_of(session, user.id))


def may_see(session: Session, scope: Scope, user: User) -> bool:
    """Whether someone with this scope may see this user (managers: anyone in their subtree)."""
    if scope.everything:
        return True
    unit = unit_of(session, user.id)
    return unit is not None and scope.covers_path(unit.path)


def check_unit_in_scope(scope: Scope, unit: OrgUnit | None) -> None:
    """Managers may only place people in units of their scope (never outside the tree)."""
    if scope.everything:
        return
    if unit is None or not scope.covers_path(unit.path):
        raise OrgError("outside_scope")


def set_membership(
    session: Session,
    user: User,
    unit: OrgUnit | None,
    *,
    position: str | None,
    is_dx_specialist: bool,
) -> None:
    """Put the user in a unit (or none) with a position and the specialist flag."""
    row = membership_of(session, user.id)
    if unit is None:
        if row is not None:
            session.execute(delete(OrgMembership).where(OrgMembership.id == row.id))
        session.flush()
        return
    if row is None:
        row = OrgMembership(user_id=user.id, org_unit_id=unit.id)
        session.add(row)
    row.org_unit_id = unit.id
    row.position = position
    row.is_dx_specialist = is_dx_specialist
    session.flush()


def create_person(
    session: Session, scope: Scope, email: str, details: PersonDetails
) -> tuple[User, str]:
    """Create an account waiting for activation, in a unit; returns it and its raw token."""
    check_unit_in_scope(scope, details.unit)
    check_details(details)
    try:
        user = accounts.create_user(
            session, email, details.full_name, kind=details.kind, roles=("learner",)
        )
    except accounts.AccountError as error:
        raise OrgError(error.code, error.detail) from error
    set_membership(
        session, user, details.unit, position=details.position,
        is_dx_specialist=details.is_dx_specialist,
    )
    sync_user(session, user)
    return user, accounts.issue_activation(session, user)


def update_person(session: Session, scope: Scope, user: User, details: PersonDetails) -> None:
    """Change a person's name, kind, unit, position and flag (within the editor's scope)."""
    if not may_manage(session, scope, user):
        raise OrgError("outside_scope")
    check_unit_in_scope(scope, details.unit)
    check_details(details)
    user.full_name = clean_person_name(details.full_name)
    user.kind = details.kind
    set_membership(
        session, user, details.unit, position=details.position,
        is_dx_specialist=details.is_dx_specialist,
    )
    sync_user(session, user)


def set_person_active(session: Session, scope: Scope, actor: User, user: User,
                      active: bool) -> None:
    """(De)activate an account in scope; deactivation ends its sessions at once."""
    if not may_manage(session, scope, user):
        raise OrgError("outside_scope")
    if user.id == actor.id and not active:
        raise OrgError("cannot_deactivate_self")
    accounts.set_active(session, user, active)


def set_person_roles(session: Session, actor: User, user: User, roles: set[str]) -> set[str]:
    """Administrators only: replace the roles; returns the previous ones (for the audit log)."""
    if not actor.has_role("admin"):
        raise OrgError("roles_admin_only")
    before = set(user.roles)
    if user.id == actor.id and "admin" not in roles:
        raise OrgError("cannot_drop_own_admin")
    try:
        accounts.set_roles(session, user, roles)
    except accounts.AccountError as error:
        raise OrgError(error.code, error.detail) from error
    return before
