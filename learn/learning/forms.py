"""Forms of the learner pages: catalogue filters (GET) and marking a unit done (POST)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SearchField, SelectField
from wtforms.validators import Length, Optional

from learn.learning.catalogue import LEVELS

LEVEL_LABELS = {
    "basic": _l("Basic"),
    "intermediate": _l("Intermediate"),
    "advanced": _l("Advanced"),
}
AUDIENCE_LABELS = {
    "official": _l("Officials"),
    "specialist": _l("Digital-transformation specialists"),
    "citizen": _l("Citizens"),
    "business": _l("Businesses"),
}


class CatalogueFilterForm(FlaskForm):
    """Search and filters of the catalogue, sent as a plain GET query."""

    class Meta:
        csrf = False  # a GET search changes nothing

    q = SearchField(_l("Search by title or summary"), validators=[Optional(), Length(max=200)])
    audience = SelectField(_l("Audience"), validators=[Optional()], validate_choice=False)
    level = SelectField(_l("Level"), validators=[Optional()], validate_choice=False)
    area = SelectField(_l("Competence area"), validators=[Optional()], validate_choice=False)

    def set_choices(self, areas: list[tuple[str, str]]) -> None:
        """Fill the select options (the first one means "any"), in the page's language.

        Labels are translated here, once: a lazy label is translated again each time a
        select renders it (twice per option).
        """
        audiences = [("", _l("Any audience")), *AUDIENCE_LABELS.items()]
        levels = [("", _l("Any level"))] + [(lv, LEVEL_LABELS[lv]) for lv in LEVELS]
        self.audience.choices = [(value, str(label)) for value, label in audiences]
        self.level.choices = [(value, str(label)) for value, label in levels]
        self.area.choices = [("", str(_l("Any area"))), *areas]

    def cleaned(self, field: str) -> str:
        """The value of a select if it is one of its choices, else ""."""
        value = getattr(self, field).data or ""
        return value if value in {c[0] for c in getattr(self, field).choices} else ""


class MarkDoneForm(FlaskForm):
    """The "mark as done" button (CSRF token only)."""
