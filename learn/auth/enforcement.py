"""Policy: staff who must use two-factor sign-in are sent to set it up before anything else."""

from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from learn.auth import two_factor
from learn.auth.blueprint import bp
from learn.db import get_session

# Account pages (including setting up 2FA and signing out), privacy pages, static files and
# the language switch stay reachable; every other page waits for the enrolment.
_OPEN_BLUEPRINTS = frozenset({"auth", "privacy"})
_OPEN_ENDPOINTS = frozenset({"static", "core.set_language", "core.healthz"})


@bp.before_app_request
def require_two_factor_for_staff():
    """Redirect staff without two-factor sign-in to its set-up page when policy requires it."""
    settings = current_app.config["SETTINGS"]
    if not settings.staff_must_use_2fa:
        return None
    if request.blueprint in _OPEN_BLUEPRINTS or request.endpoint in _OPEN_ENDPOINTS:
        return None
    if request.endpoint is None or not current_user.is_authenticated:
        return None
    if not two_factor.needs_enrolment(get_session(), current_user, required_for_staff=True):
        return None
    flash(_("Your role requires two-factor sign-in. Please set it up to continue."), "info")
    return redirect(url_for("auth.two_factor_page"), code=303)
