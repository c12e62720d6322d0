"""Who may start a quiz: whoever may study its course (learning's rule), while it is live."""

from __future__ import annotations

from sqlalchemy.orm import Session, defer, joinedload, lazyload

from learn.courses.models import Course, Quiz, Unit
from learn.learning.assignments import may_study_course
from learn.learning.audience import Viewer

# Quiz pages show neither the course overview nor its search text.
_WITH_COURSE = (
    joinedload(Quiz.unit).joinedload(Unit.course).options(
        lazyload(Course.units), defer(Course.overview_html), defer(Course.search_text)
    ),
)


def quiz_with_course(session: Session, quiz_id: int) -> Quiz | None:
    """The quiz with its unit and that unit's course, read in one statement."""
    return session.get(Quiz, quiz_id, options=_WITH_COURSE)


def quiz_is_live(quiz: Quiz) -> bool:
    """True while the quiz, its unit and its course are published and not retired."""
    unit = quiz.unit
    return (
        quiz.retired_at is None
        and unit is not None
        and unit.retired_at is None
        and unit.course.retired_at is None
    )


def may_take(session: Session, user, quiz: Quiz) -> bool:
    """Whether this signed-in user may start the quiz (same rule as opening its unit)."""
    course = quiz.unit.course
    return may_study_course(session, Viewer.of(user), course)
