"""A published course's current units and live quizzes as immutable data, kept per process.

Every learner page needs the same structure of a course (its units in order, which of them
has a quiz and that quiz's rules). It changes only when the course is published again, and
publishing writes the course row (its ``content_hash``, a hash of the whole course folder, its
version and time) in the same transaction. So the structure is read once per process and
course version, and every request looks it up with the course row it has just read: a
worker never serves a stale outline, and no worker needs to be told that another published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from learn.core.bounded_cache import BoundedCache
from learn.courses.models import Course, Quiz, Unit
from learn.quiz.pool import live_pool_sizes

_MAX_OUTLINES = 512  # courses kept per process; an outline is a few kilobytes


@dataclass(frozen=True)
class OutlineUnit:
    """A current (non-retired) unit, without its content."""

    id: int
    course_id: int
    slug: str
    position: int
    title: str
    duration_minutes: int
    objectives: tuple[str, ...]
    competences: tuple[str, ...]
    required: bool
    toc: tuple
    version: int
    retired_at: None = None  # current units are never retired; kept for code reading Units


@dataclass(frozen=True)
class OutlineQuiz:
    """A unit's live quiz: its rules and how many live questions its pool holds."""

    id: int
    unit_id: int
    key: str
    pass_mark: int
    shuffle: bool
    draw: int | None
    attempts_allowed: int
    time_limit_minutes: int | None
    review: str
    version: int
    pool_size: int
    retired_at: None = None


@dataclass(frozen=True)
class CourseOutline:
    """The current units of a course in order and the live quiz of each unit that has one."""

    key: tuple
    units: tuple[OutlineUnit, ...]
    quizzes: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def unit(self, slug: str) -> OutlineUnit | None:
        """The current unit with this slug, or None."""
        return next((u for u in self.units if u.slug == slug), None)

    def quiz_of(self, unit_id: int) -> OutlineQuiz | None:
        """The live quiz of a unit, or None."""
        return self.quizzes.get(unit_id)


_cache: BoundedCache[CourseOutline] = BoundedCache(_MAX_OUTLINES)


def _unit(row: Unit) -> OutlineUnit:
    return OutlineUnit(
        id=row.id, course_id=row.course_id, slug=row.slug, position=row.position,
        title=row.title, duration_minutes=row.duration_minutes,
        objectives=tuple(row.objectives or ()), competences=tuple(row.competences or ()),
        required=row.required, toc=tuple(row.toc or ()), version=row.version,
    )


def _quiz(row: Quiz, pool_size: int) -> OutlineQuiz:
    return OutlineQuiz(
        id=row.id, unit_id=row.unit_id, key=row.key, pass_mark=row.pass_mark,
        shuffle=row.shuffle, draw=row.draw, attempts_allowed=row.attempts_allowed,
        time_limit_minutes=row.time_limit_minutes, review=row.review, version=row.version,
        pool_size=pool_size,
    )


def version_key(course: Course) -> tuple:
    """What identifies one published version of a course (its outline and content)."""
    # The id and content hash alone could meet again after a database restore or in a
    # rebuilt test database; the version and the time of the write make the key unique.
    return (course.id, course.content_hash, course.version, course.updated_at)


def _load(session: Session, course_id: int, key: tuple) -> CourseOutline:
    units = [
        _unit(row)
        for row in session.scalars(
            select(Unit)
            .where(Unit.course_id == course_id, Unit.retired_at.is_(None))
            .order_by(Unit.position, Unit.id)
        )
    ]
    unit_ids = {u.id for u in units}
    quiz_rows = [
        row
        for row in session.scalars(
            select(Quiz).where(Quiz.course_id == course_id, Quiz.retired_at.is_(None))
            .order_by(Quiz.id)
        )
        if row.unit_id in unit_ids
    ]
    sizes = live_pool_sizes(session, [q.id for q in quiz_rows])
    quizzes = {row.unit_id: _quiz(row, sizes.get(row.id, 0)) for row in quiz_rows}
    return CourseOutline(key, tuple(units), MappingProxyType(quizzes))


def course_outline(session: Session, course: Course) -> CourseOutline:
    """The course's current units and live quizzes, read once per published version."""
    key = version_key(course)
    outline = _cache.get(key)
    if outline is None:
        outline = _load(session, course.id, key)
        _cache.put(key, outline)
    return outline


def course_outlines(session: Session, courses) -> dict[int, CourseOutline]:
    """course id -> outline, for several courses."""
    return {course.id: course_outline(session, course) for course in courses}
