"""The people report: every assigned (learner, course) pair of a subtree, one page at a time.

Two statements whatever the size of the tree: the number of rows (from the roll-up's
aggregate) and one sorted, paginated page. The big tables enter the page query as fenced
subqueries (OFFSET 0), so the database joins them whole by hashing instead of looking each
pair up through an index: the planner cannot know how many pairs the assignments produce.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Subquery, and_, func, select
from sqlalchemy.orm import Session

from learn.courses.models import Quiz, Unit
from learn.learning.models import CourseCompletion, CourseProgress
from learn.orgs.models import OrgUnit
from learn.orgs.scope import Scope
from learn.quiz.models import QuizAttempt
from learn.reports.assigned import class_courses, members, same_class
from learn.reports.filters import ReportFilters
from learn.reports.rollup import counts_by_unit, subtree_condition
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
    course_id: int
    course_title: str
    status: str
    due_date: date | None
    score: float | None  # best score 0..100 on the course's final quiz
    completed_at: datetime | None
    last_activity_at: datetime | None


class TooManyRows(Exception):
    """An export would hold more rows than its format allows here."""

    def __init__(self, total: int, limit: int):
        super().__init__(f"{total} rows, more than {limit}")
        self.total = total
        self.limit = limit


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


def final_quizzes() -> Subquery:
    """(course_id, quiz_id): each course's final quiz, the live quiz of its last current unit
    (by position) that has one."""
    ranked = (
        select(
            Quiz.id.label("quiz_id"),
            Quiz.course_id.label("course_id"),
            func.row_number().over(partition_by=Quiz.course_id,
                                   order_by=(Unit.position.desc(), Quiz.id.desc())).label("rank"),
        )
        .join(Unit, Unit.id == Quiz.unit_id)
        .where(Quiz.retired_at.is_(None), Unit.retired_at.is_(None))
        .subquery("ranked_quizzes")
    )
    return (
        select(ranked.c.course_id, ranked.c.quiz_id)
        .where(ranked.c.rank == 1)
        .subquery("final_quizzes")
    )


def best_score(user_id, quiz_id):
    """SQL scalar: a learner's best graded score (0..100) on a quiz.

    A correlated subquery on purpose: the database works it out only for the rows of the page
    (one index lookup each), unless the page is sorted by score.
    """
    return (
        select(func.max(QuizAttempt.score))
        .where(QuizAttempt.user_id == user_id, QuizAttempt.quiz_id == quiz_id,
               QuizAttempt.status != "open")
        .correlate_except(QuizAttempt)
        .scalar_subquery()
    )


def _fenced(model, *columns) -> Subquery:
    return select(model.user_id, model.course_id, *columns).offset(0).subquery(
        f"{model.__tablename__}_rows"
    )


def _total(session: Session, scope: Scope, unit: OrgUnit | None, filters: ReportFilters,
           today: date) -> int:
    counts = counts_by_unit(session, subtree_condition(scope, unit), filters, today)
    if filters.has_period:
        return sum(c.completed for _path, c in counts)
    return sum(c.pairs for _path, c in counts)


def people_page(
    session: Session,
    scope: Scope,
    unit: OrgUnit | None,
    filters: ReportFilters,
    today: date,
    sort: SortState,
    page: int = 1,
    page_size: int | None = PAGE_SIZE,
    max_rows: int | None = None,
) -> PeoplePage:
    """A sorted page of the pairs (page_size None: every row, for exports, at most max_rows
    or TooManyRows)."""
    total = _total(session, scope, unit, filters, today)
    if page_size is None and max_rows is not None and total > max_rows:
        raise TooManyRows(total, max_rows)
    condition = subtree_condition(scope, unit)
    courses = class_courses(condition, filters.pair_filter)
    people = members(condition, filters.pair_filter, details=True)
    progress = _fenced(CourseProgress, CourseProgress.id, CourseProgress.last_activity_at)
    completion = _fenced(CourseCompletion, CourseCompletion.id, CourseCompletion.completed_at)
    finals = final_quizzes()
    score = best_score(people.c.user_id, finals.c.quiz_id).label("score")
    status = status_case(completion.c.id, progress.c.id, courses.c.due_date, today)
    activity = func.coalesce(progress.c.last_activity_at, completion.c.completed_at)
    stmt = (
        select(
            people.c.user_id, people.c.full_name, people.c.email, people.c.unit_id,
            people.c.unit_name, courses.c.course_id, courses.c.title,
            status.label("status"), courses.c.due_date, score, completion.c.completed_at,
            activity.label("activity"),
        )
        .select_from(people)
        .join(courses, same_class(people, courses))
        .outerjoin(progress, and_(progress.c.user_id == people.c.user_id,
                                  progress.c.course_id == courses.c.course_id))
        .outerjoin(completion, and_(completion.c.user_id == people.c.user_id,
                                    completion.c.course_id == courses.c.course_id))
        .outerjoin(finals, finals.c.course_id == courses.c.course_id)
    )
    if filters.has_period:
        # With a period, the list shows who completed within it (the "Completed" count).
        stmt = stmt.where(completion.c.id.is_not(None),
                          filters.completed_within(completion.c.completed_at))
    columns = {
        "name": people.c.full_name,
        "unit": people.c.unit_name,
        "course": courses.c.title,
        "status": status_rank(status),
        "score": score,
        "completed": completion.c.completed_at,
        "activity": activity,
        "due": courses.c.due_date,
    }
    key = columns[sort.key]
    primary = key.desc() if sort.descending else key.asc()
    stmt = stmt.order_by(primary.nulls_last(), people.c.full_name, people.c.user_id,
                         courses.c.title, courses.c.course_id)
    if page_size is not None:
        page = max(1, min(page, max(1, -(-total // page_size))))
        stmt = stmt.limit(page_size).offset((page - 1) * page_size)
    # The columns are selected in PersonCourse's field order.
    rows = [PersonCourse(*row) for row in session.execute(stmt)]
    return PeoplePage(rows=rows, total=total, page=page, page_size=page_size or max(total, 1))
