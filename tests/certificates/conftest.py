"""Fixtures of the certificate tests: a learner who completed a course with a certificate."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from learn.certificates.models import Certificate
from learn.learning.completion import mark_unit_done
from tests.learning.factory import CourseFactory, UnitSpec


@pytest.fixture
def courses(db_session) -> CourseFactory:
    """Builds published courses in the test database."""
    return CourseFactory(db_session)


@pytest.fixture
def owner(make_user):
    """The learner who earns the certificate."""
    return make_user(email="chu@example.org", name="Phạm Thị Dung")


@pytest.fixture
def certificate(db_session, courses, owner) -> Certificate:
    """A certificate earned by completing a one-unit course."""
    course = courses.course(
        "an-toan-thong-tin", "An toàn thông tin cho cán bộ", certificate=True,
        competences=("4.1", "1.2"), units=[UnitSpec("a", "Bài A")],
    )
    mark_unit_done(db_session, owner.id, course.units[0])
    db_session.commit()
    return db_session.scalar(select(Certificate))
