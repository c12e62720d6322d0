"""A learner's state in courses: unit statuses, progress over current units, resume point."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, bindparam, cast, literal_column, null, select, union_all
from sqlalchemy.orm import Session

from learn.courses.models import Course
from learn.learning.models import CourseCompletion, CourseProgress, UnitCompletion
from learn.learning.outline import OutlineQuiz, OutlineUnit, course_outlines
from learn.quiz.models import QuizAttempt

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
COMPLETED = "completed"
COMPLETED_NEW_CONTENT = "completed_new_content"


@dataclass(frozen=True)
class Completed:
    """A completion of a unit or a course, as the learner's pages show it."""

    completed_at: datetime


@dataclass(frozen=True)
class UnitState:
    """A current unit of a course as one learner sees it."""

    unit: OutlineUnit
    quiz: OutlineQuiz | None
    status: str
    completion: Completed | None = None


@dataclass(frozen=True)
class CourseState:
    """A learner's state in one course, computed over the course's current units."""

    course: Course
    units: list[UnitState]
    progress: CourseProgress | None
    completion: Completed | None
    counted_total: int
    counted_done: int

    @property
    def counts_required(self) -> bool:
        """True when progress counts required units (False: the course has none)."""
        return any(s.unit.required for s in self.units)

    @property
    def ratio(self) -> float:
        """Share of counted units done (required units; all units if none is required)."""
        return self.counted_done / self.counted_total if self.counted_total else 0.0

    @property
    def all_required_done(self) -> bool:
        """True when every current required unit is done."""
        return all(s.status == DONE for s in self.units if s.unit.required)

    @property
    def status(self) -> str:
        """not_started, in_progress, completed or completed_new_content."""
        if self.completion is not None:
            return COMPLETED if self.all_required_done else COMPLETED_NEW_CONTENT
        if self.progress is None and not any(s.status != NOT_STARTED for s in self.units):
            return NOT_STARTED
        return IN_PROGRESS

    @property
    def resume_unit(self) -> OutlineUnit | None:
        """The last unit opened if it is still current, else the first unit not done."""
        if self.progress is not None and self.progress.last_unit_id is not None:
            for state in self.units:
                if state.unit.id == self.progress.last_unit_id:
                    return state.unit
        for state in self.units:
            if state.status != DONE:
                return state.unit
        return self.units[0].unit if self.units else None

    def unit_state(self, unit_id: int) -> UnitState | None:
        """The state of one current unit."""
        return next((s for s in self.units if s.unit.id == unit_id), None)


def _unit_status(
    unit: OutlineUnit,
    quiz: OutlineQuiz | None,
    done: bool,
    attempted: set[int],
    last_unit_id: int | None,
) -> str:
    if done:
        return DONE
    if unit.id == last_unit_id or (quiz is not None and quiz.id in attempted):
        return IN_PROGRESS
    return NOT_STARTED


_UNIT_DONE, _COURSE_DONE, _QUIZ_ATTEMPTED = 0, 1, 2


def _kind(value: int):
    return literal_column(str(value), Integer)


# Built once: every learner page runs it, and building a statement costs more than running
# it on SQLite.
_USER = bindparam("user_id")
_LEARNER_RECORDS = union_all(
    select(_kind(_UNIT_DONE).label("kind"), UnitCompletion.unit_id.label("ref"),
           UnitCompletion.completed_at.label("completed_at"))
    .where(UnitCompletion.user_id == _USER,
           UnitCompletion.course_id.in_(bindparam("course_ids", expanding=True))),
    select(_kind(_COURSE_DONE), CourseCompletion.course_id, CourseCompletion.completed_at)
    .where(CourseCompletion.user_id == _USER,
           CourseCompletion.course_id.in_(bindparam("course_ids", expanding=True))),
    select(_kind(_QUIZ_ATTEMPTED), QuizAttempt.quiz_id,
           cast(null(), UnitCompletion.completed_at.type))
    .where(QuizAttempt.user_id == _USER,
           QuizAttempt.quiz_id.in_(bindparam("quiz_ids", expanding=True)))
    .distinct(),
)


def _learner_records(
    session: Session, user_id: int, course_ids: list[int], quiz_ids: list[int]
) -> Sequence[tuple[int, int, datetime | None]]:
    """(kind, id, completed at) of the learner's unit and course completions in the courses
    and of the quizzes they have attempted, in one statement."""
    return session.execute(
        _LEARNER_RECORDS, {"user_id": user_id, "course_ids": course_ids, "quiz_ids": quiz_ids}
    ).all()


def course_states(
    session: Session,
    user_id: int | None,
    courses: Sequence[Course],
    *,
    progress_rows: Sequence[CourseProgress] = (),
) -> dict[int, CourseState]:
    """course id -> the learner's state, for several courses in a few queries.

    `progress_rows` are the learner's progress rows the caller has already read (the unit
    page has just recorded the visit); they are not read again.
    """
    outlines = course_outlines(session, courses)
    units = {course_id: outline.units for course_id, outline in outlines.items()}
    quizzes = {u: q for outline in outlines.values() for u, q in outline.quizzes.items()}
    course_ids = [c.id for c in courses]
    completions: dict[int, Completed] = {}
    progress: dict[int, CourseProgress] = {}
    finished: dict[int, Completed] = {}
    attempted: set[int] = set()
    if user_id is not None and course_ids:
        progress = {p.course_id: p for p in progress_rows if p.user_id == user_id}
        unread = [c for c in course_ids if c not in progress]
        if unread:
            progress.update(
                (p.course_id, p)
                for p in session.scalars(
                    select(CourseProgress).where(
                        CourseProgress.user_id == user_id, CourseProgress.course_id.in_(unread)
                    )
                )
            )
        quiz_ids = [q.id for q in quizzes.values()]
        for kind, ref, completed_at in _learner_records(session, user_id, course_ids, quiz_ids):
            if kind == _UNIT_DONE:
                completions[ref] = Completed(completed_at)
            elif kind == _COURSE_DONE:
                finished[ref] = Completed(completed_at)
            else:
                attempted.add(ref)
    states: dict[int, CourseState] = {}
    for course in courses:
        last = progress.get(course.id)
        last_unit_id = last.last_unit_id if last is not None else None
        unit_states = [
            UnitState(
                unit,
                quizzes.get(unit.id),
                _unit_status(
                    unit, quizzes.get(unit.id), unit.id in completions, attempted, last_unit_id
                ),
                completions.get(unit.id),
            )
            for unit in units[course.id]
        ]
        counted = [s for s in unit_states if s.unit.required] or unit_states
        states[course.id] = CourseState(
            course=course,
            units=unit_states,
            progress=last,
            completion=finished.get(course.id),
            counted_total=len(counted),
            counted_done=sum(1 for s in counted if s.status == DONE),
        )
    return states


def course_state(
    session: Session,
    user_id: int | None,
    course: Course,
    *,
    progress: CourseProgress | None = None,
) -> CourseState:
    """The learner's state in one course (anonymous: everything not started)."""
    rows = (progress,) if progress is not None else ()
    return course_states(session, user_id, [course], progress_rows=rows)[course.id]
