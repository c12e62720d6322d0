"""The one exception the quiz services raise; views turn its code into a message."""

from __future__ import annotations

QUIZ_UNAVAILABLE = "quiz_unavailable"
NO_QUESTIONS = "no_questions"
ATTEMPTS_EXHAUSTED = "attempts_exhausted"
ATTEMPT_NOT_FOUND = "attempt_not_found"
START_CONFLICT = "start_conflict"


class QuizError(Exception):
    """A quiz action that cannot be done; `code` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
