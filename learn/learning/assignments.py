"""Courses assigned to a learner by their organisation, as the learner pages need them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from learn.courses.models import Course
from learn.learning.audience import Viewer, may_study
from learn.orgs.services import AssignedCourse, assigned_courses

__all__ = ["AssignedCourse", "assigned_course_ids", "assigned_courses", "may_study_course"]


def assigned_course_ids(session: Session, user_id: int | None) -> set[int]:
    """The ids of the courses assigned to a learner."""
    if user_id is None:
        return set()
    return {a.course_id for a in assigned_courses(session, user_id)}


def may_study_course(session: Session, viewer: Viewer, course: Course) -> bool:
    """may_study, reading the learner's assignments only when audience and role do not decide."""
    return may_study(viewer, course) or may_study(
        viewer, course, assigned_course_ids(session, viewer.user_id)
    )
