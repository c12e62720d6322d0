"""Completions per month (Vietnam time), for the "completions over time" charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, case, func, null, select
from sqlalchemy.orm import Session

from learn.core.localtime import start_of_local_day
from learn.learning.models import CourseCompletion
from learn.reports.filters import ReportFilters
from learn.reports.sql_dates import local_month, local_month_key

DEFAULT_MONTHS = 12
MAX_MONTHS = 36


@dataclass(frozen=True)
class MonthCount:
    """Completions in one calendar month."""

    month: date  # the first day of the month
    count: int


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_window(filters: ReportFilters, today: date) -> list[date]:
    """The months to show: those of the period, else the last twelve (at most 36)."""
    last = filters.completed_to or today
    last = date(last.year, last.month, 1)
    if filters.completed_from is not None:
        first = date(filters.completed_from.year, filters.completed_from.month, 1)
    else:
        first = _add_months(last, -(DEFAULT_MONTHS - 1))
    first = max(first, _add_months(last, -(MAX_MONTHS - 1)))
    months, current = [], first
    while current <= last:
        months.append(current)
        current = _add_months(current, 1)
    return months


def _window_condition(column, months: list[date], filters: ReportFilters):
    start = start_of_local_day(months[0])
    end = start_of_local_day(_add_months(months[-1], 1))
    return and_(column >= start, column < end, filters.completed_within(column))


def _fill(session: Session, stmt: Select, months: list[date]) -> list[MonthCount]:
    return fill_months({str(month): int(n) for month, n in session.execute(stmt)}, months)


def month_in_window(column, months: list[date], filters: ReportFilters,
                    dialect: str) -> ColumnElement:
    """SQL: the month key (`local_month_key`) of a completion timestamp inside the months
    shown and the period, else NULL."""
    return case((_window_condition(column, months, filters), local_month_key(column, dialect)),
                else_=null())


def fill_months(found: dict[str, int], months: list[date]) -> list[MonthCount]:
    """Every month of the window with its count (0 when none)."""
    return [MonthCount(m, found.get(m.strftime("%Y-%m"), 0)) for m in months]


def completions_by_month(session: Session, population: Select, months: list[date],
                         course_id: int) -> list[MonthCount]:
    """Completions of one course by a population (a SELECT of user ids), per month."""
    dialect = session.get_bind().dialect.name
    completion = CourseCompletion
    dated = (
        select(local_month(completion.completed_at, dialect).label("month"))
        .where(
            completion.course_id == course_id,
            completion.user_id.in_(population),
            _window_condition(completion.completed_at, months, ReportFilters()),
        )
        .subquery("dated")
    )
    stmt = select(dated.c.month, func.count()).group_by(dated.c.month)
    return _fill(session, stmt, months)
