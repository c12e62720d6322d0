"""The status of an assigned (learner, course) pair, in SQL and in words."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, case

OVERDUE = "overdue"
NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"

# Sorting by status puts the people who need a reminder first.
STATUS_ORDER = (OVERDUE, NOT_STARTED, IN_PROGRESS, COMPLETED)

STATUS_LABELS = {
    OVERDUE: _l("Overdue"),
    NOT_STARTED: _l("Not started"),
    IN_PROGRESS: _l("In progress"),
    COMPLETED: _l("Completed"),
}


def status_case(completion_id, progress_id, due_date, today: date) -> ColumnElement[str]:
    """SQL: completed, else overdue (due date passed), else in progress, else not started."""
    return case(
        (completion_id.is_not(None), COMPLETED),
        (due_date < today, OVERDUE),
        (progress_id.is_not(None), IN_PROGRESS),
        else_=NOT_STARTED,
    )


def status_rank(status_column) -> ColumnElement[int]:
    """SQL: the position of a status in STATUS_ORDER, for sorting."""
    return case(
        *((status_column == status, rank) for rank, status in enumerate(STATUS_ORDER)),
        else_=len(STATUS_ORDER),
    )
