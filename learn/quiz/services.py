"""The quiz engine's service API (see the modules named for what each part does)."""

from learn.quiz.attempts import (
    Submission,
    latest_open_attempt,
    own_attempt,
    save_answers,
    start_attempt,
    submit_attempt,
)
from learn.quiz.closing import close_expired_attempts, expire_if_overdue
from learn.quiz.errors import QuizError
from learn.quiz.summary import QuizSummary, has_passed_quiz, quiz_summary, unit_quiz_summary
from learn.quiz.timing import GRACE

__all__ = [
    "GRACE",
    "QuizError",
    "QuizSummary",
    "Submission",
    "close_expired_attempts",
    "expire_if_overdue",
    "has_passed_quiz",
    "latest_open_attempt",
    "own_attempt",
    "quiz_summary",
    "save_answers",
    "start_attempt",
    "submit_attempt",
    "unit_quiz_summary",
]
