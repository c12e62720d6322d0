"""Creating, listing and deactivating assignments, and counting who is done or overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from learn.auth.models import User
from learn.courses.models import Course
from learn.learning.models import CourseCompletion
from learn.orgs.assignments import audience_matches
from learn.orgs.errors import OrgError
from learn.orgs.models import ASSIGNMENT_AUDIENCES, Assignment, OrgMembership, OrgUnit
from learn.orgs.scope import Scope


@dataclass(frozen=True)
class AssignmentRow:
    """An assignment with its course and unit, for lists."""

    assignment: Assignment
    course: Course
    unit: OrgUnit


@dataclass(frozen=True)
class AssignmentCounts:
    """People an assignment covers (inside the viewer's scope), done and overdue."""

    covered: int = 0
    completed: int = 0
    overdue: int = 0


def assignable_courses(session: Session) -> list[Course]:
    """Published courses (not drafts, not retired), in catalogue order."""
    return list(
        session.scalars(
            select(Course)
            .where(Course.draft.is_(False), Course.retired_at.is_(None))
            .order_by(Course.order, Course.title)
        )
    )


def create_assignment(
    session: Session,
    scope: Scope,
    *,
    course: Course | None,
    unit: OrgUnit | None,
    audience: str,
    due_date: date | None,
    created_by_id: int | None,
) -> Assignment:
    """Assign a published course to a unit's subtree (the unit must be in the scope)."""
    if course is None or course.draft or course.retired_at is not None:
        raise OrgError("unknown_course")
    if unit is None or not scope.covers_path(unit.path):
        raise OrgError("outside_scope")
    if not unit.is_active:
        raise OrgError("unit_inactive", unit.code)
    if audience not in ASSIGNMENT_AUDIENCES:
        raise OrgError("invalid_audience", audience)
    row = Assignment(
        course_id=course.id, org_unit_id=unit.id, audience=audience, due_date=due_date,
        created_by_id=created_by_id, is_active=True,
    )
    session.add(row)
    session.flush()
    return row


def set_assignment_active(session: Session, scope: Scope, assignment: Assignment,
                          active: bool) -> None:
    """Deactivate (or reactivate) an assignment on a unit of the scope."""
    unit = session.get(OrgUnit, assignment.org_unit_id)
    if unit is None or not scope.covers_path(unit.path):
        raise OrgError("outside_scope")
    assignment.is_active = active
    session.flush()


def find_assignment(session: Session, scope: Scope, assignment_id: int) -> Assignment | None:
    """The assignment with this id if it sits on a unit of the scope."""
    return session.scalar(
        select(Assignment)
        .join(OrgUnit, OrgUnit.id == Assignment.org_unit_id)
        .where(Assignment.id == assignment_id, scope.unit_filter(OrgUnit.path))
    )


def _rows(session: Session, condition) -> list[AssignmentRow]:
    return [
        AssignmentRow(*row)
        for row in session.execute(
            select(Assignment, Course, OrgUnit)
            .join(Course, Course.id == Assignment.course_id)
            .join(OrgUnit, OrgUnit.id == Assignment.org_unit_id)
            .where(condition)
            .order_by(Assignment.is_active.desc(), Assignment.due_date, Assignment.id)
        )
    ]


def assignments_in_scope(session: Session, scope: Scope) -> list[AssignmentRow]:
    """Assignments on units of the scope (the ones the viewer may change)."""
    return _rows(session, scope.unit_filter(OrgUnit.path))


def assignments_from_above(session: Session, scope: Scope) -> list[AssignmentRow]:
    """Active assignments on ancestors of a manager's units, which also cover their people."""
    if scope.everything or not scope.paths:
        return []
    above = or_(*(
        and_(func.length(OrgUnit.path) < len(path),
             OrgUnit.path == func.substr(path, 1, func.length(OrgUnit.path)))
        for path in scope.paths
    ))
    return _rows(session, and_(above, Assignment.is_active.is_(True)))


def assignment_counts(
    session: Session, scope: Scope, assignment_ids: list[int], today: date
) -> dict[int, AssignmentCounts]:
    """Per assignment: active people covered inside the scope, completed, overdue."""
    if not assignment_ids:
        return {}
    assigned_unit = aliased(OrgUnit, name="assigned_unit")
    member_unit = aliased(OrgUnit, name="member_unit")
    done = CourseCompletion.id.is_not(None)
    overdue = and_(Assignment.due_date.is_not(None), Assignment.due_date < today, ~done)
    rows = session.execute(
        select(
            Assignment.id,
            func.count(OrgMembership.user_id),
            func.count(CourseCompletion.id),
            func.coalesce(func.sum(case((overdue, 1), else_=0)), 0),
        )
        .join(assigned_unit, assigned_unit.id == Assignment.org_unit_id)
        .join(member_unit, member_unit.path.startswith(assigned_unit.path))
        .join(OrgMembership, OrgMembership.org_unit_id == member_unit.id)
        .join(User, User.id == OrgMembership.user_id)
        .outerjoin(
            CourseCompletion,
            and_(CourseCompletion.user_id == OrgMembership.user_id,
                 CourseCompletion.course_id == Assignment.course_id),
        )
        .where(
            Assignment.id.in_(assignment_ids),
            User.is_active.is_(True),
            scope.unit_filter(member_unit.path),
            audience_matches(Assignment.audience, User.kind, OrgMembership.is_dx_specialist),
        )
        .group_by(Assignment.id)
    ).all()
    return {row[0]: AssignmentCounts(row[1], row[2], int(row[3])) for row in rows}
