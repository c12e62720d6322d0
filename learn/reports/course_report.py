"""The course report: learners, completion, median time to complete and the unit funnel.

A fixed number of statements: assigned counts, starters, completion durations, unit
completions, furthest unit reached, and completions per month.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select, union_all
from sqlalchemy.orm import Session

from learn.courses.models import Course, Unit
from learn.learning.models import CourseCompletion, CourseProgress, UnitCompletion
from learn.orgs.scope import Scope
from learn.reports.counts import Counts
from learn.reports.filters import ReportFilters
from learn.reports.population import population
from learn.reports.rollup import counts_by_unit
from learn.reports.timeline import MonthCount, completions_by_month, month_window

SECONDS_PER_DAY = 86400


@dataclass(frozen=True)
class FunnelStep:
    """A current unit of the course: how many starters reached it and how many completed it."""

    position: int
    title: str
    required: bool
    reached: int
    completed: int


@dataclass(frozen=True)
class CourseReport:
    """Everything on the course report page."""

    course: Course
    assigned: Counts  # over assigned pairs of this course (one pair per learner)
    learners: int  # assigned or started
    started: int  # with a progress record
    completed: int  # with a completion record
    median_days: float | None  # completed_at - started_at, in days
    funnel: list[FunnelStep]
    months: list[MonthCount]


def _assigned(session: Session, scope: Scope, course: Course, today: date) -> Counts:
    total = Counts()
    for _path, counts in counts_by_unit(
        session, scope.unit_filter, ReportFilters(course_id=course.id), today
    ):
        total.add(counts)
    return total


def _durations(session: Session, people, course: Course) -> tuple[int, int, list[float]]:
    """(started, completed, days to complete of each completer with a start)."""
    progress, completion = CourseProgress, CourseCompletion
    started = session.scalar(
        select(func.count()).where(progress.course_id == course.id, progress.user_id.in_(people))
    ) or 0
    rows = session.execute(
        select(completion.completed_at, progress.started_at)
        .outerjoin(
            progress,
            and_(progress.user_id == completion.user_id,
                 progress.course_id == completion.course_id),
        )
        .where(completion.course_id == course.id, completion.user_id.in_(people))
    ).all()
    days = [
        max(0.0, (done - began).total_seconds() / SECONDS_PER_DAY)
        for done, began in rows
        if began is not None
    ]
    return started, len(rows), days


def _funnel(session: Session, people, course: Course, units: list[Unit]) -> list[FunnelStep]:
    completed = dict(
        session.execute(
            select(UnitCompletion.unit_id, func.count())
            .where(UnitCompletion.course_id == course.id, UnitCompletion.user_id.in_(people))
            .group_by(UnitCompletion.unit_id)
        ).all()
    )
    # How far each learner got: the furthest current unit they completed or last opened.
    reached_units = union_all(
        select(UnitCompletion.user_id.label("user_id"), Unit.position.label("position"))
        .join(Unit, Unit.id == UnitCompletion.unit_id)
        .where(UnitCompletion.course_id == course.id, Unit.retired_at.is_(None),
               UnitCompletion.user_id.in_(people)),
        select(CourseProgress.user_id.label("user_id"), Unit.position.label("position"))
        .join(Unit, Unit.id == CourseProgress.last_unit_id)
        .where(CourseProgress.course_id == course.id, Unit.retired_at.is_(None),
               CourseProgress.user_id.in_(people)),
    ).subquery("reached_units")
    furthest = (
        select(reached_units.c.user_id, func.max(reached_units.c.position).label("furthest"))
        .group_by(reached_units.c.user_id)
        .subquery("furthest")
    )
    histogram = dict(
        session.execute(
            select(furthest.c.furthest, func.count()).group_by(furthest.c.furthest)
        ).all()
    )
    steps = []
    for unit in units:
        reached = sum(n for position, n in histogram.items() if position >= unit.position)
        steps.append(FunnelStep(unit.position, unit.title, unit.required, reached,
                                int(completed.get(unit.id, 0))))
    return steps


def build_course_report(
    session: Session, scope: Scope, course: Course, today: date
) -> CourseReport:
    """The course report for the viewer's scope."""
    people = population(scope)
    units = [u for u in course.units if u.retired_at is None]
    assigned = _assigned(session, scope, course, today)
    started, completed, days = _durations(session, people, course)
    learners = assigned.pairs + started - assigned.started
    return CourseReport(
        course=course,
        assigned=assigned,
        learners=learners,
        started=started,
        completed=completed,
        median_days=statistics.median(days) if days else None,
        funnel=_funnel(session, people, course, units),
        months=completions_by_month(session, people, month_window(ReportFilters(), today),
                                    course.id),
    )
