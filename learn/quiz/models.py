"""Quiz attempts: the questions drawn, their order, the answers saved and the grade."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from learn.db import Base, UTCDateTime, utcnow

ATTEMPT_STATUSES = ("open", "submitted", "expired")


class QuizAttempt(Base):
    """One attempt of a learner at a quiz, created on the server when they start."""

    __tablename__ = "quiz_attempts"
    __table_args__ = (UniqueConstraint("user_id", "quiz_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    quiz_version: Mapped[int] = mapped_column(Integer)
    pass_mark: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="open")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[float | None] = mapped_column(Float)  # 0..100
    passed: Mapped[bool | None] = mapped_column(Boolean)

    questions: Mapped[list[AttemptQuestion]] = relationship(
        back_populates="attempt", order_by="AttemptQuestion.position",
        cascade="all, delete-orphan",
    )


class AttemptQuestion(Base):
    """A question as drawn for an attempt: its version, option order, answer and score."""

    __tablename__ = "attempt_questions"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_attempts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    question_version_id: Mapped[int] = mapped_column(
        ForeignKey("question_versions.id"), index=True
    )
    option_order: Mapped[list] = mapped_column(JSON, default=list)
    answer: Mapped[dict | None] = mapped_column(JSON)
    score: Mapped[float | None] = mapped_column(Float)  # 0..1
    correct: Mapped[bool | None] = mapped_column(Boolean)

    attempt: Mapped[QuizAttempt] = relationship(back_populates="questions")
