"""Courses assigned to a learner by their organisation (provided by the orgs feature)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

try:
    from learn.orgs.services import assigned_courses as _assigned_courses
except ImportError as error:  # the orgs feature has not provided it yet
    if error.name != "learn.orgs.services":
        raise
    _assigned_courses = None


@dataclass(frozen=True)
class AssignedCourse:
    """A course a learner must take, with its due date (None: no deadline)."""

    course_id: int
    due_date: date | None


def _field(item, name: str):
    return item[name] if isinstance(item, dict) else getattr(item, name, None)


def assigned_courses(session: Session, user_id: int) -> list[AssignedCourse]:
    """The learner's assigned courses, earliest due date first ([] until orgs provides them)."""
    if _assigned_courses is None:
        return []
    items = [
        AssignedCourse(int(_field(item, "course_id")), _field(item, "due_date"))
        for item in _assigned_courses(session, user_id)
    ]
    return sorted(items, key=lambda a: (a.due_date is None, a.due_date or date.max, a.course_id))


def assigned_course_ids(session: Session, user_id: int | None) -> set[int]:
    """The ids of the courses assigned to a learner."""
    if user_id is None:
        return set()
    return {a.course_id for a in assigned_courses(session, user_id)}
