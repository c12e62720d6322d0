"""Recording completions the moment they happen: units, then courses, then certificates.

Every record is unique (learner + unit, learner + course) and written idempotently: a
second or concurrent call returns the row that exists. Publishing never removes them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer, lazyload

from learn.certificates.services import issue_certificate
from learn.courses.models import Course, Unit
from learn.db import Base, utcnow
from learn.learning.models import CourseCompletion, CourseProgress, UnitCompletion
from learn.learning.unit_quizzes import active_quiz

METHODS = ("marked", "quiz")
ACTIVITY_GRANULARITY = timedelta(seconds=60)
Row = TypeVar("Row", bound=Base)


def _insert_once(session: Session, find: Callable[[], Row | None], make: Callable[[], Row]) -> Row:
    """The existing row, or a new one; a concurrent insert of the same row wins cleanly."""
    existing = find()
    if existing is not None:
        return existing
    row = make()
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        existing = find()
        if existing is None:
            raise
        return existing
    return row


def _find_unit_completion(session: Session, user_id: int, unit_id: int):
    return lambda: session.scalar(
        select(UnitCompletion).where(
            UnitCompletion.user_id == user_id, UnitCompletion.unit_id == unit_id
        )
    )


def _find_course_completion(session: Session, user_id: int, course_id: int):
    return lambda: session.scalar(
        select(CourseCompletion).where(
            CourseCompletion.user_id == user_id, CourseCompletion.course_id == course_id
        )
    )


_PROGRESS = select(CourseProgress).where(
    CourseProgress.user_id == bindparam("user_id"),
    CourseProgress.course_id == bindparam("course_id"),
)


def ensure_progress(session: Session, user_id: int, course_id: int) -> CourseProgress:
    """The learner's CourseProgress row for a course, created on first need."""
    return _insert_once(
        session,
        lambda: session.scalar(_PROGRESS, {"user_id": user_id, "course_id": course_id}),
        lambda: CourseProgress(user_id=user_id, course_id=course_id, started_at=utcnow(),
                               last_activity_at=utcnow()),
    )


def _lock_progress(session: Session, user_id: int, course_id: int) -> CourseProgress:
    # One learner's completions in one course are checked one at a time: the row lock makes
    # the "are all required units done?" check see every other committed completion.
    ensure_progress(session, user_id, course_id)
    return session.scalars(
        select(CourseProgress)
        .where(CourseProgress.user_id == user_id, CourseProgress.course_id == course_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def missing_required_units(session: Session, user_id: int, course_id: int) -> int:
    """How many current required units of the course the learner has not completed."""
    done = select(UnitCompletion.unit_id).where(UnitCompletion.user_id == user_id)
    return session.scalar(
        select(func.count(Unit.id)).where(
            Unit.course_id == course_id,
            Unit.required.is_(True),
            Unit.retired_at.is_(None),
            Unit.id.not_in(done),
        )
    ) or 0


def complete_course_if_done(
    session: Session, user_id: int, course: Course
) -> CourseCompletion | None:
    """Record the course completion (and certificate) when every required unit is done."""
    if course.draft or course.retired_at is not None:
        return None  # trainers trying out drafts earn nothing
    if missing_required_units(session, user_id, course.id):
        return None
    completion = _insert_once(
        session,
        _find_course_completion(session, user_id, course.id),
        lambda: CourseCompletion(
            user_id=user_id, course_id=course.id, completed_at=utcnow(),
            course_version=course.version,
        ),
    )
    if course.certificate:
        issue_certificate(session, user_id, course)
    return completion


def record_unit_completion(
    session: Session, user_id: int, unit: Unit, *, method: str, attempt_id: int | None = None
) -> UnitCompletion:
    """Record that the learner completed the unit (once), then the course if it is done."""
    if method not in METHODS:
        raise ValueError(f"unknown completion method {method!r}")
    completion = _insert_once(
        session,
        _find_unit_completion(session, user_id, unit.id),
        lambda: UnitCompletion(
            user_id=user_id, unit_id=unit.id, course_id=unit.course_id, completed_at=utcnow(),
            method=method, unit_version=unit.version, attempt_id=attempt_id,
        ),
    )
    progress = _lock_progress(session, user_id, unit.course_id)
    progress.last_activity_at = utcnow()
    complete_course_if_done(session, user_id, unit.course)
    session.flush()
    return completion


def mark_unit_done(session: Session, user_id: int, unit: Unit) -> UnitCompletion:
    """The learner marks a unit without a quiz as done (ValueError for a unit with a quiz)."""
    if unit.retired_at is not None:
        raise ValueError("a retired unit cannot be completed")
    if active_quiz(session, unit) is not None:
        raise ValueError("a unit with a quiz is completed by passing the quiz")
    return record_unit_completion(session, user_id, unit, method="marked")


_COURSE_AND_PROGRESS = (
    select(Course, CourseProgress)
    .outerjoin(CourseProgress, and_(CourseProgress.course_id == Course.id,
                                    CourseProgress.user_id == bindparam("user_id")))
    .where(Course.slug == bindparam("slug"))
    # Units come from the course outline (cached per published version), not the relation;
    # a unit page shows neither the course overview nor its search text.
    .options(lazyload(Course.units), defer(Course.overview_html), defer(Course.search_text))
)


def course_with_progress(
    session: Session, slug: str, user_id: int
) -> tuple[Course | None, CourseProgress | None]:
    """A course by slug and the learner's progress in it (None: not started), one statement."""
    found = session.execute(_COURSE_AND_PROGRESS, {"slug": slug, "user_id": user_id}).first()
    return (found[0], found[1]) if found is not None else (None, None)


def record_unit_opened(
    session: Session, user_id: int, unit: Unit, progress: CourseProgress | None = None
) -> CourseProgress:
    """Remember that the learner opened a unit: start of the course, resume point, activity.

    `progress` is the learner's row in the unit's course when the caller has just read it.
    """
    if progress is None:
        progress = ensure_progress(session, user_id, unit.course_id)
    now = utcnow()
    # Re-reading the same unit within a minute changes nothing worth a write (and a row lock
    # held while the page renders); activity is recorded at minute granularity, like sessions.
    recent = now - progress.last_activity_at < ACTIVITY_GRANULARITY
    if progress.last_unit_id == unit.id and recent:
        return progress
    progress.last_unit_id = unit.id
    progress.last_activity_at = now
    session.flush()
    return progress


def course_completion(session: Session, user_id: int, course_id: int) -> CourseCompletion | None:
    """The learner's completion record of a course, if any."""
    return _find_course_completion(session, user_id, course_id)()
