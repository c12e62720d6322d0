"""Sign in, sign out, registration, activation, account page and privacy notice."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from learn.audit.services import record as audit
from learn.auth import services, two_factor
from learn.auth.blueprint import bp
from learn.auth.forms import (
    ChangePasswordForm,
    EmptyForm,
    LoginForm,
    RegisterForm,
    SetPasswordForm,
)
from learn.auth.loader import SESSION_TOKEN_KEY
from learn.auth.messages import account_message
from learn.auth.privacy import PRIVACY_NOTICE_VERSION, notice_template
from learn.auth.signin import begin_second_factor, sign_in
from learn.auth.step_up import passes_step_up, step_up_limit
from learn.auth.tokens import token_hash
from learn.core.i18n import current_language
from learn.core.safe_redirect import safe_next
from learn.core.text import fold
from learn.db import get_session
from learn.extensions import limiter

__all__ = ["bp"]

LOGIN_FAILED = "login_failed"


def _after_password(user, next_url: str | None):
    """Sign in, or ask for the second factor first when the account has it on."""
    if two_factor.is_enabled(get_session(), user.id):
        begin_second_factor(user, next_url)
        return redirect(url_for("auth.login_2fa"))
    sign_in(user)
    audit(get_session(), "auth.login", actor=user, ip_address=request.remote_addr)
    return redirect(safe_next(next_url))


def _login_account_key() -> str:
    return "login-account:" + fold(request.form.get("email", ""))[:254]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"])
@limiter.limit("20 per hour", methods=["POST"], key_func=_login_account_key)
def login():
    """The sign-in page."""
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        user = services.authenticate(get_session(), form.email.data, form.password.data)
        if user is not None:
            return _after_password(user, form.next.data)
        audit(
            get_session(), "auth.login_failed", target=form.email.data or "",
            ip_address=request.remote_addr,
        )
        flash(_("The email or password is not correct."), "error")
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    """End the session on the server and in the browser."""
    if EmptyForm().validate_on_submit():
        if current_user.is_authenticated:
            audit(get_session(), "auth.logout", actor=current_user, ip_address=request.remote_addr)
        token = session.get(SESSION_TOKEN_KEY)
        if token:
            services.end_session(get_session(), token)
        language = session.get("lang")
        logout_user()
        session.clear()
        if language:
            session["lang"] = language
        flash(_("You have signed out."), "info")
        return redirect(url_for("core.home"))
    abort(400)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("5 per minute; 30 per hour", methods=["POST"])
def register():
    """A citizen creates an account, after reading the privacy notice."""
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register_citizen(
                get_session(),
                form.email.data,
                form.full_name.data,
                form.password.data,
                notice_version=PRIVACY_NOTICE_VERSION,
                language=current_language(),
            )
        except services.AccountError as error:
            target = form.password if error.code.startswith("password") else form.email
            target.errors = [*target.errors, account_message(error.code)]
        else:
            sign_in(user)
            audit(get_session(), "auth.register", actor=user, ip_address=request.remote_addr)
            flash(_("Welcome! Your account has been created."), "success")
            return redirect(url_for("core.home"))
    return render_template(
        "auth/register.html",
        form=form,
        notice=notice_template(current_language()),
        notice_version=PRIVACY_NOTICE_VERSION,
    )


@bp.get("/privacy")
def privacy():
    """The current privacy notice."""
    return render_template(
        "auth/privacy.html",
        notice=notice_template(current_language()),
        notice_version=PRIVACY_NOTICE_VERSION,
    )


@bp.route("/activate/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def activate(token: str):
    """Choose a password through a one-time activation link."""
    if services.find_activation(get_session(), token) is None:
        return render_template("auth/activate.html", form=None), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.activate(get_session(), token, form.password.data)
        except services.AccountError as error:
            form.password.errors = [*form.password.errors, account_message(error.code)]
        else:
            flash(_("Your password is set. Welcome!"), "success")
            return _after_password(user, None)
    return render_template("auth/activate.html", form=form)


@bp.get("/account")
@login_required
def account():
    """The signed-in user's account page."""
    return _account_page(ChangePasswordForm())


def _account_page(form: ChangePasswordForm):
    db = get_session()
    current_token = session.get(SESSION_TOKEN_KEY)
    return render_template(
        "auth/account.html",
        form=form,
        sessions=services.active_sessions(db, current_user.id),
        current_hash=token_hash(current_token) if current_token else "",
        end_form=EmptyForm(),
        two_factor_on=two_factor.is_enabled(db, current_user.id),
        consents=services.consents_of(db, current_user.id),
    )


@bp.post("/account/password")
@login_required
@limiter.limit("10 per minute; 30 per hour", methods=["POST"])
@step_up_limit
def change_password():
    """Change the password after a step-up; every other session of the user ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit() and passes_step_up(form):
        db = get_session()
        try:
            services.change_password(
                db,
                current_user,
                form.current.data,
                form.password.data,
                keep_token=session.get(SESSION_TOKEN_KEY),
            )
        except services.AccountError as error:
            form.password.errors = [*form.password.errors, account_message(error.code)]
        else:
            audit(db, "auth.password_change", actor=current_user, ip_address=request.remote_addr)
            flash(
                _("Your password has been changed. Your other sessions were signed out."),
                "success",
            )
            return redirect(url_for("auth.account"))
    return _account_page(form), 400


# The other pages of the blueprint live in their own modules; importing them adds the routes.
from learn.auth import denied, enforcement, session_views, two_factor_views  # noqa: E402, F401
