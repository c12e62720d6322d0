"""Personal data pages: download everything held about me, delete my account."""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from learn.audit.services import record as audit
from learn.auth import two_factor
from learn.auth.step_up import passes_step_up, step_up_limit
from learn.core.headers import mark_private
from learn.db import get_session, utcnow
from learn.extensions import limiter
from learn.privacy import erasure
from learn.privacy.export import personal_data
from learn.privacy.forms import DeleteAccountForm

bp = Blueprint("privacy", __name__, template_folder="templates")


@bp.get("/account/data.json")
@login_required
@limiter.limit("10 per minute; 60 per hour")
def export_data():
    """Everything the system holds about the signed-in user, as a JSON download."""
    db = get_session()
    data = personal_data(db, current_user)
    audit(db, "privacy.export", actor=current_user, ip_address=request.remote_addr)
    mark_private()
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    filename = f"learn-my-data-{utcnow():%Y%m%d}.json"
    return Response(
        body + "\n",
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
@limiter.limit("5 per minute; 20 per hour", methods=["POST"])
@step_up_limit
def delete_account():
    """A citizen deletes their own account after a step-up."""
    allowed = erasure.can_self_delete(current_user)
    form = DeleteAccountForm()
    if request.method == "POST":
        if not allowed:
            abort(403)
        if form.validate_on_submit() and passes_step_up(form):
            return _erase(form.keep_certificate_names.data)
    status = 400 if form.errors else 200
    return render_template(
        "privacy/delete.html",
        form=form,
        allowed=allowed,
        two_factor_on=two_factor.is_enabled(get_session(), current_user.id),
    ), status


def _erase(keep_certificate_names: bool):
    db = get_session()
    user = current_user._get_current_object()
    counts = erasure.delete_account(db, user, keep_certificate_names=keep_certificate_names)
    audit(
        db, "privacy.account_deleted", actor=user, ip_address=request.remote_addr,
        details={"kept_certificate_names": keep_certificate_names, **counts},
    )
    language = session.get("lang")
    logout_user()
    session.clear()
    if language:
        session["lang"] = language
    flash(_("Your account has been deleted. Thank you for learning with us."), "success")
    return redirect(url_for("core.home"))
