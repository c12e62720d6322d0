"""The filter form of the organisation and people reports (GET, so no CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, SubmitField
from wtforms.fields import SelectChoice
from wtforms.validators import Optional, ValidationError


class ReportFilterForm(FlaskForm):
    """Course, kind of user and the period in which completions must fall."""

    class Meta:
        csrf = False

    unit = HiddenField()
    sort = HiddenField()
    dir = HiddenField()
    course = SelectField(_l("Course"), choices=[], default="")
    kind = SelectField(
        _l("Kind of user"),
        choices=[SelectChoice("", _l("Everyone")), SelectChoice("official", _l("Officials")),
                 SelectChoice("citizen", _l("Citizens"))],
        default="",
    )
    date_from = DateField(_l("Completed from"), validators=[Optional()])
    date_to = DateField(_l("Completed until"), validators=[Optional()])
    submit = SubmitField(_l("Apply"))

    def validate_date_to(self, field) -> None:
        """The end of the period may not come before its start."""
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end of the period is before its start."))
