"""Starting an attempt, saving its answers, submitting it, and finding a learner's own."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, exists, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from learn.courses.models import Quiz
from learn.quiz.closing import Answers, claim_open, close_attempt, expire_if_overdue, store_answers
from learn.quiz.drawing import draw_pool, option_order
from learn.quiz.errors import (
    ATTEMPT_NOT_FOUND,
    ATTEMPTS_EXHAUSTED,
    NO_QUESTIONS,
    QUIZ_UNAVAILABLE,
    START_CONFLICT,
    QuizError,
)
from learn.quiz.models import AttemptQuestion, QuizAttempt
from learn.quiz.pool import live_pool
from learn.quiz.timing import deadline_for, is_too_late


def own_attempt(session: Session, attempt_id: int, user_id: int) -> QuizAttempt:
    """The learner's own attempt; QuizError(attempt_not_found) for anyone else's."""
    attempt = session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.user_id != user_id:
        raise QuizError(ATTEMPT_NOT_FOUND)
    return attempt


def latest_open_attempt(
    session: Session, user_id: int, quiz_id: int, now: datetime
) -> QuizAttempt | None:
    """The learner's open attempt at the quiz, closed and graded first if its time is up."""
    attempt = session.scalars(
        select(QuizAttempt)
        .where(
            QuizAttempt.user_id == user_id,
            QuizAttempt.quiz_id == quiz_id,
            QuizAttempt.status == "open",
        )
        .order_by(QuizAttempt.number.desc())
        .limit(1)
    ).first()
    if attempt is not None:
        expire_if_overdue(session, attempt, now)
    return attempt


_A = QuizAttempt
_MINE = (_A.user_id == bindparam("user_id"), _A.quiz_id == bindparam("quiz_id"))
_CLOSED = and_(_A.status != "open", _A.score.is_not(None))


def _best(column):
    # The best closed attempt: highest score, the earliest of equals.
    return (select(column).where(*_MINE, _CLOSED)
            .order_by(_A.score.desc(), _A.number).limit(1).scalar_subquery())


# One statement of small index lookups, whatever the number of attempts: a learner may
# retake a quiz without limit, and loading every attempt would grow with each.
_FIGURES = select(
    select(func.count()).where(*_MINE).scalar_subquery(),
    select(func.max(_A.number)).where(*_MINE).scalar_subquery(),
    _best(_A.id),
    _best(_A.score),
    exists().where(*_MINE, _CLOSED, _A.passed.is_(True)),
    select(_A.id).where(*_MINE, _A.status == "open")
    .order_by(_A.number.desc()).limit(1).scalar_subquery(),
)


@dataclass(frozen=True)
class Standing:
    """A learner's attempts at a quiz in figures, and the latest one that was open."""

    used: int
    highest: int  # the highest attempt number used (0: none)
    best_id: int | None  # the best closed attempt (highest score, earliest of equals)
    best_score: float | None
    passed: bool  # some closed attempt passed
    latest_open: QuizAttempt | None  # closed and graded by now if its time was up

    @property
    def open_attempt(self) -> QuizAttempt | None:
        """The attempt the learner may continue, if any."""
        if self.latest_open is not None and self.latest_open.status == "open":
            return self.latest_open
        return None


def _figures(session: Session, user_id: int, quiz_id: int):
    return session.execute(_FIGURES, {"user_id": user_id, "quiz_id": quiz_id}).one()


def attempt_standing(session: Session, user_id: int, quiz_id: int, now: datetime) -> Standing:
    """How many attempts, the best, whether passed, and the latest that was open.

    That one is closed and graded first if its time is up (and the figures include it).
    """
    used, highest, best_id, best_score, passed, open_id = _figures(session, user_id, quiz_id)
    latest_open = None
    if open_id is not None:
        # Its status as stored now, not as an earlier read in this request left it.
        latest_open = session.get(QuizAttempt, open_id, populate_existing=True)
        if latest_open is not None and expire_if_overdue(session, latest_open, now):
            used, highest, best_id, best_score, passed, _ = _figures(session, user_id, quiz_id)
    return Standing(used, highest or 0, best_id, best_score, bool(passed), latest_open)


