"""Quiz item analysis on a hand-made set of attempts (see ATTEMPTS in conftest.py)."""

from __future__ import annotations

import pytest

from learn.reports.items import build_item_report


@pytest.fixture
def report(db_session, province):
    return build_item_report(db_session, province.courses["CDS"])


def _item(report, key):
    return next(i for i in report.items if i.question_key == key)


def test_quiz_summary(report):
    # Six graded attempts with answers (an1's second attempt has none; the open one is out).
    assert [(q.key, q.attempts, q.group_size) for q in report.quizzes] == [("cuoi-khoa", 6, 2)]


def test_single_choice_across_versions(report):
    item = _item(report, "q-single")
    assert item.versions == [1, 2]
    assert (item.attempts, item.correct, item.difficulty) == (6, 3, 0.5)
    # Upper group (100, 90): both right; lower group (30, 10): both wrong.
    assert item.discrimination == 1.0
    assert [(o.key, o.text, o.correct, o.chosen) for o in item.options] == [
        ("o1", "Đúng", True, 3), ("o2", "Sai một", False, 2), ("o3", "Sai hai", False, 1),
    ]
    assert item.flags == []


def test_multiple_choice(report):
    item = _item(report, "q-multi")
    assert (item.attempts, item.correct) == (6, 3)
    assert item.discrimination == 0.5  # upper 2/2, lower 1/2
    assert [(o.key, o.chosen) for o in item.options] == [("o1", 5), ("o2", 3), ("o3", 1)]


def test_flags_too_easy_and_not_discriminating(report):
    item = _item(report, "q-tf")
    assert item.difficulty == 1.0
    assert item.discrimination == 0.0
    assert item.flags == ["too_easy", "low_discrimination"]
    assert [(o.key, o.correct, o.chosen) for o in item.options] == [("true", True, 6),
                                                                     ("false", False, 0)]


def test_course_without_attempts(db_session, province):
    empty = build_item_report(db_session, province.courses["SPEC"])
    assert empty.quizzes == [] and empty.items == []
