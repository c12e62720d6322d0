"""/admin/assignments: courses assigned to units' subtrees with due dates."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from learn.audit.services import record as audit
from learn.auth.access import roles_required
from learn.core.localtime import local_today
from learn.courses.models import Course
from learn.db import get_session
from learn.orgs import assignment_admin
from learn.orgs.access import current_scope, unit_in_scope_or_404
from learn.orgs.choices import options, unit_choices
from learn.orgs.errors import OrgError
from learn.orgs.forms import ActionForm, AssignmentForm
from learn.orgs.messages import error_text
from learn.orgs.views import bp


def _form() -> AssignmentForm:
    session = get_session()
    form = AssignmentForm()
    form.course.choices = options(
        (c.id, c.title) for c in assignment_admin.assignable_courses(session)
    )
    form.unit.choices = unit_choices(session, current_scope())
    return form


def _page(form: AssignmentForm, status: int = 200):
    session = get_session()
    scope = current_scope()
    own = assignment_admin.assignments_in_scope(session, scope)
    above = assignment_admin.assignments_from_above(session, scope)
    today = local_today()
    counts = assignment_admin.assignment_counts(
        session, scope, [r.assignment.id for r in own + above], today
    )
    return render_template(
        "orgs/assignments.html", form=form, own=own, above=above, counts=counts,
        today=today, action_form=ActionForm(), empty=assignment_admin.AssignmentCounts(),
    ), status


@bp.get("/admin/assignments", endpoint="assignments")
@roles_required("admin", "manager")
def assignments_page():
    """The assignments of the viewer's units, and those from above that cover them."""
    return _page(_form())


@bp.post("/admin/assignments")
@roles_required("admin", "manager")
def create_assignment():
    """Assign a course to a unit's subtree, optionally to officials or specialists only."""
    session = get_session()
    form = _form()
    if not form.validate_on_submit():
        return _page(form, 400)
    unit = unit_in_scope_or_404(session, form.unit.data)
    course = session.get(Course, int(form.course.data))
    try:
        row = assignment_admin.create_assignment(
            session, current_scope(), course=course, unit=unit, audience=form.audience.data,
            due_date=form.due_date.data, created_by_id=current_user.id,
        )
    except OrgError as error:
        form.unit.errors = [*form.unit.errors, error_text(error)]
        return _page(form, 400)
    audit(session, "assignments.create", actor=current_user,
          target=f"assignment:{row.id}", ip_address=request.remote_addr,
          details={"course": course.slug, "unit": unit.code, "audience": row.audience,
                   "due_date": row.due_date.isoformat() if row.due_date else None})
    flash(_("Course assigned."), "success")
    return redirect(url_for("orgs.assignments"))


@bp.post("/admin/assignments/<int:assignment_id>/active")
@roles_required("admin", "manager")
def set_assignment_active(assignment_id: int):
    """Deactivate (or reactivate) an assignment on one of the viewer's units."""
    session = get_session()
    row = assignment_admin.find_assignment(session, current_scope(), assignment_id)
    if row is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    active = request.form.get("active") == "1"
    assignment_admin.set_assignment_active(session, current_scope(), row, active)
    audit(session, "assignments.activate" if active else "assignments.deactivate",
          actor=current_user, target=f"assignment:{row.id}", ip_address=request.remote_addr)
    flash(_("Assignment reactivated.") if active else _("Assignment deactivated."), "success")
    return redirect(url_for("orgs.assignments"))
