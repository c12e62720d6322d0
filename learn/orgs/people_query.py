"""Listing people for the administration pages: scope, search, filters, pagination in SQL."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from learn.auth.models import User, UserRole
from learn.orgs.models import OrgMembership, OrgUnit, UserSearch
from learn.orgs.scope import Scope
from learn.orgs.search_index import refresh_stale, search_condition
from learn.orgs.tree import in_subtree

PER_PAGE = 50


@dataclass(frozen=True)
class PeopleFilter:
    """What the list is narrowed to."""

    query: str = ""
    unit: OrgUnit | None = None  # the unit and its subtree
    role: str = ""
    kind: str = ""
    active: bool | None = None


@dataclass(frozen=True)
class PersonRow:
    """One line of the list."""

    user: User
    unit: OrgUnit | None
    membership: OrgMembership | None


@dataclass(frozen=True)
class PeoplePage:
    """One page of results with the total count."""

    rows: list[PersonRow]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages there are (at least one)."""
        return max(1, -(-self.total // self.per_page))


def _filtered(stmt, scope: Scope, f: PeopleFilter):
    if not scope.everything:
        stmt = stmt.where(scope.unit_filter(OrgUnit.path))
    if f.unit is not None:
        stmt = stmt.where(in_subtree(OrgUnit.path, f.unit.path))
    if f.role:
        stmt = stmt.where(
            exists().where(UserRole.user_id == User.id, UserRole.role == f.role)
        )
    if f.kind:
        stmt = stmt.where(User.kind == f.kind)
    if f.active is not None:
        stmt = stmt.where(User.is_active.is_(f.active))
    conditions = search_condition(f.query)
    if conditions:
        stmt = stmt.join(UserSearch, UserSearch.user_id == User.id).where(*conditions)
    return stmt


def list_people(
    session: Session, scope: Scope, f: PeopleFilter, page: int = 1, per_page: int = PER_PAGE
) -> PeoplePage:
    """The people the scope covers that match the filter, one page at a time.

    A search lists by name; without one, the newest accounts come first.
    """
    if search_condition(f.query):
        refresh_stale(session)
    base = select(User.id)
    if not scope.everything or f.unit is not None:
        # Each user has at most one membership: the joins only matter to filter by unit.
        base = base.join(OrgMembership, OrgMembership.user_id == User.id).join(
            OrgUnit, OrgUnit.id == OrgMembership.org_unit_id)
    base = _filtered(base, scope, f)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    page = max(1, page)
    rows = session.execute(
        _filtered(
            select(User, OrgUnit, OrgMembership)
            .outerjoin(OrgMembership, OrgMembership.user_id == User.id)
            .outerjoin(OrgUnit, OrgUnit.id == OrgMembership.org_unit_id),
            scope,
            f,
        )
        # Results of a search by name; otherwise the newest accounts first (the primary key
        # index makes this fast on a large province, sorting every name would not be).
        .order_by(*((User.full_name, User.id) if f.query.strip() else (User.id.desc(),)))
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return PeoplePage([PersonRow(*row) for row in rows], total, page, per_page)
