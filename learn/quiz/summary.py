"""What the unit page shows about its quiz for one learner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from learn.courses.models import Quiz
from learn.db import utcnow
from learn.quiz.attempts import attempt_standing
from learn.quiz.drawing import question_count
from learn.quiz.models import QuizAttempt
from learn.quiz.pool import live_pool_size


@dataclass(frozen=True)
class QuizSummary:
    """A learner's standing at a quiz and the quiz's rules, for the unit page's panel."""

    quiz_id: int
    attempts_used: int
    attempts_allowed: int  # 0 = unlimited
    best_score: float | None  # percent, over closed attempts
    best_attempt_id: int | None
    passed: bool  # any attempt passed
    open_attempt_id: int | None
    open_deadline: datetime | None
    can_start: bool  # a Start/Continue button makes sense
    time_limit_minutes: int | None
    pass_mark: int
    question_count: int

    @property
    def attempts_left(self) -> int | None:
        """Attempts the learner may still start; None when unlimited."""
        if not self.attempts_allowed:
            return None
        return max(0, self.attempts_allowed - self.attempts_used)


class QuizRules(Protocol):
    """What the summary reads of a quiz: a Quiz row or a course outline's quiz."""

    id: int
    attempts_allowed: int
    draw: int | None
    time_limit_minutes: int | None
    pass_mark: int
    retired_at: datetime | None


def unit_quiz_summary(
    session: Session, user_id: int, quiz_id: int, now: datetime | None = None
) -> QuizSummary:
    """The learner's attempts, best result and what they can do next at the quiz."""
    quiz = session.get(Quiz, quiz_id)
    if quiz is None:
        raise LookupError(f"no quiz {quiz_id}")
    return quiz_summary(session, user_id, quiz, live_pool_size(session, quiz_id), now)


def quiz_summary(
    session: Session, user_id: int, quiz: QuizRules, pool_size: int,
    now: datetime | None = None,
) -> QuizSummary:
    """The summary for a quiz whose rules and live pool size the caller already has."""
    now = now or utcnow()
    standing = attempt_standing(session, user_id, quiz.id, now)
    open_attempt = standing.open_attempt
    count = question_count(pool_size, quiz.draw)
    used = standing.used
    attempts_remain = not quiz.attempts_allowed or used < quiz.attempts_allowed
    live = quiz.retired_at is None and count > 0
    return QuizSummary(
        quiz_id=quiz.id,
        attempts_used=used,
        attempts_allowed=quiz.attempts_allowed,
        best_score=standing.best_score,
        best_attempt_id=standing.best_id,
        passed=standing.passed,
        open_attempt_id=open_attempt.id if open_attempt else None,
        open_deadline=open_attempt.deadline_at if open_attempt else None,
        can_start=open_attempt is not None or (live and attempts_remain),
        time_limit_minutes=quiz.time_limit_minutes,
        pass_mark=quiz.pass_mark,
        question_count=count,
    )


def has_passed_quiz(session: Session, user_id: int, quiz_id: int) -> bool:
    """True when any of the learner's attempts at the quiz passed."""
    return (
        session.scalar(
            select(QuizAttempt.id)
            .where(
                QuizAttempt.user_id == user_id,
                QuizAttempt.quiz_id == quiz_id,
                QuizAttempt.passed.is_(True),
            )
            .limit(1)
        )
        is not None
    )
