"""Forms of the certificate pages: checking a code, searching (admins) and revoking."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SearchField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class VerifyForm(FlaskForm):
    """The public form to check a certificate code (GET)."""

    class Meta:
        csrf = False  # a GET look-up changes nothing

    code = StringField(_l("Certificate code"), validators=[Optional(), Length(max=40)])


class CertificateSearchForm(FlaskForm):
    """Administrators' search by code or learner name (GET)."""

    class Meta:
        csrf = False

    q = SearchField(_l("Code or learner name"), validators=[Optional(), Length(max=200)])


class RevokeForm(FlaskForm):
    """Revoking a certificate needs a reason, kept for the record."""

    reason = TextAreaField(
        _l("Reason for revoking"), validators=[DataRequired(), Length(max=500)]
    )
