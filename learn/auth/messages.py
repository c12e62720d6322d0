"""Translated messages for the account error codes raised by the services."""

from flask_babel import lazy_gettext as _l

from learn.auth.passwords import MAX_LENGTH, MIN_LENGTH

ACCOUNT_MESSAGES = {
    "invalid_email": _l("Enter a valid email address."),
    "invalid_name": _l("Enter your full name."),
    "invalid_kind": _l("Unknown kind of user."),
    "invalid_role": _l("Unknown role."),
    "email_taken": _l("An account with this email already exists. Sign in or reset your password."),
    "password_too_short": _l("The password must have at least %(n)d characters.", n=MIN_LENGTH),
    "password_too_long": _l("The password may have at most %(n)d characters.", n=MAX_LENGTH),
    "password_too_weak": _l(
        "This password is too easy to guess. A passphrase of several unrelated words is strong "
        "and easy to remember."
    ),
    "password_personal": _l("The password must not contain your name or email."),
    "wrong_current_password": _l("The current password is not correct."),
    "invalid_token": _l("This link is invalid, has expired or has already been used."),
    "wrong_code": _l(
        "This code is not correct, has expired or has already been used. Wait for the next "
        "code in your app, or use one of your recovery codes."
    ),
    "code_required": _l("Enter a code from your authenticator app or a recovery code."),
    "two_factor_already_enabled": _l("Two-factor sign-in is already on for your account."),
    "two_factor_not_pending": _l("Start the set-up again: the previous one is no longer valid."),
}


def account_message(code: str) -> str:
    """The message shown to the user for an account error code."""
    return str(ACCOUNT_MESSAGES.get(code, ACCOUNT_MESSAGES["invalid_token"]))
