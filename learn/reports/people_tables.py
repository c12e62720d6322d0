"""The people report as a table (screen, CSV, XLSX)."""

from __future__ import annotations

from flask_babel import gettext as _

from learn.core.localtime import local_date
from learn.reports.people import PeoplePage
from learn.reports.sorting import SortState
from learn.reports.statuses import STATUS_LABELS
from learn.reports.tables import (
    Column,
    ReportDocument,
    Row,
    percent_of_score,
    sorted_table_document,
)

DEFAULT_SORT = SortState("name")


def _columns() -> tuple[Column, ...]:
    return (
        Column("name", _("Name"), "text", sortable=True),
        Column("email", _("Email"), "text"),
        Column("unit", _("Unit"), "text", sortable=True),
        Column("course", _("Course"), "text", sortable=True),
        Column("status", _("Status"), "text", sortable=True),
        Column("due", _("Due date"), "date", sortable=True),
        Column("score", _("Best final quiz score"), "percent", sortable=True),
        Column("completed", _("Completed on"), "date", sortable=True),
        Column("activity", _("Last activity"), "date", sortable=True),
    )


def people_document(page: PeoplePage, sort: SortState, notes: list[str], title: str,
                    filename_stem: str) -> ReportDocument:
    """The rows of a people page (or of every row, for exports)."""
    statuses = {key: str(text) for key, text in STATUS_LABELS.items()}  # translate once
    rows = [
        Row((
            person.full_name,
            person.email,
            person.unit_name,
            person.course_title,
            statuses.get(person.status, person.status),
            person.due_date,
            percent_of_score(person.score),
            local_date(person.completed_at),
            local_date(person.last_activity_at),
        ))
        for person in page.rows
    ]
    return sorted_table_document(
        key="people-table",
        table_title=_("People and their assigned courses: %(unit)s", unit=title),
        columns=_columns(), rows=rows, sort=sort, title=_("People: %(unit)s", unit=title),
        filename_stem=filename_stem, notes=notes,
    )
