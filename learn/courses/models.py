"""Published course content, keyed by the stable ids of the course files.

Nothing here is ever deleted by publishing: removed units, quizzes and questions are retired
(hidden from learners) so that progress, attempts and reports keep their references.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from learn.db import Base, UTCDateTime, utcnow


class Course(Base):
    """A course as last published from courses/<slug>/."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    # Title and summary folded to lower case without diacritics, for accent-blind search.
    search_text: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[list[str]] = mapped_column(JSON, default=list)
    level: Mapped[str] = mapped_column(String(16), default="basic")
    duration_minutes: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str] = mapped_column(String(5), default="vi")
    competences: Mapped[list[str]] = mapped_column(JSON, default=list)
    pass_mark: Mapped[int] = mapped_column(Integer, default=70)
    certificate: Mapped[bool] = mapped_column(Boolean, default=False)
    order: Mapped[int] = mapped_column(Integer, default=100)
    draft: Mapped[bool] = mapped_column(Boolean, default=False)
    prerequisites: Mapped[list[str]] = mapped_column(JSON, default=list)
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    overview_html: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    # Fingerprint of the course folder's files (and the code that reads them) when last
    # published: an unchanged tree is recognised without parsing it again.
    source_hash: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    units: Mapped[list[Unit]] = relationship(
        back_populates="course", order_by="Unit.position", lazy="selectin"
    )

    @property
    def active_units(self) -> list[Unit]:
        """The units learners see: not retired, in order."""
        return [unit for unit in self.units if unit.retired_at is None]


class Unit(Base):
    """A unit (NN-<slug>.md) of a course; slug is its stable id within the course."""

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    slug: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    duration_minutes: Mapped[int] = mapped_column(Integer, default=10)
    objectives: Mapped[list[str]] = mapped_column(JSON, default=list)
    competences: Mapped[list[str]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    # Deferred: course pages list units without loading every unit's full text.
    html: Mapped[str] = mapped_column(Text, default="", deferred=True)
    toc: Mapped[list] = mapped_column(JSON, default=list)
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    course: Mapped[Course] = relationship(back_populates="units")
    # The unit's live quiz: a unit may also hold retired quizzes whose id was changed.
    quiz: Mapped[Quiz | None] = relationship(
        primaryjoin="and_(Unit.id == foreign(Quiz.unit_id), Quiz.retired_at.is_(None))",
        uselist=False,
        viewonly=True,
    )


class Quiz(Base):
    """The quiz of a unit; key is the quiz id written in the quiz block."""

    __tablename__ = "quizzes"
    __table_args__ = (UniqueConstraint("course_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    pass_mark: Mapped[int] = mapped_column(Integer, default=70)
    shuffle: Mapped[bool] = mapped_column(Boolean, default=False)
    draw: Mapped[int | None] = mapped_column(Integer)
    attempts_allowed: Mapped[int] = mapped_column(Integer, default=0)  # 0 = unlimited
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer)
    review: Mapped[str] = mapped_column(String(16), default="after_submit")
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    unit: Mapped[Unit] = relationship()
    pool: Mapped[list[QuizQuestion]] = relationship(
        back_populates="quiz", order_by="QuizQuestion.position", cascade="all, delete-orphan"
    )


class Question(Base):
    """A question of a course, by its stable id; its content lives in versions."""

    __tablename__ = "questions"
    __table_args__ = (UniqueConstraint("course_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("question_versions.id", use_alter=True)
    )
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    current_version: Mapped[QuestionVersion | None] = relationship(
        foreign_keys=[current_version_id], post_update=True
    )


class QuestionVersion(Base):
    """One immutable version of a question; attempts point at the version they were taken on.

    `data` holds the type-specific content rendered to safe HTML at publish time, with the
    answer key: it never reaches the browser except through the review after submission.
    """

    __tablename__ = "question_versions"
    __table_args__ = (UniqueConstraint("question_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict] = mapped_column(JSON)
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuizQuestion(Base):
    """Membership of a question in a quiz's pool (inline or from a bank)."""

    __tablename__ = "quiz_questions"
    __table_args__ = (UniqueConstraint("quiz_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)

    quiz: Mapped[Quiz] = relationship(back_populates="pool")
    question: Mapped[Question] = relationship()


class CourseAsset(Base):
    """A file of a course's assets/ folder, served under a URL carrying its hash."""

    __tablename__ = "course_assets"
    __table_args__ = (UniqueConstraint("course_id", "path", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    path: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Publication(Base):
    """One run of publishing (CLI or web): who, when, and what changed per course."""

    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    source: Mapped[str] = mapped_column(String(16))  # "cli" or "web"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)
    ok: Mapped[bool] = mapped_column(Boolean, default=True)
