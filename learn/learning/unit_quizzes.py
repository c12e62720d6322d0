"""The live (non-retired) quiz of units: a unit with one is completed by passing it."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from learn.courses.models import Quiz, Unit


def active_quizzes(session: Session, unit_ids: Iterable[int]) -> dict[int, Quiz]:
    """unit id -> its live quiz, for the units that have one."""
    ids = list(unit_ids)
    if not ids:
        return {}
    rows = session.scalars(
        select(Quiz).where(Quiz.unit_id.in_(ids), Quiz.retired_at.is_(None)).order_by(Quiz.id)
    )
    return {quiz.unit_id: quiz for quiz in rows}


def active_quiz(session: Session, unit: Unit) -> Quiz | None:
    """The live quiz of one unit, or None."""
    return active_quizzes(session, [unit.id]).get(unit.id)
