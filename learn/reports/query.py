"""Reading the organisation and people reports' query string: unit, filters, sort, page.

Anything outside the viewer's scope is "not found": a unit id a manager may not see is
answered exactly like one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict
from wtforms.fields import SelectChoice

from learn.core.i18n import format_date
from learn.courses.models import Course
from learn.orgs.models import OrgUnit
from learn.reports.access import Viewer
from learn.reports.filters import ReportFilters
from learn.reports.forms import ReportFilterForm
from learn.reports.labels import USER_KIND_LABELS, label


@dataclass
class OrgQuery:
    """The parsed request of an organisation or people report."""

    unit: OrgUnit | None
    course: Course | None
    filters: ReportFilters
    form: ReportFilterForm
    valid: bool

    def notes(self) -> list[str]:
        """The filters in words (for the files' "About" sheet)."""
        return filter_notes(self.unit, self.course, self.filters)

    def args(self, **changes) -> dict[str, str]:
        """The query string of this view, with some values changed (for links)."""
        values = {
            "unit": str(self.unit.id) if self.unit else "",
            "course": self.course.slug if self.course else "",
            "kind": self.filters.kind or "",
            "date_from": self.filters.completed_from.isoformat()
            if self.filters.completed_from else "",
            "date_to": self.filters.completed_to.isoformat() if self.filters.completed_to else "",
        }
        values.update({k: "" if v is None else str(v) for k, v in changes.items()})
        return {k: v for k, v in values.items() if v}


def filter_notes(unit: OrgUnit | None, course: Course | None,
                 filters: ReportFilters) -> list[str]:
    """Unit, course, kind of user and period in words."""
    lines = [_("Unit: %(unit)s", unit=unit.name if unit else _("All units in your scope"))]
    lines.append(_("Course: %(course)s", course=course.title if course else _("All courses")))
    if filters.kind:
        lines.append(_("People: %(kind)s", kind=label(USER_KIND_LABELS, filters.kind)))
    if filters.has_period:
        lines.append(_("Completions from %(start)s to %(end)s",
                       start=format_date(filters.completed_from) or "…",
                       end=format_date(filters.completed_to) or "…"))
    return lines


def unit_in_scope(session: Session, viewer: Viewer, raw: str | None) -> OrgUnit | None:
    """The unit asked for (None: the top of the scope); 404 unless the viewer may see it."""
    if raw in (None, ""):
        return None
    if not raw.isdigit() or len(raw) > 12:
        abort(404)
    unit = session.get(OrgUnit, int(raw))
    if unit is None or not viewer.scope.covers_path(unit.path):
        abort(404)
    return unit


def report_courses(session: Session) -> list[Course]:
    """The courses offered in the course filter (not retired), by title."""
    return list(session.scalars(
        select(Course).where(Course.retired_at.is_(None)).order_by(Course.title, Course.id)
    ))


def parse_org_query(session: Session, viewer: Viewer, args: MultiDict) -> OrgQuery:
    """Unit, course, kind and period from the query string (invalid filters are ignored)."""
    unit = unit_in_scope(session, viewer, args.get("unit"))
    courses = report_courses(session)
    form = ReportFilterForm(formdata=args)
    form.course.choices = [SelectChoice("", _("All courses"))] + [
        SelectChoice(c.slug, c.title) for c in courses
    ]
    valid = form.validate()
    if not valid:
        return OrgQuery(unit, None, ReportFilters(), form, False)
    course = next((c for c in courses if c.slug == form.course.data), None)
    filters = ReportFilters(
        course_id=course.id if course else None,
        kind=form.kind.data or None,
        completed_from=form.date_from.data,
        completed_to=form.date_to.data,
    )
    return OrgQuery(unit, course, filters, form, True)


def breadcrumbs(session: Session, viewer: Viewer, unit: OrgUnit | None) -> list[OrgUnit]:
    """The unit's ancestors (and itself) that the viewer may see, from the top down."""
    if unit is None:
        return []
    ids = [int(part) for part in unit.path.strip("/").split("/") if part.isdigit()]
    found = session.scalars(select(OrgUnit).where(OrgUnit.id.in_(ids))).all()
    visible = [u for u in found if viewer.scope.covers_path(u.path)]
    return sorted(visible, key=lambda u: len(u.path))
