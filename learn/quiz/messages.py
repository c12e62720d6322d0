"""Translated messages for the quiz error codes raised by the services."""

from flask_babel import lazy_gettext as _l

from learn.quiz import errors

QUIZ_MESSAGES = {
    errors.QUIZ_UNAVAILABLE: _l("This quiz is no longer available."),
    errors.NO_QUESTIONS: _l("This quiz has no questions yet. Please try again later."),
    errors.ATTEMPTS_EXHAUSTED: _l("You have used all the attempts allowed for this quiz."),
    errors.ATTEMPT_NOT_FOUND: _l("This attempt could not be found."),
    errors.START_CONFLICT: _l("The quiz could not be started. Please try again."),
}


def quiz_message(code: str) -> str:
    """The message shown to the learner for a quiz error code."""
    return str(QUIZ_MESSAGES.get(code, QUIZ_MESSAGES[errors.START_CONFLICT]))
