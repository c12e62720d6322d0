"""The web shell: home page, health check, language switch."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
)
from flask_login import current_user

from learn.auth import services as accounts
from learn.core import navigation
from learn.core.i18n import LANGUAGES
from learn.core.input_guard import has_nul
from learn.core.safe_redirect import safe_next
from learn.core.services import database_ok
from learn.db import engine_for, get_session

bp = Blueprint("core", __name__, template_folder="templates")


@bp.app_context_processor
def _shell_context() -> dict:
    settings = current_app.config["SETTINGS"]
    return {
        "site_name": settings.site_name,
        "org_name": settings.org_name,
        "nav_items": lambda: navigation.nav_items(current_app),
    }


@bp.before_app_request
def _refuse_nul_characters():
    if has_nul(request):
        abort(400)


@bp.get("/")
def home():
    """The landing page."""
    return render_template("core/home.html")


@bp.get("/healthz")
def healthz():
    """Liveness and database reachability, for load balancers and monitoring."""
    if database_ok(engine_for(current_app)):
        return jsonify(status="ok", database="ok")
    return jsonify(status="error", database="unreachable"), 503


@bp.post("/language")
def set_language():
    """Remember the chosen language (and store it on the account when signed in)."""
    language = request.form.get("lang", "")
    if language in LANGUAGES:
        session["lang"] = language
        if current_user.is_authenticated:
            accounts.set_language(get_session(), current_user, language)
    return redirect(safe_next(request.form.get("next")))
