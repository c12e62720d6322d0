"""Deadlines of timed attempts and the grace given to answers sent at the last second."""

from __future__ import annotations

from datetime import datetime, timedelta

from learn.quiz.models import QuizAttempt

# Answers sent up to this long after the deadline still count (slow networks, the timer).
GRACE = timedelta(seconds=30)


def deadline_for(started_at: datetime, time_limit_minutes: int | None) -> datetime | None:
    """When an attempt started at `started_at` must be submitted, if the quiz is timed."""
    if not time_limit_minutes or time_limit_minutes <= 0:
        return None
    return started_at + timedelta(minutes=time_limit_minutes)


def is_too_late(attempt: QuizAttempt, now: datetime) -> bool:
    """True once the deadline and its grace have passed: answers are no longer accepted."""
    return attempt.deadline_at is not None and now > attempt.deadline_at + GRACE
