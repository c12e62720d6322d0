"""Course assignments: which courses a learner must take, evaluated by unit path at query time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, literal, or_, select
from sqlalchemy.orm import Session

from learn.auth.models import User
from learn.courses.models import Course
from learn.orgs.models import Assignment, OrgMembership, OrgUnit


@dataclass(frozen=True)
class AssignedCourse:
    """A course a learner must take through an assignment; callers work out "overdue"."""

    course_id: int
    due_date: date | None
    assignment_id: int


def _earlier(a: date | None, b: date | None) -> bool:
    """True when due date a comes before b (no deadline comes last)."""
    if a is None:
        return False
    return b is None or a < b


def audience_matches(audience_column, kind_column, specialist_column) -> ColumnElement[bool]:
    """SQL: the assignment's audience includes a person of this kind / specialist flag."""
    return or_(
        audience_column == "all",
        and_(audience_column == "officials", kind_column == "official"),
        and_(audience_column == "specialists", specialist_column.is_(True)),
    )


def assigned_courses(session: Session, user_id: int) -> list[AssignedCourse]:
    """Courses assigned to the user via active assignments on their unit or its ancestors.

    Retired courses are left out; when several assignments cover a course, the earliest due
    date wins (an assignment without a due date only when none has one).
    """
    member = session.execute(
        select(OrgUnit.path, OrgMembership.is_dx_specialist, User.kind)
        .join(OrgMembership, OrgMembership.org_unit_id == OrgUnit.id)
        .join(User, User.id == OrgMembership.user_id)
        .where(OrgMembership.user_id == user_id)
    ).first()
    if member is None:
        return []
    path, specialist, kind = member
    # An ancestor-or-self unit's path is a prefix of the member's path.
    rows = session.execute(
        select(Assignment.id, Assignment.course_id, Assignment.due_date)
        .join(OrgUnit, OrgUnit.id == Assignment.org_unit_id)
        .join(Course, Course.id == Assignment.course_id)
        .where(
            Assignment.is_active.is_(True),
            Course.retired_at.is_(None),
            literal(path).startswith(OrgUnit.path),
            audience_matches(Assignment.audience, literal(kind), literal(bool(specialist))),
        )
        .order_by(Assignment.id)
    ).all()
    best: dict[int, AssignedCourse] = {}
    for assignment_id, course_id, due in rows:
        current = best.get(course_id)
        if current is None or _earlier(due, current.due_date):
            best[course_id] = AssignedCourse(course_id, due, assignment_id)
    return sorted(
        best.values(), key=lambda a: (a.due_date is None, a.due_date or date.max, a.course_id)
    )
