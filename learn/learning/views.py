"""Learner pages: catalogue, course page, unit page, marking done, "My learning"."""

from __future__ import annotations

from functools import partial

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from jinja2.runtime import Context
from jinja2.utils import pass_context
from sqlalchemy import bindparam, select
from sqlalchemy.orm import lazyload

from learn.certificates.services import certificate_for
from learn.core import navigation
from learn.core.i18n import RenderLabels, current_language
from learn.core.localtime import local_date, local_today
from learn.courses.models import Course, Unit
from learn.db import get_session
from learn.learning.assignments import may_study_course
from learn.learning.audience import Viewer, may_view_overview
from learn.learning.catalogue import CatalogueQuery, catalogue_page
from learn.learning.competences import area_choices, area_names, area_of, competence_names
from learn.learning.completion import (
    course_completion,
    course_with_progress,
    mark_unit_done,
    record_unit_opened,
)
from learn.learning.dashboard import build_dashboard
from learn.learning.forms import (
    AUDIENCE_LABELS,
    LEVEL_LABELS,
    CatalogueFilterForm,
    MarkDoneForm,
)
from learn.learning.outline import course_outline
from learn.learning.progress import course_state, course_states
from learn.learning.rules import completion_rule_text
from learn.learning.unit_content import unit_html
from learn.quiz.services import quiz_summary

bp = Blueprint("learning", __name__, template_folder="templates")

TOC_MIN_HEADINGS = 3


@bp.record_once
def _register_navigation(state) -> None:
    navigation.register(state.app, navigation.NavItem("learning.catalogue", _l("Catalogue"),
                                                      order=10))
    navigation.register(state.app, navigation.NavItem("learning.dashboard", _l("My learning"),
                                                      roles=("authenticated",), order=20))


@bp.app_context_processor
def _labels() -> dict:
    return {"level_labels": RenderLabels(LEVEL_LABELS),
            "audience_labels": RenderLabels(AUDIENCE_LABELS)}


def _courses_dir():
    return current_app.config["SETTINGS"].courses_dir


# Units come from the course outline (cached per published version), not the relation.
_COURSE_BY_SLUG = (
    select(Course).where(Course.slug == bindparam("slug")).options(lazyload(Course.units))
)


def _visible_or_404(course: Course | None, viewer: Viewer) -> Course:
    if course is None or not may_view_overview(viewer, course):
        abort(404)
    return course


def _course_or_404(slug: str, viewer: Viewer) -> Course:
    return _visible_or_404(get_session().scalar(_COURSE_BY_SLUG, {"slug": slug}), viewer)


def _page_number() -> int:
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        return 1


def _area_names(course: Course, language: str) -> list[str]:
    codes = sorted({area_of(code) for code in course.competences or ()})
    return area_names(codes, language, _courses_dir())


@bp.get("/courses/")
def catalogue():
    """The catalogue: courses that fit the visitor, with filters and accent-blind search."""
    viewer = Viewer.of(current_user)
    language = current_language()
    form = CatalogueFilterForm(formdata=request.args)
    form.set_choices(area_choices(language, _courses_dir()))
    form.validate()
    query = CatalogueQuery(
        text=(form.q.data or "")[:200],
        audience=form.cleaned("audience"),
        level=form.cleaned("level"),
        area=form.cleaned("area"),
        page=_page_number(),
    )
    page = catalogue_page(get_session(), viewer, query)
    states = course_states(get_session(), viewer.user_id, page.courses) if viewer.signed_in else {}
    filters = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "learning/catalogue.html",
        form=form,
        page=page,
        states=states,
        filters=filters,
        searched=bool(filters),
        course_areas={c.id: _area_names(c, language) for c in page.courses},
    )


@bp.get("/courses/<slug>")
def course(slug: str):
    """A course's overview, its units with the learner's status, progress and resume button."""
    viewer = Viewer.of(current_user)
    course = _course_or_404(slug, viewer)
    session = get_session()
    state = course_state(session, viewer.user_id, course)
    studying = may_study_course(session, viewer, course)
    language = current_language()
    competences = competence_names(course.competences, language, _courses_dir())
    return render_template(
        "learning/course.html",
        course=course,
        state=state,
        studying=studying,
        rule=completion_rule_text(course, [s.unit for s in state.units]),
        competences=competences,
        certificate=(
            certificate_for(session, viewer.user_id, course.id) if state.completion else None
        ),
    )


