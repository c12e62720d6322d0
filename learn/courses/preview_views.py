"""Trainer preview: ``/preview/``, ``/preview/<slug>``, its units and its assets, from disk.

Every trainer (and administrator) may preview every course folder: the content is written to
be published, ``authors`` is optional, and trainers review each other's courses. The index
lists the viewer's own courses (their email in ``authors``) first.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from learn.auth.access import roles_required
from learn.content import AssetSource
from learn.core import navigation
from learn.core.i18n import current_language
from learn.courses.assets import disk_asset
from learn.courses.forms import PreviewQuizForm
from learn.courses.labels import template_labels
from learn.courses.preview import CoursePreview, preview_course, tree_overview
from learn.courses.preview_quiz import grade_quiz, quiz_questions
from learn.courses.responses import asset_response

bp = Blueprint("preview", __name__, url_prefix="/preview", template_folder="templates")

PREVIEW_ROLES = ("trainer", "admin")


@bp.record_once
def _register_navigation(state) -> None:
    navigation.register(state.app, navigation.NavItem(
        "preview.index", _l("Preview"), roles=PREVIEW_ROLES, order=70))


@bp.context_processor
def _labels() -> dict:
    return {"labels": template_labels(), "lang": current_language()}


def _courses_dir() -> Path:
    return current_app.config["SETTINGS"].courses_dir


def _unit_url(course: str, unit: str, anchor: str | None) -> str:
    url = url_for("preview.unit", slug=course, unit_slug=unit)
    return f"{url}#{quote(anchor)}" if anchor else url


def _asset_url(course: str, asset: AssetSource) -> str:
    return url_for("preview.asset", slug=course, name=asset.name)


def _load(slug: str) -> CoursePreview:
    preview = preview_course(_courses_dir(), slug, _unit_url, _asset_url)
    if preview is None:
        abort(404)
    return preview


@bp.get("/")
@roles_required(*PREVIEW_ROLES)
def index():
    """Every course folder on disk with its problems."""
    rows, outside = tree_overview(_courses_dir(), current_user.email)
    return render_template("courses/preview_index.html", rows=rows, outside=outside,
                           courses_dir=_courses_dir())


@bp.get("/<slug>")
@roles_required(*PREVIEW_ROLES)
def course(slug: str):
    """A course's overview, units and every problem found in its folder."""
    return render_template("courses/preview_course.html", preview=_load(slug))


@bp.route("/<slug>/units/<unit_slug>", methods=["GET", "POST"])
@roles_required(*PREVIEW_ROLES)
def unit(slug: str, unit_slug: str):
    """A unit as learners will see it, with its quiz to try (answers are not kept)."""
    preview = _load(slug)
    found = preview.unit(unit_slug)
    if found is None:
        abort(404)
    form = PreviewQuizForm()
    questions = quiz_questions(found.quiz) if found.quiz else []
    outcome = None
    if found.quiz and request.method == "POST" and form.validate_on_submit():
        outcome = grade_quiz(questions, request.form, found.quiz.pass_mark)
    units = preview.course.units if preview.course else ()
    index = next(i for i, u in enumerate(units) if u.slug == unit_slug)
    return render_template(
        "courses/preview_unit.html", preview=preview, unit=found, form=form,
        questions=questions, outcome=outcome,
        previous=units[index - 1] if index > 0 else None,
        next=units[index + 1] if index + 1 < len(units) else None,
    )


@bp.get("/<slug>/assets/<path:name>")
@roles_required(*PREVIEW_ROLES)
def asset(slug: str, name: str):
    """A file of the course's assets folder, read from disk now (never cached)."""
    found = disk_asset(_courses_dir(), slug, name)
    if found is None:
        abort(404)
    return asset_response(found, cache_control="no-store")
