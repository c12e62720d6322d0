"""A quiz's pool as learners get it: live questions in their current versions."""

from __future__ import annotations

from collections.abc import Iterable

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


def live_pool_sizes(session: Session, quiz_ids: Iterable[int]) -> dict[int, int]:
    """quiz id -> how many live questions its pool holds (quizzes with none are left out)."""
    ids = list(quiz_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(QuizQuestion.quiz_id, func.count())
        .join(Question, Question.id == QuizQuestion.question_id)
        .where(QuizQuestion.quiz_id.in_(ids), Question.retired_at.is_(None),
               Question.current_version_id.is_not(None))
        .group_by(QuizQuestion.quiz_id)
    )
    return dict(rows.all())


def live_pool(session: Session, quiz_id: int) -> list[QuestionVersion]:
    """The current versions of the quiz's non-retired questions, in pool order."""
    return list(session.scalars(_pool_query(quiz_id).order_by(QuizQuestion.position)))


def live_pool_size(session: Session, quiz_id: int) -> int:
    """How many live questions the quiz's pool holds."""
    return live_pool_sizes(session, [quiz_id]).get(quiz_id, 0)
