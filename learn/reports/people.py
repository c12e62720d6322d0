"""The people report: every assigned (learner, course) pair of a subtree, one page at a time.

Two statements whatever the size of the tree: one count and one sorted, paginated page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from learn.auth.models import User
from learn.courses.models import Course, Quiz, Unit
from learn.learning.models import CourseCompletion, CourseProgress
from learn.orgs.models import OrgUnit
from learn.orgs.scope import Scope
from learn.quiz.models import QuizAttempt
from learn.reports.assigned import assigned_pairs
from learn.reports.filters import ReportFilters
from learn.reports.rollup import subtree_condition
from learn.reports.sorting import SortState
from learn.reports.statuses import status_case, status_rank

PAGE_SIZE = 50
SORT_KEYS = ("name", "unit", "course", "status", "score", "completed", "activity", "due")


@dataclass(frozen=True)
class PersonCourse:
    """One assigned course of one person, with where they are in it."""

    user_id: int
    full_name: str
    email: str
    unit_id: int
    unit_name: str
    course_slug: str
    course_title: str
    status: str
    due_date: date | None
    score: float | None  # best score 0..100 on the course's final quiz
    completed_at: datetime | None
    last_activity_at: datetime | None


@dataclass(frozen=True)
class PeoplePage:
    """One page of the people report and the total number of rows."""

    rows: list[PersonCourse]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        """How many pages there are (at least one)."""
        return max(1, -(-self.total // self.page_size))


def final_quiz_score(user_id, course_id) -> Select:
    """SQL scalar: a learner's best submitted score on the quiz of the course's last unit.

    The "final" quiz is the live quiz of the last current unit (by position) that has one.
    """
    final_quiz = (
        select(Quiz.id)
        .join(Unit, Unit.id == Quiz.unit_id)
        .where(Quiz.course_id == course_id, Quiz.retired_at.is_(None), Unit.retired_at.is_(None))
        .order_by(Unit.position.desc(), Quiz.id.desc())
        .limit(1)
        .correlate_except(Quiz, Unit)
        .scalar_subquery()
    )
    return (
        select(func.max(QuizAttempt.score))
        .where(
            QuizAttempt.user_id == user_id,
            QuizAttempt.quiz_id == final_quiz,
            QuizAttempt.status != "open",
        )
        .correlate_except(QuizAttempt)
        .scalar_subquery()
    )


def _base(scope: Scope, unit: OrgUnit | None, filters: ReportFilters, today: date):
    pairs = assigned_pairs(subtree_condition(scope, unit), filters.pair_filter).subquery("pairs")
    progress, completion = CourseProgress, CourseCompletion
    status = status_case(completion.id, progress.id, pairs.c.due_date, today).label("status")
    stmt = (
        select(pairs, status)
        .select_from(pairs)
        .outerjoin(
            progress,
            and_(progress.user_id == pairs.c.user_id, progress.course_id == pairs.c.course_id),
        )
        .outerjoin(
            completion,
            and_(completion.user_id == pairs.c.user_id, completion.course_id == pairs.c.course_id),
        )
    )
    if filters.has_period:
        # With a period, the list shows who completed within it (the "Completed" count).
        stmt = stmt.where(completion.id.is_not(None),
                          filters.completed_within(completion.completed_at))
    return pairs, stmt


def people_page(
    session: Session,
    scope: Scope,
    unit: OrgUnit | None,
    filters: ReportFilters,
    today: date,
    sort: SortState,
    page: int = 1,
    page_size: int | None = PAGE_SIZE,
) -> PeoplePage:
    """A sorted page of the pairs (page_size None: every row, for exports)."""
    pairs, base = _base(scope, unit, filters, today)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    progress, completion = CourseProgress, CourseCompletion
    status = status_case(completion.id, progress.id, pairs.c.due_date, today)
    score = final_quiz_score(pairs.c.user_id, pairs.c.course_id).label("score")
    activity = func.coalesce(progress.last_activity_at, completion.completed_at).label("activity")
    stmt = (
        base.add_columns(User.full_name, User.email, OrgUnit.name, Course.slug, Course.title,
                         score, completion.completed_at, activity)
        .join(User, User.id == pairs.c.user_id)
        .join(OrgUnit, OrgUnit.id == pairs.c.unit_id)
        .join(Course, Course.id == pairs.c.course_id)
    )
    columns = {
        "name": User.full_name,
        "unit": OrgUnit.name,
        "course": Course.title,
        "status": status_rank(status),
        "score": score,
        "completed": completion.completed_at,
        "activity": activity,
        "due": pairs.c.due_date,
    }
    key = columns[sort.key]
    primary = key.desc() if sort.descending else key.asc()
    stmt = stmt.order_by(primary.nulls_last(), User.full_name, User.id, Course.title, Course.id)
    if page_size is not None:
        page = max(1, min(page, max(1, -(-total // page_size))))
        stmt = stmt.limit(page_size).offset((page - 1) * page_size)
    rows = [
        PersonCourse(
            user_id=row.user_id, full_name=row.full_name, email=row.email,
            unit_id=row.unit_id, unit_name=row.name, course_slug=row.slug,
            course_title=row.title, status=row.status, due_date=row.due_date,
            score=row.score, completed_at=row.completed_at, last_activity_at=row.activity,
        )
        for row in session.execute(stmt)
    ]
    return PeoplePage(rows=rows, total=total, page=page, page_size=page_size or max(total, 1))
