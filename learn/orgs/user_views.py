"""/admin/users: list, search, create, edit, deactivate; roles and manager scopes (admins)."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields import SelectChoice

from learn.audit.services import record as audit
from learn.auth import services as accounts
from learn.auth.access import roles_required
from learn.auth.models import ROLES, User
from learn.core.headers import mark_private
from learn.db import get_session
from learn.orgs import manager_scopes, people
from learn.orgs.access import current_scope, is_admin, optional_unit_in_scope, unit_in_scope_or_404
from learn.orgs.choices import ANY_UNIT, NO_UNIT, unit_choices
from learn.orgs.errors import OrgError
from learn.orgs.forms import ActionForm, PeopleFilterForm, PersonForm, RolesForm, ScopeForm
from learn.orgs.messages import error_text
from learn.orgs.people_query import PeopleFilter, list_people
from learn.orgs.views import bp


def _audit(action: str, user: User, **details) -> None:
    audit(get_session(), action, actor=current_user, target=f"user:{user.id} {user.email}",
          ip_address=request.remote_addr, details=details)


def _person_or_404(user_id: int) -> User:
    """A person the viewer may see; 404 for anyone else (no hint that they exist)."""
    session = get_session()
    user = session.get(User, user_id)
    if user is None or not people.may_see(session, current_scope(), user):
        abort(404)
    return user


def _manageable_or_403(user_id: int) -> User:
    user = _person_or_404(user_id)
    if not people.may_manage(get_session(), current_scope(), user):
        abort(403)
    return user


def _activation_url(token: str) -> str:
    return f"{current_app.config['SETTINGS'].base_url}/activate/{token}"


@bp.get("/admin/users", endpoint="users")
@roles_required("admin", "manager")
def users_list():
    """People in the viewer's scope: search without accents, filters, pages."""
    session = get_session()
    scope = current_scope()
    form = PeopleFilterForm(request.args)
    form.unit.choices = unit_choices(session, scope, blank=ANY_UNIT, active_only=False)
    unit = optional_unit_in_scope(session, form.cleaned("unit"))
    active = {"yes": True, "no": False}.get(form.cleaned("active"))
    query = (form.q.data or "")[:200]
    page = request.args.get("page", 1, type=int) or 1
    result = list_people(
        session, scope,
        PeopleFilter(query=query, unit=unit, role=form.cleaned("role"),
                     kind=form.cleaned("kind"), active=active),
        page=page,
    )
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    mark_private()
    return render_template("orgs/users.html", form=form, result=result, args=args)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@roles_required("admin", "manager")
def new_user():
    """Create a person; their one-time activation link is shown once (nothing is mailed)."""
    session = get_session()
    scope = current_scope()
    form = PersonForm()
    form.email.flags.required = True
    form.unit.choices = unit_choices(session, scope, blank=NO_UNIT if scope.everything else None)
    if form.validate_on_submit():
        details, error = _details_from(form)
        if error is None and not form.email.data:
            error = OrgError("invalid_email", "")
        if error is None:
            try:
                user, token = people.create_person(session, scope, form.email.data, details)
            except OrgError as failure:
                error = failure
            else:
                _audit("users.create", user, unit=details.unit.code if details.unit else "")
                mark_private()
                return render_template("orgs/user_created.html", user=user,
                                       link=_activation_url(token),
                                       hours=accounts.ACTIVATION_HOURS)
        _attach(form, error)
    return render_template("orgs/user_new.html", form=form)


def _details_from(form: PersonForm) -> tuple[people.PersonDetails | None, OrgError | None]:
    try:
        unit = optional_unit_in_scope(get_session(), form.unit.data)
        details = people.PersonDetails(
            people.clean_person_name(form.full_name.data), form.kind.data, unit,
            people.clean_position(form.position.data), bool(form.is_dx_specialist.data),
        )
        people.check_details(details)
    except OrgError as error:
        return None, error
    return details, None


_ERROR_FIELDS = {
    "invalid_email": "email", "email_taken": "email", "invalid_user_name": "full_name",
    "invalid_name": "full_name", "position_too_long": "position",
    "specialist_needs_official": "is_dx_specialist", "specialist_needs_unit": "is_dx_specialist",
    "unknown_kind": "kind", "invalid_kind": "kind",
}


def _attach(form: PersonForm, error: OrgError) -> None:
    target = getattr(form, _ERROR_FIELDS.get(error.code, "unit"))
    target.errors = [*target.errors, error_text(error)]


