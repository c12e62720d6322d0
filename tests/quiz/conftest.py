"""Quiz fixtures: a learner, a clock, and published quizzes built by the factories."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.browser.conftest import (  # noqa: F401  # browser fixtures for test_browser.py
    axe,
    browser,
    live_server,
    page,
)
from tests.quiz import factories

T0 = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)  # 14:00 in Vietnam


@pytest.fixture
def learner(make_user):
    """A signed-up learner."""
    return make_user(email="hoc.vien@example.org")


@pytest.fixture
def quiz_factory(db_session):
    """Publish a quiz: quiz_factory(questions=None, **settings) -> Quiz (committed)."""

    def build(questions=None, **settings):
        return factories.publish_quiz(
            db_session, questions if questions is not None else factories.every_type(),
            **settings,
        )

    return build
