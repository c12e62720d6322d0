"""``/admin/publishing``: publication history, dry run and publishing from the web."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from learn.auth.access import roles_required
from learn.auth.models import User
from learn.core import navigation
from learn.core.i18n import current_language
from learn.courses.apply import AssetChangedError
from learn.courses.forms import PublishForm
from learn.courses.labels import COURSE_STATUSES, template_labels
from learn.courses.models import Publication
from learn.courses.publishing import publish
from learn.courses.summary import diagnostic_from_json, sorted_diagnostics
from learn.db import get_session

bp = Blueprint("publishing", __name__, url_prefix="/admin/publishing",
               template_folder="templates")

HISTORY_LENGTH = 50
VIETNAM = timezone(timedelta(hours=7), "ICT")


@bp.record_once
def _register_navigation(state) -> None:
    navigation.register(state.app, navigation.NavItem(
        "publishing.index", _l("Publishing"), roles=("admin",), order=90))


def vietnam_time(moment: datetime) -> datetime:
    """A stored UTC timestamp in Vietnam time, as admins read it."""
    return moment.astimezone(VIETNAM)


def course_counts(summary: dict[str, Any]) -> str:
    """How many courses of a run ended in each status, e.g. "Updated: 1, Unchanged: 5"."""
    counts = Counter(course["status"] for course in summary.get("courses", []))
    return ", ".join(f"{COURSE_STATUSES[status]}: {counts[status]}"
                     for status in COURSE_STATUSES if counts[status])


@bp.context_processor
def _labels() -> dict:
    return {"labels": template_labels(), "lang": current_language(),
            "vietnam_time": vietnam_time, "course_counts": course_counts}


def _history() -> list[dict[str, Any]]:
    rows = get_session().execute(
        select(Publication, User.full_name, User.email)
        .outerjoin(User, User.id == Publication.published_by_id)
        .order_by(Publication.id.desc()).limit(HISTORY_LENGTH)
    ).all()
    return [{"publication": p, "who": name or email} for p, name, email in rows]


def _page(form: PublishForm, **context):
    return render_template(
        "courses/publishing.html", form=form, history=_history(),
        courses_dir=current_app.config["SETTINGS"].courses_dir, **context,
    )


@bp.get("/")
@roles_required("admin")
def index():
    """The publication history and the publish form."""
    return _page(PublishForm())


@bp.post("/")
@roles_required("admin")
def run():
    """Run a dry run (shown at once) or a real publication (then shown on its own page)."""
    form = PublishForm()
    if not form.validate_on_submit():
        abort(400)
    dry_run = not form.publish.data
    try:
        result = publish(get_session(), current_app.config["SETTINGS"].courses_dir,
                         user_id=current_user.id, source="web", dry_run=dry_run)
    except AssetChangedError:
        flash(_("A course file changed while publishing; nothing was written. Try again."),
              "error")
        return redirect(url_for("publishing.index"))
    if dry_run:
        return _page(form, summary=result.to_json(),
                     diagnostics=sorted_diagnostics(result.diagnostics))
    if result.ok:
        flash(_("Published."), "success")
    else:
        flash(_("Published, except the courses with errors listed below."), "error")
    return redirect(url_for("publishing.detail", publication_id=result.publication_id))


@bp.get("/<int:publication_id>")
@roles_required("admin")
def detail(publication_id: int):
    """One publication: who, when and what changed in each course."""
    publication = get_session().get(Publication, publication_id)
    if publication is None:
        abort(404)
    who = get_session().get(User, publication.published_by_id) if publication.published_by_id \
        else None
    errors = [diagnostic_from_json(d) for d in publication.summary.get("errors", [])]
    return render_template("courses/publication.html", publication=publication, who=who,
                           summary=publication.summary, diagnostics=errors)