def _edit_page(user: User, form: PersonForm | None = None, status: int = 200):
    session = get_session()
    scope = current_scope()
    membership = people.membership_of(session, user.id)
    unit = people.unit_of(session, user.id)
    manageable = people.may_manage(session, scope, user)
    if form is None and manageable:
        form = PersonForm(
            full_name=user.full_name, kind=user.kind, unit=str(unit.id) if unit else "",
            position=membership.position if membership else "",
            is_dx_specialist=bool(membership and membership.is_dx_specialist),
        )
    if form is not None:
        form.unit.choices = unit_choices(session, scope,
                                         blank=NO_UNIT if scope.everything else None)
        if unit is not None and not unit.is_active:
            form.unit.choices.append(SelectChoice(str(unit.id), unit.name))
    roles_form = scope_form = None
    scopes = []
    if is_admin():
        roles_form = RolesForm(roles=sorted(user.roles - {"learner"}))
        scope_form = ScopeForm()
        scope_form.unit.choices = unit_choices(session, scope)
        scopes = manager_scopes.scope_units(session, user.id)
    mark_private()
    return render_template(
        "orgs/user_edit.html", person=user, unit=unit, membership=membership, form=form,
        manageable=manageable, roles_form=roles_form, scope_form=scope_form, scopes=scopes,
        action_form=ActionForm(),
    ), status


@bp.get("/admin/users/<int:user_id>")
@roles_required("admin", "manager")
def user(user_id: int):
    """A person's page (edit forms when the viewer may change them)."""
    return _edit_page(_person_or_404(user_id))


@bp.post("/admin/users/<int:user_id>")
@roles_required("admin", "manager")
def edit_user(user_id: int):
    """Save a person's name, kind, unit, position and specialist flag."""
    user = _manageable_or_403(user_id)
    form = PersonForm()
    form.unit.choices = unit_choices(get_session(), current_scope(),
                                     blank=NO_UNIT if current_scope().everything else None)
    if not form.validate_on_submit():
        return _edit_page(user, form, 400)
    details, error = _details_from(form)
    if error is None:
        try:
            people.update_person(get_session(), current_scope(), user, details)
        except OrgError as failure:
            error = failure
    if error is not None:
        _attach(form, error)
        return _edit_page(user, form, 400)
    _audit("users.update", user, unit=details.unit.code if details.unit else "",
           kind=details.kind, specialist=details.is_dx_specialist)
    flash(_("Saved."), "success")
    return redirect(url_for("orgs.user", user_id=user.id))


@bp.post("/admin/users/<int:user_id>/active")
@roles_required("admin", "manager")
def set_user_active(user_id: int):
    """Deactivate (their sessions end at once) or reactivate a person."""
    user = _manageable_or_403(user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    active = request.form.get("active") == "1"
    try:
        people.set_person_active(get_session(), current_scope(), current_user, user, active)
    except OrgError as error:
        flash(error_text(error), "error")
    else:
        _audit("users.activate" if active else "users.deactivate", user)
        flash(_("Account reactivated.") if active else
              _("Account deactivated; its sessions have ended."), "success")
    return redirect(url_for("orgs.user", user_id=user.id))


@bp.post("/admin/users/<int:user_id>/activation")
@roles_required("admin", "manager")
def new_activation(user_id: int):
    """A fresh one-time activation link for an account that has no password yet."""
    user = _manageable_or_403(user_id)
    if not ActionForm().validate_on_submit() or user.password_hash is not None:
        abort(400)
    token = accounts.issue_activation(get_session(), user)
    _audit("users.activation_link", user)
    mark_private()
    return render_template("orgs/user_created.html", user=user, link=_activation_url(token),
                           hours=accounts.ACTIVATION_HOURS, again=True)


@bp.post("/admin/users/<int:user_id>/roles")
@roles_required("admin")
def set_user_roles(user_id: int):
    """Administrators: change a person's roles."""
    user = _person_or_404(user_id)
    form = RolesForm()
    if not form.validate_on_submit():
        abort(400)
    wanted = {r for r in form.roles.data or () if r in ROLES}
    try:
        before = people.set_person_roles(get_session(), current_user, user, wanted)
    except OrgError as error:
        flash(error_text(error), "error")
    else:
        _audit("users.role_change", user, before=sorted(before), after=sorted(user.roles))
        flash(_("Roles saved."), "success")
    return redirect(url_for("orgs.user", user_id=user.id))


@bp.post("/admin/users/<int:user_id>/scopes")
@roles_required("admin")
def add_user_scope(user_id: int):
    """Administrators: let a manager oversee one more unit's subtree."""
    session = get_session()
    user = _person_or_404(user_id)
    form = ScopeForm()
    form.unit.choices = unit_choices(session, current_scope())
    if not form.validate_on_submit():
        abort(400)
    unit = unit_in_scope_or_404(session, form.unit.data)
    if manager_scopes.add_scope(session, user, unit):
        _audit("users.scope_add", user, unit=unit.code)
        flash(_("Scope added."), "success")
    if not user.has_role("manager"):
        flash(_("This person is not a manager yet: give them the manager role for the scope "
                "to take effect."), "info")
    return redirect(url_for("orgs.user", user_id=user.id))


@bp.post("/admin/users/<int:user_id>/scopes/<int:unit_id>/remove")
@roles_required("admin")
def remove_user_scope(user_id: int, unit_id: int):
    """Administrators: take a unit's subtree away from a manager."""
    user = _person_or_404(user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if not manager_scopes.remove_scope(get_session(), user, unit_id):
        abort(404)
    _audit("users.scope_remove", user, unit_id=unit_id)
    flash(_("Scope removed."), "success")
    return redirect(url_for("orgs.user", user_id=user.id))

