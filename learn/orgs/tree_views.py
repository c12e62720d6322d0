"""/admin/orgs: browse the tree; administrators create, rename, move and deactivate units."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from learn.audit.services import record as audit
from learn.auth.access import roles_required
from learn.db import get_session
from learn.orgs import tree
from learn.orgs.access import current_scope, is_admin, optional_unit_in_scope, unit_in_scope_or_404
from learn.orgs.choices import TOP_LEVEL, unit_choices
from learn.orgs.errors import OrgError
from learn.orgs.forms import ActionForm, MoveForm, UnitEditForm, UnitForm
from learn.orgs.messages import error_text
from learn.orgs.models import OrgMembership
from learn.orgs.views import bp


def _audit(action: str, unit, **details) -> None:
    audit(get_session(), action, actor=current_user, target=f"org_unit:{unit.id} {unit.code}",
          ip_address=request.remote_addr, details=details)


@bp.get("/admin/orgs", endpoint="tree")
@roles_required("admin", "manager")
def tree_page():
    """The tree (managers: their subtrees, read-only), with people counts."""
    forest = tree.tree_for(get_session(), current_scope())
    return render_template("orgs/tree.html", forest=forest, can_edit=is_admin())


@bp.route("/admin/orgs/new", methods=["GET", "POST"])
@roles_required("admin")
def new_unit():
    """Create a unit."""
    session = get_session()
    form = UnitForm()
    form.parent.choices = unit_choices(session, current_scope(), blank=TOP_LEVEL)
    if request.method == "GET" and request.args.get("parent"):
        form.parent.data = request.args.get("parent")
    if form.validate_on_submit():
        parent = optional_unit_in_scope(session, form.parent.data)
        try:
            unit = tree.create_unit(session, form.code.data, form.name.data, form.kind.data,
                                    parent)
        except OrgError as error:
            target = form.code if error.code in ("invalid_code", "code_taken") else form.parent
            target.errors = [*target.errors, error_text(error)]
        else:
            _audit("orgs.unit_create", unit, name=unit.name, parent=parent.code if parent else "")
            flash(_("Unit created."), "success")
            return redirect(url_for("orgs.unit", unit_id=unit.id))
    return render_template("orgs/unit_new.html", form=form)


def _unit_page(unit, edit_form=None, move_form=None, status=200):
    session = get_session()
    scope = current_scope()
    parent = session.get(type(unit), unit.parent_id) if unit.parent_id else None
    members = session.scalar(
        select(func.count()).select_from(OrgMembership).where(OrgMembership.org_unit_id == unit.id)
    )
    children = [c for c in tree.subtree(session, unit) if c.parent_id == unit.id]
    if is_admin():
        edit_form = edit_form or UnitEditForm(name=unit.name, kind=unit.kind)
        move_form = move_form or MoveForm(parent=str(unit.parent_id or ""))
        move_form.parent.choices = unit_choices(
            session, scope, blank=TOP_LEVEL, exclude_subtree_of=unit
        )
    return render_template(
        "orgs/unit.html", unit=unit, parent=parent if parent and scope.covers_path(parent.path)
        else None, members=members, children=sorted(children, key=lambda c: c.name),
        edit_form=edit_form, move_form=move_form, action_form=ActionForm(),
        can_edit=is_admin(),
    ), status


@bp.get("/admin/orgs/<int:unit_id>")
@roles_required("admin", "manager")
def unit(unit_id: int):
    """One unit: details, sub-units; administrators also get the edit forms."""
    return _unit_page(unit_in_scope_or_404(get_session(), unit_id))


@bp.post("/admin/orgs/<int:unit_id>/edit")
@roles_required("admin")
def edit_unit(unit_id: int):
    """Rename a unit or change its kind."""
    unit = unit_in_scope_or_404(get_session(), unit_id)
    form = UnitEditForm()
    if not form.validate_on_submit():
        return _unit_page(unit, edit_form=form, status=400)
    before = unit.name
    try:
        tree.update_unit(get_session(), unit, name=form.name.data, kind=form.kind.data)
    except OrgError as error:
        form.name.errors = [*form.name.errors, error_text(error)]
        return _unit_page(unit, edit_form=form, status=400)
    _audit("orgs.unit_update", unit, before=before, after=unit.name, kind=unit.kind)
    flash(_("Unit saved."), "success")
    return redirect(url_for("orgs.unit", unit_id=unit.id))


@bp.post("/admin/orgs/<int:unit_id>/move")
@roles_required("admin")
def move_unit(unit_id: int):
    """Move a unit (and its subtree) under another parent."""
    session = get_session()
    unit = unit_in_scope_or_404(session, unit_id)
    form = MoveForm()
    form.parent.choices = unit_choices(session, current_scope(), blank=TOP_LEVEL,
                                       exclude_subtree_of=unit)
    if not form.validate_on_submit():
        return _unit_page(unit, move_form=form, status=400)
    parent = optional_unit_in_scope(session, form.parent.data)
    try:
        tree.move_unit(session, unit, parent)
    except OrgError as error:
        form.parent.errors = [*form.parent.errors, error_text(error)]
        return _unit_page(unit, move_form=form, status=400)
    _audit("orgs.unit_move", unit, parent=parent.code if parent else "")
    flash(_("Unit moved."), "success")
    return redirect(url_for("orgs.unit", unit_id=unit.id))


@bp.post("/admin/orgs/<int:unit_id>/active")
@roles_required("admin")
def set_unit_active(unit_id: int):
    """Deactivate a unit with its sub-units, or reactivate them."""
    session = get_session()
    unit = unit_in_scope_or_404(session, unit_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    active = request.form.get("active") == "1"
    try:
        changed = tree.set_unit_active(session, unit, active)
    except OrgError as error:
        flash(error_text(error), "error")
        return redirect(url_for("orgs.unit", unit_id=unit.id))
    _audit("orgs.unit_activate" if active else "orgs.unit_deactivate", unit, units=changed)
    flash(_("Unit reactivated.") if active else _("Unit deactivated with its sub-units."),
          "success")
    return redirect(url_for("orgs.unit", unit_id=unit.id))
