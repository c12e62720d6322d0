"""Flask-Login wiring: a user is signed in only while their server-side session lives."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, current_app, session
from flask_babel import lazy_gettext as _l

from learn.auth import services
from learn.db import get_session
from learn.extensions import login_manager

# The name of a cookie-session key, not a secret.
SESSION_TOKEN_KEY = "sid"  # noqa: S105  # nosec B105


def _load_user(user_id: str):
    token = session.get(SESSION_TOKEN_KEY)
    if not token:
        return None
    settings = current_app.config["SETTINGS"]
    user = services.session_user(
        get_session(),
        token,
        idle=timedelta(minutes=settings.session_idle_minutes),
        lifetime=timedelta(hours=settings.session_lifetime_hours),
    )
    if user is None or str(user.id) != user_id:
        session.pop(SESSION_TOKEN_KEY, None)
        return None
    return user


def init_login(app: Flask) -> None:
    """Configure Flask-Login for this app."""
    login_manager.init_app(app)
    login_manager.user_loader(_load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = None
