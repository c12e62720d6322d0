"""Report pages and their CSV/XLSX exports (/reports/...). Deny by default."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from learn.audit.services import record as audit
from learn.auth.access import roles_required
from learn.core import navigation
from learn.core.errors import render_error
from learn.core.i18n import current_language, format_date
from learn.core.localtime import local_today
from learn.courses.models import Course
from learn.db import get_session
from learn.orgs.models import OrgUnit
from learn.reports import settings
from learn.reports.access import (
    Viewer,
    require_course_scope,
    require_items,
    require_organisation,
    viewer_for,
)
from learn.reports.course_report import build_course_report
from learn.reports.course_tables import course_document
from learn.reports.exports import FORMATS, export_response
from learn.reports.indicator_tables import indicator_document
from learn.reports.indicators import build_indicators
from learn.reports.item_tables import item_document
from learn.reports.items import build_item_report
from learn.reports.org_tables import DEFAULT_SORT as ORG_DEFAULT_SORT
from learn.reports.org_tables import SORT_KEYS as ORG_SORT_KEYS
from learn.reports.org_tables import definitions, org_document
from learn.reports.page_charts import course_months_chart, org_charts
from learn.reports.people import SORT_KEYS as PEOPLE_SORT_KEYS
from learn.reports.people import TooManyRows, people_page
from learn.reports.people_tables import DEFAULT_SORT as PEOPLE_DEFAULT_SORT
from learn.reports.people_tables import people_document
from learn.reports.planning import plan_for_each_run
from learn.reports.query import OrgQuery, breadcrumbs, parse_org_query, report_courses
from learn.reports.rollup import build_rollup
from learn.reports.rule_text import completion_rule
from learn.reports.sorting import SortState, parse_sort
from learn.reports.timeline import month_window

bp = Blueprint(
    "reports", __name__, url_prefix="/reports", template_folder="templates",
    static_folder="static", static_url_path="/static",
)

REPORT_ROLES = ("admin", "manager", "trainer")
# Writing a cell takes openpyxl about 15 microseconds: beyond this the file takes too long.
XLSX_MAX_ROWS = 100_000


@bp.before_request
def _plan_for_each_run() -> None:
    if request.endpoint != "reports.static":  # the stylesheet needs no database
        plan_for_each_run(get_session())


@bp.record_once
def _register_navigation(state) -> None:
    navigation.register(state.app, navigation.NavItem("reports.index", _l("Reports"),
                                                      roles=REPORT_ROLES, order=70))


@bp.app_template_filter("report_number")
def _report_number(value, decimals: int = 0) -> str:
    """A decimal number with the current language's decimal mark ("2,5" in Vietnamese)."""
    if value is None:
        return "–"
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if current_language() == "vi" else text


def _viewer() -> Viewer:
    return viewer_for(get_session(), current_user)


def _format() -> str:
    fmt = request.args.get("format", "")
    if fmt not in FORMATS:
        abort(404)
    return fmt


def _export(document, report: str, details: dict):
    fmt = _format()
    rows = sum(len(t.rows) for t in document.tables)
    audit(get_session(), "reports.export", actor=current_user, target=report,
          ip_address=request.remote_addr, details={"format": fmt, "rows": rows, **details})
    return export_response(document, fmt, local_today())


def _visible_courses(viewer: Viewer) -> list[Course]:
    courses = report_courses(get_session())
    if viewer.is_admin or viewer.is_manager:
        return courses
    return [c for c in courses if viewer.authored(c)]


def _course_or_404(slug: str) -> Course:
    course = get_session().scalar(select(Course).where(Course.slug == slug))
    if course is None:
        abort(404)
    return course


def _unit_stem(prefix: str, query: OrgQuery) -> str:
    parts = [prefix, query.unit.code if query.unit else "all"]
    if query.course:
        parts.append(query.course.slug)
    return "-".join(parts)


def _query_details(query: OrgQuery) -> dict:
    return {
        "unit": query.unit.code if query.unit else "",
        "course": query.course.slug if query.course else "",
        "kind": query.filters.kind or "",
        "date_from": str(query.filters.completed_from or ""),
        "date_to": str(query.filters.completed_to or ""),
    }


@bp.get("/")
@roles_required(*REPORT_ROLES)
def index():
    """The reports this user may open."""
    viewer = _viewer()
    tops = top_units_for(viewer) if viewer.may_see_organisation else []
    return render_template("reports/index.html", viewer=viewer, tops=tops,
                           courses=_visible_courses(viewer))


