"""The completion rule of a course in one plain, translated sentence (reused by reports)."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy.orm import object_session

from learn.core.i18n import format_percent
from learn.courses.models import Course, Quiz, Unit
from learn.learning.unit_quizzes import active_quizzes


def _quizzes_of(course: Course, units: list[Unit]) -> dict[int, Quiz]:
    session = object_session(course)
    if session is not None:
        return active_quizzes(session, [u.id for u in units])
    return {u.id: u.quiz for u in units if u.quiz is not None and u.quiz.retired_at is None}


def _pass_mark_text(marks: list[int]) -> str:
    low, high = min(marks), max(marks)
    if low == high:
        return _("pass mark %(mark)s", mark=format_percent(low / 100))
    return _(
        "pass mark between %(low)s and %(high)s depending on the quiz",
        low=format_percent(low / 100),
        high=format_percent(high / 100),
    )


def completion_rule_text(course: Course, units: Iterable[Unit]) -> str:
    """How the course is completed, e.g. "Complete all 7 required units; units with a quiz
    are completed by passing it (pass mark 70 %)." Retired units are left out."""
    current = [u for u in units if u.retired_at is None]
    required = [u for u in current if u.required]
    if not required:
        return _("This course has no required units: completing any one of its units "
                 "completes the course.")
    quizzes = _quizzes_of(course, required)
    marks = [quizzes[u.id].pass_mark for u in required if u.id in quizzes]
    # Singular and plural are separate messages (not ngettext): Vietnamese has one form.
    if not marks:
        if len(required) == 1:
            return _("Complete the required unit and mark it as done once you have studied it.")
        return _(
            "Complete all %(num)d required units; mark each one as done once you have "
            "studied it.",
            num=len(required),
        )
    if len(marks) == len(required):
        if len(required) == 1:
            return _("Pass the quiz of the required unit (%(pass_mark)s).",
                     pass_mark=_pass_mark_text(marks))
        return _(
            "Pass the quizzes of all %(num)d required units (%(pass_mark)s).",
            num=len(required),
            pass_mark=_pass_mark_text(marks),
        )
    # Some required units have a quiz and some not, so there are at least two.
    return _(
        "Complete all %(num)d required units; units with a quiz are completed by passing it "
        "(%(pass_mark)s), the others by marking them as done.",
        num=len(required),
        pass_mark=_pass_mark_text(marks),
    )
