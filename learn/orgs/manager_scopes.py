"""Which units' subtrees a manager oversees (set by administrators)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from learn.auth.models import User
from learn.orgs.models import ManagerScope, OrgUnit


def scope_units(session: Session, user_id: int) -> list[OrgUnit]:
    """The units whose subtrees the user manages, by name."""
    return list(
        session.scalars(
            select(OrgUnit)
            .join(ManagerScope, ManagerScope.org_unit_id == OrgUnit.id)
            .where(ManagerScope.user_id == user_id)
            .order_by(OrgUnit.name)
        )
    )


def add_scope(session: Session, user: User, unit: OrgUnit) -> bool:
    """Give a user a unit's subtree to manage; False when they already had it."""
    exists = session.scalar(
        select(ManagerScope.id).where(
            ManagerScope.user_id == user.id, ManagerScope.org_unit_id == unit.id
        )
    )
    if exists is not None:
        return False
    session.add(ManagerScope(user_id=user.id, org_unit_id=unit.id))
    session.flush()
    return True


def remove_scope(session: Session, user: User, unit_id: int) -> bool:
    """Take a unit's subtree away from a manager; False when it was not theirs."""
    result = session.execute(
        delete(ManagerScope).where(
            ManagerScope.user_id == user.id, ManagerScope.org_unit_id == unit_id
        )
    )
    session.flush()
    return bool(result.rowcount)
