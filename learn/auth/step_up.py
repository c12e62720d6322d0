"""Step-up checks in views: the current password, and a code when two-factor sign-in is on."""

from __future__ import annotations

from flask import current_app, request
from flask_login import current_user

from learn.audit.services import record as audit
from learn.auth import services, two_factor
from learn.auth.messages import account_message
from learn.auth.totp import KeyRing
from learn.db import get_session
from learn.extensions import limiter

_CODE_ERRORS = ("wrong_code", "code_required")
STEP_UP_PER_ACCOUNT = "20 per hour"


def _step_up_account_key() -> str:
    # Per account, whatever address the guesses come from: a stolen session cookie must not
    # turn into unlimited guesses of the current password from many addresses.
    return f"step-up:{current_user.get_id() or '-'}"


def _refused(response) -> bool:
    return response.status_code == 400


# Failed step-ups (400) of one account, counted together on every page that asks for one.
step_up_limit = limiter.shared_limit(
    STEP_UP_PER_ACCOUNT, scope="step-up-account", key_func=_step_up_account_key,
    methods=["POST"], deduct_when=_refused,
)


def current_key_ring() -> KeyRing:
    """The TOTP key ring of the running app."""
    return two_factor.key_ring(current_app.config["SETTINGS"])


def record_failed_check(action: str, user=None) -> None:
    """Audit a refused security check now: the error response rolls its transaction back."""
    db = get_session()
    audit(db, action, actor=user or current_user, ip_address=request.remote_addr)
    db.commit()


def passes_step_up(form) -> bool:
    """Check form.current (password) and form.code for the signed-in user; errors go on them."""
    try:
        two_factor.step_up(
            get_session(), current_user, current_key_ring(), form.current.data, form.code.data
        )
    except services.AccountError as error:
        field = form.code if error.code in _CODE_ERRORS else form.current
        field.errors = [*field.errors, account_message(error.code)]
        if error.code != "code_required":
            record_failed_check("auth.step_up_failed")
        return False
    return True