def start_attempt(
    session: Session,
    user_id: int,
    quiz_id: int,
    now: datetime,
    *,
    rng: random.Random | None = None,
) -> QuizAttempt:
    """The learner's open attempt at the quiz, or a new one drawn from the live pool.

    If their open attempt has run out of time it is closed, graded and returned instead, so
    that they see its result before starting again. Raises QuizError when the quiz is
    retired or empty, or the attempts allowed are used up (attempts_allowed 0 = unlimited;
    retakes after passing are allowed and the best attempt counts).
    """
    quiz = session.get(Quiz, quiz_id)
    if quiz is None or quiz.retired_at is not None:
        raise QuizError(QUIZ_UNAVAILABLE)
    standing = attempt_standing(session, user_id, quiz_id, now)
    if standing.latest_open is not None:
        return standing.latest_open
    used, highest = standing.used, standing.highest
    if quiz.attempts_allowed and used >= quiz.attempts_allowed:
        raise QuizError(ATTEMPTS_EXHAUSTED)
    pool = live_pool(session, quiz_id)
    if not pool:
        raise QuizError(NO_QUESTIONS)
    rng = rng or random.SystemRandom()
    drawn = draw_pool(pool, quiz.draw, quiz.shuffle, rng)
    attempt_id = _insert_attempt(
        session,
        user_id=user_id,
        quiz_id=quiz_id,
        number=highest + 1,
        quiz_version=quiz.version,
        pass_mark=quiz.pass_mark,
        status="open",
        started_at=now,
        deadline_at=deadline_for(now, quiz.time_limit_minutes),
    )
    if attempt_id is None:
        # A concurrent request (a double click on Start) created this attempt number first.
        current = latest_open_attempt(session, user_id, quiz_id, now)
        if current is None:
            raise QuizError(START_CONFLICT)
        return current
    session.execute(
        insert(AttemptQuestion),
        [
            {"attempt_id": attempt_id, "position": position, "question_version_id": version.id,
             "option_order": option_order(version.type, version.data, quiz.shuffle, rng)}
            for position, version in enumerate(drawn, start=1)
        ],
    )
    return session.get(QuizAttempt, attempt_id)


def _insert_attempt(session: Session, **values: Any) -> int | None:
    """Insert an attempt row; None when its (user, quiz, number) already exists."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(QuizAttempt).values(**values).on_conflict_do_nothing()
        .returning(QuizAttempt.id)
    )
    return session.execute(statement).scalar_one_or_none()


def save_answers(session: Session, attempt: QuizAttempt, answers: Answers, now: datetime) -> bool:
    """Keep answers for later; False (nothing saved) once the attempt is closed or too late.

    Answers arriving after the deadline and its grace close the attempt, graded with what
    was saved before.
    """
    if attempt.status != "open":
        return False
    if is_too_late(attempt, now):
        close_attempt(session, attempt, now)
        return False
    # Taking the attempt's row first orders this save before or after a concurrent submit.
    if not claim_open(session, attempt.id, status="open"):
        session.refresh(attempt)
        return False
    store_answers(session, attempt, answers)
    return True


@dataclass(frozen=True)
class Submission:
    """What submitting did: the (closed) attempt, whether this call graded it, and if late."""

    attempt: QuizAttempt
    graded_now: bool
    late: bool


def submit_attempt(
    session: Session, attempt_id: int, user_id: int, answers: Answers | None, now: datetime
) -> Submission:
    """Submit the learner's attempt: graded exactly once, however often it is submitted.

    A second submission (double click, resent form, back button, concurrent request) grades
    nothing and returns the attempt with the result of the first. Answers sent after the
    deadline and its grace are refused: the attempt expires with what was saved before.
    """
    attempt = own_attempt(session, attempt_id, user_id)
    if attempt.status != "open":
        return Submission(attempt, graded_now=False, late=False)
    late = is_too_late(attempt, now)
    graded = close_attempt(session, attempt, now, answers)
    return Submission(attempt, graded_now=graded, late=late and graded)
