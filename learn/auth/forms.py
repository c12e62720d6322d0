"""Forms for signing in (both steps), registering, activating and account security."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from learn.auth.passwords import MAX_LENGTH, MIN_LENGTH

_password_length = Length(
    min=MIN_LENGTH,
    max=MAX_LENGTH,
    message=_l("Use between %(min)d and %(max)d characters.", min=MIN_LENGTH, max=MAX_LENGTH),
)


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)])
    next = HiddenField()


class RegisterForm(FlaskForm):
    """A citizen's self-registration with explicit consent to the privacy notice."""

    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), _password_length])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )
    consent = BooleanField(
        _l("I have read the privacy notice and agree to the processing of my personal data."),
        validators=[DataRequired(message=_l("Registration needs your consent."))],
    )


class SetPasswordForm(FlaskForm):
    """Choosing a password through an activation link."""

    password = PasswordField(_l("New password"), validators=[DataRequired(), _password_length])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


_CODE_MAX = 40


def _code_field(required: bool) -> StringField:
    validators = [DataRequired()] if required else [Optional()]
    return StringField(
        _l("Authentication code"), validators=[*validators, Length(max=_CODE_MAX)]
    )


class ChangePasswordForm(SetPasswordForm):
    """Changing a password: the current one, and a code when two-factor sign-in is on."""

    current = PasswordField(
        _l("Current password"), validators=[DataRequired(), Length(max=MAX_LENGTH)]
    )
    code = _code_field(required=False)


class SecondFactorForm(FlaskForm):
    """The second sign-in step: a code from the authenticator app or a recovery code."""

    code = _code_field(required=True)


class StepUpForm(FlaskForm):
    """Confirming a sensitive change: the current password, and a code when 2FA is on."""

    current = PasswordField(
        _l("Current password"), validators=[DataRequired(), Length(max=MAX_LENGTH)]
    )
    code = _code_field(required=False)


class EmptyForm(FlaskForm):
    """A form with only its CSRF token, for POST buttons such as sign out."""
