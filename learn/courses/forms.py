"""Forms of the preview and publishing pages (CSRF-protected POSTs)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField


class PreviewQuizForm(FlaskForm):
    """Trying a quiz in the preview; the answers are read from the question fields."""

    submit = SubmitField(_l("Check my answers"))


class PublishForm(FlaskForm):
    """Run publishing from the web: a dry run first, or for real."""

    dry_run = SubmitField(_l("Check what would change (dry run)"))
    publish = SubmitField(_l("Publish now"))
