"""The people a scoped report may count: active users, inside the scope when there is one."""

from __future__ import annotations

from sqlalchemy import Select, select

from learn.auth.models import User
from learn.orgs.models import OrgMembership, OrgUnit
from learn.orgs.scope import Scope


def population(scope: Scope, kind: str | None = None) -> Select:
    """SELECT user ids: every active user (whole tree, members or not) or the scope's members."""
    if scope.everything:
        stmt = select(User.id).where(User.is_active.is_(True))
    else:
        stmt = (
            select(OrgMembership.user_id)
            .join(User, User.id == OrgMembership.user_id)
            .join(OrgUnit, OrgUnit.id == OrgMembership.org_unit_id)
            .where(User.is_active.is_(True), scope.unit_filter(OrgUnit.path))
        )
    if kind is not None:
        stmt = stmt.where(User.kind == kind)
    return stmt
