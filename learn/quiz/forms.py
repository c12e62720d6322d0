"""The quiz's forms: only CSRF protection; the answers are read from the posted fields."""

from flask_wtf import FlaskForm

ACTIONS = ("save", "submit", "submit-anyway")


class StartForm(FlaskForm):
    """The Start / Continue button."""


class AnswersForm(FlaskForm):
    """The attempt form; its buttons post action=save, submit or submit-anyway."""
