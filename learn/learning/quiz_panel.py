"""The quiz panel of a unit page: the quiz engine's when it is installed, ours until then."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learn.courses.models import Quiz
from learn.quiz.models import QuizAttempt

try:
    from learn.quiz.services import unit_quiz_summary
except ImportError as error:  # the quiz engine is not there yet
    if error.name != "learn.quiz.services":
        raise
    unit_quiz_summary = None

ENGINE_TEMPLATE = "quiz/_panel.html"


@dataclass(frozen=True)
class BasicQuizSummary:
    """What our own panel shows: the quiz's rules and the learner's attempts so far."""

    quiz: Quiz
    attempts_made: int
    best_score: float | None
    passed: bool


@dataclass(frozen=True)
class QuizPanel:
    """Which template renders the panel and with what."""

    template: str | None  # None: the learning page renders its own minimal panel
    summary: Any


def _basic_summary(session: Session, user_id: int, quiz: Quiz) -> BasicQuizSummary:
    mine = (QuizAttempt.user_id == user_id, QuizAttempt.quiz_id == quiz.id)
    made, best = session.execute(
        select(func.count(QuizAttempt.id), func.max(QuizAttempt.score)).where(*mine)
    ).one()
    passed = session.scalar(
        select(func.count(QuizAttempt.id)).where(*mine, QuizAttempt.passed.is_(True))
    )
    return BasicQuizSummary(quiz, made, best, bool(passed))


def engine_available(template_exists: bool) -> bool:
    """True when the quiz engine provides both its summary and its panel template."""
    return unit_quiz_summary is not None and template_exists


def quiz_panel(
    session: Session, user_id: int, quiz: Quiz, *, template_exists: bool
) -> QuizPanel:
    """The panel for a unit's quiz: the engine's when it is complete, else our own."""
    if engine_available(template_exists):
        return QuizPanel(ENGINE_TEMPLATE, unit_quiz_summary(session, user_id, quiz.id))
    return QuizPanel(None, _basic_summary(session, user_id, quiz))
