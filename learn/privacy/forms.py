"""The account deletion form: a step-up, a choice about certificates and a confirmation."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms.validators import DataRequired

from learn.auth.forms import StepUpForm


class DeleteAccountForm(StepUpForm):
    """Deleting one's own account after re-entering the password (and a code with 2FA)."""

    keep_certificate_names = BooleanField(
        _l("Keep my name on my certificates, so that whoever I showed them to can still "
           "check them.")
    )
    confirm = BooleanField(
        _l("I understand that my account and my personal data will be deleted and that "
           "this cannot be undone."),
        validators=[DataRequired(message=_l("Tick this box to confirm."))],
    )
