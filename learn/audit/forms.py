"""The audit log filter (a GET form: it changes nothing)."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional


class AuditFilterForm(FlaskForm):
    """Filter the audit log by action, actor and dates."""

    class Meta:
        csrf = False

    action = SelectField(lazy_pgettext("audit event", "Action"), choices=[], validate_choice=False)
    actor = StringField(_l("Who"), validators=[Optional(), Length(max=254)])
    date_from = DateField(lazy_pgettext("date range", "From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])
