"""The filters shared by the organisation and people reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, true

from learn.core.localtime import end_of_local_day, start_of_local_day
from learn.reports.assigned import PairFilter


@dataclass(frozen=True)
class ReportFilters:
    """Course, kind of user, and a period in which completions must fall (inclusive)."""

    course_id: int | None = None
    kind: str | None = None
    completed_from: date | None = None
    completed_to: date | None = None

    @property
    def pair_filter(self) -> PairFilter:
        """The part of the filters that selects assigned pairs."""
        return PairFilter(course_id=self.course_id, kind=self.kind)

    @property
    def has_period(self) -> bool:
        """True when completions are limited to a period."""
        return self.completed_from is not None or self.completed_to is not None

    def period_bounds(self) -> tuple[datetime | None, datetime | None]:
        """The period as UTC instants [start, end), Vietnam calendar days."""
        start = start_of_local_day(self.completed_from) if self.completed_from else None
        end = end_of_local_day(self.completed_to) if self.completed_to else None
        return start, end

    def completed_within(self, completed_at) -> ColumnElement[bool]:
        """SQL: a completion timestamp column lies within the period (true without one)."""
        start, end = self.period_bounds()
        conditions = []
        if start is not None:
            conditions.append(completed_at >= start)
        if end is not None:
            conditions.append(completed_at < end)
        return and_(*conditions) if conditions else true()
