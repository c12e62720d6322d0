"""The course's completion rule in one sentence, provided by the learning feature."""

from __future__ import annotations

from learn.courses.models import Course


def completion_rule(course: Course) -> str | None:
    """The learning feature's sentence for this course, or None if it does not provide one."""
    try:
        from learn.learning.rules import completion_rule_text
    except ImportError:
        return None
    return completion_rule_text(course, course.units)