def _unit_row_or_404(course: Course, unit_slug: str) -> Unit:
    unit = get_session().scalar(
        select(Unit).where(Unit.course_id == course.id, Unit.slug == unit_slug,
                           Unit.retired_at.is_(None))
    )
    if unit is None:
        abort(404)
    return unit


def _studied_or_403(course: Course, viewer: Viewer) -> Course:
    if not may_study_course(get_session(), viewer, course):
        abort(403)
    return course


def _study_access(slug: str) -> tuple[Course, Viewer]:
    viewer = Viewer.of(current_user)
    return _studied_or_403(_course_or_404(slug, viewer), viewer), viewer


@bp.get("/courses/<slug>/units/<unit_slug>")
@login_required
def unit(slug: str, unit_slug: str):
    """A unit: its content, contents list, previous/next, and "mark as done" or the quiz."""
    viewer = Viewer.of(current_user)
    session = get_session()
    found, progress = course_with_progress(session, slug, viewer.user_id)
    course = _studied_or_403(_visible_or_404(found, viewer), viewer)
    unit = course_outline(session, course).unit(unit_slug)
    if unit is None:
        abort(404)
    progress = record_unit_opened(session, viewer.user_id, unit, progress)
    state = course_state(session, viewer.user_id, course, progress=progress)
    unit_state = state.unit_state(unit.id)
    position = [s.unit.id for s in state.units].index(unit.id)
    previous_unit = state.units[position - 1].unit if position > 0 else None
    next_unit = state.units[position + 1].unit if position + 1 < len(state.units) else None
    quiz = unit_state.quiz
    toc = [entry for entry in unit.toc if isinstance(entry, dict) and entry.get("id")]
    return render_template(
        "learning/unit.html",
        course=course,
        unit=unit,
        content=unit_html(session, course, unit),
        state=state,
        unit_state=unit_state,
        number=position + 1,
        previous_unit=previous_unit,
        next_unit=next_unit,
        quiz=quiz,
        summary=quiz_summary(session, viewer.user_id, quiz, quiz.pool_size) if quiz else None,
        toc=toc if len(toc) >= TOC_MIN_HEADINGS else [],
        form=MarkDoneForm() if quiz is None else None,  # a quiz completes the unit
    )


@bp.post("/courses/<slug>/units/<unit_slug>/done")
@login_required
def mark_done(slug: str, unit_slug: str):
    """Mark a unit without a quiz as done."""
    course, viewer = _study_access(slug)
    unit = _unit_row_or_404(course, unit_slug)
    if not MarkDoneForm().validate_on_submit():
        abort(400)
    session = get_session()
    finished_before = course_completion(session, viewer.user_id, course.id) is not None
    try:
        mark_unit_done(session, viewer.user_id, unit)
    except ValueError:
        abort(400)
    flash(_("Unit marked as done."), "success")
    if not finished_before and course_completion(session, viewer.user_id, course.id):
        if course.certificate:
            flash(_("Congratulations, you have completed the course! Your certificate is "
                    "in My learning."), "success")
        else:
            flash(_("Congratulations, you have completed the course!"), "success")
    return redirect(url_for("learning.unit", slug=course.slug, unit_slug=unit.slug))


@bp.get("/me")
@login_required
def dashboard():
    """My learning: assigned, in-progress and completed courses, and certificates."""
    data = build_dashboard(get_session(), current_user.id, local_today())
    return render_template("learning/dashboard.html", data=data, today=local_today())


@bp.app_template_filter("duration")
@pass_context
def _duration(context: Context, minutes: int | None) -> str:
    """Minutes as "45 min" or "1 h 30 min", in the language of the page being rendered."""
    # The page's own `_`, bound to its catalogue once per render (learn/core/i18n.py):
    # Flask-Babel's lookup costs ~18 µs a call and a course page shows one per unit.
    _ = partial(context.call, context.resolve("_"))
    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)d min", minutes=rest)
    if not rest:
        return _("%(hours)d h", hours=hours)
    return _("%(hours)d h %(minutes)d min", hours=hours, minutes=rest)


bp.add_app_template_filter(local_date, "localdate")
