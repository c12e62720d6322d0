"""Forms of the administration pages: units, people, imports, assignments."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    HiddenField,
    SearchField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Email, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from learn.auth.models import ROLES
from learn.orgs.choices import options
from learn.orgs.messages import (
    AUDIENCE_LABELS,
    ROLE_LABELS,
    UNIT_KIND_LABELS,
    USER_KIND_LABELS,
)
from learn.orgs.models import ASSIGNMENT_AUDIENCES


class UnitForm(FlaskForm):
    """A new unit: code, name, kind and parent."""

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=50)])
    name = StringField(lazy_pgettext("unit", "Name"), validators=[DataRequired(), Length(max=300)])
    kind = SelectField(_l("Kind of unit"), choices=options(UNIT_KIND_LABELS.items()))
    parent = SelectField(_l("Parent unit"), validate_choice=True)


class UnitEditForm(FlaskForm):
    """Renaming a unit or changing its kind."""

    name = StringField(lazy_pgettext("unit", "Name"), validators=[DataRequired(), Length(max=300)])
    kind = SelectField(_l("Kind of unit"), choices=options(UNIT_KIND_LABELS.items()))


class MoveForm(FlaskForm):
    """Re-parenting a unit."""

    parent = SelectField(_l("New parent unit"), validate_choice=True)


class ActionForm(FlaskForm):
    """A POST button (CSRF token only)."""


class PeopleFilterForm(FlaskForm):
    """Search and filters of the people list, sent as a GET query."""

    class Meta:
        csrf = False  # a GET search changes nothing

    q = SearchField(_l("Name or email"), validators=[Optional(), Length(max=200)])
    unit = SelectField(_l("Unit (with its sub-units)"), validate_choice=False)
    role = SelectField(_l("Role"), validate_choice=False,
                       choices=options([("", _l("Any role")), *ROLE_LABELS.items()]))
    kind = SelectField(lazy_pgettext("person", "Kind"), validate_choice=False,
                       choices=options([("", _l("Any kind")), *USER_KIND_LABELS.items()]))
    active = SelectField(_l("Status"), validate_choice=False,
                         choices=options([("", _l("Any status")), ("yes", _l("Active")),
                                          ("no", _l("Deactivated"))]))

    def cleaned(self, name: str) -> str:
        """The value of a select when it is one of its choices, else ""."""
        field = getattr(self, name)
        value = field.data or ""
        return value if value in {c.value for c in field.choices} else ""


class PersonForm(FlaskForm):
    """A person's organisation-side details (email only when creating)."""

    email = EmailField(_l("Email"), validators=[Optional(), Email(), Length(max=254)])
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(lazy_pgettext("person", "Kind"), choices=options(USER_KIND_LABELS.items()))
    unit = SelectField(_l("Unit"), validate_choice=True)
    position = StringField(_l("Position"), validators=[Optional(), Length(max=200)])
    is_dx_specialist = BooleanField(
        _l("Designated digital-transformation / IT specialist of the unit")
    )


class RolesForm(FlaskForm):
    """Administrators: the roles of a person."""

    roles = SelectMultipleField(
        _l("Roles"),
        choices=options((r, ROLE_LABELS[r]) for r in ROLES if r != "learner"),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )


class ScopeForm(FlaskForm):
    """Administrators: add a unit to a manager's scope."""

    unit = SelectField(_l("Unit"), validate_choice=True)


class ImportUploadForm(FlaskForm):
    """Uploading a users CSV for preview."""

    file = FileField(_l("CSV file"), validators=[FileRequired()])


class ImportApplyForm(FlaskForm):
    """Applying a previewed import (the token of the file kept on the server)."""

    token = HiddenField(validators=[DataRequired(), Length(max=100)])


class AssignmentForm(FlaskForm):
    """Assigning a course to a unit's subtree."""

    course = SelectField(_l("Course"), validate_choice=True)
    unit = SelectField(_l("Unit (with its sub-units)"), validate_choice=True)
    audience = SelectField(
        _l("Who must take it"),
        choices=options((a, AUDIENCE_LABELS[a]) for a in ASSIGNMENT_AUDIENCES),
    )
    due_date = DateField(_l("Due date"), validators=[Optional()])

