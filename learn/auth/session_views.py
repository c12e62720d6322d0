"""Ending one's own other sessions from the account page."""

from __future__ import annotations

from flask import abort, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from learn.audit.services import record as audit
from learn.auth import services
from learn.auth.blueprint import bp
from learn.auth.forms import EmptyForm
from learn.auth.loader import SESSION_TOKEN_KEY
from learn.auth.tokens import token_hash
from learn.db import get_session


def _current_session_id() -> int | None:
    token = session.get(SESSION_TOKEN_KEY)
    if not token:
        return None
    wanted = token_hash(token)
    for row in services.active_sessions(get_session(), current_user.id):
        if row.token_hash == wanted:
            return row.id
    return None


@bp.post("/account/sessions/<int:session_id>/end")
@login_required
def end_session(session_id: int):
    """End one other session of the signed-in user (sign out there)."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    if session_id == _current_session_id():
        # Ending this very session is signing out, which has its own button.
        abort(400)
    if not services.end_other_session(get_session(), current_user.id, session_id):
        abort(404)
    audit(
        get_session(), "auth.session_end", actor=current_user, ip_address=request.remote_addr,
        details={"session_id": session_id},
    )
    flash(_("That session has been signed out."), "success")
    return redirect(url_for("auth.account"))


@bp.post("/account/sessions/end-others")
@login_required
def end_other_sessions():
    """End every session of the signed-in user except this one."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    ended = services.end_all_sessions(
        get_session(), current_user.id, keep_token=session.get(SESSION_TOKEN_KEY)
    )
    audit(
        get_session(), "auth.sessions_end_others", actor=current_user,
        ip_address=request.remote_addr, details={"ended": ended},
    )
    flash(_("Your other sessions have been signed out."), "success")
    return redirect(url_for("auth.account"))
