"""Two-factor pages: the second sign-in step, enrolment, recovery codes, turning it off."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import Session

from learn.audit.services import record as audit
from learn.auth import services, two_factor
from learn.auth.blueprint import bp
from learn.auth.forms import EmptyForm, SecondFactorForm, StepUpForm
from learn.auth.messages import account_message
from learn.auth.models import User
from learn.auth.signin import PENDING_KEY, clear_pending, pending_next, pending_user_id, sign_in
from learn.auth.step_up import current_key_ring, passes_step_up, step_up_limit
from learn.auth.totp import grouped, provisioning_uri
from learn.core.qr import qr_svg
from learn.core.safe_redirect import safe_next
from learn.db import get_session
from learn.extensions import limiter


def _pending_account_key() -> str:
    # Counted per account under attack, whichever addresses the guesses come from.
    return f"login-2fa:{pending_user_id() or 'none'}"


@bp.route("/login/2fa", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"])
@limiter.limit(
    "5 per minute; 20 per hour; 50 per day", methods=["POST"], key_func=_pending_account_key
)
def login_2fa():
    """The second sign-in step: a code from the authenticator app, or a recovery code."""
    db = get_session()
    user_id = pending_user_id()
    user = db.get(User, user_id) if user_id is not None else None
    if user is None or not user.is_active:
        if PENDING_KEY in session:
            clear_pending()
            flash(_("Your sign-in took too long. Please sign in again."), "info")
        return redirect(url_for("auth.login"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        method = two_factor.verify_second_factor(db, user.id, current_key_ring(), form.code.data)
        if method is not None:
            target = pending_next()
            sign_in(user)
            audit(
                db, "auth.login", actor=user, ip_address=request.remote_addr,
                details={"second_factor": method},
            )
            if method == "recovery":
                left = two_factor.recovery_codes_left(db, user.id)
                flash(
                    _("You signed in with a recovery code. %(n)d codes are left.", n=left),
                    "info",
                )
            return redirect(safe_next(target))
        audit(db, "auth.2fa_failed", actor=user, ip_address=request.remote_addr)
        form.code.errors = [*form.code.errors, account_message("wrong_code")]
    return render_template("auth/login_2fa.html", form=form)


def _enrolment_page(form: SecondFactorForm | None = None, status: int = 200):
    db = get_session()
    credential = two_factor.credential_of(db, current_user.id)
    context: dict = {"credential": credential, "start_form": EmptyForm()}
    if credential is not None and credential.confirmed_at is None:
        seed = two_factor.seed_of(credential, current_key_ring())
        if seed is not None:
            issuer = current_app.config["SETTINGS"].site_name
            uri = provisioning_uri(seed, current_user.email, issuer)
            context.update(
                seed=grouped(seed),
                qr=qr_svg(uri, _("QR code to scan with your authenticator app"), scale=5),
                confirm_form=form or SecondFactorForm(),
            )
    elif credential is not None:
        context.update(
            codes_left=two_factor.recovery_codes_left(db, current_user.id),
            step_up_form=StepUpForm(),
        )
    return render_template("auth/two_factor.html", **context), status


@bp.get("/account/2fa")
@login_required
def two_factor_page():
    """Two-factor sign-in: its state and what can be done from there."""
    return _enrolment_page()


@bp.post("/account/2fa/start")
@login_required
def two_factor_start():
    """Begin (or restart) enrolling an authenticator app: a new secret is made."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        two_factor.start_enrolment(get_session(), current_user, current_key_ring())
    except services.AccountError:
        flash(account_message("two_factor_already_enabled"), "info")
    return redirect(url_for("auth.two_factor_page"))


@bp.post("/account/2fa/confirm")
@login_required
@limiter.limit("10 per minute; 30 per hour", methods=["POST"])
def two_factor_confirm():
    """Turn two-factor sign-in on with a first code; the recovery codes are shown once."""
    form = SecondFactorForm()
    if not form.validate_on_submit():
        return _enrolment_page(form, 400)
    db = get_session()
    try:
        codes = two_factor.confirm_enrolment(
            db, current_user, current_key_ring(), form.code.data
        )
    except services.AccountError as error:
        if error.code == "two_factor_already_enabled":
            return redirect(url_for("auth.two_factor_page"))
        form.code.errors = [*form.code.errors, account_message(error.code)]
        return _enrolment_page(form, 400)
    audit(db, "auth.2fa_enabled", actor=current_user, ip_address=request.remote_addr)
    return render_template("auth/recovery_codes.html", codes=codes, first_time=True)


@bp.post("/account/2fa/recovery-codes")
@login_required
@limiter.limit("10 per minute; 30 per hour", methods=["POST"])
@step_up_limit
def recovery_codes_regenerate():
    """New recovery codes after a step-up; the old ones stop working."""
    return _after_step_up(_new_recovery_codes)


@bp.post("/account/2fa/disable")
@login_required
@limiter.limit("10 per minute; 30 per hour", methods=["POST"])
@step_up_limit
def two_factor_disable():
    """Turn two-factor sign-in off after a step-up."""
    return _after_step_up(_turn_off)


def _new_recovery_codes(db: Session) -> ResponseReturnValue:
    codes = two_factor.replace_recovery_codes(db, current_user.id)
    audit(db, "auth.recovery_codes_new", actor=current_user, ip_address=request.remote_addr)
    return render_template("auth/recovery_codes.html", codes=codes, first_time=False)


def _turn_off(db: Session) -> ResponseReturnValue:
    two_factor.disable(db, current_user.id)
    audit(db, "auth.2fa_disabled", actor=current_user, ip_address=request.remote_addr)
    flash(_("Two-factor sign-in is now off."), "success")
    return redirect(url_for("auth.two_factor_page"))


def _after_step_up(change: Callable[[Session], ResponseReturnValue]) -> ResponseReturnValue:
    """Make a change to two-factor sign-in once it is on and the step-up form passes."""
    form = StepUpForm()
    db = get_session()
    if not two_factor.is_enabled(db, current_user.id):
        return redirect(url_for("auth.two_factor_page"))
    if not (form.validate_on_submit() and passes_step_up(form)):
        return _step_up_failed(db, form)
    return change(db)


def _step_up_failed(db: Session, form: StepUpForm) -> ResponseReturnValue:
    return render_template(
        "auth/two_factor.html",
        credential=two_factor.credential_of(db, current_user.id),
        codes_left=two_factor.recovery_codes_left(db, current_user.id),
        step_up_form=form,
        start_form=EmptyForm(),
    ), 400
