"""Recognising a tree that is byte-for-byte what the last clean run published.

Then checking and publishing would find nothing to do, so the files are not parsed again:
the result is read from the database in a few queries. Any doubt (a different tree, a run
with errors since, a course added, retired or published from elsewhere) means a full run.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learn.courses.fingerprint import TreeFingerprint
from learn.courses.models import Course, Publication, Question, Quiz, Unit
from learn.courses.summary import CourseResult, empty_counts


def unchanged_courses(
    session: Session, fingerprint: TreeFingerprint
) -> tuple[int, list[CourseResult]] | None:
    """(id of the last publication, courses as unchanged) when the tree is as last published."""
    last = session.execute(
        select(Publication.id, Publication.ok, Publication.summary)
        .order_by(Publication.id.desc()).limit(1)
    ).first()
    if last is None or not last.ok or (last.summary or {}).get("fingerprint") != fingerprint.tree:
        return None
    rows = session.execute(
        select(Course.id, Course.slug, Course.title, Course.draft, Course.version,
               Course.source_hash, Course.order)
        .where(Course.retired_at.is_(None)).order_by(Course.order, Course.slug)
    ).all()
    live = {row.slug: row.source_hash for row in rows}
    if live != fingerprint.courses:
        return None
    units = _live_counts(session, Unit.course_id, Unit.retired_at)
    quizzes = _live_counts(session, Quiz.course_id, Quiz.retired_at)
    questions = _live_counts(session, Question.course_id, Question.retired_at)
    results = []
    for row in rows:
        result = CourseResult(row.slug, row.title, "unchanged", draft=row.draft,
                              version=row.version)
        result.units = {**empty_counts(), "unchanged": units.get(row.id, 0)}
        result.quizzes = {**empty_counts(), "unchanged": quizzes.get(row.id, 0)}
        result.questions = {**empty_counts(), "unchanged": questions.get(row.id, 0)}
        results.append(result)
    # A run of a run: point at the publication that actually wrote this state.
    return (last.summary or {}).get("unchanged_since") or last.id, results


def _live_counts(session: Session, course_id, retired_at) -> dict[int, int]:
    query = select(course_id, func.count()).where(retired_at.is_(None)).group_by(course_id)
    return {row[0]: row[1] for row in session.execute(query)}
