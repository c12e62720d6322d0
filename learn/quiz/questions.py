"""An attempt's questions with the versions they were drawn in (one statement for all)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from learn.courses.models import QuestionVersion
from learn.quiz.models import AttemptQuestion, QuizAttempt


@dataclass(frozen=True)
class DrawnQuestion:
    """One question of an attempt: the row (order, answer, grade) and its version."""

    row: AttemptQuestion
    version: QuestionVersion

    @property
    def position(self) -> int:
        """The question's place in the attempt, from 1."""
        return self.row.position

    @property
    def type(self) -> str:
        """The question type."""
        return self.version.type

    @property
    def data(self) -> dict:
        """The version's stored content (with the answer key: never send it as is)."""
        return self.version.data


_DRAWN = (
    select(AttemptQuestion, QuestionVersion)
    .join(QuestionVersion, QuestionVersion.id == AttemptQuestion.question_version_id)
    .where(AttemptQuestion.attempt_id == bindparam("attempt_id"))
    .order_by(AttemptQuestion.position)
)


def drawn_questions(session: Session, attempt: QuizAttempt) -> list[DrawnQuestion]:
    """The attempt's questions in their stored order, with their versions (one statement)."""
    rows = session.execute(_DRAWN, {"attempt_id": attempt.id}).all()
    return [DrawnQuestion(row, version) for row, version in rows]
