"""A quiz's pool as learners get it: live questions in their current versions."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learn.courses.models import Question, QuestionVersion, QuizQuestion


def _pool_query(quiz_id: int):
    return (
        select(QuestionVersion)
        .join(Question, Question.current_version_id == QuestionVersion.id)
        .join(QuizQuestion, QuizQuestion.question_id == Question.id)
        .where(QuizQuestion.quiz_id == quiz_id, Question.retired_at.is_(None))
    )


def live_pool(session: Session, quiz_id: int) -> list[QuestionVersion]:
    """The current versions of the quiz's non-retired questions, in pool order."""
    return list(session.scalars(_pool_query(quiz_id).order_by(QuizQuestion.position)))


def live_pool_size(session: Session, quiz_id: int) -> int:
    """How many live questions the quiz's pool holds."""
    return session.scalar(select(func.count()).select_from(_pool_query(quiz_id).subquery())) or 0