def _org_request(export: bool) -> tuple[Viewer, OrgQuery]:
    """The viewer, who must see organisation reports, and the unit and filters asked for.

    An export also needs a known format (checked before the unit) and valid filters.
    """
    viewer = _viewer()
    require_organisation(viewer)
    if export:
        _format()
    query = parse_org_query(get_session(), viewer, request.args)
    if export and not query.valid:
        abort(400)
    return viewer, query


def _sortable_page(endpoint: str, viewer: Viewer, query: OrgQuery, sort: SortState) -> dict:
    """What the organisation and people pages share: filters, breadcrumbs, sort and export
    links (the export keeps the sort)."""
    direction = "desc" if sort.descending else ""
    return {
        "query": query,
        "sort": sort,
        "crumbs": breadcrumbs(get_session(), viewer, query.unit),
        "sort_url": lambda key, desc: url_for(f".{endpoint}", **query.args(
            sort=key, dir="desc" if desc else "")),
        "export_url": lambda fmt: url_for(f".{endpoint}_export", format=fmt, **query.args(
            sort=sort.key, dir=direction)),
    }


def _org_document(viewer: Viewer, query: OrgQuery, with_links: bool):
    session = get_session()
    sort = parse_sort(request.args, ORG_SORT_KEYS, ORG_DEFAULT_SORT)
    today = local_today()
    months = month_window(query.filters, today) if with_links else None
    rollup = build_rollup(session, viewer.scope, query.unit, query.filters, today, months)
    drill = (lambda unit_id: url_for(".orgs", **query.args(unit=unit_id))) if with_links else None
    people = (lambda unit_id: url_for(".people", **query.args(unit=unit_id))) if with_links \
        else None
    document = org_document(rollup, sort, query.notes(), _unit_stem("completion", query),
                            drill_url=drill, people_url=people)
    return rollup, sort, document


@bp.get("/orgs")
@roles_required(*REPORT_ROLES)
def orgs():
    """Completion by organisation: a row per child unit, rolled up over its subtree."""
    viewer, query = _org_request(export=False)
    rollup, sort, document = _org_document(viewer, query, with_links=True)
    rate_chart, months_chart, months_doc = org_charts(rollup, rollup.months)
    return render_template(
        "reports/orgs.html", document=document, rollup=rollup, definitions=definitions(),
        rate_chart=rate_chart, months_chart=months_chart, months_table=months_doc,
        **_sortable_page("orgs", viewer, query, sort),
    )


@bp.get("/orgs/export")
@roles_required(*REPORT_ROLES)
def orgs_export():
    """The organisation report as CSV or XLSX."""
    viewer, query = _org_request(export=True)
    _rollup, _sort, document = _org_document(viewer, query, with_links=False)
    return _export(document, "orgs", _query_details(query))


def _people_document(viewer: Viewer, query: OrgQuery, everything: bool,
                     max_rows: int | None = None):
    sort = parse_sort(request.args, PEOPLE_SORT_KEYS, PEOPLE_DEFAULT_SORT)
    page_number = request.args.get("page", "1")
    page_number = int(page_number) if page_number.isdigit() and len(page_number) < 7 else 1
    page = people_page(get_session(), viewer.scope, query.unit, query.filters, local_today(),
                       sort, page=page_number, page_size=None if everything else 50,
                       max_rows=max_rows)
    title = query.unit.name if query.unit else _("All units in your scope")
    document = people_document(page, sort, query.notes(), title, _unit_stem("people", query))
    return page, sort, document


@bp.get("/people")
@roles_required(*REPORT_ROLES)
def people():
    """Every assigned course of every person of a unit's subtree, with its status."""
    viewer, query = _org_request(export=False)
    page, sort, document = _people_document(viewer, query, everything=False)
    direction = "desc" if sort.descending else ""
    return render_template(
        "reports/people.html", page=page, document=document,
        page_url=lambda n: url_for(".people", **query.args(sort=sort.key, dir=direction,
                                                           page=n)),
        **_sortable_page("people", viewer, query, sort),
    )


