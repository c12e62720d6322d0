"""completion_rule_text: the completion rule as one translated sentence."""

from __future__ import annotations

import pytest

from learn.db import utcnow
from learn.learning.rules import completion_rule_text
from tests.learning.factory import UnitSpec


@pytest.fixture
def english(app):
    """A request in English, for translated text."""
    with app.test_request_context("/?lang=en"):
        yield


def rule(course) -> str:
    """The sentence for a course's units."""
    return completion_rule_text(course, course.units)


def test_units_marked_done(english, courses):
    course = courses.course("c", "C", units=[UnitSpec("a", "A"), UnitSpec("b", "B"),
                                             UnitSpec("x", "X", required=False)])
    assert rule(course) == (
        "Complete all 2 required units; mark each one as done once you have studied it."
    )


def test_single_required_unit(english, courses):
    course = courses.course("c", "C", units=[UnitSpec("a", "A")])
    assert rule(course) == (
        "Complete the required unit and mark it as done once you have studied it."
    )


def test_every_required_unit_has_a_quiz(english, courses):
    course = courses.course("c", "C", units=[UnitSpec("a", "A", quiz=True),
                                             UnitSpec("b", "B", quiz=True)])
    assert rule(course) == "Pass the quizzes of all 2 required units (pass mark 70%)."


def test_mixed_units_like_the_brief(english, courses):
    units = [UnitSpec(f"u{n}", f"U{n}", quiz=n in (3, 7)) for n in range(1, 8)]
    course = courses.course("c", "C", units=units)
    assert rule(course) == (
        "Complete all 7 required units; units with a quiz are completed by passing it "
        "(pass mark 70%), the others by marking them as done."
    )


def test_different_pass_marks(english, courses):
    course = courses.course("c", "C", units=[UnitSpec("a", "A", quiz=True, pass_mark=60),
                                             UnitSpec("b", "B", quiz=True, pass_mark=80)])
    assert rule(course) == (
        "Pass the quizzes of all 2 required units "
        "(pass mark between 60% and 80% depending on the quiz)."
    )


def test_retired_units_and_quizzes_are_left_out(english, courses, db_session):
    course = courses.course("c", "C", units=[UnitSpec("a", "A"), UnitSpec("b", "B", quiz=True),
                                             UnitSpec("c", "C")])
    course.units[2].retired_at = utcnow()
    db_session.commit()
    assert rule(course) == (
        "Complete all 2 required units; units with a quiz are completed by passing it "
        "(pass mark 70%), the others by marking them as done."
    )
    from learn.learning.unit_quizzes import active_quiz

    active_quiz(db_session, course.units[1]).retired_at = utcnow()
    db_session.commit()
    assert rule(course) == (
        "Complete all 2 required units; mark each one as done once you have studied it."
    )


def test_no_required_unit(english, courses):
    course = courses.course("c", "C", units=[UnitSpec("a", "A", required=False)])
    assert rule(course) == (
        "This course has no required units: completing any one of its units completes the "
        "course."
    )


def test_vietnamese(app, courses):
    units = [UnitSpec(f"u{n}", f"U{n}", quiz=n == 7) for n in range(1, 8)]
    course = courses.course("c", "C", units=units)
    with app.test_request_context("/?lang=vi"):
        assert rule(course) == (
            "Hoàn thành cả 7 bài bắt buộc; bài có bài kiểm tra được tính là hoàn thành khi "
            "làm đạt bài kiểm tra (điểm đạt 70\u00a0%), các bài còn lại khi bạn đánh dấu đã hoàn "
            "thành."
        )
