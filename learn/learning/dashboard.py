"""The "My learning" dashboard: assigned, in-progress and completed courses, certificates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, defer, lazyload

from learn.certificates.models import Certificate
from learn.certificates.services import certificates_of
from learn.courses.models import Course
from learn.learning.assignments import assigned_courses
from learn.learning.models import CourseCompletion, CourseProgress, UnitCompletion
from learn.learning.progress import COMPLETED, COMPLETED_NEW_CONTENT, CourseState, course_states


@dataclass(frozen=True)
class AssignedRow:
    """An assigned course with its deadline and the learner's state in it."""

    state: CourseState
    due_date: date | None
    overdue: bool


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard shows."""

    assigned: list[AssignedRow]
    in_progress: list[CourseState]
    completed: list[CourseState]
    certificates: list[Certificate]


def _touched_course_ids(session: Session, user_id: int) -> set[int]:
    ids: set[int] = set()
    for model in (CourseProgress, CourseCompletion, UnitCompletion):
        ids.update(session.scalars(select(model.course_id).where(model.user_id == user_id)))
    return ids


def build_dashboard(session: Session, user_id: int, today: date) -> Dashboard:
    """The learner's dashboard as of `today` (their local date)."""
    assignments = assigned_courses(session, user_id)
    ids = _touched_course_ids(session, user_id) | {a.course_id for a in assignments}
    courses = (
        list(session.scalars(
            select(Course).where(Course.id.in_(ids))
            .options(lazyload(Course.units), defer(Course.overview_html))
        ))
        if ids else []
    )
    states = course_states(session, user_id, courses)
    assigned = [
        AssignedRow(
            state=states[a.course_id],
            due_date=a.due_date,
            overdue=(
                a.due_date is not None
                and a.due_date < today
                and states[a.course_id].status not in (COMPLETED, COMPLETED_NEW_CONTENT)
            ),
        )
        for a in assignments
        if a.course_id in states and states[a.course_id].course.retired_at is None
    ]
    assigned_ids = {row.state.course.id for row in assigned}
    by_activity = sorted(
        states.values(),
        key=lambda s: (s.progress.last_activity_at.timestamp() if s.progress else 0.0),
        reverse=True,
    )
    in_progress = [
        s
        for s in by_activity
        if s.completion is None
        and s.course.id not in assigned_ids
        and s.course.retired_at is None
        and not s.course.draft
    ]
    completed = sorted(
        (s for s in states.values() if s.completion is not None),
        key=lambda s: s.completion.completed_at,
        reverse=True,
    )
    return Dashboard(assigned, in_progress, completed, certificates_of(session, user_id))
