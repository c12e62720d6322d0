"""What the database already holds for the courses being published, in a few bulk queries.

Only keys, hashes, versions and ids are read: never the stored HTML or asset bytes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from learn.courses.models import (
    Course,
    CourseAsset,
    Question,
    QuestionVersion,
    Quiz,
    Unit,
)


@dataclass
class Row:
    """The publishing state of one stored unit, quiz or question."""

    id: int
    hash: str
    version: int
    retired: bool
    position: int | None = None


@dataclass
class StoredCourse:
    """A stored course and, once loaded, its units, quizzes, questions and assets by key."""

    id: int
    slug: str
    title: str
    tree_hash: str
    source_hash: str | None
    version: int
    retired: bool
    units: dict[str, Row] = field(default_factory=dict)
    quizzes: dict[str, Row] = field(default_factory=dict)
    questions: dict[str, Row] = field(default_factory=dict)
    assets: set[tuple[str, str]] = field(default_factory=set)


def load_courses(session: Session, slugs: Collection[str] | None = None) -> dict[str, StoredCourse]:
    """The stored courses by slug (all of them when ``slugs`` is None), without children."""
    query = select(Course.id, Course.slug, Course.title, Course.content_hash,
                   Course.source_hash, Course.version, Course.retired_at)
    if slugs is not None:
        query = query.where(Course.slug.in_(list(slugs)))
    return {
        row.slug: StoredCourse(row.id, row.slug, row.title, row.content_hash, row.source_hash,
                               row.version, row.retired_at is not None)
        for row in session.execute(query)
    }


def load_children(session: Session, courses: Collection[StoredCourse]) -> None:
    """Fill units, quizzes, questions (current version) and assets of ``courses`` in place."""
    by_id = {c.id: c for c in courses}
    if not by_id:
        return
    ids = list(by_id)
    units = select(Unit.id, Unit.course_id, Unit.slug, Unit.content_hash, Unit.version,
                   Unit.retired_at, Unit.position).where(Unit.course_id.in_(ids))
    for r in session.execute(units):
        by_id[r.course_id].units[r.slug] = Row(r.id, r.content_hash, r.version,
                                               r.retired_at is not None, r.position)
    quizzes = select(Quiz.id, Quiz.course_id, Quiz.key, Quiz.content_hash, Quiz.version,
                     Quiz.retired_at).where(Quiz.course_id.in_(ids))
    for r in session.execute(quizzes):
        by_id[r.course_id].quizzes[r.key] = Row(r.id, r.content_hash, r.version,
                                                r.retired_at is not None)
    questions = (
        select(Question.id, Question.course_id, Question.key, Question.retired_at,
               QuestionVersion.content_hash, QuestionVersion.version)
        .outerjoin(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .where(Question.course_id.in_(ids))
    )
    for r in session.execute(questions):
        by_id[r.course_id].questions[r.key] = Row(r.id, r.content_hash or "", r.version or 0,
                                                  r.retired_at is not None)
    assets = select(CourseAsset.course_id, CourseAsset.path, CourseAsset.sha256).where(
        CourseAsset.course_id.in_(ids))
    for r in session.execute(assets):
        by_id[r.course_id].assets.add((r.path, r.sha256))