@bp.get("/people/export")
@roles_required(*REPORT_ROLES)
def people_export():
    """The people report (every row) as CSV or XLSX."""
    viewer, query = _org_request(export=True)
    try:
        _page, _sort, document = _people_document(
            viewer, query, everything=True,
            max_rows=XLSX_MAX_ROWS if _format() == "xlsx" else None,
        )
    except TooManyRows as error:
        return render_error(400, _(
            "This list has %(rows)s rows; an Excel file is limited to %(limit)s rows here. "
            "Download CSV instead, or choose a smaller unit or one course.",
            rows=error.total, limit=error.limit,
        ))
    return _export(document, "people", _query_details(query))


def _course_report(slug: str, export: bool):
    """The viewer, the course and its report for the viewer's scope (403 outside it)."""
    viewer = _viewer()
    found = _course_or_404(slug)
    scope = require_course_scope(viewer, found)
    if export:
        _format()
    report = build_course_report(get_session(), scope, found, local_today())
    notes = [_("Course: %(course)s", course=found.title),
             _("Generated on %(day)s", day=format_date(local_today()))]
    return viewer, found, report, course_document(report, f"course-{found.slug}", notes)


@bp.get("/courses/<slug>")
@roles_required(*REPORT_ROLES)
def course(slug: str):
    """Learners, completion, median time to complete and the unit funnel of a course."""
    viewer, found, report, document = _course_report(slug, export=False)
    return render_template(
        "reports/course.html", course=found, report=report, document=document,
        rule=completion_rule(found), months_chart=course_months_chart(report.months),
        may_see_items=viewer.may_see_items(found),
        whole=viewer.course_scope(found).everything,
    )


@bp.get("/courses/<slug>/export")
@roles_required(*REPORT_ROLES)
def course_export(slug: str):
    """The course report as CSV or XLSX."""
    _reader, found, _report, document = _course_report(slug, export=True)
    return _export(document, "course", {"course": found.slug})


def _item_report(slug: str, export: bool):
    """The course and its quiz item analysis (403 unless the viewer may read it)."""
    viewer = _viewer()
    found = _course_or_404(slug)
    require_items(viewer, found)
    if export:
        _format()
    report = build_item_report(get_session(), found)
    return found, report, item_document(report, f"items-{found.slug}")


@bp.get("/courses/<slug>/items")
@roles_required(*REPORT_ROLES)
def items(slug: str):
    """Quiz item analysis of a course (its trainers and administrators)."""
    found, report, document = _item_report(slug, export=False)
    return render_template("reports/items.html", course=found, report=report,
                           document=document)


@bp.get("/courses/<slug>/items/export")
@roles_required(*REPORT_ROLES)
def items_export(slug: str):
    """The item analysis as CSV or XLSX."""
    found, _report, document = _item_report(slug, export=True)
    return _export(document, "items", {"course": found.slug})


def _indicators(export: bool):
    """The programme indicators of the viewer's scope (organisation readers only)."""
    viewer = _viewer()
    require_organisation(viewer)
    if export:
        _format()
    data = build_indicators(
        get_session(), viewer.scope, settings.required_course_slugs(),
        settings.specialist_course_slug(), _("Not placed in a unit"),
        direct_label=lambda name: _("%(unit)s (people placed directly in it)", unit=name),
    )
    notes = [
        _("Required digital-skills courses: %(slugs)s", slugs=", ".join(data.required_slugs)),
        _("Specialist course: %(slug)s", slug=data.specialist_slug),
        _("Generated on %(day)s", day=format_date(local_today())),
    ]
    return data, indicator_document(data, "indicators", notes)


@bp.get("/indicators")
@roles_required(*REPORT_ROLES)
def indicators():
    """The programme indicators for the viewer's scope."""
    data, document = _indicators(export=False)
    return render_template("reports/indicators.html", data=data, document=document)


@bp.get("/indicators/export")
@roles_required(*REPORT_ROLES)
def indicators_export():
    """The programme indicators as CSV or XLSX."""
    _data, document = _indicators(export=True)
    return _export(document, "indicators", {})


def top_units_for(viewer: Viewer) -> list[OrgUnit]:
    """The units an organisation report starts from (for the index page)."""
    session = get_session()
    if viewer.scope.everything:
        stmt = select(OrgUnit).where(OrgUnit.parent_id.is_(None))
    else:
        stmt = select(OrgUnit).where(OrgUnit.path.in_(viewer.scope.paths or ("",)))
    return list(session.scalars(stmt.order_by(OrgUnit.name)))
