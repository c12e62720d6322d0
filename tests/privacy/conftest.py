"""A learner with a record in every feature: progress, completions, an attempt, a certificate."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from learn.certificates.models import Certificate
from learn.courses.models import Course, Question, QuestionVersion, Quiz, Unit
from learn.db import utcnow
from learn.learning.models import CourseCompletion, CourseProgress, UnitCompletion
from learn.orgs.models import OrgMembership, OrgUnit
from learn.quiz.models import AttemptQuestion, QuizAttempt
from tests.auth.conftest import enrol, totp_clock  # noqa: F401  (shared fixtures)


@dataclass
class LearnerRecords:
    """Ids of the records made for one learner."""

    course_id: int
    unit_id: int
    attempt_id: int
    certificate_code: str


def _course(db_session, slug: str) -> tuple[Course, Unit, QuestionVersion, Quiz]:
    course = Course(slug=slug, title=f"Khoá {slug}", summary="", content_hash="c" * 64,
                    certificate=True)
    db_session.add(course)
    db_session.flush()
    unit = Unit(course_id=course.id, slug="01-mo-dau", position=1, title="Mở đầu",
                content_hash="u" * 64)
    db_session.add(unit)
    db_session.flush()
    quiz = Quiz(course_id=course.id, unit_id=unit.id, key="kiem-tra", content_hash="q" * 64)
    question = Question(course_id=course.id, key="cau-1")
    db_session.add_all([quiz, question])
    db_session.flush()
    version = QuestionVersion(question_id=question.id, version=1, type="single",
                              data={"prompt": "?"}, content_hash="v" * 64)
    db_session.add(version)
    db_session.flush()
    return course, unit, version, quiz


@pytest.fixture
def learner_records(db_session):
    """Give a user a record in every table that holds data about learners."""

    def build(user, slug: str = "an-toan", code: str = "ABCD-EFGH-JKMN") -> LearnerRecords:
        course, unit, version, quiz = _course(db_session, slug)
        attempt = QuizAttempt(user_id=user.id, quiz_id=quiz.id, number=1, quiz_version=1,
                              pass_mark=70, status="submitted", submitted_at=utcnow(),
                              score=100.0, passed=True)
        db_session.add(attempt)
        db_session.flush()
        db_session.add_all([
            AttemptQuestion(attempt_id=attempt.id, position=1, question_version_id=version.id,
                            option_order=[1, 0], answer={"choice": 1}, score=1.0, correct=True),
            CourseProgress(user_id=user.id, course_id=course.id, last_unit_id=unit.id),
            UnitCompletion(user_id=user.id, unit_id=unit.id, course_id=course.id,
                           method="quiz", unit_version=1, attempt_id=attempt.id),
            CourseCompletion(user_id=user.id, course_id=course.id, course_version=1),
            Certificate(code=code, user_id=user.id, course_id=course.id,
                        learner_name=user.full_name, course_title=course.title),
        ])
        db_session.commit()
        return LearnerRecords(course.id, unit.id, attempt.id, code)

    return build


@pytest.fixture
def org_member(db_session):
    """Put a user in a new organisational unit."""

    def build(user, code: str = "SO-KHCN") -> OrgUnit:
        unit = OrgUnit(code=code, name="Sở Khoa học và Công nghệ", kind="department")
        db_session.add(unit)
        db_session.flush()
        unit.path = f"/{unit.id}/"
        db_session.add(OrgMembership(user_id=user.id, org_unit_id=unit.id, position="Chuyên viên"))
        db_session.commit()
        return unit

    return build
