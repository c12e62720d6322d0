"""The programme indicators of the province's digital-transformation plan.

(1) Share of officials (active, kind "official", in scope) who completed every required
    digital-skills course.
(2) Units (departments, districts, communes; active; in scope) with at least one designated
    IT/DX specialist who completed the specialist course. A specialist counts for the
    nearest such unit above or at their own unit (an office of a district counts for the
    district; a commune's staff for the commune, not for its district).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import case, func, literal_column, select
from sqlalchemy.orm import Session

from learn.auth.models import User
from learn.courses.models import Course
from learn.learning.models import CourseCompletion
from learn.orgs.models import OrgMembership, OrgUnit
from learn.orgs.scope import Scope
from learn.reports.tables import ratio

COUNTED_KINDS = ("department", "district", "commune")


@dataclass
class OfficialsLine:
    """Officials and how many completed the required courses, for one top-level unit."""

    unit_id: int | None  # None: officials who belong to no unit
    name: str
    officials: int = 0
    completed: int = 0

    @property
    def rate(self) -> float | None:
        """completed / officials, whole percent."""
        return ratio(self.completed, self.officials)


@dataclass(frozen=True)
class UnitSpecialists:
    """A counted unit and its designated specialists."""

    unit_id: int
    code: str
    name: str
    kind: str
    designated: int
    trained: int


@dataclass
class Indicators:
    """Both indicators, their inputs and what could not be found."""

    required_slugs: tuple[str, ...]
    missing_required: list[str]
    specialist_slug: str
    specialist_missing: bool
    officials: OfficialsLine
    by_unit: list[OfficialsLine]
    units: list[UnitSpecialists] = field(default_factory=list)

    @property
    def units_with_trained(self) -> int:
        """Counted units with at least one specialist who completed the course."""
        return sum(1 for u in self.units if u.trained)

    @property
    def units_rate(self) -> float | None:
        """Share of counted units with a trained specialist."""
        return ratio(self.units_with_trained, len(self.units))

    @property
    def units_without(self) -> list[UnitSpecialists]:
        """Counted units with no specialist who completed the course."""
        return [u for u in self.units if not u.trained]


def _course_ids(session: Session, slugs: tuple[str, ...]) -> dict[str, int]:
    if not slugs:
        return {}
    return dict(session.execute(
        select(Course.slug, Course.id).where(Course.slug.in_(slugs), Course.retired_at.is_(None))
    ).all())


def _breakdown_units(session: Session, scope: Scope) -> tuple[list[OrgUnit], OrgUnit | None]:
    """The units officials are counted by: the scope's top units, or with a single top unit
    (the province), its children and the top unit itself (for people placed directly in it)."""
    if scope.everything:
        stmt = select(OrgUnit).where(OrgUnit.parent_id.is_(None))
    else:
        stmt = select(OrgUnit).where(OrgUnit.path.in_(scope.paths or ("",)))
    tops = list(session.scalars(stmt.order_by(OrgUnit.name, OrgUnit.id)))
    if len(tops) != 1:
        return tops, None
    children = session.scalars(
        select(OrgUnit).where(OrgUnit.parent_id == tops[0].id).order_by(OrgUnit.name, OrgUnit.id)
    )
    return [*children, tops[0]], tops[0]


def _officials(session: Session, scope: Scope, course_ids: list[int], tops: list[OrgUnit],
               labels: dict[int, str], no_unit_label: str) -> tuple[OfficialsLine, list]:
    done_users = (
        select(CourseCompletion.user_id)
        .where(CourseCompletion.course_id.in_(course_ids or [-1]))
        .group_by(CourseCompletion.user_id)
        .having(func.count(CourseCompletion.course_id.distinct()) == len(course_ids))
    )
    done = case((User.id.in_(done_users), 1), else_=0) if course_ids else literal_column("0")
    stmt = (
        select(OrgUnit.path, func.count(), func.sum(done))
        .select_from(User)
        .where(User.is_active.is_(True), User.kind == "official")
    )
    if scope.everything:
        stmt = (stmt.outerjoin(OrgMembership, OrgMembership.user_id == User.id)
                .outerjoin(OrgUnit, OrgUnit.id == OrgMembership.org_unit_id))
    else:
        stmt = (stmt.join(OrgMembership, OrgMembership.user_id == User.id)
                .join(OrgUnit, OrgUnit.id == OrgMembership.org_unit_id)
                .where(scope.unit_filter(OrgUnit.path)))
    lines = {top.path: OfficialsLine(top.id, labels.get(top.id, top.name)) for top in tops}
    # Longest path first, so a child is preferred to its parent.
    by_length = sorted(lines.items(), key=lambda item: -len(item[0]))
    nowhere = OfficialsLine(None, no_unit_label)
    total = OfficialsLine(None, "")
    for path, officials, completed in session.execute(stmt.group_by(OrgUnit.path)):
        completed = int(completed or 0)
        total.officials += officials
        total.completed += completed
        line = next((v for k, v in by_length if path and path.startswith(k)), nowhere)
        line.officials += officials
        line.completed += completed
    by_unit = [line for line in lines.values() if line.officials]
    by_unit += [nowhere] if nowhere.officials else []
    return total, by_unit


def _specialist_units(session: Session, scope: Scope, course_id: int | None):
    units = list(session.scalars(
        select(OrgUnit)
        .where(OrgUnit.kind.in_(COUNTED_KINDS), OrgUnit.is_active.is_(True),
               scope.unit_filter(OrgUnit.path))
        .order_by(OrgUnit.path)
    ))
    trained_flag = (
        case((OrgMembership.user_id.in_(
            select(CourseCompletion.user_id).where(CourseCompletion.course_id == course_id)
        ), 1), else_=0)
        if course_id is not None else literal_column("0")
    )
    specialists = session.execute(
        select(OrgUnit.path, trained_flag)
        .select_from(OrgMembership)
        .join(User, User.id == OrgMembership.user_id)
        .join(OrgUnit, OrgUnit.id == OrgMembership.org_unit_id)
        .where(OrgMembership.is_dx_specialist.is_(True), User.is_active.is_(True),
               scope.unit_filter(OrgUnit.path))
    ).all()
    counted = {u.id: u for u in units}
    designated: dict[int, int] = dict.fromkeys(counted, 0)
    trained: dict[int, int] = dict.fromkeys(counted, 0)
    for path, flag in specialists:
        ids = [int(part) for part in path.strip("/").split("/") if part]
        owner = next((i for i in reversed(ids) if i in counted), None)
        if owner is not None:
            designated[owner] += 1
            trained[owner] += int(flag)
    return [
        UnitSpecialists(u.id, u.code, u.name, u.kind, designated[u.id], trained[u.id])
        for u in units
    ]


def build_indicators(
    session: Session,
    scope: Scope,
    required_slugs: tuple[str, ...],
    specialist_slug: str,
    no_unit_label: str,
    direct_label: Callable[[str], str] = str,
) -> Indicators:
    """Both programme indicators within the viewer's scope (a fixed number of statements)."""
    ids = _course_ids(session, (*required_slugs, specialist_slug))
    required_ids = [ids[s] for s in required_slugs if s in ids]
    missing = [s for s in required_slugs if s not in ids]
    tops, parent = _breakdown_units(session, scope)
    labels = {parent.id: direct_label(parent.name)} if parent is not None else {}
    total, by_unit = _officials(session, scope, required_ids, tops, labels, no_unit_label)
    specialist_id = ids.get(specialist_slug)
    return Indicators(
        required_slugs=required_slugs,
        missing_required=missing,
        specialist_slug=specialist_slug,
        specialist_missing=specialist_id is None,
        officials=total,
        by_unit=by_unit,
        units=_specialist_units(session, scope, specialist_id),
    )
