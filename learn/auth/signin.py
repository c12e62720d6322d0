"""Starting a signed-in session, and the short pending state between password and code."""

from __future__ import annotations

import time

from flask import request, session
from flask_login import login_user

from learn.auth import services
from learn.auth.loader import SESSION_TOKEN_KEY
from learn.core.safe_redirect import is_local_path
from learn.db import get_session

PENDING_KEY = "2fa_pending"
PENDING_SECONDS = 300


def _fresh_cookie_session() -> None:
    # Nothing chosen before signing in survives except the language: no fixation.
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language


def sign_in(user) -> None:
    """Replace the whole cookie session with a fresh one bound to a new server session."""
    _fresh_cookie_session()
    token = services.start_session(
        get_session(), user, request.remote_addr, request.headers.get("User-Agent")
    )
    session[SESSION_TOKEN_KEY] = token
    session.setdefault("lang", user.preferred_language)
    session.permanent = True
    login_user(user)


def begin_second_factor(user, next_url: str | None) -> None:
    """Remember, for a few minutes, that this browser passed the password step for the user.

    No server session exists yet: the account is not signed in until the code is accepted.
    """
    _fresh_cookie_session()
    session[PENDING_KEY] = {
        "uid": int(user.id),
        "exp": int(time.time()) + PENDING_SECONDS,
        "next": next_url if is_local_path(next_url) else "",
    }


def pending_user_id() -> int | None:
    """The id of the user waiting for their second factor, unless the wait expired."""
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    uid, expires = pending.get("uid"), pending.get("exp")
    if not isinstance(uid, int) or not isinstance(expires, int) or expires < time.time():
        return None
    return uid


def pending_next() -> str:
    """Where to go once the second factor is accepted."""
    pending = session.get(PENDING_KEY)
    target = pending.get("next", "") if isinstance(pending, dict) else ""
    return target if is_local_path(target) else ""


def clear_pending() -> None:
    """Forget the pending second-factor state."""
    session.pop(PENDING_KEY, None)
